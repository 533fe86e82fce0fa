"""The demo's step-9 raadsvoorstel: drafted, partly written by the ambtenaar, published to
the raad ter informatie (the raad's decision is already in the story), and made once."""

from kernbeleid.products.models import Raadsvoorstel
from projects.demo_raadsvoorstel import demo_raadsvoorstel_load
from reports import services
from reports.constants import Audience, DocumentKind, PublicationPurpose
from reports.models import Publication, ReportVersion
from tests.factories import ProjectFactory


def test_the_demo_voorstel_is_drafted_written_published_and_made_once(world):
    project = ProjectFactory(gemeente=world.gemeente, step=10)  # the raad adopted step 9
    actor = world.users["ambtenaar"]
    concept = services.version_for(actor=actor, project=project, document=DocumentKind.KADERNOTA)
    services.publish(
        actor=actor,
        version=concept,
        audience=Audience.RAAD,
        purpose=PublicationPurpose.BESLUITVORMING,
    )
    assert demo_raadsvoorstel_load(project, actor)[0].endswith("ter informatie bij de raad.")
    voorstel = Raadsvoorstel.objects.get(project=project, occasion="9")
    assert voorstel.onderwerp == "Vaststelling Kadernota integrale veiligheid 2027-2030"
    assert voorstel.college_date is not None and voorstel.college_date.weekday() == 1
    assert voorstel.college_number.startswith("B&W ")
    assert "gelet op artikel 38b Politiewet 2012" in voorstel.draft["ontwerpbesluit"]
    version = ReportVersion.objects.get(project=project, document="raadsvoorstel", part="9")
    publication = Publication.objects.get(version=version)
    assert (publication.audience, publication.purpose) == (
        Audience.RAAD,
        PublicationPurpose.INFORMATIE,
    )
    assert demo_raadsvoorstel_load(project, actor)[0].endswith("niets gewijzigd.")
    assert ReportVersion.objects.filter(project=project, document="raadsvoorstel").count() == 1
