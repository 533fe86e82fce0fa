"""Matrix labels wrap instead of being cut off; marks on a split line move just off it."""

import xml.etree.ElementTree as ET

import pytest

from analysis.figures.charts import MatrixPoint, priority_matrix_svg, text_width
from analysis.figures.charts.layout import clear_of_line
from analysis.figures.charts.matrix import LINE_CLEARANCE, _MatrixPlot
from analysis.figures.charts.text import wrap_label

NS = "{http://www.w3.org/2000/svg}"
LONG = "Subjectieve veiligheid (veiligheidsgevoel)"


# --------------------------------------------------------------------------- wrap_label


def test_a_long_label_wraps_onto_lines_that_fit_and_keeps_every_word():
    lines = wrap_label(LONG, 12, 150)
    assert len(lines) == 2
    assert " ".join(lines) == LONG
    assert all(text_width(line, 12) <= 150 for line in lines)
    assert not any("…" in line for line in lines)


def test_a_short_label_stays_on_one_line():
    assert wrap_label("Vandalisme", 12, 150) == ["Vandalisme"]


def test_bold_labels_wrap_earlier():
    width = text_width("Georganiseerde criminaliteit", 12) + 2
    assert wrap_label("Georganiseerde criminaliteit", 12, width) == ["Georganiseerde criminaliteit"]
    assert wrap_label("Georganiseerde criminaliteit", 12, width, bold=True) == [
        "Georganiseerde",
        "criminaliteit",
    ]


def test_only_what_does_not_fit_in_the_last_line_is_cut():
    text = "een twee drie vier vijf zes zeven acht negen tien elf twaalf"
    lines = wrap_label(text, 12, 60, max_lines=3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(text_width(line, 12) <= 60 for line in lines)
    assert "…" not in "".join(lines[:-1])


def test_an_empty_label_is_one_empty_line():
    assert wrap_label("", 12, 100) == [""]


# --------------------------------------------------------------------------- clear_of_line


@pytest.mark.parametrize(
    ("pos", "toward", "expected"),
    [
        (100.0, -1, 90.5),  # right on the line: to the given side, clear of it
        (100.0, 1, 109.5),
        (103.0, 1, 109.5),  # overlapping the line: pushed clear on its own side
        (97.0, -1, 90.5),
        (120.0, 1, 120.0),  # already clear: stays
        (80.0, -1, 80.0),
    ],
)
def test_clear_of_line(pos, toward, expected):
    assert clear_of_line(pos, 100.0, 9.5, toward=toward) == pytest.approx(expected)


def test_a_mark_at_the_split_moves_to_its_own_quadrant():
    plot = _MatrixPlot.fit(480)
    mid_x, mid_y = plot.px(3), plot.py(3)
    # 3 is not above the split: left of the vertical line, below the horizontal one.
    x, y = plot.mark(MatrixPoint("op de lijn", 3.0, 3.0))
    assert x == pytest.approx(mid_x - LINE_CLEARANCE)
    assert y == pytest.approx(mid_y + LINE_CLEARANCE)  # SVG y grows downwards
    # Just above 3: right of and above the lines.
    x, y = plot.mark(MatrixPoint("net erboven", 3.05, 3.05))
    assert x == pytest.approx(mid_x + LINE_CLEARANCE)
    assert y == pytest.approx(mid_y - LINE_CLEARANCE)
    # Away from the lines nothing moves.
    assert plot.mark(MatrixPoint("ver weg", 4.0, 2.0)) == (plot.px(4.0), plot.py(2.0))


# --------------------------------------------------------------------------- the matrix


def _point_groups(svg: str):
    root = ET.fromstring(svg)
    return {
        " ".join(t.text for t in g.iter(f"{NS}text")): g
        for g in root.findall(f".//{NS}g[@class='points']/{NS}g")
    }


def test_the_matrix_on_the_priorities_page_shows_long_names_in_full():
    points = [
        MatrixPoint(LONG, 3.5, 4.0, highlight=True),
        MatrixPoint("Objectieve veiligheid (veelvoorkomende / commune criminaliteit)", 2.8, 3.0),
        MatrixPoint("Informatieveiligheid / gedigitaliseerde criminaliteit", 3.0, 2.0),
    ]
    groups = _point_groups(priority_matrix_svg(points, title="t", width=480))
    assert set(groups) == {p.label for p in points}
    assert len(groups[LONG].findall(f"{NS}text")) >= 2  # wrapped, not "Subjectieve veiligheid (…"


def test_circles_on_a_split_line_leave_the_line_visible():
    svg = priority_matrix_svg([MatrixPoint("op de lijn", 3.0, 3.0)], title="t", width=480)
    plot = _MatrixPlot.fit(480)
    circle = _point_groups(svg)["op de lijn"].find(f"{NS}circle")
    cx, cy, r = (float(circle.get(k)) for k in ("cx", "cy", "r"))
    assert abs(cx - plot.px(3)) > r and abs(cy - plot.py(3)) > r


# --------------------------------------------------------------------------- bar labels


def test_bar_labels_wrap_onto_two_lines_and_rows_do_not_overlap():
    from analysis.figures.charts import Bar, bar_chart_svg

    long = "wijkgroep Almere Centrum en Almere Haven en Almere Stad"
    svg = bar_chart_svg(
        [Bar("Almere", 20.0, highlight=True), Bar(long, 25.0), Bar("Almere Poort", 18.0)],
        title="t",
        unit="percent",
        width=640,
    )
    rows = ET.fromstring(svg).findall(f".//{NS}g[@class='bar-row']")
    labels = [
        [t for t in row.iter(f"{NS}text") if t.get("text-anchor") == "end"][:2] for row in rows
    ]
    wrapped = [t for t in labels[1] if t.text and t.text[0].isalpha()]
    assert " ".join(t.text for t in wrapped) == long
    assert not any("…" in (t.text or "") for row in labels for t in row)
    # Each row's label lines sit below the previous row's.
    bottoms = [max(float(t.get("y")) for t in row) for row in labels]
    tops = [min(float(t.get("y")) for t in row) for row in labels]
    assert tops[1] > bottoms[0] and tops[2] > bottoms[1]
