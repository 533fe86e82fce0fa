"""Herindeling (issue 15, part 4) through the pages: a changed wijk code breaks the series
visibly; the notice after an import; linking and unlinking on "Wijkindeling koppelen"."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from analysis.figures.services import crime_import
from analysis.figures.services.area_links import area_links_create
from analysis.models import AreaLink, ImportRun
from projects.models import AuditEntry
from tests.analysis.herindeling_helpers import split_centrum
from tests.analysis.test_herindeling_services import POLICE

pytestmark = pytest.mark.django_db

NS = "{http://www.w3.org/2000/svg}"
INDICATOR = "voelt_zich_weleens_onveilig"
EXPLAINED = "Wijkindeling gewijzigd in 2025: Centrum (WK036301) is nu Centrum-Noord en Centrum-Zuid"


def url(world, name, **extra):
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    return reverse(f"analysis:{name}", kwargs=kwargs | extra)


def split(project):
    areas = split_centrum(project)
    area_links_create(
        actor=None,
        project=project,
        kind=AreaLink.Kind.SPLIT,
        old_codes=["WK036301"],
        new_codes=["WK036311", "WK036312"],
    )
    return areas


def panel(page: str) -> str:
    """The section of the page about the indicator."""
    start = page.index(f'aria-labelledby="ind-{INDICATOR}"')
    return page[start : page.index("</section>", start)]


def chart(section: str) -> ET.Element:
    svg = re.search(r"<svg.*?</svg>", section, re.S).group(0)
    return ET.fromstring(svg)


def groups(root: ET.Element, css: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{NS}g") if css in (g.get("class") or "").split()]


def test_a_changed_wijk_code_breaks_the_series_visibly(survey_project, world):
    split(survey_project)
    client = world.client("ambtenaar")
    page = client.get(url(world, "theme", theme_code="1.4") + "?gebied=WK036311").content.decode()
    section = panel(page)
    root = chart(section)

    # Centrum-Noord's own line has one point (2025): no line joins it to Centrum's.
    own = groups(root, "series")[0]
    assert own.findall(f"{NS}polyline") == []
    assert len(own.findall(f"{NS}circle")) == 1
    # Centrum's 2021 and 2023 are a separate, labelled segment.
    [other] = groups(root, "other-area")
    [line] = other.findall(f"{NS}polyline")
    assert len(line.get("points").split()) == 2
    tips = [t.text for t in other.iter(f"{NS}title")]
    assert tips[0].startswith("Centrum (WK036301), oude indeling, 2021: 75")
    legend = [t.text for t in groups(root, "legend")[0].iter(f"{NS}text")]
    assert "Centrum (WK036301), oude indeling" in legend
    assert "herindeling (andere wijkgrenzen)" in legend
    # The break mark stands between 2023 and 2025.
    [mark] = groups(root, "herindeling")
    assert [t.text for t in mark.iter(f"{NS}text")] == ["herindeling"]
    ticks = {t.text: float(t.get("x")) for t in groups(root, "x-axis")[0].iter(f"{NS}text")}
    assert ticks["2023"] < float(mark.find(f"{NS}line").get("x1")) < ticks["2025"]
    assert "herindeling vóór 2025" in root.find(f"{NS}desc").text
    # The text explains, and the table keeps the old wijk's figures apart, never compared.
    assert EXPLAINED in section
    assert "niet vergeleken (herindeling)" in section
    assert "Centrum (WK036301), oude indeling: ander gebied, apart getoond" in section


def test_the_old_wijk_shows_its_successors_apart(survey_project, world):
    split(survey_project)
    client = world.client("ambtenaar")
    page = client.get(url(world, "theme", theme_code="1.4") + "?gebied=WK036301").content.decode()
    section = panel(page)
    root = chart(section)
    own = groups(root, "series")[0]
    assert len(own.findall(f"{NS}polyline")) == 1  # 2021 to 2023, its own code
    assert len(groups(root, "other-area")) == 2  # Centrum-Noord and Centrum-Zuid, 2025
    assert len(groups(root, "herindeling")) == 1
    assert EXPLAINED in section


def test_without_a_link_nothing_is_drawn_across(survey_project, world):
    split_centrum(survey_project)
    client = world.client("ambtenaar")
    page = client.get(url(world, "theme", theme_code="1.4") + "?gebied=WK036311").content.decode()
    root = chart(panel(page))
    assert groups(root, "other-area") == [] and groups(root, "herindeling") == []


def test_the_notice_after_an_import_and_on_the_overview(survey_project, world):
    split_centrum(survey_project)
    client = world.client("ambtenaar")
    run = ImportRun.objects.filter(year=2025).get()
    link = url(world, "area_links")
    for page in (
        client.get(url(world, "overview")).content.decode(),
        client.get(url(world, "import_detail", run_uuid=run.uuid)).content.decode(),
    ):
        assert "De wijkindeling is gewijzigd: er zijn wijkcodes bijgekomen (WK036311" in page
        assert "koppel de oude wijken aan de nieuwe" in page
        assert f'href="{link}"' in page

    split_links = {"kind": "gesplitst", "old": ["WK036301"], "new": ["WK036311", "WK036312"]}
    assert client.post(link, split_links).status_code == 302
    assert "De wijkindeling is gewijzigd" not in client.get(url(world, "overview")).content.decode()


def test_linking_and_unlinking_through_the_page(survey_project, world):
    split_centrum(survey_project)
    client = world.client("adviseur")
    link = url(world, "area_links")
    page = client.get(link).content.decode()
    assert "Wijkindeling koppelen" in page
    assert "Oude wijken zonder opvolger" in page and "WK036301" in page
    assert "<td>2025</td>" in page  # the indeling year of a new wijk

    wrong = client.post(link, {"kind": "gesplitst", "old": ["WK036301"], "new": ["WK036311"]})
    assert wrong.status_code == 200
    assert "Bij een splitsing hoort één oude wijk en ten minste twee nieuwe wijken." in (
        wrong.content.decode()
    )
    assert not AreaLink.objects.exists()

    done = client.post(
        link, {"kind": "gesplitst", "old": ["WK036301"], "new": ["WK036311", "WK036312"]}
    )
    assert done.status_code == 302 and AreaLink.objects.count() == 2
    page = client.get(link).content.decode()
    assert EXPLAINED in page

    gone = client.post(
        url(world, "area_link_delete"), {"old": "WK036301", "new": "WK036311", "confirmed": "1"}
    )
    assert gone.status_code == 302 and not AreaLink.objects.exists()
    assert AuditEntry.objects.filter(action="koppeling wijkindeling verwijderd").count() == 1


def test_a_raadslid_cannot_link(survey_project, world):
    split_centrum(survey_project)
    response = world.client("raadslid").post(
        url(world, "area_links"),
        {"kind": "gesplitst", "old": ["WK036301"], "new": ["WK036311", "WK036312"]},
    )
    assert response.status_code == 403 and not AreaLink.objects.exists()


def test_the_police_page_keeps_old_and_new_wijken_apart_and_says_why(world):
    run = ImportRun.objects.create(project=world.project, kind="crime", original_name="p.csv")
    crime_import(run=run, data=POLICE.encode())
    area_links_create(
        actor=None,
        project=world.project,
        kind=AreaLink.Kind.SPLIT,
        old_codes=["WK036301"],
        new_codes=["WK036311", "WK036312"],
    )
    page = world.client("ambtenaar").get(url(world, "crime")).content.decode()
    assert "WK036301 (oude indeling)" in page and "WK036311 (nieuwe indeling)" in page
    assert (
        "Wijkindeling gewijzigd in 2024: WK036301 (WK036301) is nu WK036311 en WK036312; hun "
        "cijfers staan in aparte rijen"
    ) in page


def test_the_new_wijks_profile_says_why_nothing_is_compared(survey_project, world):
    split(survey_project)
    kwargs = {
        "gemeente_slug": world.gemeente.slug,
        "project_uuid": world.project.uuid,
        "code": "WK036311",
    }
    page = world.client("ambtenaar").get(reverse("analysis:va_wijk", kwargs=kwargs))
    text = page.content.decode()
    assert page.status_code == 200
    assert EXPLAINED in text and "niet vergeleken (herindeling)" in text


def test_the_export_names_each_areas_indeling_and_its_change(survey_project, world):
    import csv
    import io

    split(survey_project)
    response = world.client("ambtenaar").get(url(world, "export", fmt="csv"))
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    by_area = {(row["area"], row["edition"]): row for row in rows}
    assert by_area[("WK036301", "2023")]["indeling"] == "2021"
    assert by_area[("WK036311", "2025")]["indeling"] == "2025"
    assert by_area[("WK036311", "2025")]["herindeling"] == EXPLAINED[:1].lower() + EXPLAINED[1:]
    assert by_area[("WK036300", "2025")]["herindeling"] == ""


def test_the_indicator_page_per_wijk_says_why_a_new_wijk_is_not_compared(survey_project, world):
    split(survey_project)
    page = world.client("ambtenaar").get(url(world, "indicator", code=INDICATOR)).content.decode()
    assert "niet vergeleken (herindeling)" in page  # Centrum-Noord and -Zuid in 2025
    assert EXPLAINED + "; cijfers van de oude en de nieuwe wijk" in page
    older = world.client("ambtenaar").get(url(world, "indicator", code=INDICATOR) + "?editie=2023")
    assert "niet vergeleken (herindeling)" not in older.content.decode()
