"""The SVG elements the charts and maps are built from, and the root document.

Attributes are numbers (through `num`), our own colours and keywords; every text goes through
`esc`. Nothing here takes markup from a caller except `parts`, which are made by these functions.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Sequence

from .style import FONT_FAMILY, TEXT, WHITE


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


def svg_rect(
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    fill: str,
    opacity: float | None = None,
    stroke: str = "",
    stroke_width: float | None = None,
) -> str:
    attrs = f'x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(height)}" fill="{fill}"'
    if opacity is not None:
        attrs += f' fill-opacity="{float(opacity)}"'
    if stroke:
        attrs += f' stroke="{stroke}"'
    if stroke_width is not None:
        attrs += f' stroke-width="{num(stroke_width)}"'
    return f"<rect {attrs}/>"


def backdrop(x: float, y: float, width: float, height: float, *, opacity: float = 0.85) -> str:
    """A translucent white box behind a label, so it stays legible over lines and bars."""
    return svg_rect(x, y, width, height, fill=WHITE, opacity=opacity)


def svg_circle(
    x: float,
    y: float,
    r: float,
    *,
    fill: str,
    ring: bool = False,
    stroke: str = "",
    title: str | None = None,
) -> str:
    """A dot; `ring` draws a white edge so it stands out where dots and lines meet, `stroke`
    an edge of 2 in that colour (an open dot: a white fill with a coloured edge)."""
    attrs = f'cx="{num(x)}" cy="{num(y)}" r="{num(r)}" fill="{fill}"'
    if stroke:
        attrs += f' stroke="{stroke}" stroke-width="2"'
    elif ring:
        attrs += f' stroke="{WHITE}" stroke-width="1.5"'
    if title is None:
        return f"<circle {attrs}/>"
    return f"<circle {attrs}><title>{esc(title)}</title></circle>"


def svg_polyline(
    points: Sequence[tuple[float, float]],
    *,
    stroke: str,
    width: float,
    dash: str = "",
    css: str = "",
    round_joins: bool = False,
) -> str:
    """A line through `points`; `width` is written as given (1.75 stays 1.75)."""
    coords = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    attrs = f'class="{css}" ' if css else ""
    attrs += f'points="{coords}" fill="none" stroke="{stroke}" stroke-width="{float(width):g}"'
    if dash:
        attrs += f' stroke-dasharray="{dash}"'
    if round_joins:
        attrs += ' stroke-linejoin="round"'
    return f"<polyline {attrs}/>"


def svg_path(
    d: str,
    *,
    fill: str,
    stroke: str = "",
    stroke_width: float | None = None,
    area: bool = False,
    title: str | None = None,
) -> str:
    """A path from `d` (numbers made with `num`); `area` rounds the joins and lets inner rings
    cut holes, as map areas need."""
    attrs = f'd="{d}" fill="{fill}"'
    if stroke:
        attrs += f' stroke="{stroke}"'
    if stroke_width is not None:
        attrs += f' stroke-width="{num(stroke_width)}"'
    if area:
        attrs += ' stroke-linejoin="round" fill-rule="evenodd"'
    if title is None:
        return f"<path {attrs}/>"
    return f"<path {attrs}><title>{esc(title)}</title></path>"


def svg_group(parts: Iterable[str], *, css: str = "", title: str | None = None) -> str:
    """<g> around `parts`, with a class for styling and tests and a <title> as tooltip."""
    opening = f'<g class="{css}">' if css else "<g>"
    tooltip = f"<title>{esc(title)}</title>" if title is not None else ""
    return f"{opening}{tooltip}{''.join(parts)}</g>"


def svg_document(
    kind: str, *, width: float, height: float, title: str, desc: str, body: Iterable[str]
) -> str:
    """The root <svg>: accessible name and description, white background, then `body`.

    The class names the kind of chart (the print stylesheet sizes a matrix apart). The ids
    derive from a hash of the content, so several charts can share a page and the same
    input still gives the same string.
    """
    content = "".join(body)
    seed = f"{kind}\n{title}\n{desc}\n{width}x{height}\n{content}"
    ident = f"{kind}-{hashlib.sha1(seed.encode(), usedforsecurity=False).hexdigest()[:10]}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'class="chart-{kind}" viewBox="0 0 {num(width)} {num(height)}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT_FAMILY}">'
        f'<title id="{ident}-title">{esc(title)}</title>'
        f'<desc id="{ident}-desc">{esc(desc)}</desc>'
        f"{svg_rect(0, 0, width, height, fill=WHITE)}"
        f"{content}</svg>"
    )
