"""The preview before anything is stored: a proportion mapped with the wrong answer codes is
flagged, nothing is stored until each flag is confirmed with a reason (kept in the audit log),
going back to the mapping keeps it, and storing checks the flags again."""

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase

from analysis.figures import services
from analysis.models import Benchmark, ImportRun, IndicatorResult, SurveyEdition
from projects.models import AuditEntry

from .conftest import MAPPING, csv_upload
from .preview_helpers import store_preview
from .test_pages import mapping_post, upload, url


def survey_csv(rows: int = 200, sometimes: int = 60, often: int = 10) -> str:
    """`rows` respondents of weight 1 in one wijk: onv_alg 1 ('vaak') for the first `often`,
    2 ('soms') for the next `sometimes`, 3 ('nooit') for the rest; cijfer 7 and 8 in turn."""
    lines = ["respnr;wijk;weegfactor;onv_alg;cijfer"]
    for number in range(1, rows + 1):
        answer = 1 if number <= often else 2 if number <= often + sometimes else 3
        lines.append(f"{number};WK036300;1,0;{answer};{7 + number % 2}")
    return "\n".join(lines) + "\n"


MAPPING_2021 = MAPPING  # the 2021 file is mapped with codes 1 and 2, as it should be
FEELING = "voelt_zich_weleens_onveilig"
# 2021 with codes 1 and 2: (10 + 60) / 200 = 35.0 %. 2023 mapped with code 1 only: 10 / 200
# = 5.0 %, a fall of 30.0 points, over the default 10. The margin rule stays quiet: se 2021
# √(.35 × .65 / 200) = 3.3727 points, se 2023 √(.05 × .95 / 200) = 1.5411; the change's
# margin is 1.959964 × √(3.3727² + 1.5411²) = 7.2676, and 5 × 7.2676 = 36.3 > 30.
FLAG_TEXT = (
    "Daling van 30,0 procentpunt ten opzichte van 2021 (35,0% → 5,0%): meer dan 10,0 procentpunt."
)


@pytest.fixture
def wrong_codes_run(survey_project, world, django_capture_on_commit_callbacks):
    """2021 stored with the right codes; 2023 uploaded and mapped with code 1 only."""
    services.survey_import_now(
        actor=None,
        project=survey_project,
        upload=csv_upload(survey_csv()),
        year=2021,
        mapping=MAPPING_2021,
    )
    client = world.client("ambtenaar")
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, world, csv_upload(survey_csv()), year=2023)
    run = ImportRun.objects.get(project=survey_project, year=2023)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(world, "import_mapping", run_uuid=run.uuid),
            mapping_post(run, **{f"ind__{FEELING}__codes": "1"}),
        )
    run.refresh_from_db()
    return run


def row_of(run, code=FEELING) -> dict:
    return next(row for row in run.preview["rows"] if row["code"] == code)


def stored_2023() -> bool:
    return SurveyEdition.objects.filter(year=2023).exists()


def test_a_proportion_with_the_wrong_codes_is_flagged_and_nothing_stored(wrong_codes_run, world):
    run = wrong_codes_run
    assert run.status == "preview"
    row = row_of(run)
    assert row["estimate"] == pytest.approx(5.0)
    assert row["previous"]["value"] == pytest.approx(35.0)
    assert [flag["text"] for flag in row["flags"]] == [FLAG_TEXT]
    assert row_of(run, "rapportcijfer_veiligheid_buurt")["flags"] == []
    assert not stored_2023()
    assert IndicatorResult.objects.filter(edition__year=2023).count() == 0
    page = world.client("ambtenaar").get(url(world, "import_detail", run_uuid=run.uuid))
    html = page.content.decode()
    assert "Controleren voor opslaan" in html and "Er is nog niets opgeslagen" in html
    assert "Voelt zich weleens onveilig (algemeen)" in html  # by name ...
    assert f'<th scope="row" class="fw-normal">{FEELING}' not in html  # ... never by code
    assert FLAG_TEXT in html
    # 5.0 % ± half its Wilson interval on n_eff 200; the previous edition beside it.
    assert "5,0% ± " in html and "2021: 35,0%" in html
    assert "1 van de 1 indicatoren met een signaal is nog niet bevestigd" in html


def test_storing_is_refused_until_the_flag_is_confirmed(wrong_codes_run, world):
    client = world.client("ambtenaar")
    target = url(world, "import_store", run_uuid=wrong_codes_run.uuid)
    response = client.post(target, follow=True)
    assert "Bevestig eerst elk signaal met een reden" in response.content.decode()
    assert "Nog open: Voelt zich weleens onveilig (algemeen)." in response.content.decode()
    wrong_codes_run.refresh_from_db()
    assert wrong_codes_run.status == "preview" and not stored_2023()


def test_confirming_without_a_reason_is_refused_in_dutch(wrong_codes_run, world):
    client = world.client("ambtenaar")
    response = client.post(
        url(world, "import_flag", run_uuid=wrong_codes_run.uuid),
        {"indicator": FEELING, "reason": "   "},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geef een reden waarom dit cijfer klopt; die komt in het logboek." in html
    assert 'aria-describedby="reden-voelt_zich_weleens_onveilig-fout"' in html
    wrong_codes_run.refresh_from_db()
    assert wrong_codes_run.preview["confirmed"] == {}
    assert not AuditEntry.objects.filter(action="signaal bevestigd").exists()
    with pytest.raises(ValidationError, match="Geef een reden"):
        services.preview_flag_confirm(
            actor=world.users["ambtenaar"], run=wrong_codes_run, code=FEELING, reason=""
        )


def test_a_confirmed_flag_goes_to_the_audit_log_and_then_the_edition_is_stored(
    wrong_codes_run, world
):
    client = world.client("ambtenaar")
    reason = "Nieuwe vraagstelling: alleen 'vaak' telt dit jaar mee."
    store_preview(client, world, wrong_codes_run, reasons={FEELING: reason})
    assert wrong_codes_run.status == "done", wrong_codes_run.message
    entry = AuditEntry.objects.get(action="signaal bevestigd")
    assert entry.actor == world.users["ambtenaar"]
    assert entry.detail["reden"] == reason
    assert entry.detail["indicator"] == "Voelt zich weleens onveilig (algemeen)"
    assert entry.detail["signalen"] == [FLAG_TEXT]
    stored = AuditEntry.objects.get(action="editie ingelezen", detail__editie=2023)
    assert stored.detail["bevestigde signalen"] == {
        "Voelt zich weleens onveilig (algemeen)": reason
    }
    total = IndicatorResult.objects.get(
        edition__year=2023, area__code="GM0363", indicator__code=FEELING
    )
    assert total.estimate == pytest.approx(5.0)
    assert wrong_codes_run.summary["confirmed"] == 1


def test_back_to_the_mapping_keeps_it_and_the_right_codes_store_without_flags(
    wrong_codes_run, world, django_capture_on_commit_callbacks
):
    client = world.client("ambtenaar")
    client.post(url(world, "import_back", run_uuid=wrong_codes_run.uuid))
    wrong_codes_run.refresh_from_db()
    assert wrong_codes_run.status == "mapping" and wrong_codes_run.preview == {}
    assert wrong_codes_run.mapping["indicators"][FEELING]["codes"] == [1.0]  # kept
    assert AuditEntry.objects.filter(action="koppeling heropend").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(world, "import_mapping", run_uuid=wrong_codes_run.uuid),
            mapping_post(wrong_codes_run, **{f"ind__{FEELING}__codes": "1, 2"}),
        )
    store_preview(client, world, wrong_codes_run)  # no flags left to confirm
    total = IndicatorResult.objects.get(
        edition__year=2023, area__code="GM0363", indicator__code=FEELING
    )
    assert total.estimate == pytest.approx(35.0)


def test_a_flag_that_appears_before_storing_is_asked_again(wrong_codes_run, world):
    """Confirmed, then the national figure arrives: storing computes again, finds the new flag
    unconfirmed and goes back to the preview without storing."""
    client = world.client("ambtenaar")
    client.post(
        url(world, "import_flag", run_uuid=wrong_codes_run.uuid),
        {"indicator": FEELING, "reason": "klopt"},
    )
    benchmark_run = ImportRun.objects.create(
        project=world.project, kind="benchmark", original_name="nl.csv", status="done"
    )
    Benchmark.objects.create(
        gemeente=world.project.gemeente,
        indicator=IndicatorResult.objects.filter(indicator__code=FEELING).first().indicator,
        region_code="NL00",
        region_name="Nederland",
        region_kind="nl",
        year=2023,
        estimate=35.0,
        ci_low=34.5,
        ci_high=35.5,
        import_run=benchmark_run,
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url(world, "import_store", run_uuid=wrong_codes_run.uuid))
    wrong_codes_run.refresh_from_db()
    assert wrong_codes_run.status == "preview"
    assert "Bij het opnieuw berekenen kwam er een signaal bij" in wrong_codes_run.message
    assert not stored_2023()
    row = row_of(wrong_codes_run)
    # 5.0 % against 34.5-35.5 %: 29.5 points below, far more than 3 × its own margin.
    assert [flag["rule"] for flag in row["flags"]] == ["verandering", "landelijk"]
    assert (
        "ligt 29,5 procentpunt onder het landelijke cijfer (Nederland 2023: 34,5% – 35,5%)"
        in (row["flags"][1]["text"])
    )
    assert row["benchmark"]["label"] == "Nederland 2023"


def test_the_change_limits_are_set_per_project(survey_project, world):
    client = world.client("ambtenaar")
    response = client.post(
        url(world, "thresholds"),
        {"min_n": "1", "warn_n": "3", "flag_change_points": "40", "flag_change_margins": "50"},
        follow=True,
    )
    assert "De drempels zijn aangepast" in response.content.decode()
    survey_project.refresh_from_db()
    assert (survey_project.flag_change_points, survey_project.flag_change_margins) == (40, 50)
    # A 30-point fall is under 40 points and under 50 × 7.27: no flag for this project.
    services.survey_import_now(
        actor=None,
        project=survey_project,
        upload=csv_upload(survey_csv()),
        year=2021,
        mapping=MAPPING_2021,
    )
    wrong = {**MAPPING_2021, "indicators": dict(MAPPING_2021["indicators"])}
    wrong["indicators"][FEELING] = {"variable": "onv_alg", "kind": "proportion", "codes": [1]}
    run = services.survey_import_now(
        actor=None,
        project=survey_project,
        upload=csv_upload(survey_csv()),
        year=2023,
        mapping=wrong,
    )
    assert run.status == "done" and row_of(run)["flags"] == []
    overview = client.get(url(world, "overview")).content.decode()
    assert "Signaal bij een verandering groter dan (procentpunt)" in overview


def test_a_bad_change_limit_is_refused(survey_project, world):
    response = world.client("ambtenaar").post(
        url(world, "thresholds"),
        {"min_n": "1", "warn_n": "3", "flag_change_points": "0", "flag_change_margins": "5"},
        follow=True,
    )
    assert "Kies ten minste 0,1 procentpunt." in response.content.decode()
    survey_project.refresh_from_db()
    assert survey_project.flag_change_points == 10


def test_only_an_editor_confirms_and_a_get_changes_nothing(wrong_codes_run, world):
    target = url(world, "import_flag", run_uuid=wrong_codes_run.uuid)
    data = {"indicator": FEELING, "reason": "klopt"}
    assert world.client("raadslid").post(target, data).status_code == 403
    assert world.client("ambtenaar").get(target).status_code == 405
    wrong_codes_run.refresh_from_db()
    assert wrong_codes_run.preview["confirmed"] == {}


def test_an_indicator_without_a_flag_has_nothing_to_confirm(wrong_codes_run, world):
    response = world.client("ambtenaar").post(
        url(world, "import_flag", run_uuid=wrong_codes_run.uuid),
        {"indicator": "rapportcijfer_veiligheid_buurt", "reason": "klopt"},
    )
    assert "Deze indicator heeft geen signaal om te bevestigen." in response.content.decode()


def test_the_demo_loader_still_fills_a_project(world, tmp_path):
    from analysis.figures.demo import demo_survey_load

    demo_survey_load(world.project, out_dir=tmp_path)
    assert sorted(world.project.editions.values_list("year", flat=True)) == [2019, 2021, 2023]
    assert set(ImportRun.objects.filter(kind="survey").values_list("status", flat=True)) == {"done"}
    assert IndicatorResult.objects.filter(edition__projects=world.project).count() > 100
