"""A participant of a joint plan reads its own figures under its own URL (issue 19): its own
edition, its own wijken and the benchmarks it read in (Nederland, its police eenheid), on
the cijfers overview, theme, indicator, wijk and export pages and in the analysis; the
lead's pages keep the lead's figures, and neither reaches the other's import runs."""

import pytest
from django.urls import reverse

from analysis.figures.constants import ImportKind, ImportStatus
from analysis.figures.services.benchmarks import benchmark_import
from analysis.models import BenchmarkTest, ImportRun, IndicatorResult
from projects.scopes import project_scope
from tests.analysis.conftest import csv_upload
from tests.analysis.test_plan_area_page import _import_both, plan  # noqa: F401 (fixture)

THEME = "1.4"  # subjectieve veiligheid: "voelt zich weleens onveilig"
ONVEILIG = "voelt_zich_weleens_onveilig"


def _url(name, project, g, *args):
    return reverse(name, args=[g.slug, project.uuid, *args])


def _diemen_benchmarks(project, diemen):
    """What Diemen read in from StatLine: Nederland and its eenheid, 2023."""
    run = ImportRun.objects.create(
        project=project,
        gemeente=diemen,
        kind=ImportKind.BENCHMARK,
        original_name="cbs.csv",
        mapping={"columns": {"onveilig": ONVEILIG}},
        status=ImportStatus.RUNNING,
    )
    with project_scope(project):
        benchmark_import(
            run=run,
            data=(
                b"regio;perioden;marges;onveilig\n"
                b"Nederland;2023;Waarde;35,0\n"
                b"Nederland;2023;Ondergrens;34,0\n"
                b"Nederland;2023;Bovengrens;36,0\n"
                b"Politie Eenheid Amsterdam;2023;Waarde;38,5\n"
            ),
        )


@pytest.fixture
def both(world, plan):  # noqa: F811
    project, diemen, diemen_ambtenaar = plan
    _import_both(world, project, diemen)
    _diemen_benchmarks(project, diemen)
    participant = world.client("anonymous")
    participant.force_login(diemen_ambtenaar)
    return project, diemen, participant


def test_the_theme_page_shows_the_participants_own_figure_and_benchmarks(world, both):
    project, diemen, participant = both
    page = participant.get(_url("analysis:theme", project, diemen, THEME)).content.decode()
    # By hand: Diemen's four respondents weigh 1 each; two feel unsafe at times: 2/4 = 50,0 %.
    assert "50,0" in page
    # Amsterdam's 2,5 of 6 = 41,7 % is the lead's figure, not Diemen's.
    assert "41,7" not in page
    assert "Nederland" in page and "35,0" in page
    assert "38,5" in page  # Diemen's eenheid, as Diemen read it in

    lead = world.client("ambtenaar").get(_url("analysis:theme", project, world.gemeente, THEME))
    assert "41,7" in lead.content.decode()
    assert "50,0" not in lead.content.decode()


def test_the_participants_results_are_tested_against_its_own_benchmarks(world, both):
    project, diemen, _participant = both
    result = IndicatorResult.objects.get(
        edition__gemeente=diemen, area__code=diemen.cbs_code, indicator__code=ONVEILIG
    )
    assert result.estimate == pytest.approx(50.0)
    tested = {test.benchmark.region_code for test in BenchmarkTest.objects.filter(result=result)}
    assert "NL00" in tested
    # The lead's results are not tested against what Diemen read in.
    assert not BenchmarkTest.objects.filter(
        result__edition__gemeente=world.gemeente, benchmark__gemeente=diemen
    ).exists()


def test_the_indicator_page_lists_the_participants_own_wijken(world, both):
    project, diemen, participant = both
    page = participant.get(_url("analysis:indicator", project, diemen, ONVEILIG)).content.decode()
    assert "WK038400" in page and "WK038401" in page
    assert "WK036300" not in page
    lead = world.client("ambtenaar").get(
        _url("analysis:indicator", project, world.gemeente, ONVEILIG)
    )
    assert "WK038400" not in lead.content.decode()


def test_the_wijkprofiel_is_of_the_participants_own_wijk(world, both):
    project, diemen, participant = both
    own = participant.get(_url("analysis:va_wijk", project, diemen, "WK038400"))
    assert own.status_code == 200
    # WK038400: respondents 1 and 2, both unsafe at times: 100,0 %.
    assert "100,0" in own.content.decode()
    assert participant.get(_url("analysis:va_wijk", project, diemen, "WK036300")).status_code == 404
    lead_url = _url("analysis:va_wijk", project, world.gemeente, "WK038400")
    assert world.client("ambtenaar").get(lead_url).status_code == 404


def test_the_export_holds_only_the_participants_own_rows(world, both):
    project, diemen, participant = both
    text = participant.get(_url("analysis:export", project, diemen, "csv")).content.decode()
    assert "GM0384" in text and "WK038401" in text
    assert "WK036300" not in text and "GM0363" not in text


def test_the_overview_shows_the_participants_own_edition(world, both):
    project, diemen, participant = both
    page = participant.get(_url("analysis:overview", project, diemen)).content.decode()
    assert "Dit zijn de cijfers van Diemen zelf" in page
    assert "Edities voor dit project kiezen" not in page
    assert participant.get(_url("analysis:editions_choose", project, diemen)).status_code == 403


def test_a_participants_import_opens_under_its_own_url_and_not_the_leads(world, plan):  # noqa: F811
    project, diemen, diemen_ambtenaar = plan
    participant = world.client("anonymous")
    participant.force_login(diemen_ambtenaar)
    response = participant.post(
        _url("analysis:import_new", project, diemen),
        {"kind": "survey", "file": csv_upload(name="diemen.csv"), "year": 2023},
    )
    assert response.status_code == 302
    run = ImportRun.objects.get(project=project, original_name="diemen.csv")
    assert run.gemeente == diemen
    assert participant.get(response["Location"]).status_code == 200
    detail = _url("analysis:import_detail", project, world.gemeente, run.uuid)
    assert world.client("ambtenaar").get(detail).status_code == 404
