"""The demo's besloten bijlage (projects/demo_annex.py): the demo raadslid is named on the
newest version before the raad that has confidential parts; without one, nothing is made."""

from projects.demo import demo_load
from projects.demo_annex import demo_annex_load
from projects.models import AuditEntry, Project
from reports import services
from reports.models import BeslotenBijlage
from tests.factories import gemeente
from tests.reports.annex_helpers import confidential_version
from tests.reports.publication_helpers import stored_version


def test_the_demo_names_the_raadslid_on_the_confidential_version_before_the_raad(db):
    gemeente("GM0034")
    demo_load()
    project = Project.objects.get(name="Integraal Veiligheidsplan 2027-2030 Almere")
    ambtenaar = project.gemeente.memberships.get(user__email="ambtenaar@almere.demo.nl").user
    plain = stored_version(project, minor=1)
    services.publish(actor=ambtenaar, version=plain, audience="raad")
    assert demo_annex_load(project) == []  # nothing confidential yet: nothing to show

    version = confidential_version(project, minor=2)
    services.publish(actor=ambtenaar, version=version, audience="raad")
    done = demo_annex_load(project)

    assert done == [
        "Almere: besloten bijlage bij Veiligheidsanalyse concept 0.2 voor Raadslid Almere."
    ]
    bijlage = BeslotenBijlage.objects.get()
    assert bijlage.version == version
    assert [u.email for u in bijlage.readers.all()] == ["raadslid@almere.demo.nl"]
    assert "art. 25 Gemeentewet" in bijlage.note
    assert demo_annex_load(project) == []  # a second run changes nothing
    assert AuditEntry.objects.filter(action="besloten bijlage vastgelegd").count() == 1
