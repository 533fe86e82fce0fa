"""The besloten bijlage on the pages: editors name its readers on the version page and see
who downloaded it; a form with a mistake comes back with what was typed."""

import re

import pytest

from projects.models import AuditEntry
from reports import services
from reports.besloten_bijlage import ACTION_DOWNLOADED, besloten_bijlage_set
from reports.models import BeslotenBijlage

from .annex_helpers import confidential_version
from .publication_helpers import reports_url, stored_version


@pytest.fixture
def version(world):
    version = confidential_version(world.project)
    services.publish(actor=world.users["ambtenaar"], version=version, audience="raad")
    return version


def _checkbox_labels(html: str) -> list[str]:
    return re.findall(r'<label[^>]*for="id_readers_\d+"[^>]*>\s*(.*?)\s*</label>', html, re.S)


def test_the_editor_names_a_reader_on_the_version_page(world, version):
    client = world.client("ambtenaar")
    page = reports_url(world.project, "version", version_uuid=version.uuid)
    raadslid = world.users["raadslid"]

    shown = client.get(page).content.decode()
    assert "Besloten bijlage (vertrouwelijk)" in shown
    assert "Er is nog geen besloten bijlage." in shown
    labels = _checkbox_labels(shown)
    assert f"{raadslid.full_name} (raadslid)" in labels
    assert not any(world.users["partner"].full_name in label for label in labels)

    response = client.post(
        reports_url(world.project, "annex", version_uuid=version.uuid),
        {"readers": [raadslid.pk], "note": "Besproken in de besloten vergadering."},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == page + "#besloten-bijlage"
    text = response.content.decode()
    assert "is vastgelegd, met 1 lezer." in text
    assert f"<strong>Lezers:</strong> {raadslid.full_name}." in text
    assert "Nog niet gedownload." in text
    bijlage = BeslotenBijlage.objects.get(version=version)
    assert list(bijlage.readers.all()) == [raadslid]
    assert bijlage.note == "Besproken in de besloten vergadering."


def test_a_reader_who_cannot_be_named_is_refused_and_the_note_is_kept(world, version):
    response = world.client("ambtenaar").post(
        reports_url(world.project, "annex", version_uuid=version.uuid),
        {"readers": [world.users["partner"].pk], "note": "Mijn toelichting"},
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "Kies lezers uit de lijst." in text
    assert "Mijn toelichting" in text
    assert not BeslotenBijlage.objects.exists()


def test_the_download_log_shows_who_downloaded_and_when(world, version):
    besloten_bijlage_set(
        actor=world.users["ambtenaar"], version=version, readers=[world.users["raadslid"]]
    )
    bijlage = version.besloten_bijlage
    AuditEntry.objects.create(
        actor=world.users["raadslid"],
        actor_label="Jan Raads (raadslid)",
        gemeente=world.gemeente,
        project=world.project,
        action=ACTION_DOWNLOADED,
        object_id=str(bijlage.uuid),
    )
    client = world.client("ambtenaar")

    panel = client.get(reports_url(world.project, "version", version_uuid=version.uuid))
    page = client.get(reports_url(world.project, "annex", version_uuid=version.uuid))

    assert ": Jan Raads (raadslid)</li>" in panel.content.decode()
    assert "<td>Jan Raads (raadslid)</td>" in page.content.decode()


def test_a_version_without_confidential_parts_has_no_block(world):
    plain = stored_version(world.project, minor=7)
    client = world.client("ambtenaar")

    shown = client.get(reports_url(world.project, "version", version_uuid=plain.uuid))
    page = client.get(reports_url(world.project, "annex", version_uuid=plain.uuid))
    refused = client.post(reports_url(world.project, "annex", version_uuid=plain.uuid), {})

    assert "besloten-bijlage" not in shown.content.decode()
    assert "geen vertrouwelijke onderdelen" in page.content.decode()
    assert refused.status_code == 200 and "geen vertrouwelijke onderdelen" in (
        refused.content.decode()
    )
    assert not BeslotenBijlage.objects.exists()
