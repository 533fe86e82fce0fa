"""Stored results turned into the shared charts and into table rows for pages and reports."""

from django.utils.text import capfirst

from projects.models import Gemeente

from . import selectors, series_breaks
from .chart_cache import cached_figure
from .charts import Bar, Point, bar_chart_svg, format_value, trend_chart_svg
from .charts.matrix import MatrixPoint, priority_matrix_svg
from .constants import AreaKind, Direction, Series
from .geometry import choropleth_svg
from .herindeling_panels import EARLIER, area_break_labels, herindeling_for, other_trends
from .models import Benchmark, Indicator, IndicatorResult
from .own_area_maps import own_area_geojson
from .selectors import IndicatorView

MAX_BENCHMARK_LINES = 3


def trend_points(trend: list[IndicatorResult]) -> list[Point]:
    points, previous_series = [], None
    for result in trend:
        series = result.edition.series
        points.append(
            Point(
                label=str(result.edition.year),
                value=None if result.suppressed else result.estimate,
                low=None if result.suppressed else result.ci_low,
                high=None if result.suppressed else result.ci_high,
                suppressed=result.suppressed,
                series_break_before=previous_series is not None and series != previous_series,
                n=result.n,
                low_n=result.low_n_warning and not result.suppressed,
            )
        )
        previous_series = series
    return points


def benchmark_points(benchmarks: list[Benchmark]) -> list[Point]:
    return [
        Point(
            label=str(b.year),
            value=b.estimate,
            low=b.ci_low,
            high=b.ci_high,
            suppressed=b.suppressed,
        )
        for b in benchmarks
    ]


def warn_threshold(results: list[IndicatorResult]) -> int | None:
    """The project's `warn_n`, for the legend of a chart with an indicative value; looked up
    only then (one query), so charts without one cost nothing extra."""
    flagged = next((r for r in results if r.low_n_warning and not r.suppressed), None)
    if flagged is None:
        return None
    # Through the foreign keys (the base manager): no tenant scope needed in a render task.
    # The flags were set with the thresholds of the project that imported the edition.
    project = flagged.edition.import_run.project
    return project.warn_n if project is not None else None


def chart_benchmarks(series: dict[str, list[Benchmark]]) -> list[tuple[str, list[Benchmark]]]:
    """The benchmark lines a trend chart has room for: Nederland (the broadest, first in
    `series`) and the areas nearest the gemeente, such as its district and basisteam. The
    table under the chart lists them all."""
    items = list(series.items())
    if len(items) <= MAX_BENCHMARK_LINES:
        return items
    return [items[0], *items[len(items) - MAX_BENCHMARK_LINES + 1 :]]


def trend_svg(
    view: IndicatorView,
    series: dict[str, list[Benchmark]],
    *,
    area_name: str,
    others: list[tuple[str, list[IndicatorResult]]] = (),
    area_breaks: list[str] = (),
) -> str:
    """`others`: the figures of the wijk's old or new codes after a herindeling, by label;
    drawn apart, behind a "herindeling" mark before `area_breaks`."""
    lines = [(name, benchmark_points(values)) for name, values in chart_benchmarks(series)]
    points = trend_points(view.trend)
    options = {
        "title": f"{view.indicator.name}, {area_name}",
        "unit": view.indicator.unit,
        "benchmarks": lines,
        "series_label": area_name,
        "warn_n": warn_threshold(view.trend),
        "other_areas": [(label, trend_points(results)) for label, results in others],
        "area_breaks": list(area_breaks),
    }
    return cached_figure(
        "trend",
        (points, sorted(options.items())),
        lambda: trend_chart_svg(points, **options),
    )


def wijk_bars_svg(results: list[IndicatorResult], *, title: str, unit: str) -> str:
    gemeente = next((r for r in results if r.area.kind == AreaKind.GEMEENTE), None)
    bars = [
        Bar(
            label=r.area.label,
            value=None if r.suppressed else r.estimate,
            low=None if r.suppressed else r.ci_low,
            high=None if r.suppressed else r.ci_high,
            suppressed=r.suppressed,
            highlight=r.area.kind == AreaKind.GEMEENTE,
            n=r.n,
            low_n=r.low_n_warning and not r.suppressed,
        )
        for r in results
    ]
    reference = None if gemeente is None or gemeente.suppressed else gemeente.estimate
    options = {
        "title": title,
        "unit": unit,
        "reference": reference,
        "reference_label": f"{gemeente.area.name}" if gemeente else "",
        "warn_n": warn_threshold(results),
    }
    return cached_figure(
        "bars", (bars, sorted(options.items())), lambda: bar_chart_svg(bars, **options)
    )


def priority_matrix(points: list[MatrixPoint], *, title: str, width: int = 640) -> str:
    """The priority matrix (charts.matrix), drawn once per set of scores: placing its labels
    is the slowest part of the priorities page."""
    return cached_figure(
        "matrix",
        (tuple(points), title, width),
        lambda: priority_matrix_svg(points, title=title, width=width),
    )


# Whether a higher value is worse, for the map's colours; None: neither (neutral).
HIGHER_IS_WORSE = {Direction.HIGHER_IS_WORSE: True, Direction.HIGHER_IS_BETTER: False}


def indicator_map_svg(
    gemeente: Gemeente, indicator: Indicator, results: list[IndicatorResult], year: int
) -> str:
    """The indicator per wijk on the gemeente's wijk map; "" until a wijk map is uploaded (the
    page then says so: the gemeente's outline alone would look like a map without wijken)."""
    wijk_map = selectors.wijk_map_row(gemeente)
    if wijk_map is None:
        return ""
    values = {
        r.area.code: (None if r.suppressed else r.estimate)
        for r in results
        if r.area.kind == AreaKind.WIJK
    }
    options = {
        "code_property": wijk_map.code_property,
        "name_property": wijk_map.name_property,
        "title": f"{indicator.name} per wijk, {year}",
        "unit": indicator.unit,
        "higher_is_worse": HIGHER_IS_WORSE.get(indicator.direction),
    }
    # The stored map by its identity: a new upload has a new file name and upload time.
    identity = (gemeente.pk, wijk_map.pk, wijk_map.file.name, wijk_map.uploaded_at.isoformat())
    return cached_figure(
        "wijk-map",
        (identity, sorted(values.items()), sorted(options.items())),
        lambda: choropleth_svg(selectors.wijk_map_file_geojson(wijk_map), values, **options),
    )


def own_area_map(
    gemeente: Gemeente, indicator: Indicator, results: list[IndicatorResult], year: int
) -> dict:
    """The indicator per own area: those made of wijken on the wijk map, each drawn as the
    union of its wijken ("svg"); the others by name ("unmapped": no boundaries to draw)."""
    own = [r for r in results if r.area.is_own]
    stored = selectors.wijk_map_geojson(gemeente) if own else None
    if stored is None:
        return {"svg": "", "unmapped": [r.area.label for r in own]}
    wijk_map, geojson = stored
    collection, unmapped = own_area_geojson(geojson, wijk_map.code_property, [r.area for r in own])
    svg = ""
    if collection["features"]:
        svg = choropleth_svg(
            collection,
            {r.area.code: (None if r.suppressed else r.estimate) for r in own},
            code_property="code",
            name_property="name",
            title=f"{indicator.name} per eigen gebied, {year}",
            unit=indicator.unit,
            higher_is_worse=HIGHER_IS_WORSE.get(indicator.direction),
        )
    return {"svg": svg, "unmapped": [area.label for area in unmapped]}


def shown(result: IndicatorResult | None, unit: str) -> str:
    """The estimate as text, or why there is none."""
    if result is None:
        return "–"
    if result.suppressed:
        return "te weinig waarnemingen"
    return format_value(result.estimate, unit)


def interval(result: IndicatorResult | None, unit: str) -> str:
    if result is None or result.suppressed or result.ci_low is None:
        return ""
    return f"{format_value(result.ci_low, unit)} – {format_value(result.ci_high, unit)}"


def series_note(trend: list[IndicatorResult]) -> str:
    """Names the break(s) between the editions shown, e.g. only the 2012 one for 2009-2015."""
    names = {result.edition.series for result in trend}
    if len(names) <= 1:
        return ""
    breaks = series_breaks.breaks_in([result.edition.year for result in trend])
    if not breaks:
        return (
            "De opzet van de Veiligheidsmonitor is veranderd; cijfers zijn niet rechtstreeks "
            "vergelijkbaar (trendbreuk)."
        )
    return (
        f"{capfirst(series_breaks.break_clause(breaks))}; cijfers van voor en na "
        f"{series_breaks.break_years(breaks)} zijn niet rechtstreeks vergelijkbaar (trendbreuk)."
    )


SERIES_LABELS = dict(Series.choices)


def indicator_panels(
    project, area, codes, *, with_charts: bool = True, gemeente=None
) -> list[dict]:
    """What a page shows per indicator of one area: value, margin, trend table, benchmarks,
    and (unless only the figures are wanted) the trend chart. `gemeente` is the area's: in a
    joint plan a participant's pages show its own figures and benchmarks."""
    panels = []
    views = selectors.indicator_views(project, area=area, indicator_codes=codes, gemeente=gemeente)
    herindeling = herindeling_for(area)
    other = other_trends(
        project, herindeling, [view.indicator.pk for view in views], gemeente=gemeente
    )
    for view in views:
        unit = view.indicator.unit
        others = [
            (each, other.get((view.indicator.pk, each.area.pk), [])) for each in herindeling.others
        ]
        svg = ""
        if with_charts:
            svg = trend_svg(
                view,
                selectors.benchmark_series(project, view.indicator, gemeente),
                area_name=area.label,
                others=[(each.label, results) for each, results in others if results],
                area_breaks=area_break_labels(view.trend, others),
            )
        panels.append(
            {
                "view": view,
                "svg": svg,
                "shown": shown(view.latest, unit),
                "interval": interval(view.latest, unit),
                "rows": [
                    {
                        "result": result,
                        "shown": shown(result, unit),
                        "interval": interval(result, unit),
                    }
                    for result in view.trend
                ],
                "benchmarks": [
                    {**benchmark, "shown": format_value(benchmark["estimate"], unit)}
                    for benchmark in view.benchmarks
                ],
                # The method breaks within the other areas' figures count as well.
                "series_note": series_note(
                    [*view.trend, *(result for _each, results in others for result in results)]
                ),
                "herindeling_note": herindeling.note,
                "after_herindeling": any(
                    each.relation == EARLIER and results for each, results in others
                ),
                "other_areas": [
                    {
                        "label": each.label,
                        "rows": [
                            {
                                "result": result,
                                "shown": shown(result, unit),
                                "interval": interval(result, unit),
                            }
                            for result in results
                        ],
                    }
                    for each, results in others
                    if results
                ],
            }
        )
    return panels
