"""The import pages: upload, mapping, preview, progress; exports; tables and maps."""

import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis.models import Benchmark, CrimeCount, ImportRun, IndicatorResult, SurveyEdition

from .conftest import MAPPING, SMALL, csv_upload
from .preview_helpers import store_preview


def url(world, name, **kwargs):
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


def upload(client, world, file, year=2023, kind="survey"):
    return client.post(url(world, "import_new"), {"kind": kind, "file": file, "year": year})


def mapping_post(run, **overrides):
    data = {
        "weight": "weegfactor",
        "wijk": "wijk",
        "respondent_id": "respnr",
        "missing_codes": "99",
        "ind__voelt_zich_weleens_onveilig__variable": "onv_alg",
        "ind__voelt_zich_weleens_onveilig__kind": "proportion",
        "ind__voelt_zich_weleens_onveilig__codes": "1, 2",
        "ind__rapportcijfer_veiligheid_buurt__variable": "cijfer",
        "ind__rapportcijfer_veiligheid_buurt__kind": "mean",
        "ind__rapportcijfer_veiligheid_buurt__range": "1-10",
    }
    return data | overrides


def test_upload_map_and_compute_through_the_pages(
    survey_project, world, django_capture_on_commit_callbacks
):
    client = world.client("ambtenaar")
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, world, csv_upload())
    run = ImportRun.objects.get(project=world.project)
    assert response.status_code == 302 and str(run.uuid) in response["Location"]
    run.refresh_from_db()
    assert run.status == "mapping"
    assert {v["name"] for v in run.variables} == {
        "respnr",
        "wijk",
        "weegfactor",
        "onv_alg",
        "cijfer",
    }
    # The suggestion already found the weight, the wijk and the respondent number.
    assert run.mapping["weight"] == "weegfactor" and run.mapping["wijk"] == "wijk"
    page = client.get(response["Location"]).content.decode()
    assert "Koppeling gebruiken en berekenen" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(world, "import_mapping", run_uuid=run.uuid),
            mapping_post(run, template_name="VM standaard"),
        )
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == "preview", run.message
    assert not SurveyEdition.objects.exists()  # nothing stored before the preview is checked
    store_preview(client, world, run)
    assert run.status == "done", run.message
    total = IndicatorResult.objects.get(
        edition__year=2023, area__code="GM0363", indicator__code="voelt_zich_weleens_onveilig"
    )
    assert total.estimate == pytest.approx(250 / 6)
    assert "De import is gelukt" in client.get(response["Location"]).content.decode()
    # The template was saved for the gemeente (the ambtenaar has no bureau).
    assert (
        world.gemeente.mapping_templates.get(name="VM standaard").mapping["weight"] == "weegfactor"
    )


def test_a_bad_mapping_keeps_the_form_and_says_why(
    survey_project, world, django_capture_on_commit_callbacks
):
    client = world.client("ambtenaar")
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, world, csv_upload())
    run = ImportRun.objects.get(project=world.project)
    response = client.post(
        url(world, "import_mapping", run_uuid=run.uuid), mapping_post(run, weight="")
    )
    assert response.status_code == 200
    assert "Kies de kolom met de weegfactor" in response.content.decode()
    assert not SurveyEdition.objects.exists()


def test_a_failing_computation_is_shown_and_changes_nothing(
    survey_project, world, django_capture_on_commit_callbacks
):
    client = world.client("ambtenaar")
    bad = SMALL.replace("2;WK036300;2,0;3;8", "2;WK036300;-2,0;3;8")
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, world, csv_upload(bad))
    run = ImportRun.objects.get(project=world.project)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "import_mapping", run_uuid=run.uuid), mapping_post(run))
    content = client.get(response["Location"]).content.decode()
    assert "De import is niet gelukt" in content and "nul of negatief bij rij 3" in content
    assert not SurveyEdition.objects.exists()


def test_replacing_an_edition_asks_first(survey_project, world, django_capture_on_commit_callbacks):
    from analysis.figures.services import survey_import_now

    survey_import_now(
        actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=MAPPING
    )
    before = list(IndicatorResult.objects.values_list("estimate", flat=True).order_by("pk"))
    client = world.client("adviseur")
    changed = SMALL.replace("1;WK036300;1,0;1;7", "1;WK036300;1,0;3;7")
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, world, csv_upload(changed))
    run = ImportRun.objects.filter(gemeente=world.project.gemeente).latest("created_at")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "import_mapping", run_uuid=run.uuid), mapping_post(run))
    response = client.get(response["Location"])
    page = response.content.decode()
    assert "Editie 2023 is al ingelezen en wordt bij opslaan vervangen" in page
    assert "Opslaan en editie 2023 vervangen" in page
    assert list(IndicatorResult.objects.values_list("estimate", flat=True).order_by("pk")) == before
    store_preview(client, world, run)
    assert run.status == "done"
    assert SurveyEdition.objects.get(year=2023).import_run == run


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "survey", "year": "2023"}, "Dit veld is verplicht"),
        (
            {"kind": "survey", "file": SimpleUploadedFile("a.pdf", b"%PDF")},
            "Van welk jaar is deze Veiligheidsmonitor",
        ),
        (
            {"kind": "survey", "year": "2023", "file": SimpleUploadedFile("a.pdf", b"%PDF")},
            "Kies een SPSS-bestand",
        ),
        ({"kind": "survey", "year": "1999", "file": csv_upload()}, "Kies een jaar tussen 2005"),
        (
            {"kind": "benchmark", "file": SimpleUploadedFile("a.xlsx", b"PK")},
            "Kies een CSV-bestand",
        ),
        (
            {"kind": "survey", "year": "2023", "file": SimpleUploadedFile("a.csv", b"")},
            "Het verstuurde bestand is leeg",
        ),
    ],
)
def test_upload_form_bad_input(survey_project, world, data, message):
    response = world.client("ambtenaar").post(url(world, "import_new"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportRun.objects.exists()


def test_progress_partial_polls_while_busy_and_refreshes_when_done(survey_project, world):
    run = ImportRun.objects.create(
        project=world.project,
        kind="survey",
        original_name="x.csv",
        year=2023,
        status="running",
        progress=40,
        message="Indicator 4 van 10 berekend",
    )
    client = world.client("ambtenaar")
    target = url(world, "import_detail", run_uuid=run.uuid)
    page = client.get(target).content.decode()
    assert 'http-equiv="refresh"' in page and "Indicator 4 van 10" in page
    partial = client.get(target, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and b'hx-trigger="every 1s"' in partial.content
    run.status = "done"
    run.save()
    done = client.get(target, HTTP_HX_REQUEST="true")
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_exports_are_safe_against_formula_injection(survey_project, world):
    from analysis.figures.services import survey_import_now

    mapping = {
        **MAPPING,
        "indicators": {
            **MAPPING["indicators"],
            "eigen_x": {
                "variable": "onv_alg",
                "kind": "proportion",
                "codes": [1],
                "name": '=HYPERLINK("http://evil")',
                "unit": "percent",
                "direction": "neutral",
            },
        },
    }
    survey_import_now(
        actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=mapping
    )
    client = world.client("ambtenaar")
    csv_text = client.get(url(world, "export", fmt="csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and ";=HYPERLINK" not in csv_text
    header = csv_text.splitlines()[0].split(";")
    assert header[:10] == [
        "indicator",
        "indicator_naam",
        "area",
        "area_naam",
        "edition",
        "estimate",
        "ci_low",
        "ci_high",
        "n",
        "n_eff",
    ]
    xlsx = client.get(url(world, "export", fmt="xlsx") + "?indicator=eigen_x")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {'\'=HYPERLINK("http://evil")'}
    assert isinstance(sheet.cell(row=2, column=6).value, float)


def test_suppressed_figures_are_not_exported_or_shown(survey_project, world):
    from analysis.figures.services import survey_import_now

    world.project.min_n, world.project.warn_n = 3, 4
    world.project.save()
    survey_import_now(
        actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=MAPPING
    )
    client = world.client("ambtenaar")
    lines = client.get(url(world, "export", fmt="csv")).content.decode("utf-8-sig").splitlines()
    wijk01 = [line for line in lines if "WK036301" in line and "voelt_zich" in line][0]
    cells = wijk01.split(";")
    assert cells[5:8] == ["", "", ""] and cells[10] == "ja"
    page = client.get(url(world, "indicator", code="voelt_zich_weleens_onveilig")).content
    assert "te weinig waarnemingen" in page.decode()
    assert "25,0%" not in page.decode()  # wijk 01's hidden estimate


def test_benchmark_table_through_the_pages(
    survey_project, world, django_capture_on_commit_callbacks
):
    from analysis.figures.services import survey_import_now

    survey_import_now(
        actor=None, project=world.project, upload=csv_upload(), year=2021, mapping=MAPPING
    )
    client = world.client("ambtenaar")
    table = (
        b"regio_label_cbs;perioden;marges;onveilig\r\n"
        b"Nederland;2021;Waarde;35,0\r\n"
        b"Nederland;2021;Betrouwbaarheidsmarge ondergrens;34,5\r\n"
        b"Nederland;2021;Betrouwbaarheidsmarge bovengrens;35,5\r\n"
        b"Noord-Holland (PV);2021;Waarde;.\r\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, world, SimpleUploadedFile("cbs.csv", table), kind="benchmark")
    run = ImportRun.objects.get(kind="benchmark")
    assert run.status == "mapping" and run.variables == [{"name": "onveilig"}]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(world, "import_mapping", run_uuid=run.uuid),
            {"col_0": "voelt_zich_weleens_onveilig"},
        )
    run.refresh_from_db()
    assert run.status == "done", run.message
    nl = Benchmark.objects.get(region_code="NL00")
    assert (nl.estimate, nl.ci_low, nl.ci_high) == (35.0, 34.5, 35.5)
    assert Benchmark.objects.get(region_code="PV27").suppressed
    # 41.7% in the gemeente against 35.0% (34.5-35.5) nationally: n_eff 4.2 is far too
    # small for that to be significant, and the page must not claim it is.
    theme = client.get(url(world, "theme", theme_code="1.4")).content.decode()
    assert "Nederland" in theme and "geen significant verschil" in theme


def test_police_counts_become_rates_per_1000(
    survey_project, world, django_capture_on_commit_callbacks
):
    table = (
        b"SoortMisdrijf;WijkenEnBuurten;Perioden;GeregistreerdeMisdrijven_1\n"
        b"1.1.1 Diefstal/inbraak woning;WK036300  ;2023JJ00;12\n"
        b"1.1.1 Diefstal/inbraak woning;WK059900;2023JJ00;40\n"
    )
    client = world.client("ambtenaar")
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, world, SimpleUploadedFile("politie.csv", table), kind="crime")
    run = ImportRun.objects.get(kind="crime")
    assert run.status == "done", run.message
    assert "1 regels van andere gebieden overgeslagen." in run.summary["notes"]
    count = CrimeCount.objects.get()
    area = count.area
    client.post(url(world, "inhabitants"), {f"area_{area.pk}": "4000"})
    page = client.get(url(world, "crime")).content.decode()
    assert "3,0" in page or "3.0" in page  # 12 per 4,000 inhabitants = 3.0 per 1,000


def test_wijk_map_upload_and_choropleth(survey_project, world):
    from analysis.figures.services import survey_import_now

    survey_import_now(
        actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=MAPPING
    )

    def square(x):
        return [
            [
                [4.8 + x, 52.3],
                [4.85 + x, 52.3],
                [4.85 + x, 52.35],
                [4.8 + x, 52.35],
                [4.8 + x, 52.3],
            ]
        ]

    geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"wijkcode": "WK036300", "wijknaam": "Burgwallen"},
                "geometry": {"type": "Polygon", "coordinates": square(0)},
            },
            {
                "type": "Feature",
                "properties": {"wijkcode": "WK036301", "wijknaam": "Grachtengordel"},
                "geometry": {"type": "Polygon", "coordinates": square(0.05)},
            },
            {
                "type": "Feature",
                "properties": {"wijkcode": "WK059900", "wijknaam": "Elders"},
                "geometry": {"type": "Polygon", "coordinates": square(0.1)},
            },
        ],
    }
    client = world.client("ambtenaar")
    response = client.post(
        url(world, "wijkmap"),
        {"file": SimpleUploadedFile("wijken.geojson", json.dumps(geojson).encode())},
        follow=True,
    )
    assert "De wijkkaart is opgeslagen" in response.content.decode()
    page = client.get(url(world, "indicator", code="voelt_zich_weleens_onveilig")).content
    text = page.decode()
    assert "Burgwallen: 50,0%" in text and "Grachtengordel: 25,0%" in text
    assert "Elders" not in text  # another gemeente's wijk was left out
    bad = client.post(
        url(world, "wijkmap"),
        {"file": SimpleUploadedFile("wijken.geojson", b"{niet json")},
        follow=True,
    )
    assert "geen geldige GeoJSON" in bad.content.decode()


def test_thresholds_form_rejects_inverted_values(survey_project, world):
    response = world.client("ambtenaar").post(
        url(world, "thresholds"), {"min_n": "100", "warn_n": "50"}, follow=True
    )
    assert "De waarschuwingsgrens ligt niet onder het minimum" in response.content.decode()
    world.project.refresh_from_db()
    assert (world.project.min_n, world.project.warn_n) == (1, 3)


def test_wijk_names_and_own_questions_from_the_mapping_page(
    survey_project, world, django_capture_on_commit_callbacks
):
    client = world.client("ambtenaar")
    named = SMALL.replace("WK036300", "Centrum").replace("WK036301", "Oost")
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, world, csv_upload(named))
    run = ImportRun.objects.get(project=world.project)
    data = mapping_post(run) | {
        "wijk_labels": "Centrum = WK036300\nOost=wk036301",
        "own__0__name": "Voorstander van cameratoezicht",
        "own__0__variable": "onv_alg",
        "own__0__codes": "3",
        "own__0__direction": "neutral",
    }
    bad = client.post(
        url(world, "import_mapping", run_uuid=run.uuid),
        mapping_post(run) | {"wijk_labels": "Centrum WK036300"},
    )
    assert "Schrijf de wijkkoppeling als" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "import_mapping", run_uuid=run.uuid), data)
    store_preview(client, world, run)
    assert run.status == "done", run.message
    own = IndicatorResult.objects.get(
        indicator__code="eigen_voorstander_van_cameratoezicht", area__code="GM0363"
    )
    assert own.estimate == pytest.approx(350 / 6)  # 'nooit' (3): rows 2 and 5
    assert (
        IndicatorResult.objects.get(
            indicator__code="voelt_zich_weleens_onveilig", area__code="WK036301"
        ).area.name
        == "Oost"
    )
