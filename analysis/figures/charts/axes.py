"""Axes: gridlines with their tick values, tick marks, category labels and captions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .formatting import UNIT_CAPTIONS
from .scales import Slots
from .style import AXIS, GRID
from .svg import num, svg_line, svg_text
from .text import text_width

TICK = 4  # length of a tick mark


def axis_caption(unit: str) -> str:
    """The caption of a value axis; none for percentages, whose ticks carry the "%" sign."""
    return "" if unit == "percent" else UNIT_CAPTIONS[unit]


def x_tick_mark(x: float, bottom: float) -> str:
    return svg_line(x, bottom, x, bottom + TICK, stroke=AXIS)


def y_tick_mark(left: float, y: float) -> str:
    return svg_line(left - TICK, y, left, y, stroke=AXIS)


def y_tick_label(left: float, y: float, text: str, *, size: float) -> str:
    """A tick value left of the plot, right-aligned against the tick mark."""
    return svg_text(left - 8, y + 4, text, size=size, anchor="end")


def value_axis_left(
    ticks: Sequence[float],
    labels: Sequence[str],
    y_at: Callable[[float], float],
    *,
    left: float,
    right: float,
    size: float,
) -> list[str]:
    """Horizontal gridlines across the plot with their values on the left; the lowest line is
    drawn as the axis."""
    parts = []
    for tick, text in zip(ticks, labels, strict=True):
        y = y_at(tick)
        parts.append(svg_line(left, y, right, y, stroke=GRID if tick != ticks[0] else AXIS))
        parts.append(y_tick_label(left, y, text, size=size))
    return parts


def value_axis_below(
    ticks: Sequence[float],
    labels: Sequence[str],
    x_at: Callable[[float], float],
    *,
    top: float,
    bottom: float,
    size: float,
) -> list[str]:
    """Vertical gridlines down the plot with their values below it."""
    parts = []
    for tick, text in zip(ticks, labels, strict=True):
        x = x_at(tick)
        parts.append(svg_line(x, top, x, bottom, stroke=GRID))
        parts.append(svg_text(x, bottom + 16, text, size=size, anchor="middle"))
    return parts


def rotated_caption(x: float, y: float, text: str, *, size: float) -> str:
    """A caption running upwards along a vertical axis, centred on (x, y)."""
    transform = f"rotate(-90 {num(x)} {num(y)})"
    return svg_text(x, y, text, size=size, anchor="middle", transform=transform)


@dataclass(frozen=True)
class CategoryAxis:
    """Labels under equal slots, turned 40° when the widest does not fit in its slot."""

    labels: Sequence[str]
    size: float
    rotate: bool
    space: float  # the height the labels take below the plot

    @classmethod
    def fit(cls, labels: Sequence[str], *, size: float, slot_width: float) -> CategoryAxis:
        widest = max((text_width(t, size) for t in labels), default=0)
        rotate = widest > slot_width - 6
        space = (widest * 0.65 + size + 10) if rotate else size + 14
        return cls(labels, size, rotate, space)

    def draw(self, slots: Slots, bottom: float) -> list[str]:
        parts = []
        for index, text in enumerate(self.labels):
            x = slots.centre(index)
            if self.rotate:
                y = bottom + self.size + 2
                turn = f"rotate(-40 {num(x + 4)} {num(y)})"
                parts.append(svg_text(x + 4, y, text, size=self.size, anchor="end", transform=turn))
            else:
                y = bottom + self.size + 6
                parts.append(svg_text(x, y, text, size=self.size, anchor="middle"))
            parts.append(x_tick_mark(x, bottom))
        return parts
