"""Every bad file gets a Dutch message naming the column or row, and changes nothing."""

import io
import zipfile

import pyreadstat
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from analysis.figures import services
from analysis.models import Area, ImportRun, Indicator, IndicatorResult, SurveyEdition

from .conftest import MAPPING, SMALL, csv_upload, frame_from_csv


def _state():
    return (
        SurveyEdition.objects.count(),
        IndicatorResult.objects.count(),
        Area.objects.count(),
        Indicator.objects.count(),
    )


def refused(project, actor, upload, mapping=MAPPING) -> str:
    before = _state()
    with pytest.raises(ValidationError) as error:
        services.survey_import_now(
            actor=actor, project=project, upload=upload, year=2023, mapping=mapping
        )
    assert _state() == before, "a refused import changed the database"
    return " ".join(error.value.messages)


def _replace_line(old: str, new: str) -> SimpleUploadedFile:
    assert old in SMALL
    return csv_upload(SMALL.replace(old, new))


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (SimpleUploadedFile("vm.csv", b""), "Het bestand is leeg"),
        (SimpleUploadedFile("vm.csv", b"respnr;weegfactor;onv_alg\n"), "geen respondenten"),
        (SimpleUploadedFile("vm.pdf", b"%PDF-1.4"), "Kies een SPSS-bestand (.sav)"),
        (SimpleUploadedFile("vm.sav", SMALL.encode()), "heet .sav maar is geen SPSS-bestand"),
        (SimpleUploadedFile("vm.xlsx", SMALL.encode()), "heet .xlsx maar is geen Excel"),
        (
            SimpleUploadedFile("vm.csv", "respnr;wijk\n1;Súdwest\x81\n".encode("latin-1")),
            "tekencodering van dit bestand is onbekend",
        ),
        (SimpleUploadedFile("vm.csv", SMALL.encode("utf-16")), "UTF-16"),
        (_replace_line("2;WK036300;2,0;3;8", "2;WK036300;0;3;8"), "nul of negatief bij rij 3"),
        (_replace_line("4;WK036301;0,5;2;9", "4;WK036301;-0,5;2;9"), "nul of negatief bij rij 5"),
        (_replace_line("3;WK036300;1,0;1;6", "3;WK036300;;1;6"), "ontbreekt bij rij 4"),
        (_replace_line("3;WK036300;1,0;1;6", "3;WK036300;veel;1;6"), "geen getal bij rij 4"),
        (_replace_line("5;WK036301;", "5;WK999900;"), "Onbekende wijk in kolom 'wijk': 'WK999900'"),
        (_replace_line("5;WK036301;", "5;Centrum;"), "Onbekende wijk in kolom 'wijk': 'Centrum'"),
        (_replace_line("6;WK036301;", "4;WK036301;"), "Respondentnummer 4 in kolom 'respnr'"),
        (
            _replace_line("1;WK036300;1,0;1;7", "1;WK036300;1,0;1;zeven"),
            "heeft tekst: 'zeven' (1×) bij rij 2",
        ),
        (
            csv_upload("respnr;wijk;weegfactor;onv_alg;cijfer\n1;WK036300;1;1\n2;x;1;1;1;1;1\n"),
            "evenveel kolommen",
        ),
        (csv_upload("respnr;wijk;respnr\n1;WK036300;1\n"), "komt meer dan eens voor"),
    ],
    ids=lambda value: value if isinstance(value, str) else getattr(value, "name", ""),
)
def test_bad_files_are_refused_in_dutch(survey_project, world, upload, expected):
    message = refused(survey_project, world.users["ambtenaar"], upload)
    assert expected in message


def test_missing_weight_column(survey_project, world):
    mapping = {**MAPPING, "weight": "gewicht"}
    message = refused(survey_project, world.users["ambtenaar"], csv_upload(), mapping)
    assert "De kolom 'gewicht' (weegfactor) staat niet in het bestand" in message


def test_no_weight_chosen(survey_project, world):
    mapping = {**MAPPING, "weight": ""}
    assert "Kies de kolom met de weegfactor" in refused(
        survey_project, world.users["ambtenaar"], csv_upload(), mapping
    )


def test_truncated_sav(survey_project, world, tmp_path):
    path = tmp_path / "vm.sav"
    pyreadstat.write_sav(frame_from_csv(), str(path))
    data = path.read_bytes()
    upload = SimpleUploadedFile("vm.sav", data[: len(data) // 2])
    assert "beschadigd of onvolledig" in refused(survey_project, world.users["ambtenaar"], upload)


def test_xlsx_decompression_bomb_is_not_opened(survey_project, world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 60_000_000)
    upload = SimpleUploadedFile("vm.xlsx", buffer.getvalue())
    assert len(buffer.getvalue()) < 1_000_000
    assert "pakt uit tot veel meer" in refused(survey_project, world.users["ambtenaar"], upload)


def test_file_over_the_size_limit(survey_project, world, settings):
    settings.SURVEY_MAX_UPLOAD_BYTES = 50
    assert "de grens is" in refused(survey_project, world.users["ambtenaar"], csv_upload())


def test_windows_1252_and_bom_and_comma_files_are_read(survey_project, world):
    text = SMALL.replace("WK036300;1,0;1;7", "WK036300;1,0;1;7")
    bom = "\ufeff" + text
    services.survey_import_now(
        actor=world.users["ambtenaar"],
        project=survey_project,
        year=2021,
        mapping=MAPPING,
        upload=SimpleUploadedFile("vm.csv", bom.encode("utf-8")),
    )
    comma = text.replace(",", ".").replace(";", ",")
    services.survey_import_now(
        actor=world.users["ambtenaar"],
        project=survey_project,
        year=2023,
        mapping=MAPPING,
        upload=SimpleUploadedFile("vm.csv", comma.encode("cp1252")),
    )
    values = [
        IndicatorResult.objects.get(
            edition__year=year, indicator__code="voelt_zich_weleens_onveilig", area__code="GM0363"
        ).estimate
        for year in (2021, 2023)
    ]
    assert values[0] == pytest.approx(values[1]) == pytest.approx(250 / 6)


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        ({**MAPPING, "indicators": {}}, "ten minste één variabele"),
        (
            {
                **MAPPING,
                "indicators": {
                    "voelt_zich_weleens_onveilig": {"variable": "onv_alg", "kind": "median"}
                },
            },
            "kind moet 'proportion'",
        ),
        (
            {
                **MAPPING,
                "indicators": {
                    "voelt_zich_weleens_onveilig": {"variable": "onv_alg", "kind": "proportion"}
                },
            },
            "welke antwoordcodes",
        ),
        (
            {
                **MAPPING,
                "indicators": {
                    "iets_eigens": {"variable": "onv_alg", "kind": "proportion", "codes": [1]}
                },
            },
            "Geef deze eigen vraag een naam",
        ),
        (
            {
                **MAPPING,
                "indicators": {
                    "voelt_zich_weleens_onveilig": {
                        "variable": "bestaat_niet",
                        "kind": "proportion",
                        "codes": [1],
                    }
                },
            },
            "De kolom 'bestaat_niet'",
        ),
        ({**MAPPING, "wijk_labels": {"Centrum": "Centrum"}}, "geen wijkcode"),
    ],
)
def test_bad_mappings_are_refused(survey_project, world, mapping, expected):
    assert expected in refused(survey_project, world.users["ambtenaar"], csv_upload(), mapping)


def test_a_failed_import_keeps_its_run_with_the_message(survey_project, world):
    refused(survey_project, world.users["ambtenaar"], _replace_line("5;WK036301;", "5;WK999900;"))
    run = ImportRun.objects.get(project=survey_project)
    assert run.status == "failed" and "WK999900" in run.message
