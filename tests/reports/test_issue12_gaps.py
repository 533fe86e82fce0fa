"""A version sent to both the werkgroep and the raad: each reader is told only of the
publication that reached them, on the overview as on the version's page."""

import re
from datetime import date

import time_machine

from reports import services

from .publication_helpers import at, reports_url, stored_version

RAAD_LINE = "Ter informatie voor de raad"
WERKGROEP_LINE = "Ter consultatie voor de werkgroep"
CLOSES = "16 maart 2027"


def test_each_reader_sees_only_the_publication_that_reached_them(world):
    project = world.project
    version = stored_version(project, marker="Overlast rond het station neemt toe")
    with time_machine.travel(at(2027, 3, 2), tick=False):
        actor = world.users["ambtenaar"]
        services.publish(
            actor=actor,
            version=version,
            audience="werkgroep",
            purpose="consultatie",
            closes_on=date(2027, 3, 16),
        )
        services.publish(actor=actor, version=version, audience="raad", purpose="informatie")
        pages = {
            persona: {
                # The words as read, without the markup between them.
                name: re.sub(r"<[^>]+>", "", world.client(persona).get(url).content.decode())
                for name, url in (
                    ("overview", reports_url(project, "overview")),
                    ("version", reports_url(project, "version", version_uuid=version.uuid)),
                )
            }
            for persona in ("raadslid", "partner", "ambtenaar")
        }
    for name in ("overview", "version"):
        raad, partner, editor = (pages[p][name] for p in ("raadslid", "partner", "ambtenaar"))
        assert RAAD_LINE in raad and WERKGROEP_LINE not in raad, name
        assert WERKGROEP_LINE in partner and RAAD_LINE not in partner, name
        assert RAAD_LINE in editor and WERKGROEP_LINE in editor, name
    overview = pages["raadslid"]["overview"]
    assert CLOSES not in overview and CLOSES in pages["partner"]["overview"]
