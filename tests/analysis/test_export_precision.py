"""export_indicators --precision full (issue 11, item 10): analysts get the stored values
unrounded; the default export stays rounded, with the same columns."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command

from analysis.figures import services
from analysis.figures.selectors import EXPORT_COLUMNS
from analysis.models import IndicatorResult

from .conftest import MAPPING, csv_upload

# SMALL (conftest), voelt_zich_weleens_onveilig for the whole gemeente, by hand: onv_alg is
# 1 (w 1), 3 (w 2), 1 (w 1), 2 (w 0.5), 3 (w 1.5) and 99 (w 1, missing). Valid weight
# 1 + 2 + 1 + 0.5 + 1.5 = 6; "vaak" or "soms" 1 + 1 + 0.5 = 2.5: 2.5 / 6 = 41.666... %.
SHARE = 100 * 2.5 / 6
# n_eff = (sum w)^2 / sum w^2 = 36 / (1 + 4 + 1 + 0.25 + 2.25) = 36 / 8.5 = 4.2352...
N_EFF = 36 / 8.5


@pytest.fixture
def imported(survey_project):
    services.survey_import_now(
        actor=None, project=survey_project, upload=csv_upload(), year=2023, mapping=MAPPING
    )
    return IndicatorResult.objects.get(
        edition__projects=survey_project,
        indicator__code="voelt_zich_weleens_onveilig",
        area__code="GM0363",
    )


def csv_row(capsysbinary, *extra) -> tuple[list[str], dict]:
    call_command("export_indicators", "--gemeente", "GM0363", *extra)
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    rows = [
        row
        for row in reader
        if row["indicator"] == "voelt_zich_weleens_onveilig" and row["area"] == "GM0363"
    ]
    return reader.fieldnames, rows[0]


def test_full_precision_gives_the_stored_float_and_the_default_the_rounded_one(
    imported, capsysbinary
):
    assert imported.estimate == pytest.approx(SHARE)  # what is stored is right to begin with
    columns, full = csv_row(capsysbinary, "--precision", "full")
    assert columns == EXPORT_COLUMNS
    assert float(full["estimate"]) == imported.estimate  # every digit, read back exactly
    assert float(full["ci_low"]) == imported.ci_low
    assert float(full["n_eff"]) == imported.n_eff == pytest.approx(N_EFF)
    columns, rounded = csv_row(capsysbinary)
    assert columns == EXPORT_COLUMNS
    assert rounded["estimate"] == "41.67"
    assert rounded["n_eff"] == "4.2"
    assert float(rounded["ci_low"]) == round(imported.ci_low, 2)


def test_full_precision_in_xlsx(imported, tmp_path):
    def row(path, *extra):
        call_command(
            "export_indicators", "--gemeente", "GM0363", "--format", "xlsx", "--out", path, *extra
        )
        sheet = openpyxl.load_workbook(path).active
        values = list(sheet.values)
        header = list(values[0])
        found = next(
            dict(zip(header, line, strict=True))
            for line in values[1:]
            if line[0] == "voelt_zich_weleens_onveilig" and line[2] == "GM0363"
        )
        return header, found

    header, full = row(tmp_path / "vol.xlsx", "--precision", "full")
    assert header == EXPORT_COLUMNS
    assert full["estimate"] == imported.estimate
    header, rounded = row(tmp_path / "afgerond.xlsx")
    assert header == EXPORT_COLUMNS
    assert rounded["estimate"] == 41.67
