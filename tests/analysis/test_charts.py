"""The SVG charts and maps: Dutch numbers, accessible and CSP-safe markup, and the drawing rules."""

import re
import xml.etree.ElementTree as ET

import pytest

from analysis.figures import charts, geometry
from analysis.figures.charts import (
    Bar,
    MatrixPoint,
    Point,
    bar_chart_svg,
    format_value,
    priority_matrix_svg,
    trend_chart_svg,
)
from analysis.figures.geometry import choropleth_svg, load_gemeente_outlines

NS = "{http://www.w3.org/2000/svg}"
ALLOWED = {"svg", "g", "rect", "line", "path", "polyline", "circle", "text", "title", "desc"}


# --------------------------------------------------------------------------- helpers


def parse(svg: str) -> ET.Element:
    """Parse and check what every chart must be: accessible, scalable, CSP-safe SVG 1.1."""
    assert "style=" not in svg
    assert "<style" not in svg
    assert "<script" not in svg.lower()
    assert "javascript:" not in svg.lower()
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))
    title_id, desc_id = root.get("aria-labelledby").split()
    children = list(root)
    assert children[0].tag == f"{NS}title" and children[0].get("id") == title_id
    assert children[1].tag == f"{NS}desc" and children[1].get("id") == desc_id
    assert children[0].text and children[1].text.endswith(".")
    for element in root.iter():
        assert element.tag.removeprefix(NS) in ALLOWED, element.tag
    return root


def size(root: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    return width, height


def texts(root: ET.Element, group: str | None = None) -> list[str]:
    scope = root
    if group:
        scope = root.find(f".//{NS}g[@class='{group}']")
    return [t.text for t in scope.iter(f"{NS}text")]


def groups(root: ET.Element, name: str) -> list[ET.Element]:
    return root.findall(f".//{NS}g[@class='{name}']")


def assert_text_inside(root: ET.Element) -> None:
    """No (unrotated) label sticks out of the viewBox, by the DejaVu Sans width estimate."""
    width, height = size(root)
    for text in root.iter(f"{NS}text"):
        if text.get("transform"):
            continue
        x, y = float(text.get("x")), float(text.get("y"))
        w = charts.text_width(
            text.text, float(text.get("font-size")), bold=text.get("font-weight") == "bold"
        )
        start = {"start": x, "middle": x - w / 2, "end": x - w}[text.get("text-anchor", "start")]
        assert start >= 0 and start + w <= width + 0.5, text.text
        assert y - float(text.get("font-size")) >= 0 and y <= height, text.text


def trend(**overrides) -> str:
    points = [
        Point("2015", 24.1, 21.0, 27.3),
        Point("2017", 22.8, 20.1, 25.6),
        Point("2019", 25.0, 22.0, 28.0),
        Point("2021", 27.9, 25.2, 30.7),
        Point("2023", 26.3, 23.9, 28.8),
    ]
    kwargs = {"title": "Voelt zich weleens onveilig", "unit": "percent"} | overrides
    return trend_chart_svg(kwargs.pop("points", points), **kwargs)


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (23.44, "percent", "23,4%"),
        (23.45, "percent", "23,5%"),  # half up, as people round
        (0, "percent", "0,0%"),
        (100, "percent", "100,0%"),
        (-0.04, "percent", "0,0%"),  # never "-0,0%"
        (7.06, "rapportcijfer_1_10", "7,1"),
        (6.5, "schaalscore_0_10", "6,5"),
        (12.345, "somscore", "12,3"),
        (45.25, "per_1000_jongeren_12_17", "45,3"),
        (1234.56, "per_1000_inwoners", "1.234,6"),
        (999, "count", "999"),
        (1234567, "count", "1.234.567"),
        (12.5, "count", "13"),
        (-1250, "count", "-1.250"),
        (None, "percent", "–"),
        (float("nan"), "count", "–"),
    ],
)
def test_format_value_is_dutch(value, unit, expected):
    assert format_value(value, unit) == expected


def test_format_value_rejects_an_unknown_unit():
    with pytest.raises(ValueError, match="Unknown unit"):
        format_value(1.0, "promille")


def test_percent_axis_is_0_to_100_for_large_values_and_tight_for_small_ones():
    assert charts.axis_ticks("percent", [55, 88.2]) == [0, 20, 40, 60, 80, 100]
    assert charts.axis_ticks("percent", [1.2, 3.4]) == [0, 1, 2, 3, 4]
    assert charts.axis_ticks("rapportcijfer_1_10", [6.8, 7.4]) == [5, 6, 7, 8, 9]
    assert charts.axis_ticks("schaalscore_0_10", [3.1]) == [0, 2, 4, 6, 8, 10]
    ticks = charts.axis_ticks("count", [1, 3])
    assert ticks[0] == 0 and ticks[-1] >= 3 and all(t == int(t) for t in ticks)


# --------------------------------------------------------------------------- trend chart


def test_trend_chart_is_accessible_svg():
    root = parse(trend())
    assert root.find(f"{NS}title").text == "Voelt zich weleens onveilig"
    desc = root.find(f"{NS}desc").text
    assert "24,1% in 2015" in desc and "26,3% in 2023" in desc
    assert len(root.findall(f".//{NS}polyline[@class='series-line']")) == 1
    assert len(groups(root, "series")[0].findall(f"{NS}circle")) == 5
    assert texts(root, "x-axis") == ["2015", "2017", "2019", "2021", "2023"]
    assert "trendbreuk" not in " ".join(texts(root))
    assert_text_inside(root)


def test_series_break_splits_the_line_and_is_marked():
    points = [
        Point("2017", 22.8, 20.1, 25.6),
        Point("2019", 25.0, 22.0, 28.0),
        Point("2021", 27.9, 25.2, 30.7, series_break_before=True),
        Point("2023", 26.3, 23.9, 28.8),
    ]
    root = parse(trend(points=points))
    lines = root.findall(f".//{NS}polyline[@class='series-line']")
    assert len(lines) == 2
    assert [len(line.get("points").split()) for line in lines] == [2, 2]
    marks = groups(root, "trendbreuk")
    assert len(marks) == 1
    assert texts(marks[0]) == ["trendbreuk"]
    dashed = marks[0].find(f"{NS}line")
    assert dashed.get("stroke-dasharray")
    # The mark lies between 2019 and 2021.
    ticks = {t.text: float(t.get("x")) for t in groups(root, "x-axis")[0].iter(f"{NS}text")}
    assert ticks["2019"] < float(dashed.get("x1")) < ticks["2021"]
    assert "trendbreuk vóór 2021" in root.find(f"{NS}desc").text
    assert_text_inside(root)


def test_suppressed_point_leaves_a_gap_and_a_note():
    points = [
        Point("2015", 24.1),
        Point("2017", 22.8),
        Point("2019", None, suppressed=True),
        Point("2021", 27.9),
        Point("2023", 26.3),
    ]
    root = parse(trend(points=points))
    lines = root.findall(f".//{NS}polyline[@class='series-line']")
    assert [len(line.get("points").split()) for line in lines] == [2, 2]
    assert len(groups(root, "series")[0].findall(f"{NS}circle")) == 4
    assert "2019*" in texts(root, "x-axis")
    assert "* te weinig waarnemingen" in texts(root, "legend")
    assert "te weinig waarnemingen in 2019" in root.find(f"{NS}desc").text


def test_missing_value_leaves_a_gap_without_the_note():
    points = [Point("2019", 10.0), Point("2021", None), Point("2023", 12.0)]
    root = parse(trend(points=points))
    assert root.findall(f".//{NS}polyline[@class='series-line']") == []
    assert "* te weinig waarnemingen" not in texts(root, "legend")


def test_benchmarks_are_dashed_and_in_the_legend():
    nl = [Point("2015", 20.0), Point("2017", 19.5), Point("2019", 19.1), Point("2023", 23.5)]
    nh = [Point("2015", 22.0), Point("2017", 21.5), Point("2021", 25.2), Point("2023", 24.0)]
    root = parse(trend(benchmarks=[("Nederland", nl), ("Provincie Noord-Holland", nh)]))
    legend = texts(root, "legend")
    assert "Nederland" in legend and "Provincie Noord-Holland" in legend
    assert "Uitkomst" in legend and "95%-betrouwbaarheidsinterval" in legend
    lines = [line for g in groups(root, "benchmark") for line in g.iter(f"{NS}polyline")]
    assert len(lines) == 2
    assert all(line.get("stroke-dasharray") for line in lines)
    assert len({line.get("stroke") for line in lines}) == 2
    assert "vergeleken met Nederland en Provincie Noord-Holland" in root.find(f"{NS}desc").text
    assert_text_inside(root)


def test_at_most_three_benchmarks():
    series = [(f"Reeks {i}", [Point("2023", 10.0)]) for i in range(4)]
    with pytest.raises(ValueError):
        trend(benchmarks=series)


def test_benchmark_edition_missing_from_the_main_series_gets_its_own_slot():
    points = [Point("2019", 10.0), Point("2023", 12.0)]
    root = parse(trend(points=points, benchmarks=[("Nederland", [Point("2021", 11.0)])]))
    assert texts(root, "x-axis") == ["2019", "2021", "2023"]
    other = [Point("voor", 10.0), Point("na", 12.0)]
    root = parse(
        trend(points=other, benchmarks=[("Nederland", [Point("na", 1.0), Point("x", 2.0)])])
    )
    assert texts(root, "x-axis") == ["voor", "na", "x"]


def test_trend_without_data_still_renders():
    root = parse(trend(points=[Point("2023", None, suppressed=True)]))
    assert "Geen gegevens om te tonen" in texts(root)
    assert root.find(f"{NS}desc").text.startswith("Er zijn geen gegevens")


def test_many_long_labels_are_rotated_and_fit():
    points = [Point(f"IVM {year}", 7.0) for year in range(2005, 2024)]
    root = parse(trend(points=points, unit="rapportcijfer_1_10"))
    rotated = [t for t in groups(root, "x-axis")[0].iter(f"{NS}text") if t.get("transform")]
    assert len(rotated) == len(points)
    assert "rapportcijfer (1–10)" in texts(root, "axis")
    assert_text_inside(root)


# --------------------------------------------------------------------------- bar chart


def bars() -> list[Bar]:
    return [
        Bar("Amsterdam", 22.0, 20.5, 23.5, highlight=True),
        Bar("Centrum", 13.3, 10.9, 16.8),
        Bar("Noord", 10.4),
        Bar("Weesp", None, suppressed=True),
        Bar("Zuidoost", 33.0, 30.2, 36.3),
    ]


def test_bar_chart_has_one_row_per_bar():
    root = parse(bar_chart_svg(bars(), title="Slachtoffer van geweld", unit="percent"))
    rows = groups(root, "bar-row")
    assert len(rows) == 5
    assert [texts(row)[0] for row in rows] == ["Amsterdam", "Centrum", "Noord", "Weesp", "Zuidoost"]
    assert texts(rows[1])[1] == "13,3%"
    assert rows[1].find(f"{NS}title").text == "Centrum: 13,3% (95%-interval 10,9% – 16,8%)"
    assert_text_inside(root)


def test_bar_chart_suppressed_row_and_highlight():
    root = parse(bar_chart_svg(bars(), title="Slachtoffer", unit="percent"))
    weesp = groups(root, "bar-row")[3]
    assert "te weinig waarnemingen" in texts(weesp)
    assert not [r for r in weesp.iter(f"{NS}rect") if r.get("fill") != charts.WHITE]
    fills = [groups(root, "bar-row")[i].find(f"{NS}rect").get("fill") for i in (0, 1)]
    assert fills == [charts.BAR_HIGHLIGHT, charts.BAR]
    label = groups(root, "bar-row")[0].find(f"{NS}text")
    assert label.get("font-weight") == "bold"


def test_bar_chart_reference_line_and_label():
    svg = bar_chart_svg(
        bars(), title="Slachtoffer", unit="percent", reference=22.0, reference_label="Gemeente"
    )
    root = parse(svg)
    reference = groups(root, "reference")
    assert len(reference) == 1
    assert texts(reference[0]) == ["Gemeente: 22,0%"]
    line = reference[0].find(f"{NS}line")
    assert line.get("x1") == line.get("x2") and line.get("stroke-dasharray")
    assert "referentielijn Gemeente: 22,0%" in root.find(f"{NS}desc").text
    assert_text_inside(root)
    assert groups(parse(bar_chart_svg(bars(), title="x", unit="percent")), "reference") == []


def test_bar_chart_counts_and_long_labels_fit():
    rows = [
        Bar("Westpoort en omgeving van de haven en nog veel meer tekst", 12345),
        Bar("B", 2345, highlight=True),
    ]
    root = parse(
        bar_chart_svg(rows, title="Aantal", unit="count", reference=9000, reference_label="NL")
    )
    assert "12.345" in texts(root)
    # A long name wraps onto a second line instead of being cut off; its row grows.
    first = groups(root, "bar-row")[0]
    lines = [t.text for t in first.iter(f"{NS}text")][:2]
    assert " ".join(lines) == "Westpoort en omgeving van de haven en nog veel meer tekst"
    assert_text_inside(root)


# --------------------------------------------------------------------------- shared rules


def test_output_is_deterministic_and_ids_differ_between_charts():
    assert trend() == trend()
    assert bar_chart_svg(bars(), title="a", unit="percent") == bar_chart_svg(
        bars(), title="a", unit="percent"
    )
    first = parse(trend()).get("aria-labelledby")
    other = parse(trend(title="Iets anders")).get("aria-labelledby")
    assert first != other


def test_text_is_escaped():
    nasty = '<b>&"'
    svg_trend = trend(
        points=[Point(nasty, 10.0), Point("2023", 12.0)],
        title=nasty,
        benchmarks=[(nasty, [Point("2023", 11.0)])],
    )
    svg_bars = bar_chart_svg(
        [Bar(nasty, 1.0)], title=nasty, unit="percent", reference=1.0, reference_label=nasty
    )
    for svg in (svg_trend, svg_bars):
        assert "<b>" not in svg
        assert "&lt;b&gt;&amp;&quot;" in svg
        root = parse(svg)
        assert root.find(f"{NS}title").text == nasty


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        trend(unit="promille")
    with pytest.raises(ValueError):
        bar_chart_svg([], title="x", unit="promille")


# --------------------------------------------------------------------------- maps

CITIES = {
    "GM0363": "Amsterdam",
    "GM0599": "Rotterdam",
    "GM0518": "'s-Gravenhage (gemeente)",
    "GM0344": "Utrecht (gemeente)",
    "GM0014": "Groningen (gemeente)",
}


def subset(codes) -> dict:
    features = load_gemeente_outlines()["features"]
    chosen = [f for f in features if f["properties"]["gemeenteCode"] in codes]
    return {"type": "FeatureCollection", "features": chosen}


def choropleth(geojson, values, **overrides) -> str:
    kwargs = {
        "code_property": "gemeenteCode",
        "name_property": "gemeenteNaam",
        "title": "Voelt zich weleens onveilig",
        "unit": "percent",
        "higher_is_worse": True,
    } | overrides
    return choropleth_svg(geojson, values, **kwargs)


def path_points(d: str) -> list[tuple[float, float]]:
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def test_choropleth_of_a_few_gemeenten():
    values = {"GM0363": 23.4, "GM0599": 31.0, "GM0518": 12.25, "GM0344": 18.0}
    root = parse(choropleth(subset(CITIES), values))
    paths = root.findall(f".//{NS}g[@class='areas']/{NS}path")
    assert len(paths) == 5
    titles = {p.find(f"{NS}title").text: p.get("fill") for p in paths}
    assert titles["Amsterdam: 23,4%"] in geometry.PALETTE
    assert titles["'s-Gravenhage (gemeente): 12,3%"] == geometry.PALETTE[0]  # lowest: lightest
    assert titles["Rotterdam: 31,0%"] == geometry.PALETTE[-1]  # highest: darkest
    assert titles["Groningen (gemeente): geen gegevens"] == geometry.NO_DATA
    legend = texts(root, "legend")
    assert "geen gegevens" in legend
    assert "(hoger is ongunstiger)" in legend
    assert "12,3% – 16,0%" in legend and "27,3% – 31,0%" in legend
    assert "&#x27;s-Gravenhage" in choropleth(subset(CITIES), values)
    desc = root.find(f"{NS}desc").text
    assert "van 12,3% ('s-Gravenhage (gemeente)) tot 31,0% (Rotterdam)" in desc
    assert "1 zonder gegevens" in desc
    assert_text_inside(root)


def test_choropleth_of_all_gemeenten_fits_the_viewbox():
    geojson = load_gemeente_outlines()
    codes = [f["properties"]["gemeenteCode"] for f in geojson["features"]]
    values = {code: (i * 37 % 100) / 2 for i, code in enumerate(codes) if i % 20}
    svg = choropleth(geojson, values, higher_is_worse=False)
    root = parse(svg)
    paths = root.findall(f".//{NS}g[@class='areas']/{NS}path")
    assert len(paths) == 342
    width, height = size(root)
    legend_left = min(float(r.get("x")) for r in groups(root, "legend")[0].iter(f"{NS}rect"))
    for path in paths:
        for x, y in path_points(path.get("d")):
            assert 0 <= x <= legend_left and 0 <= y <= height
    assert not re.search(r"\d\.\d\d", " ".join(p.get("d") for p in paths))  # 1 decimal
    assert "(hoger is gunstiger)" in texts(root, "legend")
    assert sum(1 for p in paths if p.get("fill") == geometry.NO_DATA) == 18
    assert len(svg) < 200_000
    assert_text_inside(root)


def test_neutral_choropleth_says_nothing_about_direction():
    root = parse(choropleth(subset(CITIES), {"GM0363": 5.0}, higher_is_worse=None, unit="count"))
    legend = " ".join(texts(root, "legend"))
    assert "gunstiger" not in legend and "ongunstiger" not in legend
    assert "Aantal" in legend


def test_choropleth_projection_keeps_the_shape():
    # The Netherlands is about 1.1 times as tall as wide once longitudes are scaled.
    geojson = load_gemeente_outlines()
    paths = parse(choropleth(geojson, {})).findall(f".//{NS}g[@class='areas']/{NS}path")
    points = [pt for p in paths for pt in path_points(p.get("d"))]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    ratio = (max(ys) - min(ys)) / (max(xs) - min(xs))
    assert 1.0 < ratio < 1.3


def test_gemeente_outlines_are_loaded_once():
    assert load_gemeente_outlines() is load_gemeente_outlines()
    assert len(load_gemeente_outlines()["features"]) == 342


# --------------------------------------------------------------------------- priority matrix

MATRIX_SAMPLE = [
    MatrixPoint("Woninginbraak", 3.8, 4.0, True),
    MatrixPoint("Fietsendiefstal", 3.2, 2.4),
    MatrixPoint("Overlast jongeren", 4.1, 3.9, True),
    MatrixPoint("Drugsoverlast en ondermijning", 3.9, 2.2),
    MatrixPoint("Verkeersveiligheid rond scholen", 2.6, 4.3),
    MatrixPoint("Huiselijk geweld", 3.7, 2.9),
    MatrixPoint("Vandalisme", 2.1, 3.6),
    MatrixPoint("Cybercrime", 3.5, 1.6),
    MatrixPoint("Zakkenrollerij", 1.8, 2.0),
    MatrixPoint("Straatintimidatie", 3.8, 4.0),
    MatrixPoint("Verloedering openbare ruimte", 4.8, 4.9, True),
    MatrixPoint("Fraude en oplichting", 1.0, 1.0),
]


def matrix_points(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{NS}g[@class='points']/{NS}g")


def label_boxes(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, box) of every theme label, by the DejaVu Sans width estimate."""
    boxes = []
    for group in matrix_points(root):
        for text in group.iter(f"{NS}text"):
            x, y, font = float(text.get("x")), float(text.get("y")), float(text.get("font-size"))
            w = charts.text_width(text.text, font, bold=text.get("font-weight") == "bold")
            x0 = {"start": x, "middle": x - w / 2, "end": x - w}[text.get("text-anchor", "start")]
            boxes.append((text.text, (x0, y - font + 2, x0 + w, y + 2)))
    return boxes


def boxes_overlap(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def test_priority_matrix_is_accessible_svg_with_one_circle_per_theme():
    root = parse(priority_matrix_svg(MATRIX_SAMPLE, title="Prioriteitenmatrix"))
    assert_text_inside(root)
    width, height = size(root)
    assert width == 640
    assert len(root.findall(f".//{NS}circle")) == len(MATRIX_SAMPLE)
    assert len(matrix_points(root)) == len(MATRIX_SAMPLE)
    for group in matrix_points(root):
        assert len(group.findall(f"{NS}circle")) == 1
        assert len(group.findall(f"{NS}text")) == 1
    desc = root.find(f"{NS}desc").text
    assert desc.startswith("Prioriteitenmatrix van 12 thema")
    assert "Voorgesteld als prioriteit: Woninginbraak, Overlast jongeren en Verloedering" in desc


def test_priority_matrix_square_plot_with_ticks_1_to_5():
    root = parse(priority_matrix_svg(MATRIX_SAMPLE, title="t"))
    frame = [
        r
        for r in root.find(f".//{NS}g[@class='grid']").iter(f"{NS}rect")
        if r.get("fill") == "none"
    ]
    assert len(frame) == 1 and frame[0].get("width") == frame[0].get("height")
    ticks = texts(root, "axis")
    assert ticks.count("1") == ticks.count("5") == 2  # both axes
    assert "Omvang, ernst, trend en beleving" in ticks and "Beïnvloedbaarheid" in ticks


def test_priority_matrix_point_titles_use_dutch_numbers():
    root = parse(priority_matrix_svg(MATRIX_SAMPLE, title="t"))
    tips = [g.find(f"{NS}title").text for g in matrix_points(root)]
    assert "Woninginbraak: probleem 3,8; beïnvloedbaarheid 4,0" in tips
    assert "Fraude en oplichting: probleem 1,0; beïnvloedbaarheid 1,0" in tips


def test_priority_matrix_highlight_is_darker_larger_and_bold():
    root = parse(priority_matrix_svg(MATRIX_SAMPLE, title="t"))
    by_label = {g.find(f"{NS}text").text: g for g in matrix_points(root)}
    proposed, other = by_label["Woninginbraak"], by_label["Fietsendiefstal"]
    assert "highlight" in proposed.get("class") and "highlight" not in other.get("class")
    big, small = proposed.find(f"{NS}circle"), other.find(f"{NS}circle")
    assert float(big.get("r")) > float(small.get("r"))
    assert big.get("fill") == charts.BAR_HIGHLIGHT and small.get("fill") == charts.MATRIX_POINT
    assert proposed.find(f"{NS}text").get("font-weight") == "bold"
    assert other.find(f"{NS}text").get("font-weight") is None
    assert "Voorgestelde prioriteit" in texts(root, "legend")


def test_priority_matrix_without_highlight_has_no_legend():
    points = [MatrixPoint(p.label, p.x, p.y) for p in MATRIX_SAMPLE]
    root = parse(priority_matrix_svg(points, title="t"))
    assert not groups(root, "legend")
    assert "Voorgesteld" not in root.find(f"{NS}desc").text


def test_priority_matrix_quadrant_labels():
    root = parse(priority_matrix_svg(MATRIX_SAMPLE, title="t"))
    quadrants = {
        " ".join(t.text for t in g.iter(f"{NS}text")) for g in groups(root, "quadrant-label")
    }
    assert quadrants == {
        "Prioriteit: groot probleem, goed te beïnvloeden",
        "Groot probleem, lastig te beïnvloeden",
        "Klein probleem, goed te beïnvloeden",
        "Lage prioriteit",
    }


def test_priority_matrix_points_land_in_their_quadrant():
    points = [MatrixPoint("rechtsboven", 4.5, 4.5), MatrixPoint("linksonder", 1.5, 1.5)]
    root = parse(priority_matrix_svg(points, title="t"))
    high, low = (g.find(f"{NS}circle") for g in matrix_points(root))
    assert float(high.get("cx")) > float(low.get("cx"))
    assert float(high.get("cy")) < float(low.get("cy"))  # SVG y grows downwards
    assert "Groot probleem en goed te beïnvloeden: rechtsboven." in root.find(f"{NS}desc").text


def test_priority_matrix_labels_do_not_overlap_each_other_or_circles():
    for points in (
        MATRIX_SAMPLE,
        [MatrixPoint(f"Thema {i}", 3.5 + (i % 4) * 0.12, 3.4 + (i // 4) * 0.15) for i in range(12)],
    ):
        for width in (640, 420):
            root = parse(priority_matrix_svg(points, title="t", width=width))
            assert_text_inside(root)
            boxes = label_boxes(root)
            assert len(boxes) >= len(points)  # a long name wraps onto more lines
            shown = {" ".join(t.text for t in g.iter(f"{NS}text")) for g in matrix_points(root)}
            assert shown == {p.label for p in points}  # in full, nothing cut off
            for i, (name, box) in enumerate(boxes):
                for other_name, other in boxes[i + 1 :]:
                    assert not boxes_overlap(box, other), (name, other_name)
                for circle in root.iter(f"{NS}circle"):
                    cx, cy, r = (float(circle.get(k)) for k in ("cx", "cy", "r"))
                    assert not boxes_overlap(box, (cx - r, cy - r, cx + r, cy + r)), name


def test_priority_matrix_stacks_labels_of_coinciding_themes():
    points = [MatrixPoint(f"Thema {i}", 3.0, 3.0, highlight=i == 2) for i in range(4)]
    root = parse(priority_matrix_svg(points, title="t"))
    circles = root.findall(f".//{NS}circle")
    assert len(circles) == 4 and len({(c.get("cx"), c.get("cy")) for c in circles}) == 1
    boxes = label_boxes(root)
    assert len({round(box[0]) for _, box in boxes}) == 1  # one column ...
    tops = sorted(box[1] for _, box in boxes)
    assert all(b - a >= 12 for a, b in zip(tops, tops[1:], strict=False))  # ... one row each
    # The proposed priority is drawn first, so the other dots show inside its ring.
    assert "highlight" in matrix_points(root)[0].get("class")


def test_priority_matrix_clamps_out_of_range_and_skips_missing_scores():
    points = [
        MatrixPoint("te hoog", 7.0, 5.0),
        MatrixPoint("op de rand", 5.0, 5.0),
        MatrixPoint("te laag", -1, 0.2),
        MatrixPoint("geen score", float("nan"), 3.0),
    ]
    root = parse(priority_matrix_svg(points, title="t"))
    assert len(root.findall(f".//{NS}circle")) == 3
    by_label = {g.find(f"{NS}text").text: g.find(f"{NS}circle") for g in matrix_points(root)}
    assert by_label["te hoog"].attrib == by_label["op de rand"].attrib
    tips = [g.find(f"{NS}title").text for g in matrix_points(root)]
    assert "te hoog: probleem 7,0; beïnvloedbaarheid 5,0" in tips  # the tooltip keeps the score


def test_priority_matrix_escapes_labels_and_title():
    nasty = '<script>alert("x")</script> & co'
    svg = priority_matrix_svg([MatrixPoint(nasty, 4, 4, True)], title=nasty)
    assert "<script" not in svg
    root = parse(svg)
    assert root.find(f"{NS}title").text == nasty
    group = matrix_points(root)[0]
    assert group.find(f"{NS}text").text == nasty
    assert group.find(f"{NS}title").text.startswith(nasty + ": probleem 4,0")


def test_priority_matrix_is_deterministic():
    first = priority_matrix_svg(MATRIX_SAMPLE, title="t")
    assert first == priority_matrix_svg(list(MATRIX_SAMPLE), title="t")
    other = priority_matrix_svg(MATRIX_SAMPLE[:-1], title="t")
    assert parse(first).get("aria-labelledby") != parse(other).get("aria-labelledby")


@pytest.mark.parametrize("points", [[], [MatrixPoint("x", float("nan"), 3.0)]])
def test_priority_matrix_without_scores(points):
    root = parse(priority_matrix_svg(points, title="Prioriteitenmatrix"))
    assert_text_inside(root)
    assert texts(root) == ["Nog geen scores"]
    assert root.find(f".//{NS}circle") is None
