"""The rules both renderers share (reports/common.py): section numbering and dates."""

import pytest

from reports.common import format_date_nl, section_numbers


def test_section_numbers_restart_per_level_and_skip_unnumbered():
    sections = [
        {"level": 1, "numbered": True},
        {"level": 2, "numbered": True},
        {"level": 2, "numbered": True},
        {"level": 3, "numbered": True},
        {"level": 1, "numbered": True},
        {"level": 2, "numbered": True},
        {"level": 1, "numbered": False},
        {"level": 2, "numbered": True},  # below an unnumbered chapter: no "2.2"
        {"level": 1, "numbered": True},
    ]
    assert section_numbers(sections) == ["1", "1.1", "1.2", "1.2.1", "2", "2.1", "", "", "3"]


def test_section_numbers_refuse_what_the_pdf_refuses():
    with pytest.raises(ValueError):
        section_numbers([{"level": 2}])
    with pytest.raises(ValueError):
        section_numbers([{"level": 1}, {"level": 3}])


def test_section_numbers_restart_per_chapter():
    sections = [
        {"level": 1, "numbered": True},
        {"level": 1, "numbered": True},
        {"level": 2, "numbered": True},
        {"level": 2, "numbered": True},
        {"level": 3, "numbered": True},
        {"level": 3, "numbered": True},
        {"level": 2, "numbered": True},
        {"level": 1, "numbered": True},
        {"level": 2, "numbered": True},
        {"level": 1, "numbered": False},
        {"level": 2, "numbered": True},  # under an unnumbered chapter: no "3.2"
        {"level": 1, "numbered": True},
    ]
    assert section_numbers(sections) == [
        "1",
        "2",
        "2.1",
        "2.2",
        "2.2.1",
        "2.2.2",
        "2.3",
        "3",
        "3.1",
        "",
        "",
        "4",
    ]


@pytest.mark.parametrize(
    "levels", [[2], [1, 3], [1, 4], [0], ["1"]], ids=["starts-deep", "jump", "too-deep", "0", "str"]
)
def test_section_numbers_reject_bad_structure(levels):
    with pytest.raises(ValueError):
        section_numbers([{"level": level, "numbered": True} for level in levels])


def test_dates_in_dutch():
    assert format_date_nl("2026-11-26") == "26 november 2026"
    assert format_date_nl("voorjaar 2027") == "voorjaar 2027"


def test_a_figure_with_its_margin_is_a_number_for_the_alignment():
    """Issue 13: "40,0 % (35–45)" made its column read as text, so it came out left-aligned."""
    from reports.common import numeric_columns

    columns = ["Gebied", "Aandeel", "Respondenten", "Oordeel"]
    rows = [
        ["Noord", "40,0 % (35–45)", "312", "significant hoger"],
        ["Zuid", "–", "1.204", "gelijk"],
        ["Oost", "7,5 % (5,1–9,9) *", "98", "lager"],
    ]
    assert numeric_columns(columns, rows) == [False, True, True, False]
    # A bracket that is not a margin is text.
    assert numeric_columns(["a", "b"], [["x", "12 (zie noot)"]]) == [False, False]


def test_a_baseline_with_its_year_or_an_amount_in_euro_is_a_number():
    """A goal table's "22,7% (2023)" and a budget's "€ 40.000" are figures; a cell saying a
    figure is missing neither makes nor breaks a numeric column."""
    from reports.common import numeric_columns

    columns = ["Doel", "Nulmeting", "Budget", "Uitkomst", "Toelichting"]
    rows = [
        ["Minder inbraak", "22,7% (2023)", "€ 40.000", "te weinig waarnemingen", "te weinig"],
        ["Meer melden", "7,1 (2021)", "€ 1.250", "9,9%*", "zie (2023)"],
    ]
    assert numeric_columns(columns, rows) == [False, True, True, True, False]
    # Only "missing" cells: nothing to align.
    assert numeric_columns(["a", "b"], [["x", "–"], ["y", "te weinig waarnemingen"]]) == [
        False,
        False,
    ]
