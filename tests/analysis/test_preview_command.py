"""The preview on the command line: --dry-run prints it and stores nothing; a flagged import
exits non-zero and stores nothing; --accept-flagged stores it and logs why."""

import io

import pytest
import yaml
from django.core.management import CommandError, call_command

from analysis.models import ImportRun, IndicatorResult, SurveyEdition
from projects.models import AuditEntry

from .test_preview import FEELING, FLAG_TEXT, MAPPING_2021, survey_csv


@pytest.fixture
def files(survey_project, tmp_path):
    """2021 stored with codes 1 and 2 (35.0 %); a 2023 file and a mapping with code 1 only."""
    data = tmp_path / "vm.csv"
    data.write_text(survey_csv(), encoding="utf-8")
    right = tmp_path / "goed.yaml"
    right.write_text(yaml.safe_dump(MAPPING_2021))
    wrong_mapping = {**MAPPING_2021, "indicators": dict(MAPPING_2021["indicators"])}
    wrong_mapping["indicators"][FEELING] = {
        "variable": "onv_alg",
        "kind": "proportion",
        "codes": [1],
    }
    wrong = tmp_path / "fout.yaml"
    wrong.write_text(yaml.safe_dump(wrong_mapping))
    command("2021", data, right)
    return data, wrong


def command(year: str, data, mapping, *extra) -> str:
    out = io.StringIO()
    call_command(
        "import_survey",
        str(data),
        "--gemeente",
        "GM0363",
        "--edition",
        year,
        "--weight",
        "weegfactor",
        "--mapping",
        str(mapping),
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_dry_run_prints_the_preview_with_its_flags_and_stores_nothing(files):
    data, wrong = files
    runs = ImportRun.objects.count()
    out = command("2023", data, wrong, "--dry-run")
    assert "200 respondenten, 1 wijk, 2 indicatoren." in out
    assert "! Voelt zich weleens onveilig (algemeen)" in out
    assert "vorige editie 2021: 35,0%" in out
    assert f"SIGNAAL: {FLAG_TEXT}" in out
    assert "1 indicator met een signaal." in out
    assert "Proefrun: er is niets opgeslagen" in out
    assert not SurveyEdition.objects.filter(year=2023).exists()
    assert ImportRun.objects.count() == runs  # not even a record of the attempt


def test_a_flagged_import_exits_non_zero_and_stores_nothing(files):
    data, wrong = files
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_survey",
            str(data),
            "--gemeente=GM0363",
            "--edition=2023",
            "--weight=weegfactor",
            f"--mapping={wrong}",
            stdout=out,
        )
    assert "1 indicator heeft een signaal; er is niets opgeslagen" in str(error.value)
    assert "--accept-flagged" in str(error.value)
    assert f"SIGNAAL: {FLAG_TEXT}" in out.getvalue()
    assert not SurveyEdition.objects.filter(year=2023).exists()
    assert IndicatorResult.objects.filter(edition__year=2023).count() == 0
    assert not AuditEntry.objects.filter(action="signaal bevestigd").exists()


def test_accept_flagged_stores_and_logs_the_reason(files):
    data, wrong = files
    out = command("2023", data, wrong, "--accept-flagged")
    assert "Editie 2023 van Amsterdam ingelezen" in out
    total = IndicatorResult.objects.get(
        edition__year=2023, area__code="GM0363", indicator__code=FEELING
    )
    assert total.estimate == pytest.approx(5.0)
    entry = AuditEntry.objects.get(action="signaal bevestigd")
    assert entry.detail["reden"] == "(geaccepteerd via commando)"
    assert entry.detail["signalen"] == [FLAG_TEXT]
    assert entry.actor_label == "systeem"


def test_an_import_without_flags_needs_no_acceptance(files, tmp_path):
    data, _wrong = files
    right = tmp_path / "goed.yaml"
    out = command("2023", data, right)
    assert "Editie 2023 van Amsterdam ingelezen" in out
    assert not AuditEntry.objects.filter(action="signaal bevestigd").exists()
