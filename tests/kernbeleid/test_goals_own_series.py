"""The gemeente's own registration: series entered or uploaded with their source, goals
measured on them (no interval: no test, and the page says so), and who may change them."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kernbeleid.constants import GoalSource, GoalStatus
from kernbeleid.cycle import own_series, services
from kernbeleid.models import Goal, OwnSeries, OwnSeriesPoint

from .goal_figures import theme_of


def make_series(gemeente, **values) -> OwnSeries:
    defaults = {"name": "Meldingen jeugdoverlast", "source": "MOR-meldingen, team OOV"}
    return OwnSeries.objects.create(gemeente=gemeente, **(defaults | values))


def own_goal(project, series, **values) -> Goal:
    defaults = {
        "source_kind": GoalSource.OWN,
        "own_series": series,
        "baseline_year": 2023,
        "baseline_value": 400.0,
        "target_value": 300.0,
        "target_year": 2027,
        "description": "Minder jeugdoverlast",
    }
    return Goal.objects.create(project=project, theme=theme_of(project), **(defaults | values))


def url(world, name, series=None, project=None, **extra):
    project = project or world.project
    kwargs = {"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid}
    if series is not None:
        kwargs["series_uuid"] = series.uuid
    return reverse(f"kernbeleid:{name}", kwargs=kwargs | extra)


def upload(text: str, name="reeks.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


# --- Entering and uploading --------------------------------------------------------------


def test_entering_a_year_stores_it_and_measures_the_goal(world):
    series = make_series(world.gemeente)
    goal = own_goal(world.project, series)
    client = world.client("ambtenaar")
    client.post(url(world, "own_series_point", series), {"year": "2023", "value": "400"})
    response = client.post(
        url(world, "own_series_point", series), {"year": "2025", "value": "330,5"}
    )
    assert response.status_code == 302
    assert list(series.points.values_list("year", "value")) == [(2023, 400.0), (2025, 330.5)]
    measurement = goal.measurements.get(year=2025)
    # 2025 is half-time (2023 -> 2027): the line stands at 350; 330.5 is ahead of it.
    assert measurement.value == 330.5 and measurement.status == GoalStatus.ON_TRACK
    assert measurement.significant_vs_baseline is None  # no interval: never tested


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("jaar;waarde\n2023;400\n2024;abc\n", "Regel 3, kolom ‘waarde’: ‘abc’ is geen getal"),
        ("jaar;waarde\n2023;400\n2023;380\n", "Regel 3: het jaar 2023 staat twee keer"),
        ("year;value\n2023;400\n", "met ten minste ‘jaar’ en ‘waarde’"),
        ("jaar;waarde;ondergrens\n2023;400;380\n", "geef beide grenzen van het interval"),
        ("jaar;waarde;ondergrens;bovengrens\n2023;400;410;420\n", "ligt niet tussen"),
        ("jaar;waarde\n2023;6.4\n", "decimale komma"),
    ],
)
def test_a_bad_upload_gives_a_dutch_message_and_changes_nothing(world, text, message):
    series = make_series(world.gemeente)
    OwnSeriesPoint.objects.create(series=series, year=2022, value=410.0)
    response = world.client("ambtenaar").post(
        url(world, "own_series_upload", series), {"file": upload(text)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(series.points.values_list("year", "value")) == [(2022, 410.0)]


def test_a_too_big_upload_is_refused_before_it_is_read(world):
    series = make_series(world.gemeente)

    class Huge(io.BytesIO):
        size = own_series.MAX_UPLOAD_BYTES + 1
        name = "groot.csv"

        def read(self, *args):  # pragma: no cover - must not be reached
            raise AssertionError("read before the size check")

    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="te groot"):
        own_series.own_series_upload(
            actor=None, project=world.project, series=series, upload=Huge()
        )
    assert not series.points.exists()


def test_an_upload_stores_every_year_with_its_interval_and_break(world):
    series = make_series(world.gemeente)
    text = (
        "jaar;waarde;ondergrens;bovengrens;telwijze gewijzigd\n"
        "2022;410;390;430;nee\n2023;400;380;420;\n2024;250;;;ja\n"
    )
    response = world.client("ambtenaar").post(
        url(world, "own_series_upload", series), {"file": upload(text)}
    )
    assert response.status_code == 302
    points = list(series.points.values_list("year", "value", "ci_low", "ci_high", "break_before"))
    assert points == [
        (2022, 410.0, 390.0, 430.0, False),
        (2023, 400.0, 380.0, 420.0, False),
        (2024, 250.0, None, None, True),
    ]


def test_an_xlsx_upload_is_read(world):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["jaar", "waarde"])
    sheet.append([2023, 400])
    sheet.append([2024, 371.5])
    data = io.BytesIO()
    book.save(data)
    series = make_series(world.gemeente)
    response = world.client("ambtenaar").post(
        url(world, "own_series_upload", series),
        {"file": SimpleUploadedFile("reeks.xlsx", data.getvalue())},
    )
    assert response.status_code == 302
    assert list(series.points.values_list("year", "value")) == [(2023, 400.0), (2024, 371.5)]


def test_creating_a_series_needs_its_source(world):
    client = world.client("ambtenaar")
    response = client.post(
        url(world, "own_series_list"),
        {"name": "Meldingen", "unit": "count", "direction": "higher_is_worse", "source": ""},
    )
    assert "Noem de bron" in response.content.decode()
    assert not OwnSeries.objects.exists()
    response = client.post(
        url(world, "own_series_list"),
        {
            "name": "Meldingen",
            "unit": "count",
            "direction": "higher_is_worse",
            "source": "MOR",
        },
    )
    assert response.status_code == 302
    assert OwnSeries.objects.get().gemeente == world.gemeente


# --- Access --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["raadslid", "partner"])
def test_a_raadslid_or_partner_cannot_change_a_series(world, persona):
    series = make_series(world.gemeente)
    client = world.client(persona)
    for name, data in [
        ("own_series_point", {"year": "2023", "value": "1"}),
        ("own_series_upload", {"file": upload("jaar;waarde\n2023;1\n")}),
    ]:
        assert client.post(url(world, name, series), data).status_code == 403
    assert client.get(url(world, "own_series_detail", series)).status_code == 403
    assert not series.points.exists()


def test_another_gemeentes_series_is_not_found(world):
    theirs = make_series(world.other, name="Hun meldingen")
    client = world.client("ambtenaar")
    # Through one's own project: the series is not one of this gemeente's.
    assert client.get(url(world, "own_series_detail", theirs)).status_code == 404
    response = client.post(url(world, "own_series_point", theirs), {"year": "2023", "value": "1"})
    assert response.status_code == 404
    # And the other gemeente's own pages are closed to this user.
    other = url(world, "own_series_detail", theirs, project=world.other_project)
    assert client.get(other).status_code == 404
    assert not theirs.points.exists()
    assert "Hun meldingen" not in client.get(url(world, "own_series_list")).content.decode()


# --- On step 12 ----------------------------------------------------------------------


def test_own_series_goal_shows_its_source_break_and_untested_note(world):
    series = make_series(world.gemeente)
    for year, value, brk in [(2022, 410, False), (2023, 400, False), (2024, 390, False)]:
        OwnSeriesPoint.objects.create(series=series, year=year, value=value, break_before=brk)
    OwnSeriesPoint.objects.create(series=series, year=2025, value=250, break_before=True)
    OwnSeriesPoint.objects.create(series=series, year=2026, value=240)
    goal = own_goal(world.project, series)
    services.goals_measure(project=world.project)

    assert goal.measurements.get(year=2025).series_break_before
    page = world.client("ambtenaar").get(url(world, "goals")).content.decode()
    section = page[page.index("Minder jeugdoverlast") :]
    chart = section[section.index("<svg") : section.index("</svg>")]
    assert len(re.findall(r"<polyline[^>]*series-line", chart)) == 2
    assert 'data-series-break="andere telwijze"' in section
    assert "Meldingen jeugdoverlast (eigen registratie)" in section
    assert "Bron: MOR-meldingen, team OOV" in section
    assert "data-untested" in section
    assert "niet getoetst: andere telwijze dan de nulmeting" in section


def test_own_series_with_intervals_is_tested(world):
    series = make_series(world.gemeente)
    OwnSeriesPoint.objects.create(series=series, year=2023, value=400, ci_low=380, ci_high=420)
    OwnSeriesPoint.objects.create(series=series, year=2024, value=460, ci_low=440, ci_high=480)
    goal = own_goal(world.project, series)
    services.goals_measure(project=world.project)
    # se = 40 / 3.92 = 10.2 on each side: z = 60 / 14.4 = 4.2, a significant rise: behind.
    measurement = goal.measurements.get(year=2024)
    assert measurement.significant_vs_baseline is True
    assert measurement.status == GoalStatus.BEHIND


def test_an_xlsx_zip_bomb_is_refused_before_it_is_unpacked(world):
    """A small file that unpacks to a sheet of tens of megabytes: refused, nothing stored."""
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 20_000_000)
    assert data.tell() < own_series.MAX_UPLOAD_BYTES  # it passes the size check
    series = make_series(world.gemeente)
    response = world.client("ambtenaar").post(
        url(world, "own_series_upload", series),
        {"file": SimpleUploadedFile("reeks.xlsx", data.getvalue())},
    )
    assert "pakt uit tot veel meer dan het groot is" in response.content.decode()
    assert not series.points.exists()


def test_a_utf16_csv_is_refused_with_what_to_do(world):
    """Excel's "Unicode text" is UTF-16: the survey reader's message, nothing stored."""
    series = make_series(world.gemeente)
    response = world.client("ambtenaar").post(
        url(world, "own_series_upload", series),
        {"file": SimpleUploadedFile("reeks.csv", "jaar;waarde\n2023;400\n".encode("utf-16"))},
    )
    assert "Dit bestand is als UTF-16 opgeslagen" in response.content.decode()
    assert not series.points.exists()
