"""Text metrics: how wide a label is, without a font engine, and how to make it fit a width."""

from __future__ import annotations

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


def wrap_label(
    text: str, size: float, max_width: float, *, bold: bool = False, max_lines: int = 3
) -> list[str]:
    """A label on as many lines as it needs, up to `max_lines`, each no wider than `max_width`.

    Whole words move to the next line, so "Subjectieve veiligheid (veiligheidsgevoel)" reads
    in full on two lines instead of ending in "…". Only what is left after `max_lines` (or a
    single word wider than a line) is cut with an ellipsis.
    """
    lines = wrap_text(text, size, max_width, bold=bold)
    if not lines:
        return [text]
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = lines[: max_lines - 1] + [truncate_text(rest, size, max_width, bold=bold)]
    return lines
