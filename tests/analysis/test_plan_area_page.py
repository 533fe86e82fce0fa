"""The plan area of a joint plan (issue 19): each gemeente reads in its own Veiligheidsmonitor,
enters its own inhabitants aged 15 and over, and the plan's page shows the combined figure
(checked by hand), each gemeente's own beside it, or the gemeenten side by side."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis.figures.services import survey_import_now
from analysis.models import ImportRun, Population15Plus, ProjectEdition, SurveyEdition
from projects.constants import ParticipationStatus
from projects.models import ProjectParticipant
from tests.analysis.conftest import MAPPING, csv_upload
from tests.factories import MembershipFactory, ProjectFactory, UserFactory, gemeente

# Diemen's four respondents: two of four (weights 1) feel unsafe at times: 50 %.
DIEMEN = """respnr;wijk;weegfactor;onv_alg;cijfer
1;WK038400;1,0;1;7
2;WK038400;1,0;1;8
3;WK038401;1,0;3;6
4;WK038401;1,0;3;9
"""


@pytest.fixture
def plan(world):
    """Amsterdam leads; Diemen joined. Thresholds low enough for hand-sized files."""
    project = ProjectFactory(gemeente=world.gemeente, min_n=1, warn_n=3, joint=True)
    diemen = gemeente("GM0384")
    ProjectParticipant.objects.create(
        project=project, gemeente=diemen, status=ParticipationStatus.DEELNEMER
    )
    ambtenaar = UserFactory(email="ambtenaar@diemen.nl")
    MembershipFactory(user=ambtenaar, gemeente=diemen)
    return project, diemen, ambtenaar


def _page(project, g):
    return reverse("analysis:plan_area", args=[g.slug, project.uuid])


def _import_both(world, project, diemen, *, diemen_year=2023):
    survey_import_now(
        actor=world.users["ambtenaar"],
        project=project,
        upload=csv_upload(),
        year=2023,
        mapping=MAPPING,
    )
    survey_import_now(
        actor=None,
        project=project,
        upload=SimpleUploadedFile("diemen.csv", DIEMEN.encode()),
        year=diemen_year,
        mapping=MAPPING,
        gemeente=diemen,
    )


def test_the_plan_area_combines_the_gemeenten_by_their_inhabitants(world, plan):
    project, diemen, diemen_ambtenaar = plan
    _import_both(world, project, diemen)
    # Diemen's file is Diemen's edition; the plan's own editions stay the lead's.
    assert SurveyEdition.objects.get(gemeente=diemen).year == 2023
    assert [pe.edition.gemeente for pe in ProjectEdition.objects.filter(project=project)] == [
        world.gemeente
    ]
    lead = world.client("ambtenaar")
    lead.post(_page(project, world.gemeente), {"year": 2023, "count": 700, "source": "CBS"})
    participant = world.client("anonymous")
    participant.force_login(diemen_ambtenaar)
    participant.post(_page(project, diemen), {"year": 2023, "count": 400, "source": "CBS"})
    assert Population15Plus.objects.get(gemeente=diemen).count == 400

    page = lead.get(_page(project, world.gemeente)).content.decode()
    # By hand. Amsterdam (the small test file): valid answers weigh 1+2+1+0,5+1,5 = 6, of
    # which 1+1+0,5 = 2,5 feel unsafe at times: 41,7 %. All six respondents weigh 7, so each
    # weight becomes 700/7 = 100. Diemen: 2 of 4, 50 %; its weights become 400/4 = 100.
    # Together: (100 × 2,5 + 100 × 2) / (100 × 6 + 100 × 4) = 450 / 1000 = 45,0 %.
    row = next(line for line in page.split("<tr>") if "Voelt zich weleens onveilig" in line)
    assert "45,0%" in row
    assert "41,7%" in row and "50,0%" in row
    assert "Amsterdam" in page and "Diemen" in page
    # The page says where the populations come from.
    assert "CBS" in page
    # The participant sees the same plan area under its own URL.
    assert "45,0%" in participant.get(_page(project, diemen)).content.decode()


def test_different_editions_stand_side_by_side_with_the_reason(world, plan):
    project, diemen, _ambtenaar = plan
    _import_both(world, project, diemen, diemen_year=2021)
    page = world.client("ambtenaar").get(_page(project, world.gemeente) + "?editie=2023")
    text = page.content.decode()
    assert "De gemeenten hebben niet dezelfde editie: Amsterdam 2023, Diemen geen editie." in text
    assert "Plangebied</th>" not in text  # no combined column
    row = next(line for line in text.split("<tr>") if "Voelt zich weleens onveilig" in line)
    assert "41,7%" in row


def test_a_participant_uploads_its_own_file_under_its_own_url(world, plan):
    project, diemen, diemen_ambtenaar = plan
    client = world.client("anonymous")
    client.force_login(diemen_ambtenaar)
    url = reverse("analysis:import_new", args=[diemen.slug, project.uuid])
    upload = SimpleUploadedFile("diemen.csv", DIEMEN.encode())
    response = client.post(url, {"kind": "survey", "file": upload, "year": 2023})
    assert response.status_code == 302
    run = ImportRun.objects.get(project=project)
    assert run.gemeente == diemen  # Diemen's figures, not the lead's


def test_a_bad_population_changes_nothing_and_says_why(world, plan):
    project, _diemen, _ambtenaar = plan
    world.gemeente.inhabitants = 900_000
    world.gemeente.save()
    response = world.client("ambtenaar").post(
        _page(project, world.gemeente), {"year": 2023, "count": 2_000_000, "source": "CBS"}
    )
    assert response.status_code == 200
    assert not Population15Plus.objects.exists()
    assert "inwoners" in response.content.decode()


def test_only_a_joint_plan_has_a_plan_area_and_readers_get_none(world, plan):
    project, _diemen, _ambtenaar = plan
    assert world.client("ambtenaar").get(_page(world.project, world.gemeente)).status_code == 404
    assert world.client("raadslid").get(_page(project, world.gemeente)).status_code == 403
    assert world.client("outsider").get(_page(project, world.gemeente)).status_code == 404


def _file(wijk: str, unsafe: int, safe: int) -> SimpleUploadedFile:
    """A respondent file of equal weights: `unsafe` of them feel unsafe at times."""
    rows = ["respnr;wijk;weegfactor;onv_alg;cijfer"]
    for number in range(unsafe + safe):
        answer = 1 if number < unsafe else 3
        rows.append(f"{number + 1};{wijk};1,0;{answer};7")
    return SimpleUploadedFile("vm.csv", ("\n".join(rows) + "\n").encode())


def import_unsafe_at_times(world, project, diemen) -> None:
    """Amsterdam 40 of 200 respondents unsafe at times (20 %), Diemen 120 of 200 (60 %)."""
    for g, upload in (
        (world.gemeente, _file("WK036300", 40, 160)),
        (diemen, _file("WK038400", 120, 80)),
    ):
        survey_import_now(
            actor=None, project=project, upload=upload, year=2023, mapping=MAPPING, gemeente=g
        )


def test_the_drafts_name_the_gemeente_that_stands_out(world, plan):
    from analysis.models import AnalysisTheme, GeneratedDraft
    from analysis.narrative.services import analysis_ensure

    project, diemen, diemen_ambtenaar = plan
    analysis_ensure(project=project)
    import_unsafe_at_times(world, project, diemen)
    world.client("ambtenaar").post(
        _page(project, world.gemeente), {"year": 2023, "count": 1000, "source": "CBS"}
    )
    client = world.client("anonymous")
    client.force_login(diemen_ambtenaar)
    client.post(_page(project, diemen), {"year": 2023, "count": 1000, "source": "CBS"})
    # Amsterdam 20 % (40 of 200), Diemen 60 % (120 of 200): Diemen stands out.
    theme = next(
        theme
        for theme in AnalysisTheme.objects.filter(field__project=project)
        if "voelt_zich_weleens_onveilig" in theme.indicator_codes
    )
    text = " ".join(GeneratedDraft.objects.get(project=project, theme=theme).paragraphs)
    # With two gemeenten the rest of the plan area is the other one, named.
    assert (
        "komt Diemen uit op 60,0%, significant hoger dan in Amsterdam (20,0%), en dat is "
        "ongunstig." in text
    )


def test_a_population_entered_through_the_service_refreshes_the_joint_drafts(world, plan):
    """Not only the plan-area page: wherever the number is entered, the drafts follow."""
    from analysis.figures.services import population_set
    from analysis.models import GeneratedDraft
    from analysis.narrative.services import analysis_ensure

    project, diemen, _ambtenaar = plan
    analysis_ensure(project=project)
    import_unsafe_at_times(world, project, diemen)

    def drafts() -> str:
        return " ".join(
            " ".join(draft.paragraphs) for draft in GeneratedDraft.objects.filter(project=project)
        )

    assert "komt Diemen uit op" not in drafts()  # no populations yet: nothing combined
    for g in (world.gemeente, diemen):
        population_set(actor=None, gemeente=g, year=2023, count=1000, source="CBS")
    assert "komt Diemen uit op 60,0%" in drafts()
