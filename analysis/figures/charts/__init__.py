"""Server-side SVG charts for the survey pages and the PDF/DOCX reports.

One renderer for every output: the pages inline the SVG, WeasyPrint draws it in the PDF and the
DOCX embeds it. The output keeps to plain SVG 1.1 (svg, g, rect, line, path, polyline, circle,
text, title, desc) with presentation attributes only: no scripts, no ``style`` attributes and no
``<style>`` element, so a strict Content-Security-Policy holds. Every chart is an accessible
image (role="img" labelled by its <title> and <desc>), scales with its container (viewBox,
width="100%", no height) and is deterministic: the same input gives the same string, so it can
be cached and snapshot-compared.

The SVG is built with f-strings from numbers, our own colours and text that always goes through
``esc``; every label a user could have typed (theme, indicator and wijk names) is text. Pages,
PDF and DOCX show it only after the SVG allow-list (``analysis.richtext.sanitize_svg``), so an
escaping slip here cannot become markup that acts.

One module per chart (`trend`, `bars`, `matrix`), built from shared parts: `formatting` (units
and Dutch numbers), `text` (label widths), `scales` (ticks, value and slot positions), `axes`,
`legend`, `marks`, `layout` (label placement), `svg` (elements and the document) and `style`
(colours). The maps (`analysis.figures.geometry`) use the same parts.
"""

from .bars import Bar, bar_chart_svg
from .formatting import (
    MISSING,
    TOO_FEW,
    UNIT_CAPTIONS,
    UNITS,
    check_unit,
    finite,
    format_number,
    format_value,
    format_with_unit,
    unit_decimals,
)
from .matrix import (
    MATRIX_EMPTY,
    MATRIX_POINT,
    MATRIX_QUADRANTS,
    MATRIX_TINT,
    MatrixPoint,
    priority_matrix_svg,
)
from .scales import axis_ticks
from .style import (
    AXIS,
    BAR,
    BAR_HIGHLIGHT,
    BENCHMARK_STYLES,
    FONT_FAMILY,
    GRID,
    MAIN,
    MUTED,
    TEXT,
    WHITE,
)
from .svg import esc, num, svg_document, svg_line, svg_text
from .text import text_width, truncate_text, wrap_text
from .trend import Point, trend_chart_svg

__all__ = [
    "AXIS",
    "BAR",
    "BAR_HIGHLIGHT",
    "BENCHMARK_STYLES",
    "FONT_FAMILY",
    "GRID",
    "MAIN",
    "MATRIX_EMPTY",
    "MATRIX_POINT",
    "MATRIX_QUADRANTS",
    "MATRIX_TINT",
    "MISSING",
    "MUTED",
    "TEXT",
    "TOO_FEW",
    "UNITS",
    "UNIT_CAPTIONS",
    "WHITE",
    "Bar",
    "MatrixPoint",
    "Point",
    "axis_ticks",
    "bar_chart_svg",
    "check_unit",
    "esc",
    "finite",
    "format_number",
    "format_value",
    "format_with_unit",
    "num",
    "priority_matrix_svg",
    "svg_document",
    "svg_line",
    "svg_text",
    "text_width",
    "trend_chart_svg",
    "truncate_text",
    "unit_decimals",
    "wrap_text",
]
