"""Legends: a row of keys under a chart, and the column of colour classes beside a map."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .style import AXIS
from .svg import svg_rect, svg_text
from .text import text_width, truncate_text

LEGEND_SIZE = 12
LEGEND_ROW = 20
SWATCH = 24  # the width of a key's swatch; it is drawn centred on the row


@dataclass(frozen=True)
class LegendItem:
    label: str
    swatch: Callable[[float, float], str] | None  # draws a SWATCH-wide key with its left at x
    bold: bool = False


def legend(
    items: Sequence[LegendItem], *, x0: float, y0: float, max_width: float
) -> tuple[list[str], float]:
    """Lay items out left to right, wrapping; returns (svg parts, height used)."""
    parts: list[str] = []
    x, row = x0, 0
    for item in items:
        label = truncate_text(item.label, LEGEND_SIZE, max_width - SWATCH - 8)
        swatch = SWATCH + 6 if item.swatch else 0
        item_width = swatch + text_width(label, LEGEND_SIZE, bold=item.bold)
        if x > x0 and x + item_width > x0 + max_width:
            x, row = x0, row + 1
        cy = y0 + row * LEGEND_ROW + LEGEND_ROW / 2
        if item.swatch:
            parts.append(item.swatch(x, cy))
        parts.append(svg_text(x + swatch, cy + 4, label, size=LEGEND_SIZE, bold=item.bold))
        x += item_width + 20
    return parts, (row + 1) * LEGEND_ROW if items else 0


# The column of colour classes beside a map: a bold heading, then a filled box per class.
CLASS_HEADING_ROW = 16
CLASS_ROW = 22


def class_legend_height(heading: Sequence[str], classes: Sequence[tuple[str, str]]) -> float:
    return len(heading) * CLASS_HEADING_ROW + 8 + len(classes) * CLASS_ROW


def class_legend(
    heading: Sequence[str],
    classes: Sequence[tuple[str, str]],
    *,
    x: float,
    y: float,
    size: float = LEGEND_SIZE,
) -> list[str]:
    """The heading lines, then one (fill, label) row per class, from `y` down."""
    parts = []
    for line in heading:
        y += CLASS_HEADING_ROW
        parts.append(svg_text(x, y - 4, line, size=size, bold=True))
    y += 8
    for fill, label in classes:
        parts.append(
            svg_rect(x, y + 3, 22, 15, fill=fill, stroke=AXIS, stroke_width=0.5)
            + svg_text(x + 30, y + 15, label, size=size)
        )
        y += CLASS_ROW
    return parts
