"""What a chart must keep visible: a benchmark equal to the gemeente's value, and the warning
on a value from fewer respondents than the project's warning threshold (warn_n)."""

import re
import xml.etree.ElementTree as ET

import pytest

from analysis.figures import presenters, selectors
from analysis.figures.charts import Bar, Point, bar_chart_svg, trend_chart_svg
from analysis.figures.constants import AreaKind, Series
from analysis.models import (
    Area,
    ImportRun,
    Indicator,
    IndicatorResult,
    ProjectEdition,
    SurveyEdition,
)
from tests.factories import ProjectFactory

NS = "{http://www.w3.org/2000/svg}"
_PAIR = re.compile(r"(-?[\d.]+),(-?[\d.]+)")


def _box(element: ET.Element) -> tuple[float, float, float, float]:
    """The drawn extent of a dot, square or path marker, its stroke included."""
    stroke = float(element.get("stroke-width") or 0) / 2
    tag = element.tag.removeprefix(NS)
    if tag == "circle":
        x, y, r = (float(element.get(a)) for a in ("cx", "cy", "r"))
        return x - r - stroke, y - r - stroke, x + r + stroke, y + r + stroke
    if tag == "rect":
        x, y, w, h = (float(element.get(a)) for a in ("x", "y", "width", "height"))
        return x - stroke, y - stroke, x + w + stroke, y + h + stroke
    pairs = [(float(a), float(b)) for a, b in _PAIR.findall(element.get("d"))]
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    return min(xs) - stroke, min(ys) - stroke, max(xs) + stroke, max(ys) + stroke


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _marks(root: ET.Element, group: str) -> list[ET.Element]:
    found = []
    for g in root.iter(f"{NS}g"):
        if g.get("class") == group:
            found += [e for e in g.iter() if e.tag.removeprefix(NS) in {"circle", "rect", "path"}]
    return found


EDITIONS = ("2019", "2021", "2023")


def _equal_benchmarks_chart(count: int, editions=EDITIONS) -> ET.Element:
    points = [Point(label, 20.0, 18.0, 22.0) for label in editions]
    names = ["Nederland", "Provincie Flevoland", "Eenheid Midden-Nederland"][:count]
    benchmarks = [(name, [Point(label, 20.0) for label in editions]) for name in names]
    svg = trend_chart_svg(points, title="Gelijk", unit="percent", benchmarks=benchmarks)
    return ET.fromstring(svg)


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_benchmark_equal_to_the_gemeente_stays_visible(count):
    root = _equal_benchmarks_chart(count)
    dots = _marks(root, "series")
    markers = _marks(root, "benchmark-markers")
    assert len(dots) == len(EDITIONS) and len(markers) == count * len(EDITIONS)
    for marker in markers:
        for dot in dots:
            assert not _overlap(_box(marker), _box(dot))
    for i, a in enumerate(markers):  # nor do the benchmarks hide each other
        for b in markers[i + 1 :]:
            assert not _overlap(_box(a), _box(b))


def test_benchmark_markers_are_open_and_drawn_above_the_gemeente_line():
    root = _equal_benchmarks_chart(1)
    classes = [g.get("class") for g in root if g.tag == f"{NS}g"]
    assert classes.index("benchmark-markers") > classes.index("series")
    for marker in _marks(root, "benchmark-markers"):
        assert marker.get("fill") == "#ffffff" and marker.get("stroke") not in (None, "#ffffff")


def test_the_legend_names_each_benchmark():
    root = _equal_benchmarks_chart(3)
    legend = [t.text for g in root.iter(f"{NS}g") if g.get("class") == "legend" for t in g.iter()]
    for name in ("Nederland", "Provincie Flevoland", "Eenheid Midden-Nederland"):
        assert name in legend


def test_many_editions_keep_benchmark_markers_within_their_edition():
    editions = [str(year) for year in range(2008, 2024)]
    root = _equal_benchmarks_chart(3, editions)
    dots = sorted(_marks(root, "series"), key=lambda d: float(d.get("cx")))
    half_slot = (float(dots[1].get("cx")) - float(dots[0].get("cx"))) / 2
    for marker in _marks(root, "benchmark-markers"):
        box = _box(marker)
        nearest = min(dots, key=lambda d: abs(float(d.get("cx")) - (box[0] + box[2]) / 2))
        assert abs((box[0] + box[2]) / 2 - float(nearest.get("cx"))) < half_slot


# --------------------------------------------------------------------------- low n


def _trend_with_low_n(warn_n=100) -> ET.Element:
    points = [
        Point("2021", 30.0, 25.0, 35.0, n=412),
        Point("2023", 28.0, 19.0, 37.0, n=72, low_n=True),
    ]
    return ET.fromstring(
        trend_chart_svg(points, title="Buitengebied", unit="percent", warn_n=warn_n)
    )


def test_an_indicative_value_is_an_open_dot_with_a_legend_line_and_in_the_description():
    root = _trend_with_low_n()
    dots = {d.find(f"{NS}title").text.split(":")[0]: d for d in _marks(root, "series")}
    assert dots["2021"].get("fill") != "#ffffff"
    assert dots["2023"].get("fill") == "#ffffff" and dots["2023"].get("stroke")
    assert "n = 72" in dots["2023"].find(f"{NS}title").text
    legend = [t.text for g in root.iter(f"{NS}g") if g.get("class") == "legend" for t in g.iter()]
    assert "open punt: n < 100, indicatief" in legend
    desc = root.find(f"{NS}desc").text
    assert "indicatief (minder dan 100 respondenten) in 2023" in desc


def test_without_an_indicative_value_there_is_no_warning():
    points = [Point("2021", 30.0, n=412), Point("2023", 28.0, n=380)]
    svg = trend_chart_svg(points, title="x", unit="percent", warn_n=100)
    assert "indicatief" not in svg


def test_an_indicative_bar_is_open_and_the_chart_says_why():
    bars = [
        Bar("Almere", 20.0, highlight=True, n=5000),
        Bar("Buitengebied", 31.0, 21.0, 41.0, n=72, low_n=True),
        Bar("Haven", 22.0, n=400),
    ]
    root = ET.fromstring(bar_chart_svg(bars, title="x", unit="percent", warn_n=100))
    rows = [g for g in root.iter(f"{NS}g") if g.get("class") == "bar-row"]
    fills = {row.find(f"{NS}title").text.split(":")[0]: row.find(f"{NS}rect") for row in rows}
    assert fills["Buitengebied"].get("fill") == "#ffffff"
    assert fills["Haven"].get("fill") != "#ffffff"
    note = [g for g in root.iter(f"{NS}g") if g.get("class") == "low-n-note"]
    assert [t.text for t in note[0].iter(f"{NS}text")] == ["Open staaf: n < 100, indicatief"]
    assert "indicatief (minder dan 100 respondenten): Buitengebied" in root.find(f"{NS}desc").text


def test_the_trend_of_a_wijk_below_warn_n_warns_with_the_projects_threshold(world):
    project = ProjectFactory(gemeente=world.gemeente)
    project.min_n, project.warn_n = 50, 120
    project.save(update_fields=["min_n", "warn_n"])
    wijk = Area.objects.create(
        gemeente=project.gemeente, code="WK999901", name="Buitengebied", kind=AreaKind.WIJK
    )
    indicator = Indicator.objects.filter(gemeente=None, unit="percent").order_by("code").first()
    for year, n in ((2021, 300), (2023, 72)):
        run = ImportRun.objects.create(
            project=project, kind="survey", status="done", original_name="vm.csv", year=year
        )
        edition = SurveyEdition.objects.create(
            gemeente=project.gemeente,
            year=year,
            series=Series.for_year(year),
            import_run=run,
            respondents=5000,
            weight_column="weegfactor",
        )
        ProjectEdition.objects.create(project=project, edition=edition, year=year)
        IndicatorResult.objects.create(
            edition=edition,
            indicator=indicator,
            area=wijk,
            estimate=30.0,
            ci_low=20.0,
            ci_high=40.0,
            se=5.0,
            n=n,
            n_eff=n * 0.8,
            low_n_warning=project.min_n <= n < project.warn_n,
        )
    (view,) = selectors.indicator_views(project, area=wijk, indicator_codes=[indicator.code])
    root = ET.fromstring(presenters.trend_svg(view, {}, area_name="Buitengebied"))
    assert "indicatief (minder dan 120 respondenten) in 2023" in root.find(f"{NS}desc").text
    open_dots = [d for d in _marks(root, "series") if d.get("fill") == "#ffffff"]
    assert [d.find(f"{NS}title").text.split(":")[0] for d in open_dots] == ["2023"]
