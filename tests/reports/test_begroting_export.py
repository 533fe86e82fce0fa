"""The paragraaf veiligheid for the begroting and the jaarverslag: per taakveld the goals and
the year's actions, with budgets added up by hand; DOCX and XLSX for editors only."""

import io

import docx
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.begroting_export import paragraph_build, paragraph_rows
from tests.reports.yearly_scene import build_yearly


@pytest.fixture
def yearly(world):
    return build_yearly(world.project)


def _url(world, year, variant, fmt):
    return reverse(
        "reports:begroting_paragraph",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "year": year,
            "variant": variant,
            "fmt": fmt,
        },
    )


def test_xlsx_adds_up_the_budgets_per_taakveld(world, yearly):
    response = world.client("ambtenaar").get(_url(world, 2027, "begroting", "xlsx"))
    assert response.status_code == 200
    assert 'filename="paragraaf-veiligheid-begroting-2027.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    subtotals = {row[0]: row[8] for row in rows if row[1] == "subtotaal"}
    # 1.1: the crisis exercise, 30.000; 1.2: 12.500 + 7.250,50 = 19.750,50.
    assert subtotals == {
        "1.1 Crisisbeheersing en brandweer": 30000.0,
        "1.2 Openbare orde en veiligheid": 19750.5,
    }
    assert [row[8] for row in rows if row[1] == "totaal"] == [49750.5]
    goals = [row for row in rows if row[1] == "doel"]
    assert [(g[0], g[2], g[4]) for g in goals] == [
        ("1.2 Openbare orde en veiligheid", "Minder woninginbraken", "Veiligheid")
    ]
    assert "Evaluatie buurtpreventie" not in {row[2] for row in rows}  # 2028


def test_the_jaarverslag_variant_shows_what_was_realised(world, yearly):
    paragraph = paragraph_build(world.project, 2027, "jaarverslag")
    rows = paragraph_rows(paragraph)
    goal = next(row for row in rows if row[1] == "doel")
    assert goal[6] == "2,4 (2026) op koers"  # the latest figure up to 2027
    action = next(row for row in rows if row[2] == "Buurtpreventie begeleiden")
    assert action[6] == "loopt" and action[7].startswith("Twaalf appgroepen")
    response = world.client("adviseur").get(_url(world, 2027, "jaarverslag", "docx"))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "€ 19.750,50" in cells and "2,4 (2026)" in cells and "Twaalf appgroepen" in cells
    text = " ".join(p.text for p in document.paragraphs)
    assert "Paragraaf veiligheid jaarverslag 2027" in text and "€ 49.750,50" in text


def test_a_wrong_year_or_variant_is_not_found_and_readers_are_refused(world, yearly):
    client = world.client("ambtenaar")
    assert client.get(_url(world, 2031, "begroting", "xlsx")).status_code == 404
    assert client.get(_url(world, 2027, "prognose", "xlsx")).status_code == 404
    assert client.get(_url(world, 2027, "begroting", "pdf")).status_code == 404
    assert world.client("raadslid").get(_url(world, 2027, "begroting", "xlsx")).status_code == 403
