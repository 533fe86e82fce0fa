"""Server-side SVG charts for the survey pages and the PDF/DOCX reports.

One renderer for every output: the pages inline the SVG, WeasyPrint draws it in the PDF. The output
keeps to plain SVG 1.1 (svg, g, rect, line, path, polyline, circle, text, title, desc) with
presentation attributes only: no scripts, no ``style`` attributes and no ``<style>`` element, so a
strict Content-Security-Policy holds. Every chart is an accessible image (role="img" labelled by
its <title> and <desc>), scales with its container (viewBox, width="100%", no height) and is
deterministic: the same input gives the same string, so it can be cached and snapshot-compared.

The SVG is built with f-strings from numbers, our own colours and text that always goes through
``esc``; every label a user could have typed (theme, indicator and wijk names) is text. Pages,
PDF and DOCX show it only after the SVG allow-list (``analysis.richtext.sanitize_svg``), so an
escaping slip here cannot become markup that acts.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

UNITS = frozenset(
    {
        "percent",
        "rapportcijfer_1_10",
        "schaalscore_0_10",
        "somscore",
        "per_1000_inwoners",
        "per_1000_jongeren_12_17",
        "count",
    }
)

# Axis captions; percent needs none because its ticks carry the "%" sign.
UNIT_CAPTIONS = {
    "percent": "percentage",
    "rapportcijfer_1_10": "rapportcijfer (1–10)",
    "schaalscore_0_10": "schaalscore (0–10)",
    "somscore": "somscore",
    "per_1000_inwoners": "per 1.000 inwoners",
    "per_1000_jongeren_12_17": "per 1.000 jongeren (12–17 jaar)",
    "count": "aantal",
}

MISSING = "–"
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
TOO_FEW = "te weinig waarnemingen"
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"

# Colours. Text is #212529 on white (15.4:1); secondary text #495057 (8.2:1). Lines and marks
# keep at least 3:1 against white (WCAG 1.4.11).
TEXT = "#212529"
MUTED = "#495057"
AXIS = "#6c757d"
GRID = "#dee2e6"
WHITE = "#ffffff"
MAIN = "#154273"
BAR = "#6f94c8"
BAR_HIGHLIGHT = "#154273"
# (colour, dash pattern, marker shape) per benchmark: colour is never the only difference.
BENCHMARK_STYLES = (
    ("#c2410c", "6 3", "square"),
    ("#047857", "2 3", "diamond"),
    ("#7e22ce", "9 3 2 3", "triangle"),
)


@dataclass(frozen=True)
class Point:
    """One edition in a trend."""

    label: str
    value: float | None
    low: float | None = None
    high: float | None = None
    suppressed: bool = False
    series_break_before: bool = False


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart."""

    label: str
    value: float | None
    low: float | None = None
    high: float | None = None
    suppressed: bool = False
    highlight: bool = False


# --------------------------------------------------------------------------- number formatting


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(f"Unknown unit {unit!r}; expected one of {sorted(UNITS)}")


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(float(value))


def format_number(value: float, decimals: int) -> str:
    """Dutch notation, rounded half up: 1234.56 -> "1.234,6"; never "-0,0"."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    text = format(abs(rounded), f",.{decimals}f").translate(str.maketrans(",.", ".,"))
    return f"-{text}" if rounded < 0 else text


def format_value(value: float | None, unit: str) -> str:
    """A value as the pages and reports show it: "23,4%", "7,1", "12,5", "1.234"; None -> "–"."""
    _check_unit(unit)
    if not _finite(value):
        return MISSING
    if unit == "count":
        return format_number(value, 0)
    text = format_number(value, 1)
    return f"{text}%" if unit == "percent" else text


def _format_interval(low: float | None, high: float | None, unit: str) -> str:
    if not (_finite(low) and _finite(high)):
        return ""
    return f" (95%-interval {format_value(low, unit)} – {format_value(high, unit)})"


def _join_nl(items: Sequence[str]) -> str:
    """["a", "b", "c"] -> "a, b en c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"


# --------------------------------------------------------------------------- SVG primitives

# Advance widths of DejaVu Sans (per 1000 em), so labels can be placed without a font engine.
# Arial is narrower, so the estimate errs on the safe side there.
_WIDTH_GROUPS = (
    (275, "'"),
    (278, "ijlï"),
    (295, "IJ"),
    (318, " ,."),
    (337, "/:;\\|"),
    (352, "f"),
    (361, "-"),
    (390, "()[]"),
    (392, "t"),
    (401, "!"),
    (411, "r"),
    (460, '"'),
    (500, "*_`–"),
    (521, "s"),
    (525, "z"),
    (531, "?"),
    (550, "cç"),
    (557, "L"),
    (575, "F"),
    (579, "k"),
    (592, "vxy"),
    (603, "P"),
    (611, "TY"),
    (612, "oöóô"),
    (613, "aàáâä"),
    (615, "eéëèê"),
    (632, "EÉ"),
    (634, "hnuüú"),
    (635, "Sbdgpq"),
    (636, "$0123456789{}€"),
    (656, "K"),
    (684, "AV"),
    (685, "XZ"),
    (686, "B"),
    (695, "R"),
    (698, "C"),
    (732, "U"),
    (748, "N"),
    (752, "H"),
    (770, "D"),
    (775, "G"),
    (780, "&"),
    (787, "OQ"),
    (818, "w"),
    (838, "#+<=>^~"),
    (863, "M"),
    (950, "%"),
    (974, "m"),
    (989, "W"),
    (1000, "@…"),
)
_CHAR_WIDTHS = {char: width / 1000 for width, chars in _WIDTH_GROUPS for char in chars}


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated rendered width of `text` in DejaVu Sans at `size` (user units)."""
    em = sum(_CHAR_WIDTHS.get(char, 0.68) for char in text)
    return em * size * (1.12 if bold else 1.0)


def truncate_text(text: str, size: float, max_width: float, *, bold: bool = False) -> str:
    """`text`, shortened with an ellipsis so it fits in `max_width`."""
    if text_width(text, size, bold=bold) <= max_width:
        return text
    while text and text_width(text + "…", size, bold=bold) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap_text(text: str, size: float, max_width: float, *, bold: bool = False) -> list[str]:
    """`text` split on spaces into lines no wider than `max_width` (long words are truncated)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold=bold) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return [truncate_text(line, size, max_width, bold=bold) for line in lines]


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate: at most one decimal, no trailing ".0", never "-0"."""
    rounded = round(float(value), 1)
    if rounded == 0:
        return "0"
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}"


def svg_text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = 12,
    anchor: str = "start",
    fill: str = TEXT,
    bold: bool = False,
    transform: str = "",
) -> str:
    attrs = f'x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{fill}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if bold:
        attrs += ' font-weight="bold"'
    if transform:
        attrs += f' transform="{transform}"'
    return f"<text {attrs}>{esc(text)}</text>"


def svg_line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    *,
    stroke: str,
    width: float = 1,
    dash: str = "",
) -> str:
    attrs = (
        f'x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="{stroke}" stroke-width="{num(width)}"'
    )
    if dash:
        attrs += f' stroke-dasharray="{dash}"'
    return f"<line {attrs}/>"


def svg_document(
    kind: str, *, width: float, height: float, title: str, desc: str, body: Iterable[str]
) -> str:
    """The root <svg>: accessible name and description, white background, then `body`.

    The ids derive from a hash of the content, so several charts can share a page and the same
    input still gives the same string.
    """
    content = "".join(body)
    seed = f"{kind}\n{title}\n{desc}\n{width}x{height}\n{content}"
    ident = f"{kind}-{hashlib.sha1(seed.encode(), usedforsecurity=False).hexdigest()[:10]}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT_FAMILY}">'
        f'<title id="{ident}-title">{esc(title)}</title>'
        f'<desc id="{ident}-desc">{esc(desc)}</desc>'
        f'<rect x="0" y="0" width="{num(width)}" height="{num(height)}" fill="{WHITE}"/>'
        f"{content}</svg>"
    )


# --------------------------------------------------------------------------- axes


def _nice_ticks(low: float, high: float, *, min_step: float = 0.0) -> list[float]:
    """4 to 6 round ticks covering [low, high]."""
    if high <= low:
        high = low + 1
    exponent = math.floor(math.log10((high - low) / 5))
    for power in range(exponent - 1, exponent + 3):
        for mantissa in (1, 2, 2.5, 5):
            step = mantissa * 10.0**power
            if step < min_step:
                continue
            first = math.floor(low / step + 1e-9)
            last = math.ceil(high / step - 1e-9)
            if last - first <= 5:
                return [round(k * step, 10) for k in range(first, last + 1)]
    return [low, high]  # pragma: no cover - the loop above always finds a step


def axis_ticks(unit: str, values: Iterable[float | None], *, bars: bool = False) -> list[float]:
    """Ticks for a value axis: fixed scales for scores, 0-100 for large percentages."""
    data = [float(v) for v in values if _finite(v)]
    low = min(data, default=None)
    high = max(data, default=None)

    def inside(floor: float, ceiling: float) -> bool:
        return low is None or (low >= floor and high <= ceiling)

    if unit == "rapportcijfer_1_10" and not bars and inside(1, 10):
        return [1.0, 4.0, 7.0, 10.0]
    if unit in ("rapportcijfer_1_10", "schaalscore_0_10") and inside(0, 10):
        return [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    if unit == "percent" and (low is None or (low >= 0 and 60 < high <= 100)):
        return [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
    low = min(0.0, low if low is not None else 0.0)
    high = max(0.0, high if high is not None else 1.0)
    return _nice_ticks(low, high, min_step=1.0 if unit == "count" else 0.0)


def _tick_decimals(ticks: Sequence[float]) -> int:
    if len(ticks) < 2:
        return 0
    step = Decimal(repr(abs(ticks[1] - ticks[0]))).normalize()
    return max(0, -step.as_tuple().exponent)


def _tick_labels(ticks: Sequence[float], unit: str) -> list[str]:
    decimals = min(_tick_decimals(ticks), 2)
    suffix = "%" if unit == "percent" else ""
    return [f"{format_number(t, decimals)}{suffix}" for t in ticks]


# --------------------------------------------------------------------------- markers and legend


def _marker(shape: str, x: float, y: float, colour: str, size: float = 3.5) -> str:
    if shape == "square":
        return (
            f'<rect x="{num(x - size)}" y="{num(y - size)}" width="{num(2 * size)}" '
            f'height="{num(2 * size)}" fill="{colour}"/>'
        )
    if shape == "diamond":
        s = size * 1.3
        d = (
            f"M{num(x)},{num(y - s)}L{num(x + s)},{num(y)} "
            f"{num(x)},{num(y + s)} {num(x - s)},{num(y)}Z"
        )
        return f'<path d="{d}" fill="{colour}"/>'
    if shape == "triangle":
        s = size * 1.25
        d = (
            f"M{num(x)},{num(y - s)}L{num(x + s)},{num(y + s * 0.8)} "
            f"{num(x - s)},{num(y + s * 0.8)}Z"
        )
        return f'<path d="{d}" fill="{colour}"/>'
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(size)}" fill="{colour}"/>'


@dataclass(frozen=True)
class _LegendItem:
    label: str
    swatch: Callable[[float, float], str] | None  # draws a 24-wide swatch centred on y
    bold: bool = False


_LEGEND_SIZE = 12
_LEGEND_ROW = 20
_SWATCH = 24


def _legend(items: Sequence[_LegendItem], *, x0: float, y0: float, max_width: float):
    """Lay items out left to right, wrapping; returns (svg parts, height used)."""
    parts: list[str] = []
    x, row = x0, 0
    for item in items:
        label = truncate_text(item.label, _LEGEND_SIZE, max_width - _SWATCH - 8)
        swatch = _SWATCH + 6 if item.swatch else 0
        item_width = swatch + text_width(label, _LEGEND_SIZE, bold=item.bold)
        if x > x0 and x + item_width > x0 + max_width:
            x, row = x0, row + 1
        cy = y0 + row * _LEGEND_ROW + _LEGEND_ROW / 2
        if item.swatch:
            parts.append(item.swatch(x, cy))
        parts.append(svg_text(x + swatch, cy + 4, label, size=_LEGEND_SIZE, bold=item.bold))
        x += item_width + 20
    return parts, (row + 1) * _LEGEND_ROW if items else 0


# --------------------------------------------------------------------------- trend chart


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
        if point.suppressed or not _finite(point.value):
            if current:
                runs.append(current)
            current = []
            continue
        current.append(point)
    if current:
        runs.append(current)
    return runs


def _trend_desc(
    points: Sequence[Point], unit: str, names: Sequence[str], breaks: Sequence[str]
) -> str:
    shown = [p for p in points if not p.suppressed and _finite(p.value)]
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
        text += f", vergeleken met {_join_nl(list(names))}"
    if breaks:
        text += f"; trendbreuk vóór {_join_nl(list(breaks))}"
    suppressed = [p.label for p in points if p.suppressed]
    if suppressed:
        text += f"; te weinig waarnemingen in {_join_nl(suppressed)}"
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
) -> str:
    """A line chart over editions with 95% intervals, up to 3 benchmark series and method breaks.

    `height` is the plotting area including its axis labels; the legend adds rows below it.
    Labels are unique within a series. A suppressed point leaves a gap and gets a "*" at its
    axis label; a point with `series_break_before` starts a new line behind a "trendbreuk" mark.
    """
    _check_unit(unit)
    points = list(points)
    series = [(name, list(pts)) for name, pts in benchmarks]
    if len(series) > len(BENCHMARK_STYLES):
        raise ValueError(f"At most {len(BENCHMARK_STYLES)} benchmark series are supported")
    labels = _merge_labels([points, *(pts for _, pts in series)])
    slot_of = {label: i for i, label in enumerate(labels)}
    suppressed_labels = {p.label for p in points if p.suppressed}
    break_slots = sorted(
        {
            slot_of[p.label]
            for pts in [points, *(pts for _, pts in series)]
            for p in pts
            if p.series_break_before and slot_of[p.label] > 0
        }
    )

    values: list[float | None] = []
    for p in points:
        if not p.suppressed:
            values += [p.value, p.low, p.high]
    for _, pts in series:
        values += [p.value for p in pts if not p.suppressed]
    ticks = axis_ticks(unit, values)
    tick_labels = _tick_labels(ticks, unit)
    caption = "" if unit == "percent" else UNIT_CAPTIONS[unit]

    # Geometry.
    tick_size, label_size, note_size = 12, 12, 11
    left = 10 + max(text_width(t, tick_size) for t in tick_labels) + 8
    right = width - 16
    top = 12 + (18 if caption else 0) + (16 if break_slots else 0)
    plot_w = right - left
    slot = plot_w / max(len(labels), 1)
    x_labels = [f"{label}*" if label in suppressed_labels else label for label in labels]
    widest = max((text_width(t, label_size) for t in x_labels), default=0)
    rotate = widest > slot - 6
    bottom_space = (widest * 0.65 + label_size + 10) if rotate else label_size + 14
    bottom = max(height - bottom_space, top + 60)

    def x_at(index: int) -> float:
        return left + slot * (index + 0.5)

    def y_at(value: float) -> float:
        return bottom - (value - ticks[0]) / (ticks[-1] - ticks[0]) * (bottom - top)

    body: list[str] = []
    # Grid and value axis.
    grid = []
    for tick, text in zip(ticks, tick_labels, strict=True):
        y = y_at(tick)
        grid.append(svg_line(left, y, right, y, stroke=GRID if tick != ticks[0] else AXIS))
        grid.append(svg_text(left - 8, y + 4, text, size=tick_size, anchor="end"))
    if caption:
        grid.append(svg_text(4, 14, caption, size=note_size, fill=MUTED))
    body.append(f'<g class="axis">{"".join(grid)}</g>')

    # Edition labels.
    axis = []
    for index, text in enumerate(x_labels):
        x, y = x_at(index), bottom + label_size + 6
        if rotate:
            y = bottom + label_size + 2
            axis.append(
                svg_text(
                    x + 4,
                    y,
                    text,
                    size=label_size,
                    anchor="end",
                    transform=f"rotate(-40 {num(x + 4)} {num(y)})",
                )
            )
        else:
            axis.append(svg_text(x, y, text, size=label_size, anchor="middle"))
        axis.append(svg_line(x, bottom, x, bottom + 4, stroke=AXIS))
    body.append(f'<g class="x-axis">{"".join(axis)}</g>')

    # Method breaks.
    for index in break_slots:
        x = left + slot * index
        body.append(
            '<g class="trendbreuk">'
            + svg_line(x, top - 4, x, bottom, stroke=MUTED, width=1.25, dash="4 3")
            + svg_text(x, top - 8, "trendbreuk", size=note_size, anchor="middle", fill=MUTED)
            + "</g>"
        )

    # Benchmarks, beneath the main series.
    for (name, pts), (colour, dash, shape) in zip(series, BENCHMARK_STYLES, strict=False):
        parts = []
        for run in _segments(pts):
            if len(run) > 1:
                coords = " ".join(
                    f"{num(x_at(slot_of[p.label]))},{num(y_at(p.value))}" for p in run
                )
                parts.append(
                    f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                    f'stroke-width="1.75" stroke-dasharray="{dash}"/>'
                )
        for run in _segments(pts):
            for p in run:
                tip = f"{name}, {p.label}: {format_value(p.value, unit)}"
                parts.append(
                    f"<g><title>{esc(tip)}</title>"
                    f"{_marker(shape, x_at(slot_of[p.label]), y_at(p.value), colour)}</g>"
                )
        body.append(f'<g class="benchmark">{"".join(parts)}</g>')

    # Intervals, line and dots of the main series.
    parts = []
    for p in points:
        if p.suppressed or not (_finite(p.value) and _finite(p.low) and _finite(p.high)):
            continue
        x, y1, y2 = x_at(slot_of[p.label]), y_at(p.low), y_at(p.high)
        parts.append(
            svg_line(x, y1, x, y2, stroke=MAIN, width=1.25)
            + svg_line(x - 4, y1, x + 4, y1, stroke=MAIN, width=1.25)
            + svg_line(x - 4, y2, x + 4, y2, stroke=MAIN, width=1.25)
        )
    runs = _segments(points)
    for run in runs:
        if len(run) > 1:
            coords = " ".join(f"{num(x_at(slot_of[p.label]))},{num(y_at(p.value))}" for p in run)
            parts.append(
                f'<polyline class="series-line" points="{coords}" fill="none" stroke="{MAIN}" '
                f'stroke-width="2.5" stroke-linejoin="round"/>'
            )
    shown = [p for run in runs for p in run]
    for p in shown:
        tip = f"{p.label}: {format_value(p.value, unit)}{_format_interval(p.low, p.high, unit)}"
        parts.append(
            f'<circle cx="{num(x_at(slot_of[p.label]))}" cy="{num(y_at(p.value))}" r="4.5" '
            f'fill="{MAIN}" stroke="{WHITE}" stroke-width="1.5"><title>{esc(tip)}</title></circle>'
        )
    body.append(f'<g class="series">{"".join(parts)}</g>')

    # Value labels for the main series, when there is room: above the interval, or below it when
    # the top of the plot or a benchmark marker is in the way.
    markers: dict[int, list[float]] = {}
    for _, pts in series:
        for run in _segments(pts):
            for p in run:
                markers.setdefault(slot_of[p.label], []).append(y_at(p.value))

    def clear(index: int, baseline: float) -> bool:
        box_top, box_bottom = baseline - note_size - 1, baseline + 3
        return (
            top - 2 <= box_top
            and box_bottom <= bottom - 2
            and not any(y - 5 < box_bottom and y + 5 > box_top for y in markers.get(index, ()))
        )

    labels_out = []
    fits = len(shown) <= 12 and all(
        text_width(format_value(p.value, unit), note_size) + 4 <= slot for p in shown
    )
    for p in shown if fits else ():
        text = format_value(p.value, unit)
        w = text_width(text, note_size)
        index = slot_of[p.label]
        x, y_dot = x_at(index), y_at(p.value)
        above = min(y_at(p.high if _finite(p.high) else p.value), y_dot - 4.5) - 6
        below = max(y_at(p.low if _finite(p.low) else p.value), y_dot + 4.5) + note_size + 4
        y = below if not clear(index, above) and clear(index, below) else above
        y = max(y, top + note_size - 2)
        labels_out.append(
            f'<rect x="{num(x - w / 2 - 2)}" y="{num(y - note_size + 1)}" width="{num(w + 4)}" '
            f'height="{num(note_size + 2)}" fill="{WHITE}" fill-opacity="0.85"/>'
            + svg_text(x, y, text, size=note_size, anchor="middle")
        )
    if not shown and not any(_segments(pts) for _, pts in series):
        labels_out.append(
            svg_text(
                (left + right) / 2,
                (top + bottom) / 2,
                "Geen gegevens om te tonen",
                anchor="middle",
                fill=MUTED,
            )
        )
    body.append(f'<g class="value-labels">{"".join(labels_out)}</g>')

    # Legend.
    items = [
        _LegendItem(
            series_label,
            lambda x, y: (
                svg_line(x, y, x + _SWATCH, y, stroke=MAIN, width=2.5)
                + f'<circle cx="{num(x + 12)}" cy="{num(y)}" r="4.5" fill="{MAIN}" '
                f'stroke="{WHITE}" stroke-width="1.5"/>'
            ),
        )
    ]
    if any(_finite(p.low) and _finite(p.high) and not p.suppressed for p in points):
        items.append(
            _LegendItem(
                "95%-betrouwbaarheidsinterval",
                lambda x, y: (
                    svg_line(x + 12, y - 7, x + 12, y + 7, stroke=MAIN, width=1.25)
                    + svg_line(x + 8, y - 7, x + 16, y - 7, stroke=MAIN, width=1.25)
                    + svg_line(x + 8, y + 7, x + 16, y + 7, stroke=MAIN, width=1.25)
                ),
            )
        )
    for (name, _), (colour, dash, shape) in zip(series, BENCHMARK_STYLES, strict=False):
        items.append(
            _LegendItem(
                name,
                lambda x, y, c=colour, d=dash, s=shape: (
                    svg_line(x, y, x + _SWATCH, y, stroke=c, width=1.75, dash=d)
                    + _marker(s, x + 12, y, c)
                ),
            )
        )
    if break_slots:
        items.append(
            _LegendItem(
                "trendbreuk (andere methode)",
                lambda x, y: svg_line(x + 12, y - 8, x + 12, y + 8, stroke=MUTED, dash="4 3"),
            )
        )
    if suppressed_labels:
        items.append(_LegendItem(f"* {TOO_FEW}", None))
    legend_top = max(height, bottom + bottom_space) + 4
    legend, legend_height = _legend(items, x0=left, y0=legend_top, max_width=right - left)
    body.append(f'<g class="legend">{"".join(legend)}</g>')

    names = [name for name, _ in series]
    desc = _trend_desc(points, unit, names, [labels[i] for i in break_slots])
    total_height = legend_top + legend_height + 8
    return svg_document(
        "trend", width=width, height=total_height, title=title, desc=desc, body=body
    )


# --------------------------------------------------------------------------- bar chart


def _bar_desc(bars: Sequence[Bar], unit: str, reference: float | None, label: str) -> str:
    shown = [b for b in bars if not b.suppressed and _finite(b.value)]
    if not bars:
        return "Er zijn geen gegevens om te tonen."
    text = f"Staafdiagram met {len(bars)} {'rij' if len(bars) == 1 else 'rijen'}"
    if shown:
        top = max(shown, key=lambda b: b.value)
        low = min(shown, key=lambda b: b.value)
        text += f"; hoogste waarde: {top.label} ({format_value(top.value, unit)})"
        if len(shown) > 1:
            text += f", laagste: {low.label} ({format_value(low.value, unit)})"
    too_few = sum(1 for b in bars if b.suppressed)
    if too_few:
        text += f"; {too_few} met {TOO_FEW}"
    if _finite(reference):
        text += f"; referentielijn {label or 'referentie'}: {format_value(reference, unit)}"
    return text + "."


def bar_chart_svg(
    bars: Sequence[Bar],
    *,
    title: str,
    unit: str,
    reference: float | None = None,
    reference_label: str = "",
    width: int = 640,
) -> str:
    """Horizontal bars, one row per Bar, with intervals and an optional reference line."""
    _check_unit(unit)
    bars = list(bars)
    has_reference = _finite(reference)
    values: list[float | None] = [reference] if has_reference else []
    for b in bars:
        if not b.suppressed:
            values += [b.value, b.low, b.high]
    ticks = axis_ticks(unit, values, bars=True)
    tick_labels = _tick_labels(ticks, unit)

    label_size, value_size, tick_size, note_size = 12, 12, 11, 11
    row_h, bar_h = 26, 14
    max_label = width * 0.38
    label_w = min(
        max((text_width(b.label, label_size, bold=b.highlight) for b in bars), default=0),
        max_label,
    )
    left = 8 + label_w + 10
    value_w = max(
        (text_width(format_value(b.value, unit), value_size, bold=b.highlight) for b in bars),
        default=0,
    )
    right = width - 8 - value_w - 6
    right = min(right, width - 8 - text_width(tick_labels[-1], tick_size) / 2)
    right = max(right, left + 60)
    top = 30 if has_reference else 8
    rows_bottom = top + row_h * max(len(bars), 1)

    def x_at(value: float) -> float:
        return left + (value - ticks[0]) / (ticks[-1] - ticks[0]) * (right - left)

    zero = x_at(max(ticks[0], min(0.0, ticks[-1])))
    body: list[str] = []
    grid = []
    for tick, text in zip(ticks, tick_labels, strict=True):
        x = x_at(tick)
        grid.append(svg_line(x, top, x, rows_bottom, stroke=GRID))
        grid.append(svg_text(x, rows_bottom + 16, text, size=tick_size, anchor="middle"))
    grid.append(svg_line(zero, top, zero, rows_bottom, stroke=AXIS))
    if unit != "percent":
        caption = UNIT_CAPTIONS[unit]
        grid.append(svg_text(right, rows_bottom + 32, caption, size=note_size, anchor="end"))
    body.append(f'<g class="axis">{"".join(grid)}</g>')

    if has_reference:
        x = x_at(reference)
        text = format_value(reference, unit)
        text = f"{reference_label}: {text}" if reference_label else text
        w = text_width(text, note_size)
        if x - w / 2 < 4:
            anchor, tx = "start", max(x - 4, 4)
        elif x + w / 2 > width - 4:
            anchor, tx = "end", min(x + 4, width - 4)
        else:
            anchor, tx = "middle", x
        body.append(
            '<g class="reference">'
            + svg_line(x, top - 8, x, rows_bottom, stroke=TEXT, width=1.5, dash="5 3")
            + svg_text(tx, top - 13, text, size=note_size, anchor=anchor)
            + "</g>"
        )

    if not bars:
        body.append(svg_text(left + 6, top + row_h / 2 + 4, "Geen gegevens", fill=MUTED))

    for index, b in enumerate(bars):
        cy = top + row_h * index + row_h / 2
        label = truncate_text(b.label, label_size, max_label, bold=b.highlight)
        parts = [
            svg_text(left - 10, cy + 4, label, size=label_size, anchor="end", bold=b.highlight)
        ]
        if b.suppressed or not _finite(b.value):
            note = TOO_FEW if b.suppressed else "geen gegevens"
            tip = f"{b.label}: {note}"
            parts.append(
                f'<rect x="{num(zero + 4)}" y="{num(cy - 8)}" '
                f'width="{num(text_width(note, note_size) + 4)}" height="16" fill="{WHITE}" '
                'fill-opacity="0.85"/>'
                + svg_text(zero + 6, cy + 4, note, size=note_size, fill=MUTED)
            )
        else:
            tip = f"{b.label}: {format_value(b.value, unit)}{_format_interval(b.low, b.high, unit)}"
            x_value = x_at(b.value)
            colour = BAR_HIGHLIGHT if b.highlight else BAR
            parts.append(
                f'<rect x="{num(min(zero, x_value))}" y="{num(cy - bar_h / 2)}" '
                f'width="{num(abs(x_value - zero))}" height="{bar_h}" fill="{colour}"/>'
            )
            end = max(zero, x_value)
            if _finite(b.low) and _finite(b.high):
                x1, x2 = x_at(b.low), x_at(b.high)
                parts.append(
                    svg_line(x1, cy, x2, cy, stroke=TEXT, width=1.25)
                    + svg_line(x1, cy - 9, x1, cy + 9, stroke=TEXT, width=1.25)
                    + svg_line(x2, cy - 9, x2, cy + 9, stroke=TEXT, width=1.25)
                )
                if b.highlight and min(x2, end) > max(x1, min(zero, x_value)):
                    # Keep the interval visible where it crosses the dark bar.
                    parts.append(
                        svg_line(max(x1, min(zero, x_value)), cy, min(x2, end), cy, stroke=WHITE)
                    )
                end = max(end, x2)
            text = format_value(b.value, unit)
            w = text_width(text, value_size, bold=b.highlight)
            parts.append(
                f'<rect x="{num(end + 3)}" y="{num(cy - 8)}" width="{num(w + 4)}" height="16" '
                f'fill="{WHITE}" fill-opacity="0.85"/>'
                + svg_text(end + 5, cy + 4, text, size=value_size, bold=b.highlight)
            )
        body.append(f'<g class="bar-row"><title>{esc(tip)}</title>{"".join(parts)}</g>')

    height = rows_bottom + (40 if unit != "percent" else 26)
    desc = _bar_desc(bars, unit, reference, reference_label)
    return svg_document("bars", width=width, height=height, title=title, desc=desc, body=body)


# --------------------------------------------------------------------------- priority matrix


@dataclass(frozen=True)
class MatrixPoint:
    """One theme in the priority matrix (Kernbeleid step: choosing priorities)."""

    label: str  # theme name
    x: float  # problem score (weighted omvang/ernst/trend/beleving), 1..5
    y: float  # beïnvloedbaarheid, 1..5
    highlight: bool = False  # proposed priority


MATRIX_EMPTY = "Nog geen scores"
# (top, right) -> label; the split is at 3 on both axes.
MATRIX_QUADRANTS = {
    (True, True): "Prioriteit: groot probleem, goed te beïnvloeden",
    (False, True): "Groot probleem, lastig te beïnvloeden",
    (True, False): "Klein probleem, goed te beïnvloeden",
    (False, False): "Lage prioriteit",
}
MATRIX_TINT = "#f1f5fa"  # the priority quadrant; a point (#5b7fb5) keeps 3.6:1 against it
MATRIX_POINT = "#5b7fb5"  # 4.1:1 against white
_MATRIX_MIN, _MATRIX_MAX, _MATRIX_SPLIT = 1.0, 5.0, 3.0
_MATRIX_PAD = 0.5  # the plot runs from 0.5 to 5.5 so marks at 1 and 5 stay clear of the frame

_Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _overlap(a: _Box, b: _Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _circle_path(x: float, y: float, r: float, colour: str) -> str:
    """A filled circle drawn as a path, for legend swatches (so <circle> stays one per theme)."""
    return (
        f'<path d="M{num(x - r)},{num(y)}a{num(r)},{num(r)} 0 1,0 {num(2 * r)},0'
        f'a{num(r)},{num(r)} 0 1,0 {num(-2 * r)},0Z" fill="{colour}" stroke="{WHITE}" '
        'stroke-width="1.5"/>'
    )


def _matrix_desc(points: Sequence[MatrixPoint], x_label: str, y_label: str) -> str:
    n = len(points)
    text = (
        f"Prioriteitenmatrix van {n} {'thema' if n == 1 else 'thema’s'}. Horizontaal: "
        f"{x_label} (1–5); verticaal: {y_label} (1–5)"
    )
    proposed = [p.label for p in points if p.highlight]
    if proposed:
        text += f". Voorgesteld als prioriteit: {_join_nl(proposed)}"
    top_right = [p.label for p in points if p.x > _MATRIX_SPLIT and p.y > _MATRIX_SPLIT]
    if top_right:
        text += f". Groot probleem en goed te beïnvloeden: {_join_nl(top_right)}"
    return text + "."


def priority_matrix_svg(
    points: Sequence[MatrixPoint],
    *,
    title: str,
    x_label: str = "Omvang, ernst, trend en beleving",
    y_label: str = "Beïnvloedbaarheid",
    width: int = 640,
) -> str:
    """A square 1–5 by 1–5 scatter of themes in four quadrants split at 3.

    Each theme is a circle (a proposed priority darker and larger, with a bold label) with its
    name beside it. Labels are placed greedily, proposed priorities first and then from the top:
    beside, above or below the circle, else shifted row by row (with a leader line) until they
    clear the circles and the labels already placed; themes at the same spot get stacked labels.
    Themes without a finite score are left out of the plot.
    """
    points = [p for p in points if _finite(p.x) and _finite(p.y)]
    if not points:
        height = 120
        return svg_document(
            "matrix",
            width=width,
            height=height,
            title=title,
            desc="Er zijn nog geen scores om te tonen.",
            body=[svg_text(width / 2, height / 2 + 5, MATRIX_EMPTY, size=14, anchor="middle")],
        )

    tick_size, label_size, quadrant_size, axis_size = 12, 12, 11, 12
    left = 8 + axis_size + 10 + text_width("5", tick_size) + 8
    right = width - 12
    size = right - left
    top = 12
    bottom = top + size

    low, high = _MATRIX_MIN - _MATRIX_PAD, _MATRIX_MAX + _MATRIX_PAD

    def px(value: float) -> float:
        value = min(max(value, _MATRIX_MIN), _MATRIX_MAX)
        return left + (value - low) / (high - low) * size

    def py(value: float) -> float:
        value = min(max(value, _MATRIX_MIN), _MATRIX_MAX)
        return bottom - (value - low) / (high - low) * size

    body: list[str] = []
    mid_x, mid_y = px(_MATRIX_SPLIT), py(_MATRIX_SPLIT)

    # Quadrants: the priority quadrant tinted, the split lines darker than the grid.
    grid = [
        f'<rect x="{num(mid_x)}" y="{num(top)}" width="{num(right - mid_x)}" '
        f'height="{num(mid_y - top)}" fill="{MATRIX_TINT}"/>'
    ]
    for tick in range(int(_MATRIX_MIN), int(_MATRIX_MAX) + 1):
        if tick == _MATRIX_SPLIT:
            continue
        grid.append(svg_line(px(tick), top, px(tick), bottom, stroke=GRID))
        grid.append(svg_line(left, py(tick), right, py(tick), stroke=GRID))
    grid.append(svg_line(mid_x, top, mid_x, bottom, stroke=AXIS, width=1.25, dash="5 3"))
    grid.append(svg_line(left, mid_y, right, mid_y, stroke=AXIS, width=1.25, dash="5 3"))
    grid.append(
        f'<rect x="{num(left)}" y="{num(top)}" width="{num(size)}" height="{num(size)}" '
        f'fill="none" stroke="{AXIS}"/>'
    )
    body.append(f'<g class="grid">{"".join(grid)}</g>')

    # Ticks and axis labels.
    axis = []
    for tick in range(int(_MATRIX_MIN), int(_MATRIX_MAX) + 1):
        text = format_number(tick, 0)
        axis.append(svg_line(px(tick), bottom, px(tick), bottom + 4, stroke=AXIS))
        axis.append(svg_text(px(tick), bottom + 18, text, size=tick_size, anchor="middle"))
        axis.append(svg_line(left - 4, py(tick), left, py(tick), stroke=AXIS))
        axis.append(svg_text(left - 8, py(tick) + 4, text, size=tick_size, anchor="end"))
    x_caption = truncate_text(x_label, axis_size, size)
    axis.append(
        svg_text((left + right) / 2, bottom + 38, x_caption, size=axis_size, anchor="middle")
    )
    y_caption = truncate_text(y_label, axis_size, size)
    cx, cy = 8 + axis_size, (top + bottom) / 2
    axis.append(
        svg_text(
            cx,
            cy,
            y_caption,
            size=axis_size,
            anchor="middle",
            transform=f"rotate(-90 {num(cx)} {num(cy)})",
        )
    )
    body.append(f'<g class="axis">{"".join(axis)}</g>')

    # Quadrant labels, in the outer corners (the 0.5 margin band beyond 1 and 5).
    soft: list[_Box] = []
    quadrants = []
    line_h = quadrant_size + 3
    for (upper, right_side), text in MATRIX_QUADRANTS.items():
        lines = wrap_text(text, quadrant_size, size / 2 - 20)
        x = right - 8 if right_side else left + 8
        anchor = "end" if right_side else "start"
        y0 = top + 6 + quadrant_size if upper else bottom - 8 - line_h * (len(lines) - 1)
        parts = []
        for i, line in enumerate(lines):
            y = y0 + i * line_h
            w = text_width(line, quadrant_size)
            x0 = x - w if right_side else x
            soft.append((x0 - 2, y - quadrant_size, x0 + w + 2, y + 3))
            parts.append(svg_text(x, y, line, size=quadrant_size, anchor=anchor, fill=AXIS))
        quadrants.append(f'<g class="quadrant-label">{"".join(parts)}</g>')
    body.append(f'<g class="quadrants">{"".join(quadrants)}</g>')

    # Points. Themes within a few pixels of each other form a cluster with one block of stacked
    # labels. Circles are fixed obstacles; label blocks go where they clear them.
    def radius(p: MatrixPoint) -> float:
        return 8.0 if p.highlight else 6.0

    pos = [(px(p.x), py(p.y)) for p in points]
    circles: list[_Box] = []
    for p, (x, y) in zip(points, pos, strict=True):
        r = radius(p) + 2
        circles.append((x - r, y - r, x + r, y + r))

    def rank(i: int) -> tuple:
        p = points[i]
        return (not p.highlight, -p.y, -p.x, p.label, i)

    clusters: list[list[int]] = []
    for i in sorted(range(len(points)), key=rank):
        for cluster in clusters:
            x0, y0 = pos[cluster[0]]
            if math.hypot(pos[i][0] - x0, pos[i][1] - y0) < 4:
                cluster.append(i)
                break
        else:
            clusters.append([i])

    placed: list[_Box] = []
    max_label = size * 0.42
    row = label_size + 4
    labels: dict[int, list[str]] = {i: [] for i in range(len(points))}
    leaders: list[str] = []
    for cluster in clusters:
        x, y = pos[cluster[0]]
        gap = max(radius(points[i]) for i in cluster) + 4
        texts = [
            truncate_text(points[i].label, label_size, max_label, bold=points[i].highlight)
            for i in cluster
        ]
        widths = [
            text_width(t, label_size, bold=points[i].highlight)
            for t, i in zip(texts, cluster, strict=True)
        ]
        block_w, block_h = max(widths) + 4, row * len(cluster)
        # (left edge of the block, top of the block, text anchor, needs a leader line)
        candidates = [
            (x + gap - 2, y - block_h / 2, "start", False),
            (x - gap - block_w + 2, y - block_h / 2, "end", False),
            (x - block_w / 2, y - gap - block_h + 2, "middle", False),
            (x - block_w / 2, y + gap - 2, "middle", False),
        ]
        for step in range(1, 9):
            for sign in (1, -1):
                y_top = y - block_h / 2 + sign * (step * row + (block_h - row) / 2)
                candidates.append((x + gap - 2, y_top, "start", True))
                candidates.append((x - gap - block_w + 2, y_top, "end", True))
        best = None
        for index, (bx, by, anchor, leader) in enumerate(candidates):
            box = (bx, by, bx + block_w, by + block_h)
            if box[0] < left + 2 or box[2] > right - 2 or box[1] < top + 2 or box[3] > bottom - 2:
                continue
            hard = sum(_overlap(box, other) for other in placed)
            hard += sum(_overlap(box, c) for c in circles)
            touches_soft = any(_overlap(box, s) for s in soft)
            key = (hard > 0, hard, touches_soft, index)
            if best is None or key < best[0]:
                best = (key, box, anchor, leader)
        if best is None:  # the plot is too small for the block: put it on the right anyway
            best = (None, (x + gap - 2, y - block_h / 2, x + gap + block_w, y + block_h / 2))
            best += ("start", False)
        _, box, anchor, leader = best
        placed.append(box)
        if leader:
            lx = box[0] if anchor == "start" else box[2]
            ly = min(max(y, box[1] + row / 2), box[3] - row / 2)
            leaders.append(svg_line(x, y, lx, ly, stroke=AXIS, width=0.75))
        tx = {"start": box[0] + 2, "end": box[2] - 2, "middle": (box[0] + box[2]) / 2}[anchor]
        for k, (i, text, w) in enumerate(zip(cluster, texts, widths, strict=True)):
            line_top = box[1] + k * row
            rx = {"start": tx - 2, "end": tx - w - 2, "middle": tx - w / 2 - 2}[anchor]
            labels[i] = [
                f'<rect x="{num(rx)}" y="{num(line_top)}" width="{num(w + 4)}" '
                f'height="{num(row - 1)}" fill="{WHITE}" fill-opacity="0.8"/>',
                svg_text(
                    tx,
                    line_top + label_size,
                    text,
                    size=label_size,
                    anchor=anchor,
                    bold=points[i].highlight,
                ),
            ]

    # Leader lines beneath everything; then per theme its circle and label. Larger (proposed)
    # circles first, so a theme at the same spot shows as a dot inside a dark ring.
    groups = []
    for i in sorted(range(len(points)), key=lambda i: (not points[i].highlight, i)):
        p, (x, y) = points[i], pos[i]
        colour = BAR_HIGHLIGHT if p.highlight else MATRIX_POINT
        tip = (
            f"{p.label}: probleem {format_number(p.x, 1)}; "
            f"beïnvloedbaarheid {format_number(p.y, 1)}"
        )
        css = "matrix-point highlight" if p.highlight else "matrix-point"
        groups.append(
            f'<g class="{css}"><title>{esc(tip)}</title>'
            f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(radius(p))}" fill="{colour}" '
            f'stroke="{WHITE}" stroke-width="1.5"/>{"".join(labels[i])}</g>'
        )
    body.append(f'<g class="leaders">{"".join(leaders)}</g>')
    body.append(f'<g class="points">{"".join(groups)}</g>')

    height = bottom + 50
    if any(p.highlight for p in points):
        legend, legend_height = _legend(
            [
                _LegendItem(
                    "Voorgestelde prioriteit",
                    lambda x, y: _circle_path(x + 12, y, 8, BAR_HIGHLIGHT),
                    bold=True,
                ),
                _LegendItem("Ander thema", lambda x, y: _circle_path(x + 12, y, 6, MATRIX_POINT)),
            ],
            x0=left,
            y0=height - 4,
            max_width=size,
        )
        body.append(f'<g class="legend">{"".join(legend)}</g>')
        height += legend_height + 4

    desc = _matrix_desc(points, x_label, y_label)
    return svg_document("matrix", width=width, height=height, title=title, desc=desc, body=body)
