"""Data marks shared by the charts: marker shapes, dots, interval whiskers."""

from __future__ import annotations

from .style import WHITE
from .svg import num, svg_line, svg_path, svg_rect

WHISKER_WIDTH = 1.25


HOLLOW_STROKE = 1.75


def marker(
    shape: str, x: float, y: float, colour: str, size: float = 3.5, *, hollow: bool = False
) -> str:
    """A square, diamond, triangle or (otherwise) circle centred on (x, y); `hollow` draws its
    outline in `colour` around a white inside."""
    fill, stroke = (WHITE, colour) if hollow else (colour, "")
    width = HOLLOW_STROKE if hollow else None
    if shape == "square":
        return svg_rect(
            x - size, y - size, 2 * size, 2 * size, fill=fill, stroke=stroke, stroke_width=width
        )
    if shape == "diamond":
        s = size * 1.3
        d = (
            f"M{num(x)},{num(y - s)}L{num(x + s)},{num(y)} "
            f"{num(x)},{num(y + s)} {num(x - s)},{num(y)}Z"
        )
        return svg_path(d, fill=fill, stroke=stroke, stroke_width=width)
    if shape == "triangle":
        s = size * 1.25
        d = (
            f"M{num(x)},{num(y - s)}L{num(x + s)},{num(y + s * 0.8)} "
            f"{num(x - s)},{num(y + s * 0.8)}Z"
        )
        return svg_path(d, fill=fill, stroke=stroke, stroke_width=width)
    return svg_path(_circle_d(x, y, size), fill=fill, stroke=stroke, stroke_width=width)


def _circle_d(x: float, y: float, r: float) -> str:
    return (
        f"M{num(x - r)},{num(y)}a{num(r)},{num(r)} 0 1,0 {num(2 * r)},0"
        f"a{num(r)},{num(r)} 0 1,0 {num(-2 * r)},0Z"
    )


def circle_path(x: float, y: float, r: float, colour: str) -> str:
    """A ringed dot drawn as a path, for legend keys (so <circle> stays one per data point)."""
    return svg_path(_circle_d(x, y, r), fill=colour, stroke=WHITE, stroke_width=1.5)


def vertical_whisker(x: float, y1: float, y2: float, *, colour: str, shift: float = 0) -> str:
    """An interval from y1 to y2 at x + shift, with caps 4 units to either side."""
    return (
        svg_line(x + shift, y1, x + shift, y2, stroke=colour, width=WHISKER_WIDTH)
        + svg_line(x + (shift - 4), y1, x + (shift + 4), y1, stroke=colour, width=WHISKER_WIDTH)
        + svg_line(x + (shift - 4), y2, x + (shift + 4), y2, stroke=colour, width=WHISKER_WIDTH)
    )


def horizontal_whisker(x1: float, x2: float, y: float, *, colour: str) -> str:
    """An interval from x1 to x2 at y, with caps 9 units up and down."""
    return (
        svg_line(x1, y, x2, y, stroke=colour, width=WHISKER_WIDTH)
        + svg_line(x1, y - 9, x1, y + 9, stroke=colour, width=WHISKER_WIDTH)
        + svg_line(x2, y - 9, x2, y + 9, stroke=colour, width=WHISKER_WIDTH)
    )
