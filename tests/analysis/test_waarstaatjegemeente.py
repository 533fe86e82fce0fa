"""BBV figures copied from waarstaatjegemeente.nl, for a gemeente without a 47018NED file
(issue 11, item 6): the reader's shapes, its refusals, and an upload that stores everything or
nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis.figures.statline import StatlineError, WsjgRow, read_wsjg_table
from analysis.models import BbvFigure
from projects.models import AuditEntry

NAMES = ("Waadhoeke", "Waadhoeke")


def read(text: str, names=NAMES, code="GM1949"):
    return read_wsjg_table(text.encode("utf-8"), gemeente_code=code, gemeente_names=names)


def refused(text: str, message: str, **kwargs) -> None:
    with pytest.raises(StatlineError) as info:
        read(text, **kwargs)
    assert message in str(info.value), str(info.value)


def test_long_shape_with_dutch_decimals_and_wsjg_names():
    rows, notes = read(
        "Indicator;Periode;Waarde\n"
        "Geweldsmisdrijven;2023;2,7\n"
        "Misdrijven - Winkeldiefstallen;2023;1,8\n"
        "Diefstallen uit woning;2022;1,2\n"
        "Vernielingen en beschadigingen (in de openbare ruimte);2023;4,3\n"
        "Criminaliteitsindex;2023;88\n"
    )
    assert rows == [
        WsjgRow("bbv_geweldsmisdrijven", "Geweldsmisdrijven", 2023, 2.7),
        WsjgRow("bbv_winkeldiefstallen", "Misdrijven - Winkeldiefstallen", 2023, 1.8),
        WsjgRow("bbv_diefstallen_uit_woning", "Diefstallen uit woning", 2022, 1.2),
        WsjgRow(
            "bbv_vernielingen_openbare_ruimte",
            "Vernielingen en beschadigingen (in de openbare ruimte)",
            2023,
            4.3,
        ),
    ]
    assert notes == ["Niet herkend en overgeslagen: Criminaliteitsindex."]


def test_rows_of_other_areas_are_skipped_by_name_or_code():
    rows, notes = read(
        "Gemeente,Indicator,Jaar,Waarde\n"
        'Waadhoeke,Geweldsmisdrijven,2024,"2,7"\n'
        'Nederland,Geweldsmisdrijven,2024,"4,3"\n'
        'GM1949 Waadhoeke,Winkeldiefstallen,2024,"1,8"\n'
    )
    assert [(row.indicator, row.value) for row in rows] == [
        ("bbv_geweldsmisdrijven", 2.7),
        ("bbv_winkeldiefstallen", 1.8),
    ]
    assert "Andere gebieden overgeslagen: Nederland." in notes


def test_years_as_columns_with_an_unpublished_cell():
    rows, notes = read("Onderwerp;2021;2022*;2023\nGeweldsmisdrijven;2,2;.;2,7\n")
    assert [(row.year, row.value) for row in rows] == [(2021, 2.2), (2023, 2.7)]
    assert "1 cellen zonder gepubliceerd cijfer overgeslagen." in notes


def test_areas_as_columns_as_a_begroting_prints_them():
    rows, notes = read(
        "Indicator;Eenheid;Waadhoeke;Nederland;Bron;Periode\n"
        "Geweldsmisdrijven;Aantal per 1.000 inwoners;2,7;4,3;CBS - Criminaliteit;2024\n"
        "Vernieling;Aantal per 1.000 inwoners;4,3;3,7;CBS - Criminaliteit;2024\n"
        "Verwijzingen Halt;Aantal per 10.000 jongeren;131;119;Bureau Halt;2018\n"
    )
    assert [(row.indicator, row.year, row.value) for row in rows] == [
        ("bbv_geweldsmisdrijven", 2024, 2.7),
        ("bbv_vernielingen_openbare_ruimte", 2024, 4.3),
        ("bbv_verwijzingen_halt", 2018, pytest.approx(13.1)),  # 131 per 10,000 = 13.1 per 1,000
    ]
    assert "Cijfers per 10.000 omgerekend naar per 1.000." in notes
    assert "Kolommen genegeerd: Nederland, Bron." in notes


def test_a_file_without_commas_may_use_a_decimal_point_but_not_an_ambiguous_one():
    rows, _ = read("Indicator;Jaar;Waarde\nGeweldsmisdrijven;2023;2.7\n")
    assert rows[0].value == pytest.approx(2.7)
    refused("Indicator;Jaar;Waarde\nGeweldsmisdrijven;2023;1.234\n", "dubbelzinnig")
    # With commas in the file a dot is a thousands separator, as CBS writes.
    refused(
        "Indicator;Jaar;Waarde\nGeweldsmisdrijven;2023;2.7\nWinkeldiefstallen;2023;1,8\n",
        "'2.7' is geen getal",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Periode;Waarde\n2023;2,7\n", "Kolom ontbreekt: de naam van de indicator"),
        ("Indicator;Periode\nGeweldsmisdrijven;2023\n", "Kolom ontbreekt: de waarde"),
        ("Indicator;Waarde\nGeweldsmisdrijven;2,7\n", "Kolom ontbreekt: het jaar"),
        ("Indicator;Periode;Waarde\nGeweldsmisdrijven;2023;2,7a\n", "'2,7a' is geen getal"),
        ("Indicator;Periode;Waarde\nGeweldsmisdrijven;2023;-1\n", "kan niet kloppen"),
        ("Indicator;Periode;Waarde\nGeweldsmisdrijven;2023;2000\n", "kan niet kloppen"),
        ("Indicator;Periode;Waarde\nGeweldsmisdrijven;2023/2024;2,7\n", "is geen jaar"),
        (
            "Indicator;Periode;Waarde\nGeweldsmisdrijven;2023;2,7\nGeweldsmisdrijven;2023;2,8\n",
            "twee keer",
        ),
        ("Indicator;Periode;Waarde\nCriminaliteitsindex;2023;88\n", "geen gepubliceerde BBV"),
        ("Gemeente;Indicator;Periode;Waarde\nNederland;Geweldsmisdrijven;2023;4,3\n", "geen"),
        ("Indicator;Periode;Waarde\nGeweldsmisdrijven;2023;2,7;9\n", "kopregel heeft er 3"),
        ("", "leeg"),
    ],
)
def test_bad_files_are_refused_in_dutch(text, message):
    refused(text, message)


def test_too_big_is_refused_before_parsing():
    with pytest.raises(StatlineError, match="te groot"):
        read_wsjg_table(
            b"Indicator;Periode;Waarde\n" + b"x" * 1_000_000,
            gemeente_code="GM1949",
            gemeente_names=NAMES,
        )


# --- the upload page ------------------------------------------------------------------------


def url(world, name):
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


def post(world, text: str | bytes, persona="ambtenaar"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    file = SimpleUploadedFile("waarstaatjegemeente.csv", data, content_type="text/csv")
    return world.client(persona).post(url(world, "bbv_upload"), {"file": file})


GOOD = "Indicator;Periode;Waarde\nGeweldsmisdrijven;2022;3,1\nGeweldsmisdrijven;2023;2,7\n"


def test_upload_stores_the_figures_and_the_police_page_shows_them(world):
    world.gemeente.inhabitants = 20_000
    world.gemeente.save()
    response = post(world, GOOD)
    assert response.status_code == 302 and response["Location"] == url(world, "crime")
    stored = BbvFigure.objects.filter(gemeente=world.project.gemeente).order_by("year")
    assert [(f.indicator.code, f.year, f.value, f.origin) for f in stored] == [
        ("bbv_geweldsmisdrijven", 2022, 3.1, "wsjg"),
        ("bbv_geweldsmisdrijven", 2023, 2.7, "wsjg"),
    ]
    assert AuditEntry.objects.filter(action__startswith="BBV-cijfers ingelezen").count() == 1
    page = world.client("ambtenaar").get(url(world, "crime")).content.decode()
    assert "Amsterdam (waarstaatjegemeente.nl)" in page
    assert "2,7" in page and "ca. " in page  # reconstructed interval, marked
    # 3.1 and 2.7 per 1,000 of 20,000 are about 62 and 54: within chance.
    assert "geen aantoonbare verandering (ca. 62 → 54" in page


def test_a_year_uploaded_again_is_replaced(world):
    post(world, GOOD)
    post(world, "Indicator;Periode;Waarde\nGeweldsmisdrijven;2023;2,9\n")
    values = dict(BbvFigure.objects.values_list("year", "value"))
    assert values == {2022: 3.1, 2023: 2.9}


@pytest.mark.parametrize(
    "text",
    [
        GOOD + "Winkeldiefstallen;2023;veel\n",  # good rows first, a bad one at the end
        "Indicator;Periode;Waarde\nCriminaliteitsindex;2023;88\n",
        b"\xff\xfe" + "Indicator".encode("utf-16-le"),
        b"Indicator;Periode;Waarde\n" + b"1" * 1_000_001,
    ],
)
def test_a_bad_upload_stores_nothing_and_says_why(world, text):
    response = post(world, text)
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode() or "alert" in response.content.decode()
    assert not BbvFigure.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="BBV-cijfers").exists()


def test_the_error_names_the_line(world):
    response = post(world, GOOD + "Winkeldiefstallen;2023;veel\n")
    assert "Regel 4, kolom &#x27;Waarde&#x27;: &#x27;veel&#x27; is geen getal" in (
        response.content.decode()
    )


def test_only_editors_may_upload(world):
    assert post(world, GOOD, persona="raadslid").status_code == 403
    assert not BbvFigure.objects.exists()


def test_halt_is_per_1000_youths_and_gets_no_interval_from_all_inhabitants(world):
    world.gemeente.inhabitants = 20_000
    world.gemeente.save()
    post(world, "Indicator;Periode;Waarde\nVerwijzingen Halt;2023;9\n")
    from analysis.figures.selectors import bbv_overview

    (halt,) = bbv_overview(world.project)
    assert (halt.code, halt.unit) == ("bbv_verwijzingen_halt", "per 1.000 jongeren (12–17 jaar)")
    (cell,) = halt.rows[0].cells
    # The youths are not the 20,000 inhabitants: no reconstructed count, no interval.
    assert (cell.rate_text, cell.interval_text) == ("9,0", "")
