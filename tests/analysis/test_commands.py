"""import_survey and export_indicators: summaries, exit codes, the same Dutch messages."""

import csv
import io

import openpyxl
import pytest
import yaml
from django.core.management import CommandError, call_command

from analysis.models import IndicatorResult, MappingTemplate, SurveyEdition

from .conftest import MAPPING, SMALL


@pytest.fixture
def files(tmp_path):
    data = tmp_path / "vm2023.csv"
    data.write_text(SMALL, encoding="utf-8")
    mapping = tmp_path / "koppeling.yaml"
    mapping.write_text(yaml.safe_dump({k: v for k, v in MAPPING.items() if k != "weight"}))
    return data, mapping


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_survey_prints_a_summary(survey_project, files):
    data, mapping = files
    out = run(
        "import_survey",
        str(data),
        "--gemeente",
        "GM0363",
        "--edition",
        "2023",
        "--weight",
        "weegfactor",
        "--wijk",
        "wijk",
        "--mapping",
        str(mapping),
    )
    assert "Editie 2023 van Amsterdam ingelezen" in out
    assert "6 respondenten, 2 wijken, 2 indicatoren, 6 uitkomsten" in out
    assert IndicatorResult.objects.filter(edition__projects=survey_project).count() == 6


def test_import_survey_with_a_saved_template(survey_project, files, world):
    data, _mapping = files
    MappingTemplate.objects.create(name="VM standaard", gemeente=world.gemeente, mapping=MAPPING)
    run(
        "import_survey",
        str(data),
        "--gemeente",
        "gm0363",
        "--edition",
        "2021",
        "--weight",
        "weegfactor",
        "--mapping",
        "VM standaard",
    )
    assert SurveyEdition.objects.get(projects=survey_project).year == 2021


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--weight", "gewicht"], "De kolom 'gewicht' (weegfactor) staat niet in het bestand"),
        (
            ["--weight", "weegfactor", "--wijk", "respnr"],
            "6 onbekende wijken in kolom 'respnr': '1' (1×, rij 2), '2'",
        ),
        (["--weight", "weegfactor", "--mapping", "bestaat-niet"], "Geen koppelsjabloon"),
    ],
)
def test_import_survey_refuses_in_dutch(survey_project, files, extra, message):
    data, mapping = files
    if "--mapping" not in extra:
        extra = [*extra, "--mapping", str(mapping)]
    with pytest.raises(CommandError) as error:
        run("import_survey", str(data), "--gemeente", "GM0363", "--edition", "2023", *extra)
    assert message in str(error.value)
    assert not SurveyEdition.objects.exists()


def test_import_survey_asks_for_replace(survey_project, files):
    data, mapping = files
    args = [
        "import_survey",
        str(data),
        "--gemeente",
        "GM0363",
        "--edition",
        "2023",
        "--weight",
        "weegfactor",
        "--mapping",
        str(mapping),
    ]
    run(*args)
    with pytest.raises(CommandError, match="--replace"):
        run(*args)
    assert "vervangen" in run(*args, "--replace")


def test_import_survey_unknown_gemeente_and_missing_file(db, files):
    data, mapping = files
    with pytest.raises(CommandError, match="Geen gemeente met CBS-code GM9999"):
        run(
            "import_survey", str(data), "--gemeente", "GM9999", "--edition", "2023", "--weight", "w"
        )
    with pytest.raises(CommandError, match="bestaat niet"):
        run(
            "import_survey",
            "/geen/bestand.sav",
            "--gemeente",
            "GM0363",
            "--edition",
            "2023",
            "--weight",
            "w",
        )


def test_export_indicators_csv_and_xlsx(survey_project, files, tmp_path, capsysbinary):
    data, mapping = files
    run(
        "import_survey",
        str(data),
        "--gemeente",
        "GM0363",
        "--edition",
        "2023",
        "--weight",
        "weegfactor",
        "--mapping",
        str(mapping),
    )
    call_command("export_indicators", "--gemeente", "GM0363", "--format", "csv")
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 6
    required = {
        "indicator",
        "area",
        "edition",
        "estimate",
        "ci_low",
        "ci_high",
        "n",
        "n_eff",
        "suppressed",
        "change_significant",
    }
    assert required <= set(rows[0])
    gemeente = next(
        r for r in rows if r["area"] == "GM0363" and r["indicator"] == "voelt_zich_weleens_onveilig"
    )
    assert float(gemeente["estimate"]) == pytest.approx(41.67, abs=0.005)
    assert gemeente["n"] == "5" and gemeente["suppressed"] == "nee"
    out = tmp_path / "export.xlsx"
    call_command(
        "export_indicators",
        "--gemeente",
        "GM0363",
        "--edition",
        "2023",
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    sheet = openpyxl.load_workbook(out).active
    assert sheet.max_row == 7
    with pytest.raises(CommandError, match="Geen uitkomsten voor editie 2019"):
        call_command("export_indicators", "--gemeente", "GM0363", "--edition", "2019")
