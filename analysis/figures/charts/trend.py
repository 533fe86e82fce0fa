"""The trend chart: a survey outcome over editions, with intervals, benchmarks and breaks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .axes import CategoryAxis, axis_caption, value_axis_left
from .formatting import (
    TOO_FEW,
    check_unit,
    finite,
    format_interval,
    format_value,
    join_nl,
)
from .legend import SWATCH, LegendItem, legend
from .marks import marker, vertical_whisker
from .scales import LinearScale, Slots, axis_ticks, tick_labels
from .style import BENCHMARK_STYLES, MAIN, MUTED, OTHER_AREA_STYLES, WHITE
from .svg import (
    backdrop,
    svg_circle,
    svg_document,
    svg_group,
    svg_line,
    svg_polyline,
    svg_text,
)
from .text import text_width

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
TICK_SIZE, LABEL_SIZE, NOTE_SIZE = 12, 12, 11
DOT_RADIUS = 4.5
# How far a benchmark's markers stand beside the gemeente's dot in the same edition: clear of
# the dot (4.5 plus its ring) by a marker's half width (4.6 for a diamond) and a little air.
DODGE = 11.5


@dataclass(frozen=True)
class Point:
    """One edition in a trend."""

    label: str
    value: float | None
    low: float | None = None
    high: float | None = None
    suppressed: bool = False
    series_break_before: bool = False
    n: int | None = None  # respondents, for the tooltip of an indicative value
    low_n: bool = False  # shown, but on fewer respondents than the warning threshold


Series = tuple[str, list[Point]]  # a benchmark: its name and its points


def _merge_labels(series: Sequence[Sequence[Point]]) -> list[str]:
    """Ordered union of the labels. When every label holds a year they are sorted by it;
    otherwise the first series' order holds and other labels slot in after their predecessor."""
    labels: list[str] = []
    for points in series:
        position = -1
        for point in points:
            if point.label in labels:
                position = labels.index(point.label)
            else:
                position += 1
                labels.insert(position, point.label)
    years = [_YEAR.search(label) for label in labels]
    if all(years):
        order = {label: int(year.group()) for label, year in zip(labels, years, strict=True)}
        labels.sort(key=order.__getitem__)
    return labels


def _segments(points: Sequence[Point]) -> list[list[Point]]:
    """Runs of drawable points; a gap, a suppressed point or a method break ends a run."""
    runs: list[list[Point]] = []
    current: list[Point] = []
    for point in points:
        if point.series_break_before and current:
            runs.append(current)
            current = []
        if point.suppressed or not finite(point.value):
            if current:
                runs.append(current)
            current = []
            continue
        current.append(point)
    if current:
        runs.append(current)
    return runs


def _shown(points: Sequence[Point]) -> list[Point]:
    return [p for run in _segments(points) for p in run]


@dataclass(frozen=True)
class _TrendPlot:
    """Where everything goes: editions in slots left to right, values bottom to top."""

    labels: list[str]  # the editions, in order
    slot_of: dict[str, int]
    breaks: list[int]  # slots that start a new method (a "trendbreuk" before them)
    ticks: list[float]
    tick_labels: list[str]
    caption: str
    editions: CategoryAxis
    slots: Slots
    y_at: LinearScale
    left: float
    right: float
    top: float
    bottom: float
    # Slots that start figures of another area (a herindeling: the wijk got new codes).
    area_breaks: tuple[int, ...] = ()

    def x_at(self, label: str) -> float:
        return self.slots.centre(self.slot_of[label])

    def xy(self, point: Point) -> tuple[float, float]:
        return self.x_at(point.label), self.y_at(point.value)


def _value_range(points: Sequence[Point], series: Sequence[Series]) -> list[float | None]:
    values: list[float | None] = []
    for p in points:
        if not p.suppressed:
            values += [p.value, p.low, p.high]
    for _, pts in series:
        values += [p.value for p in pts if not p.suppressed]
    return values


def _break_slots(series: Sequence[Sequence[Point]], slot_of: dict[str, int]) -> list[int]:
    """The slots a method break comes before (never the first)."""
    return sorted(
        {
            slot_of[p.label]
            for points in series
            for p in points
            if p.series_break_before and slot_of[p.label] > 0
        }
    )


def _trend_plot(
    points: list[Point],
    series: list[Series],
    unit: str,
    width: int,
    height: int,
    others: Sequence[Series] = (),
    area_breaks: Sequence[str] = (),
) -> _TrendPlot:
    everything = [points, *(pts for _, pts in series), *(pts for _, pts in others)]
    labels = _merge_labels(everything)
    slot_of = {label: i for i, label in enumerate(labels)}
    ticks = axis_ticks(unit, _value_range(points, [*series, *others]))
    values = tick_labels(ticks, unit)
    caption = axis_caption(unit)
    left = 10 + max(text_width(t, TICK_SIZE) for t in values) + 8
    right = width - 16
    breaks = _break_slots(everything, slot_of)
    moved = tuple(sorted({slot_of[label] for label in area_breaks if slot_of.get(label, 0) > 0}))
    top = 12 + (18 if caption else 0) + (16 if breaks or moved else 0)
    slots = Slots(left, (right - left) / max(len(labels), 1))
    suppressed = {p.label for p in points if p.suppressed}
    editions = CategoryAxis.fit(
        [f"{label}*" if label in suppressed else label for label in labels],
        size=LABEL_SIZE,
        slot_width=slots.width,
    )
    bottom = max(height - editions.space, top + 60)
    return _TrendPlot(
        labels=labels,
        slot_of=slot_of,
        breaks=breaks,
        ticks=ticks,
        tick_labels=values,
        caption=caption,
        editions=editions,
        slots=slots,
        y_at=LinearScale.between(ticks, bottom, top),
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        area_breaks=moved,
    )


def _value_axis(plot: _TrendPlot) -> list[str]:
    parts = value_axis_left(
        plot.ticks, plot.tick_labels, plot.y_at, left=plot.left, right=plot.right, size=TICK_SIZE
    )
    if plot.caption:
        parts.append(svg_text(4, 14, plot.caption, size=NOTE_SIZE, fill=MUTED))
    return parts


def _break_marks(plot: _TrendPlot) -> list[str]:
    """A dashed line with "trendbreuk" between the editions measured in different ways, and
    with "herindeling" where the figures of another area (the wijk's old or new codes) begin;
    "trendbreuk en herindeling" where both fall between the same editions."""
    marks = []
    for index in sorted({*plot.breaks, *plot.area_breaks}):
        kinds = [
            name
            for name, slots in (("trendbreuk", plot.breaks), ("herindeling", plot.area_breaks))
            if index in slots
        ]
        x = plot.slots.edge(index)
        line = svg_line(x, plot.top - 4, x, plot.bottom, stroke=MUTED, width=1.25, dash="4 3")
        label = " en ".join(kinds)
        text = svg_text(x, plot.top - 8, label, size=NOTE_SIZE, anchor="middle", fill=MUTED)
        marks.append(svg_group([line, text], css=" ".join(kinds)))
    return marks


def benchmark_offsets(count: int, slot_width: float) -> list[float]:
    """Where each benchmark's markers stand beside the gemeente's dot: right, left, then
    further right, so a benchmark equal to the gemeente stays visible. In narrow slots (many
    editions) the step shrinks to keep the markers within their own edition."""
    step = min(DODGE, slot_width / 5)
    return [(step, -step, 2 * step)[i] for i in range(count)]


def _benchmark(
    name: str,
    points: Sequence[Point],
    style: tuple[str, str, str],
    plot: _TrendPlot,
    unit: str,
    offset: float,
) -> tuple[str, str]:
    """A benchmark series: a thin dashed line (beneath the gemeente's line) and its own open
    marker shape, set `offset` beside the gemeente's dot and drawn above everything."""
    colour, dash, shape = style
    runs = _segments(points)

    def xy(p: Point) -> tuple[float, float]:
        x, y = plot.xy(p)
        return x + offset, y

    lines = [
        svg_polyline([xy(p) for p in run], stroke=colour, width=1.75, dash=dash)
        for run in runs
        if len(run) > 1
    ]
    markers = []
    for p in (p for run in runs for p in run):
        tip = f"{name}, {p.label}: {format_value(p.value, unit)}"
        markers.append(svg_group([marker(shape, *xy(p), colour, hollow=True)], title=tip))
    return svg_group(lines, css="benchmark"), svg_group(markers, css="benchmark-markers")


def _other_area(
    name: str,
    points: Sequence[Point],
    style: tuple[str, str, str],
    plot: _TrendPlot,
    unit: str,
    offset: float = 0,
) -> str:
    """The figures of another area (the wijk before or after a herindeling): its own grey
    line, whiskers and open markers, never joined to the wijk's own line. Several such areas
    (the parts of a split) stand `offset` apart within an edition."""
    colour, dash, shape = style
    runs = _segments(points)

    def xy(p: Point) -> tuple[float, float]:
        x, y = plot.xy(p)
        return x + offset, y

    parts = [
        vertical_whisker(xy(p)[0], plot.y_at(p.low), plot.y_at(p.high), colour=colour)
        for p in _shown(points)
        if finite(p.low) and finite(p.high)
    ]
    parts += [
        svg_polyline([xy(p) for p in run], stroke=colour, width=2, dash=dash)
        for run in runs
        if len(run) > 1
    ]
    for p in _shown(points):
        tip = f"{name}, {_tooltip(p, unit)}"
        parts.append(svg_group([marker(shape, *xy(p), colour, hollow=True)], title=tip))
    return svg_group(parts, css="other-area")


def _tooltip(p: Point, unit: str) -> str:
    text = f"{p.label}: {format_value(p.value, unit)}{format_interval(p.low, p.high, unit)}"
    if p.low_n:
        text += f"; indicatief, {'n = ' + str(p.n) if p.n else 'weinig respondenten'}"
    return text


def _main_series(points: Sequence[Point], plot: _TrendPlot, unit: str) -> str:
    """The intervals, then the line, then a dot per edition with its value as tooltip."""
    parts = [
        vertical_whisker(plot.x_at(p.label), plot.y_at(p.low), plot.y_at(p.high), colour=MAIN)
        for p in points
        if not p.suppressed and finite(p.value) and finite(p.low) and finite(p.high)
    ]
    runs = _segments(points)
    parts += [
        svg_polyline(
            [plot.xy(p) for p in run], stroke=MAIN, width=2.5, css="series-line", round_joins=True
        )
        for run in runs
        if len(run) > 1
    ]
    for p in _shown(points):
        tip = _tooltip(p, unit)
        if p.low_n:  # an open dot: indicative, too few respondents for a firm figure
            parts.append(svg_circle(*plot.xy(p), DOT_RADIUS, fill=WHITE, stroke=MAIN, title=tip))
        else:
            parts.append(svg_circle(*plot.xy(p), DOT_RADIUS, fill=MAIN, ring=True, title=tip))
    return svg_group(parts, css="series")


def _value_labels(
    points: Sequence[Point], series: Sequence[Series], plot: _TrendPlot, unit: str
) -> str:
    """The main series' values, when every one fits its slot; a note when nothing is shown."""
    shown = _shown(points)
    markers: dict[int, list[float]] = {}  # the benchmark markers per slot, to keep clear of
    for _, pts in series:
        for p in _shown(pts):
            markers.setdefault(plot.slot_of[p.label], []).append(plot.y_at(p.value))
    fits = len(shown) <= 12 and all(
        text_width(format_value(p.value, unit), NOTE_SIZE) + 4 <= plot.slots.width for p in shown
    )
    parts = [_value_label(p, plot, unit, markers) for p in shown] if fits else []
    if not shown and not any(_segments(pts) for _, pts in series):
        x, y = (plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2
        parts.append(svg_text(x, y, "Geen gegevens om te tonen", anchor="middle", fill=MUTED))
    return svg_group(parts, css="value-labels")


def _value_label(p: Point, plot: _TrendPlot, unit: str, markers: dict[int, list[float]]) -> str:
    """Above the interval, or below it when the top of the plot or a benchmark marker is in
    the way."""
    index = plot.slot_of[p.label]

    def clear(baseline: float) -> bool:
        box_top, box_bottom = baseline - NOTE_SIZE - 1, baseline + 3
        return (
            plot.top - 2 <= box_top
            and box_bottom <= plot.bottom - 2
            and not any(y - 5 < box_bottom and y + 5 > box_top for y in markers.get(index, ()))
        )

    text = format_value(p.value, unit)
    w = text_width(text, NOTE_SIZE)
    x, y_dot = plot.slots.centre(index), plot.y_at(p.value)
    above = min(plot.y_at(p.high if finite(p.high) else p.value), y_dot - DOT_RADIUS) - 6
    below = max(plot.y_at(p.low if finite(p.low) else p.value), y_dot + DOT_RADIUS) + NOTE_SIZE + 4
    y = below if not clear(above) and clear(below) else above
    y = max(y, plot.top + NOTE_SIZE - 2)
    return backdrop(x - w / 2 - 2, y - NOTE_SIZE + 1, w + 4, NOTE_SIZE + 2) + svg_text(
        x, y, text, size=NOTE_SIZE, anchor="middle"
    )


def _series_key(x: float, y: float) -> str:
    return svg_line(x, y, x + SWATCH, y, stroke=MAIN, width=2.5) + svg_circle(
        x + 12, y, DOT_RADIUS, fill=MAIN, ring=True
    )


def _interval_key(x: float, y: float) -> str:
    return vertical_whisker(x, y - 7, y + 7, colour=MAIN, shift=12)


def _benchmark_key(style: tuple[str, str, str]):
    colour, dash, shape = style
    return lambda x, y: (
        svg_line(x, y, x + SWATCH, y, stroke=colour, width=1.75, dash=dash)
        + marker(shape, x + 12, y, colour, hollow=True)
    )


def _low_n_key(x: float, y: float) -> str:
    return svg_circle(x + 12, y, DOT_RADIUS, fill=WHITE, stroke=MAIN)


def low_n_label(warn_n: int | None) -> str:
    """The legend's line for an open dot: "n < 100: indicatief"."""
    return f"open punt: n < {warn_n}, indicatief" if warn_n else "open punt: indicatief"


def _break_key(x: float, y: float) -> str:
    return svg_line(x + 12, y - 8, x + 12, y + 8, stroke=MUTED, dash="4 3")


def _other_area_key(style: tuple[str, str, str]):
    colour, dash, shape = style
    return lambda x, y: (
        svg_line(x, y, x + SWATCH, y, stroke=colour, width=2, dash=dash)
        + marker(shape, x + 12, y, colour, hollow=True)
    )


def _legend_items(
    points: Sequence[Point],
    series: Sequence[Series],
    plot: _TrendPlot,
    series_label: str,
    warn_n: int | None,
    others: Sequence[Series] = (),
    break_legend: str = "trendbreuk (andere methode)",
) -> list[LegendItem]:
    items = [LegendItem(series_label, _series_key)]
    if any(finite(p.low) and finite(p.high) and not p.suppressed for p in points):
        items.append(LegendItem("95%-betrouwbaarheidsinterval", _interval_key))
    for (name, _), style in zip(series, BENCHMARK_STYLES, strict=False):
        items.append(LegendItem(name, _benchmark_key(style)))
    for (name, _), style in zip(others, OTHER_AREA_STYLES, strict=False):
        items.append(LegendItem(name, _other_area_key(style)))
    if any(p.low_n for p in _shown(points)):
        items.append(LegendItem(low_n_label(warn_n), _low_n_key))
    if plot.breaks:
        items.append(LegendItem(break_legend, _break_key))
    if plot.area_breaks:
        items.append(LegendItem("herindeling (andere wijkgrenzen)", _break_key))
    if any(p.suppressed for p in points):
        items.append(LegendItem(f"* {TOO_FEW}", None))
    return items


def _trend_desc(
    points: Sequence[Point],
    unit: str,
    names: Sequence[str],
    breaks: Sequence[str],
    warn_n: int | None,
    others: Sequence[str] = (),
    area_breaks: Sequence[str] = (),
) -> str:
    shown = [p for p in points if not p.suppressed and finite(p.value)]
    if not shown:
        text = "Er zijn geen gegevens om te tonen"
    elif len(shown) == 1:
        text = f"Eén meting: {format_value(shown[0].value, unit)} in {shown[0].label}"
    else:
        first, last = shown[0], shown[-1]
        text = (
            f"Verloop over {len(shown)} metingen: van {format_value(first.value, unit)} "
            f"in {first.label} naar {format_value(last.value, unit)} in {last.label}"
        )
    if names:
        text += f", vergeleken met {join_nl(list(names))}"
    if breaks:
        text += f"; trendbreuk vóór {join_nl(list(breaks))}"
    if others:
        where = f" vóór {join_nl(list(area_breaks))}" if area_breaks else ""
        text += (
            f"; herindeling{where}: de cijfers van {join_nl(list(others))} staan apart, "
            "niet verbonden"
        )
    indicative = [p.label for p in shown if p.low_n]
    if indicative:
        fewer = f"minder dan {warn_n} respondenten" if warn_n else "weinig respondenten"
        text += f"; indicatief ({fewer}) in {join_nl(indicative)}"
    suppressed = [p.label for p in points if p.suppressed]
    if suppressed:
        text += f"; te weinig waarnemingen in {join_nl(suppressed)}"
    return text + "."


def trend_chart_svg(
    points: Sequence[Point],
    *,
    title: str,
    unit: str,
    benchmarks: Sequence[tuple[str, Sequence[Point]]] = (),
    width: int = 640,
    height: int = 300,
    series_label: str = "Uitkomst",
    warn_n: int | None = None,
    other_areas: Sequence[tuple[str, Sequence[Point]]] = (),
    area_breaks: Sequence[str] = (),
    break_legend: str = "trendbreuk (andere methode)",
) -> str:
    """A line chart over editions with 95% intervals, up to 3 benchmark series and method breaks.

    `height` is the plotting area including its axis labels; the legend adds rows below it.
    Labels are unique within a series. A suppressed point leaves a gap and gets a "*" at its
    axis label; a point with `series_break_before` starts a new line behind a "trendbreuk" mark;
    a `low_n` point is an open dot, explained in the legend as below `warn_n` respondents.
    `break_legend` says what a break is (a goal's series also breaks at a herindeling).
    Benchmark markers are open shapes beside the gemeente's dot, so equal values stay visible.
    `other_areas` are the figures of the area before or after a herindeling (up to 3), each
    its own grey line, never joined to the main one; `area_breaks` are the labels they begin
    or end before, marked "herindeling".
    """
    check_unit(unit)
    points = list(points)
    series = [(name, list(pts)) for name, pts in benchmarks]
    if len(series) > len(BENCHMARK_STYLES):
        raise ValueError(f"At most {len(BENCHMARK_STYLES)} benchmark series are supported")
    others = [(name, list(pts)) for name, pts in other_areas][: len(OTHER_AREA_STYLES)]
    plot = _trend_plot(points, series, unit, width, height, others, area_breaks)
    offsets = benchmark_offsets(len(series), plot.slots.width)
    drawn = [
        _benchmark(name, pts, style, plot, unit, offset)
        for (name, pts), style, offset in zip(series, BENCHMARK_STYLES, offsets, strict=False)
    ]
    body = [
        svg_group(_value_axis(plot), css="axis"),
        svg_group(plot.editions.draw(plot.slots, plot.bottom), css="x-axis"),
        *_break_marks(plot),
        *(lines for lines, _ in drawn),
        *(
            _other_area(name, pts, style, plot, unit, offset)
            for (name, pts), style, offset in zip(
                others,
                OTHER_AREA_STYLES,
                benchmark_offsets(len(others), plot.slots.width) if len(others) > 1 else [0],
                strict=False,
            )
        ),
        _main_series(points, plot, unit),
        *(markers for _, markers in drawn),
        _value_labels(points, series, plot, unit),
    ]
    legend_top = max(height, plot.bottom + plot.editions.space) + 4
    keys, legend_height = legend(
        _legend_items(points, series, plot, series_label, warn_n, others, break_legend),
        x0=plot.left,
        y0=legend_top,
        max_width=plot.right - plot.left,
    )
    body.append(svg_group(keys, css="legend"))
    breaks = [plot.labels[i] for i in plot.breaks]
    desc = _trend_desc(
        points,
        unit,
        [name for name, _ in series],
        breaks,
        warn_n,
        [name for name, _ in others],
        [plot.labels[i] for i in plot.area_breaks],
    )
    height = legend_top + legend_height + 8
    return svg_document("trend", width=width, height=height, title=title, desc=desc, body=body)
