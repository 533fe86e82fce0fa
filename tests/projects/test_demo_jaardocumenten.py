"""The demo's yearly documents on Almere's traject: the uitvoeringsprogramma adopted on the
traject's collegebesluit and a voortgangsrapportage concept, both before the raad."""

import pytest
from django.core.management import call_command

from kernbeleid.models import Action, CollegeBesluit, Goal, YearTexts
from projects.demo_jaardocumenten import demo_jaardocumenten_load
from projects.demo_traject import demo_user
from projects.models import Project
from reports.constants import Audience, DocumentKind, PublicationPurpose
from reports.models import Publication, ReportVersion


@pytest.mark.django_db
def test_the_demo_adopts_and_publishes_the_years_documents(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", verbosity=0)
    call_command("load_demo_survey", verbosity=0)
    call_command("load_demo_traject", verbosity=0)
    project = Project.objects.get(name="Integraal Veiligheidsplan 2027-2030 Almere")
    actor = demo_user(f"ambtenaar@{project.gemeente.slug}.demo.nl")
    besluit = CollegeBesluit.objects.get(project=project)

    lines = demo_jaardocumenten_load(project, actor)
    assert len(lines) == 4, lines
    assert not Goal.objects.filter(project=project, taakveld="").exists()
    assert not Action.objects.filter(project=project, year=besluit.year, taakveld="").exists()
    assert YearTexts.objects.get(
        project=project, document="voortgang", year=besluit.year
    ).vooruitblik

    final = ReportVersion.objects.get(
        project=project, document=DocumentKind.UITVOERINGSPROGRAMMA, part=str(besluit.year), minor=0
    )
    assert final.college_decision_number == besluit.number
    assert CollegeBesluit.objects.filter(project=project).count() == 1  # matched, not new
    voortgang = ReportVersion.objects.get(project=project, document=DocumentKind.VOORTGANG)
    for version in (final, voortgang):
        assert Publication.objects.filter(
            version=version, audience=Audience.RAAD, purpose=PublicationPurpose.INFORMATIE
        ).exists()

    count = ReportVersion.objects.count(), Publication.objects.count()
    demo_jaardocumenten_load(project, actor)  # again: nothing new
    assert (ReportVersion.objects.count(), Publication.objects.count()) == count
