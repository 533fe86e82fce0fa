"""The priority matrix: themes by problem score and beïnvloedbaarheid, in four quadrants."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .axes import rotated_caption, x_tick_mark, y_tick_label, y_tick_mark
from .formatting import finite, format_number, join_nl
from .layout import Box, Obstacles, Placement, clear_of_line, place_block
from .legend import LegendItem, legend
from .marks import circle_path
from .scales import LinearScale
from .style import AXIS, BAR_HIGHLIGHT, GRID
from .svg import (
    backdrop,
    svg_circle,
    svg_document,
    svg_group,
    svg_line,
    svg_rect,
    svg_text,
)
from .text import text_width, truncate_text, wrap_label, wrap_text


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
_TICKS = range(int(_MATRIX_MIN), int(_MATRIX_MAX) + 1)
TICK_SIZE, LABEL_SIZE, QUADRANT_SIZE, AXIS_SIZE = 12, 12, 11, 12
LABEL_ROW = LABEL_SIZE + 4
LABEL_LINES = 3  # a theme name wraps onto at most this many lines
# A mark on a split line moves this far off it (the largest radius and its white ring), so the
# dashed line and the mark both show; every mark moves the same, so coinciding ones still do.
LINE_CLEARANCE = 8.0 + 1.5


def _radius(p: MatrixPoint) -> float:
    return 8.0 if p.highlight else 6.0


@dataclass(frozen=True)
class _MatrixPlot:
    """A square plot; scores outside 1–5 are drawn on the edge."""

    left: float
    right: float
    top: float
    bottom: float
    size: float
    x_scale: LinearScale
    y_scale: LinearScale

    @classmethod
    def fit(cls, width: int) -> _MatrixPlot:
        left = 8 + AXIS_SIZE + 10 + text_width("5", TICK_SIZE) + 8
        right = width - 12
        size = right - left
        top = 12
        bottom = top + size
        low, high = _MATRIX_MIN - _MATRIX_PAD, _MATRIX_MAX + _MATRIX_PAD
        return cls(
            left,
            right,
            top,
            bottom,
            size,
            LinearScale(low, high, left, size),
            LinearScale(low, high, bottom, -size),
        )

    def px(self, value: float) -> float:
        return self.x_scale(min(max(value, _MATRIX_MIN), _MATRIX_MAX))

    def py(self, value: float) -> float:
        return self.y_scale(min(max(value, _MATRIX_MIN), _MATRIX_MAX))

    def mark(self, p: MatrixPoint) -> tuple[float, float]:
        """Where the circle of `p` goes: at its scores, nudged off a split line it would hide,
        to the side of the quadrant it counts in (a 3 is not above the split)."""
        x = clear_of_line(
            self.px(p.x),
            self.px(_MATRIX_SPLIT),
            LINE_CLEARANCE,
            toward=1 if p.x > _MATRIX_SPLIT else -1,
        )
        y = clear_of_line(
            self.py(p.y),
            self.py(_MATRIX_SPLIT),
            LINE_CLEARANCE,
            toward=-1 if p.y > _MATRIX_SPLIT else 1,  # SVG y grows downwards
        )
        return x, y


def _grid(plot: _MatrixPlot) -> list[str]:
    """The priority quadrant tinted, gridlines, the split lines darker, and the frame."""
    mid_x, mid_y = plot.px(_MATRIX_SPLIT), plot.py(_MATRIX_SPLIT)
    parts = [
        svg_rect(mid_x, plot.top, plot.right - mid_x, mid_y - plot.top, fill=MATRIX_TINT),
    ]
    for tick in _TICKS:
        if tick == _MATRIX_SPLIT:
            continue
        parts.append(svg_line(plot.px(tick), plot.top, plot.px(tick), plot.bottom, stroke=GRID))
        parts.append(svg_line(plot.left, plot.py(tick), plot.right, plot.py(tick), stroke=GRID))
    split = {"stroke": AXIS, "width": 1.25, "dash": "5 3"}
    parts.append(svg_line(mid_x, plot.top, mid_x, plot.bottom, **split))
    parts.append(svg_line(plot.left, mid_y, plot.right, mid_y, **split))
    parts.append(svg_rect(plot.left, plot.top, plot.size, plot.size, fill="none", stroke=AXIS))
    return parts


def _axes(plot: _MatrixPlot, x_label: str, y_label: str) -> list[str]:
    """Ticks 1 to 5 on both axes, the captions below and (turned) to the left."""
    parts = []
    for tick in _TICKS:
        text = format_number(tick, 0)
        x, y = plot.px(tick), plot.py(tick)
        parts.append(x_tick_mark(x, plot.bottom))
        parts.append(svg_text(x, plot.bottom + 18, text, size=TICK_SIZE, anchor="middle"))
        parts.append(y_tick_mark(plot.left, y))
        parts.append(y_tick_label(plot.left, y, text, size=TICK_SIZE))
    x_caption = truncate_text(x_label, AXIS_SIZE, plot.size)
    x_middle = (plot.left + plot.right) / 2
    parts.append(svg_text(x_middle, plot.bottom + 38, x_caption, size=AXIS_SIZE, anchor="middle"))
    y_caption = truncate_text(y_label, AXIS_SIZE, plot.size)
    y_middle = (plot.top + plot.bottom) / 2
    parts.append(rotated_caption(8 + AXIS_SIZE, y_middle, y_caption, size=AXIS_SIZE))
    return parts


def _quadrant_labels(plot: _MatrixPlot) -> tuple[list[str], list[Box]]:
    """The quadrant names in the outer corners (the 0.5 margin band beyond 1 and 5), and the
    boxes they take, which theme labels avoid when they can."""
    boxes: list[Box] = []
    groups = []
    line_h = QUADRANT_SIZE + 3
    for (upper, right_side), text in MATRIX_QUADRANTS.items():
        lines = wrap_text(text, QUADRANT_SIZE, plot.size / 2 - 20)
        x = plot.right - 8 if right_side else plot.left + 8
        anchor = "end" if right_side else "start"
        if upper:
            y0 = plot.top + 6 + QUADRANT_SIZE
        else:
            y0 = plot.bottom - 8 - line_h * (len(lines) - 1)
        parts = []
        for i, line in enumerate(lines):
            y = y0 + i * line_h
            w = text_width(line, QUADRANT_SIZE)
            x0 = x - w if right_side else x
            boxes.append((x0 - 2, y - QUADRANT_SIZE, x0 + w + 2, y + 3))
            parts.append(svg_text(x, y, line, size=QUADRANT_SIZE, anchor=anchor, fill=AXIS))
        groups.append(svg_group(parts, css="quadrant-label"))
    return groups, boxes


def _clusters(points: Sequence[MatrixPoint], pos: Sequence[tuple[float, float]]):
    """Themes within a few pixels of each other, proposed priorities first, then from the top;
    each cluster gets one block of stacked labels."""

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
    return clusters


def _leader(x: float, y: float, spot: Placement) -> str:
    """A thin line from the mark to the side of its label block."""
    box = spot.box
    lx = box[0] if spot.anchor == "start" else box[2]
    ly = min(max(y, box[1] + LABEL_ROW / 2), box[3] - LABEL_ROW / 2)
    return svg_line(x, y, lx, ly, stroke=AXIS, width=0.75)


def _label_lines(
    spot: Placement, labels: Sequence[Sequence[str]], bolds: Sequence[bool]
) -> list[list[str]]:
    """Per label of a block its lines, one row each, every line on a white box."""
    box, anchor = spot.box, spot.anchor
    tx = {"start": box[0] + 2, "end": box[2] - 2, "middle": (box[0] + box[2]) / 2}[anchor]
    parts_per_label = []
    row = 0
    for lines, bold in zip(labels, bolds, strict=True):
        parts = []
        for text in lines:
            w = text_width(text, LABEL_SIZE, bold=bold)
            line_top = box[1] + row * LABEL_ROW
            rx = {"start": tx - 2, "end": tx - w - 2, "middle": tx - w / 2 - 2}[anchor]
            parts.append(backdrop(rx, line_top, w + 4, LABEL_ROW - 1, opacity=0.8))
            parts.append(
                svg_text(tx, line_top + LABEL_SIZE, text, size=LABEL_SIZE, anchor=anchor, bold=bold)
            )
            row += 1
        parts_per_label.append(parts)
    return parts_per_label


def _place_labels(
    points: Sequence[MatrixPoint], plot: _MatrixPlot, soft: Sequence[Box]
) -> tuple[dict[int, list[str]], list[str]]:
    """The label of every theme, placed greedily where it clears the circles, the labels
    already placed and (if it can) the quadrant names; and the leader lines it needs."""
    pos = [plot.mark(p) for p in points]
    circles: list[Box] = []
    for p, (x, y) in zip(points, pos, strict=True):
        r = _radius(p) + 2
        circles.append((x - r, y - r, x + r, y + r))
    bounds = (plot.left + 2, plot.top + 2, plot.right - 2, plot.bottom - 2)
    placed: list[Box] = []
    avoid = Obstacles(bounds, hard=circles, placed=placed, soft=soft)
    max_label = plot.size * 0.42
    labels: dict[int, list[str]] = {i: [] for i in range(len(points))}
    leaders: list[str] = []
    for cluster in _clusters(points, pos):
        x, y = pos[cluster[0]]
        bolds = [points[i].highlight for i in cluster]
        texts = [
            wrap_label(points[i].label, LABEL_SIZE, max_label, bold=bold, max_lines=LABEL_LINES)
            for i, bold in zip(cluster, bolds, strict=True)
        ]
        widths = [
            text_width(line, LABEL_SIZE, bold=b)
            for lines, b in zip(texts, bolds, strict=True)
            for line in lines
        ]
        gap = max(_radius(points[i]) for i in cluster) + 4
        size = (max(widths) + 4, LABEL_ROW * len(widths))
        spot = place_block(x, y, gap=gap, size=size, row=LABEL_ROW, avoid=avoid)
        placed.append(spot.box)
        if spot.leader:
            leaders.append(_leader(x, y, spot))
        for i, line in zip(cluster, _label_lines(spot, texts, bolds), strict=True):
            labels[i] = line
    return labels, leaders


def _theme_marks(
    points: Sequence[MatrixPoint], plot: _MatrixPlot, labels: dict[int, list[str]]
) -> list[str]:
    """Per theme its circle and label. Larger (proposed) circles first, so a theme at the same
    spot shows as a dot inside a dark ring."""
    groups = []
    for i in sorted(range(len(points)), key=lambda i: (not points[i].highlight, i)):
        p = points[i]
        colour = BAR_HIGHLIGHT if p.highlight else MATRIX_POINT
        tip = (
            f"{p.label}: probleem {format_number(p.x, 1)}; "
            f"beïnvloedbaarheid {format_number(p.y, 1)}"
        )
        css = "matrix-point highlight" if p.highlight else "matrix-point"
        x, y = plot.mark(p)
        dot = svg_circle(x, y, _radius(p), fill=colour, ring=True)
        groups.append(svg_group([dot, *labels[i]], css=css, title=tip))
    return groups


_MATRIX_KEYS = [
    LegendItem(
        "Voorgestelde prioriteit",
        lambda x, y: circle_path(x + 12, y, 8, BAR_HIGHLIGHT),
        bold=True,
    ),
    LegendItem("Ander thema", lambda x, y: circle_path(x + 12, y, 6, MATRIX_POINT)),
]


def _matrix_desc(points: Sequence[MatrixPoint], x_label: str, y_label: str) -> str:
    n = len(points)
    text = (
        f"Prioriteitenmatrix van {n} {'thema' if n == 1 else 'thema’s'}. Horizontaal: "
        f"{x_label} (1–5); verticaal: {y_label} (1–5)"
    )
    proposed = [p.label for p in points if p.highlight]
    if proposed:
        text += f". Voorgesteld als prioriteit: {join_nl(proposed)}"
    top_right = [p.label for p in points if p.x > _MATRIX_SPLIT and p.y > _MATRIX_SPLIT]
    if top_right:
        text += f". Groot probleem en goed te beïnvloeden: {join_nl(top_right)}"
    return text + "."


def _empty_matrix(title: str, width: int) -> str:
    height = 120
    note = svg_text(width / 2, height / 2 + 5, MATRIX_EMPTY, size=14, anchor="middle")
    desc = "Er zijn nog geen scores om te tonen."
    return svg_document("matrix", width=width, height=height, title=title, desc=desc, body=[note])


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
    name beside it, wrapped onto up to three lines rather than cut off. A circle that would
    cover a split line is nudged just off it, to its own quadrant's side. Labels are placed
    greedily, proposed priorities first and then from the top: beside, above or below the
    circle, else shifted row by row (with a leader line) until they clear the circles and the
    labels already placed; themes at the same spot get stacked labels.
    Themes without a finite score are left out of the plot.
    """
    points = [p for p in points if finite(p.x) and finite(p.y)]
    if not points:
        return _empty_matrix(title, width)
    plot = _MatrixPlot.fit(width)
    quadrants, quadrant_boxes = _quadrant_labels(plot)
    labels, leaders = _place_labels(points, plot, quadrant_boxes)
    body = [
        svg_group(_grid(plot), css="grid"),
        svg_group(_axes(plot, x_label, y_label), css="axis"),
        svg_group(quadrants, css="quadrants"),
        svg_group(leaders, css="leaders"),
        svg_group(_theme_marks(points, plot, labels), css="points"),
    ]
    height = plot.bottom + 50
    if any(p.highlight for p in points):
        keys, legend_height = legend(_MATRIX_KEYS, x0=plot.left, y0=height - 4, max_width=plot.size)
        body.append(svg_group(keys, css="legend"))
        height += legend_height + 4
    desc = _matrix_desc(points, x_label, y_label)
    return svg_document("matrix", width=width, height=height, title=title, desc=desc, body=body)
