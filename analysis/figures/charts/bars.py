"""The bar chart: one horizontal bar per area, with intervals and a reference line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .axes import axis_caption, value_axis_below
from .formatting import TOO_FEW, check_unit, finite, format_interval, format_value, join_nl
from .layout import anchor_inside
from .marks import horizontal_whisker
from .scales import LinearScale, axis_ticks, tick_labels
from .style import AXIS, BAR, BAR_HIGHLIGHT, MUTED, TEXT, WHITE
from .svg import backdrop, svg_document, svg_group, svg_line, svg_rect, svg_text
from .text import text_width, wrap_label

LABEL_SIZE, VALUE_SIZE, TICK_SIZE, NOTE_SIZE = 12, 12, 11, 11
ROW_HEIGHT, BAR_HEIGHT = 26, 14
LABEL_LINE = 14  # a long area name wraps onto a second line; its row grows by this much


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart."""

    label: str
    value: float | None
    low: float | None = None
    high: float | None = None
    suppressed: bool = False
    highlight: bool = False
    n: int | None = None  # respondents, for the tooltip of an indicative value
    low_n: bool = False  # shown, but on fewer respondents than the warning threshold


@dataclass(frozen=True)
class _BarPlot:
    """Labels left of `left`, bars from the zero line, values right of the bars."""

    ticks: list[float]
    tick_labels: list[str]
    x_at: LinearScale
    max_label: float  # labels wrap at this width
    labels: tuple[tuple[str, ...], ...]  # per row its label's lines (at most two)
    row_tops: tuple[float, ...]
    left: float
    right: float
    top: float
    bottom: float  # below the last row
    zero: float  # where bars start: 0, or the axis end nearest to it

    def row_height(self, index: int) -> float:
        return ROW_HEIGHT + LABEL_LINE * (len(self.labels[index]) - 1)

    def row_centre(self, index: int) -> float:
        return self.row_tops[index] + self.row_height(index) / 2


def _bar_plot(bars: Sequence[Bar], unit: str, reference: float | None, width: int) -> _BarPlot:
    values: list[float | None] = [reference] if finite(reference) else []
    for b in bars:
        if not b.suppressed:
            values += [b.value, b.low, b.high]
    ticks = axis_ticks(unit, values, bars=True)
    labels = tick_labels(ticks, unit)
    max_label = width * 0.38
    wrapped = tuple(
        tuple(wrap_label(b.label, LABEL_SIZE, max_label, bold=b.highlight, max_lines=2))
        for b in bars
    )
    label_w = max(
        (
            text_width(line, LABEL_SIZE, bold=b.highlight)
            for b, lines in zip(bars, wrapped, strict=True)
            for line in lines
        ),
        default=0,
    )
    left = 8 + label_w + 10
    value_w = max(
        (text_width(format_value(b.value, unit), VALUE_SIZE, bold=b.highlight) for b in bars),
        default=0,
    )
    right = width - 8 - value_w - 6
    right = min(right, width - 8 - text_width(labels[-1], TICK_SIZE) / 2)
    right = max(right, left + 60)
    top = 30 if finite(reference) else 8
    row_tops = []
    bottom = top
    for lines in wrapped:
        row_tops.append(bottom)
        bottom += ROW_HEIGHT + LABEL_LINE * (len(lines) - 1)
    bottom = max(bottom, top + ROW_HEIGHT)
    x_at = LinearScale.between(ticks, left, right)
    zero = x_at(max(ticks[0], min(0.0, ticks[-1])))
    return _BarPlot(
        ticks, labels, x_at, max_label, wrapped, tuple(row_tops), left, right, top, bottom, zero
    )


def _value_axis(plot: _BarPlot, unit: str) -> list[str]:
    parts = value_axis_below(
        plot.ticks, plot.tick_labels, plot.x_at, top=plot.top, bottom=plot.bottom, size=TICK_SIZE
    )
    parts.append(svg_line(plot.zero, plot.top, plot.zero, plot.bottom, stroke=AXIS))
    if caption := axis_caption(unit):
        parts.append(svg_text(plot.right, plot.bottom + 32, caption, size=NOTE_SIZE, anchor="end"))
    return parts


def _reference(plot: _BarPlot, reference: float, label: str, unit: str, width: int) -> str:
    """A dashed vertical line across the rows, its label above them."""
    x = plot.x_at(reference)
    text = format_value(reference, unit)
    text = f"{label}: {text}" if label else text
    anchor, tx = anchor_inside(x, text_width(text, NOTE_SIZE), width)
    line = svg_line(x, plot.top - 8, x, plot.bottom, stroke=TEXT, width=1.5, dash="5 3")
    caption = svg_text(tx, plot.top - 13, text, size=NOTE_SIZE, anchor=anchor)
    return svg_group([line, caption], css="reference")


def _boxed_text(
    after: float, gap: int, cy: float, text: str, *, size: float, bold: bool = False, fill=TEXT
) -> str:
    """`text` `gap` units right of `after`, on a white box so gridlines do not cross it."""
    w = text_width(text, size, bold=bold)
    box = backdrop(after + gap, cy - 8, w + 4, 16)
    return box + svg_text(after + (gap + 2), cy + 4, text, size=size, bold=bold, fill=fill)


def _bar(b: Bar, cy: float, plot: _BarPlot, unit: str) -> list[str]:
    """The bar from the zero line, its interval, and its value after both."""
    x_value = plot.x_at(b.value)
    start, end = min(plot.zero, x_value), max(plot.zero, x_value)
    colour = BAR_HIGHLIGHT if b.highlight else BAR
    length = abs(x_value - plot.zero)
    if b.low_n:  # an open bar: indicative, too few respondents for a firm figure
        rect = svg_rect(
            start,
            cy - BAR_HEIGHT / 2,
            length,
            BAR_HEIGHT,
            fill=WHITE,
            stroke=colour,
            stroke_width=2,
        )
    else:
        rect = svg_rect(start, cy - BAR_HEIGHT / 2, length, BAR_HEIGHT, fill=colour)
    parts = [rect]
    if finite(b.low) and finite(b.high):
        x1, x2 = plot.x_at(b.low), plot.x_at(b.high)
        parts.append(horizontal_whisker(x1, x2, cy, colour=TEXT))
        if b.highlight and not b.low_n and min(x2, end) > max(x1, start):
            # Keep the interval visible where it crosses the dark bar.
            parts.append(svg_line(max(x1, start), cy, min(x2, end), cy, stroke=WHITE))
        end = max(end, x2)
    text = format_value(b.value, unit)
    parts.append(_boxed_text(end, 3, cy, text, size=VALUE_SIZE, bold=b.highlight))
    return parts


def _bar_row(b: Bar, index: int, plot: _BarPlot, unit: str) -> str:
    """The label, then the bar or a note why there is none; the tooltip says it in words."""
    cy = plot.row_centre(index)
    lines = plot.labels[index]
    first = cy + 4 - LABEL_LINE * (len(lines) - 1) / 2
    parts = [
        svg_text(
            plot.left - 10,
            first + LABEL_LINE * k,
            line,
            size=LABEL_SIZE,
            anchor="end",
            bold=b.highlight,
        )
        for k, line in enumerate(lines)
    ]
    if b.suppressed or not finite(b.value):
        note = TOO_FEW if b.suppressed else "geen gegevens"
        tip = f"{b.label}: {note}"
        parts.append(_boxed_text(plot.zero, 4, cy, note, size=NOTE_SIZE, fill=MUTED))
    else:
        tip = f"{b.label}: {format_value(b.value, unit)}{format_interval(b.low, b.high, unit)}"
        if b.low_n:
            tip += f"; indicatief, {'n = ' + str(b.n) if b.n else 'weinig respondenten'}"
        parts += _bar(b, cy, plot, unit)
    return svg_group(parts, css="bar-row", title=tip)


def _low_n_note(warn_n: int | None) -> str:
    return f"Open staaf: n < {warn_n}, indicatief" if warn_n else "Open staaf: indicatief"


def _bar_desc(
    bars: Sequence[Bar], unit: str, reference: float | None, label: str, warn_n: int | None
) -> str:
    shown = [b for b in bars if not b.suppressed and finite(b.value)]
    if not bars:
        return "Er zijn geen gegevens om te tonen."
    text = f"Staafdiagram met {len(bars)} {'rij' if len(bars) == 1 else 'rijen'}"
    if shown:
        top = max(shown, key=lambda b: b.value)
        low = min(shown, key=lambda b: b.value)
        text += f"; hoogste waarde: {top.label} ({format_value(top.value, unit)})"
        if len(shown) > 1:
            text += f", laagste: {low.label} ({format_value(low.value, unit)})"
    indicative = [b.label for b in shown if b.low_n]
    if indicative:
        fewer = f"minder dan {warn_n} respondenten" if warn_n else "weinig respondenten"
        text += f"; indicatief ({fewer}): {join_nl(indicative)}"
    too_few = sum(1 for b in bars if b.suppressed)
    if too_few:
        text += f"; {too_few} met {TOO_FEW}"
    if finite(reference):
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
    warn_n: int | None = None,
) -> str:
    """Horizontal bars, one row per Bar, with intervals and an optional reference line. A
    `low_n` bar is drawn open, and a note under the axis says it is below `warn_n` respondents."""
    check_unit(unit)
    bars = list(bars)
    plot = _bar_plot(bars, unit, reference, width)
    body = [svg_group(_value_axis(plot, unit), css="axis")]
    if finite(reference):
        body.append(_reference(plot, reference, reference_label, unit, width))
    if not bars:
        y = plot.top + ROW_HEIGHT / 2 + 4
        body.append(svg_text(plot.left + 6, y, "Geen gegevens", fill=MUTED))
    body += [_bar_row(b, index, plot, unit) for index, b in enumerate(bars)]
    height = plot.bottom + (40 if unit != "percent" else 26)
    if any(b.low_n and not b.suppressed and finite(b.value) for b in bars):
        key = svg_rect(plot.left, height + 2, 18, 10, fill=WHITE, stroke=BAR, stroke_width=2)
        text = svg_text(plot.left + 24, height + 11, _low_n_note(warn_n), size=NOTE_SIZE)
        body.append(svg_group([key, text], css="low-n-note"))
        height += 20
    desc = _bar_desc(bars, unit, reference, reference_label, warn_n)
    return svg_document("bars", width=width, height=height, title=title, desc=desc, body=body)
