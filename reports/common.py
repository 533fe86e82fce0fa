"""Rules both renderers (PDF and DOCX) and the figures export follow, in one place, so the
documents number, date and colour the same way."""

import re
from collections.abc import Mapping, Sequence

import cairosvg

from projects import nl_format

from .blocks import Section
from .constants import DocumentKind

MAX_LEVEL = 3
DOCUMENT_LABELS = {kind.value: kind.label for kind in DocumentKind}
DEFAULT_HOUSE_COLOUR = "#1f4e79"
MONTHS = nl_format.MONTHS
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_NUMBER = r"[-+−]?(?:\d[\d.]*(?:,\d+)?|,\d+)"
# A figure as the tables print it: "40,0 %", "1.204", "€ 40.000", with its margin "(35–45)"
# or its year "(2023)" and a significance or low-n mark. The margin must not make the column
# read as text (issue 13: such columns came out left-aligned).
_NUMERIC_CELL = re.compile(
    rf"(?:€\s*)?{_NUMBER}\s*%?"
    rf"(?:\s*\(\s*(?:{_NUMBER}\s*%?\s*[–-]\s*{_NUMBER}\s*%?|\d{{4}})\s*\))?\s*\*?"
)
# Cells that say a figure is missing; they neither make nor break a numeric column.
_NO_FIGURE_CELLS = frozenset({"–", "-", "*", "te weinig waarnemingen", "te weinig respondenten"})


def _outline(section: Section | Mapping) -> tuple[object, bool, object]:
    """(level, numbered, title) of a section or of its stored JSON."""
    if isinstance(section, Section):
        return section.level, section.numbered, section.title
    return section.get("level", 1), bool(section.get("numbered", True)), section.get("title")


def section_numbers(sections: Sequence[Section | Mapping]) -> list[str]:
    """Heading numbers in document order: "1", "1.1", "1.1.1", "2", ...; "" when unnumbered.

    Deeper counters restart under every new section of a higher level. A section whose parent
    is unnumbered is unnumbered as well (a subsection of the begrippenlijst gets no "2.1" from
    the chapter before it). The first section must be level 1 and a level may only go one
    deeper at a time; otherwise a ValueError. Sections as stored (JSON) are numbered alike.
    """
    counters = [0] * MAX_LEVEL
    numbered_path = [True] * MAX_LEVEL  # whether the current ancestor at each level is numbered
    numbers: list[str] = []
    previous_level = 0
    for index, section in enumerate(sections):
        level, numbered, title = _outline(section)
        if not isinstance(level, int) or not 1 <= level <= MAX_LEVEL:
            raise ValueError(f"Section {index}: level must be 1..{MAX_LEVEL}, not {level!r}")
        if level > previous_level + 1:
            raise ValueError(
                f"Section {index} ({title!r}) jumps from level {previous_level} to {level}"
            )
        previous_level = level
        counters[level:] = [0] * (MAX_LEVEL - level)
        numbered = numbered and all(numbered_path[: level - 1])
        numbered_path[level - 1] = numbered
        if numbered:
            counters[level - 1] += 1
            numbers.append(".".join(str(count) for count in counters[:level]))
        else:
            numbers.append("")
    return numbers


def format_date_nl(value: str) -> str:
    """ "2026-11-26" -> "26 november 2026"; anything that is not an ISO date is shown as given
    (projects.nl_format.format_date, which the pages and the report text use as well)."""
    return nl_format.format_date(value or "")


def source_text(source: str) -> str:
    """The source line, with "Bron: " in front unless it already starts with it."""
    source = (source or "").strip()
    if not source or source.lower().startswith("bron"):
        return source
    return f"Bron: {source}"


def svg_to_png(svg: str, *, width_px: int = 1400) -> bytes:
    """The SVG drawn as a PNG `width_px` wide on a white background (external resources off)."""
    return cairosvg.svg2png(
        bytestring=svg.encode("utf-8"),
        output_width=width_px,
        background_color="white",
        unsafe=False,
    )


def numeric_columns(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> list[bool]:
    """Which columns hold only numbers (right-aligned); the first column never does."""
    result = []
    for i in range(len(columns)):
        cells = [str(row[i]).strip() for row in rows if i < len(row) and str(row[i]).strip()]
        figures = [cell for cell in cells if cell not in _NO_FIGURE_CELLS]
        result.append(i > 0 and bool(figures) and all(_NUMERIC_CELL.fullmatch(c) for c in figures))
    return result


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def house_colour(value: object) -> str:
    """The gemeente's house colour as lower-case #rrggbb; anything else gives the default."""
    if isinstance(value, str) and _HEX_COLOUR.fullmatch(value.strip()):
        return value.strip().lower()
    return DEFAULT_HOUSE_COLOUR


def _darken(colour: str, factor: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * factor):02x}" for c in (r, g, b))


def house_palette(value: object) -> dict[str, str]:
    """Colours derived from the house colour, all readable (WCAG AA for text).

    ``band`` is the house colour itself (the cover band); ``band_text`` is white or near-black,
    whichever contrasts more with it; ``accent`` is the colour for headings and links on white:
    the house colour, darkened until it reaches 4.5:1 if it is too light.
    """
    band = house_colour(value)
    white, dark = "#ffffff", "#212529"
    band_text = white if contrast_ratio(band, white) >= contrast_ratio(band, dark) else dark
    accent, factor = band, 1.0
    while contrast_ratio(accent, white) < 4.5 and factor > 0:
        factor = round(factor - 0.05, 2)
        accent = _darken(band, factor)
    return {"band": band, "band_text": band_text, "accent": accent}
