"""Word styles: the ones we use are found in the document (a gemeente's template keeps its own)
or added, based on Normal. Names Word knows as built-in keep their built-in name so Word (and
its TOC) treats them as such."""

from __future__ import annotations

import re

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from ..common import house_palette
from .ooxml import PPR_ORDER, RPR_ORDER, insert_ordered, set_lang, w

SOURCE_STYLE = "Bronvermelding"
_HEX_COLOUR = re.compile(r"^#?([0-9a-fA-F]{6})$")

# Fallback definitions for styles a template lacks.
_BUILTIN_STYLES = {
    "Title": {"size": 26, "space_after": 6},
    "Subtitle": {"size": 15, "space_after": 18},
    "Caption": {"size": 9, "bold": True, "space_before": 4, "space_after": 2},
    "Quote": {"italic": True, "indent": Cm(1)},
    "List Bullet": {},
    "List Number": {},
    "TOC Heading": {"size": 16, "bold": True, "space_after": 12},
    "TOC 1": {"bold": True, "space_before": 6, "space_after": 2},
    "TOC 2": {"indent_left": Cm(0.6), "space_after": 2},
    "TOC 3": {"indent_left": Cm(1.2), "space_after": 2},
    "Header": {"size": 9, "space_after": 0},
    "Footer": {"size": 9, "space_after": 0},
}
_HEADING_SIZES = {1: 16, 2: 13, 3: 12}
HOUSE_COLOURED = (
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "TOC Heading",
)
BODY_COLOUR = "212529"
TABLE_LINE = "ADB5BD"
TABLE_HEADER_FILL = "F2F2F2"
TABLE_TEXT_HALF_POINTS = 18
_SOURCE_STYLE_DEF = {"size": 8, "italic": True, "colour": "495057", "space_after": 12}


def readable_colour(value: str | None) -> str | None:
    """The house colour as "RRGGBB", darkened until it reads on white (4.5:1); None if invalid."""
    match = _HEX_COLOUR.match((value or "").strip())
    if not match:
        return None
    return house_palette(f"#{match.group(1)}")["accent"].lstrip("#").upper()


def _spec(name: str) -> dict | None:
    """How to define the paragraph style `name` when the document lacks it; None: use Normal."""
    heading = re.fullmatch(r"Heading ([1-9])", name)
    if heading:
        level = int(heading.group(1))
        return {
            "size": _HEADING_SIZES.get(level, 11),
            "bold": True,
            "outline": level - 1,
            "keep": True,
            "space_before": 18 if level == 1 else 12,
            "space_after": 6,
        }
    if name in _BUILTIN_STYLES:
        return _BUILTIN_STYLES[name]
    if name == SOURCE_STYLE:
        return _SOURCE_STYLE_DEF
    return None


def _via_base(style, find):
    """The first non-None `find(pPr)` along the style's basedOn chain (at most 10 deep)."""
    for _ in range(10):
        if style is None:
            return None
        ppr = style.element.pPr
        found = find(ppr) if ppr is not None else None
        if found is not None:
            return found
        style = style.base_style
    return None


def numbered_style(style) -> bool:
    """Whether the style (through basedOn) numbers its paragraphs."""
    num_id = _via_base(style, lambda ppr: ppr.find(qn("w:numPr") + "/" + qn("w:numId")))
    return num_id is not None and num_id.get(qn("w:val")) != "0"


def outline_level(style) -> int | None:
    """The outline level a style gives its paragraphs (0-8), if any, through basedOn."""
    outline = _via_base(style, lambda ppr: ppr.find(qn("w:outlineLvl")))
    if outline is None:
        return None
    value = int(outline.get(qn("w:val"), "9"))
    return value if value < 9 else None


class Styles:
    def __init__(self, document) -> None:
        self.doc = document
        self._found: dict[str, object] = {}

    def get(self, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
        """The named style, added (based on Normal) when the document lacks it; Normal (or None
        for a character style) when it cannot be added."""
        key = f"{kind}:{name}"
        if key in self._found:
            return self._found[key]
        try:
            found = self.doc.styles[name]
            style = found if found.type == kind else None
        except KeyError:
            style = None
        if style is None and kind == WD_STYLE_TYPE.PARAGRAPH:
            style = self._add_paragraph_style(name)
        elif style is None and kind == WD_STYLE_TYPE.TABLE:
            style = self._add_table_grid() if name == "Table Grid" else None
        self._found[key] = style
        return style

    def normal(self):
        try:
            return self.doc.styles["Normal"]
        except KeyError:
            return self.doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)

    def _add_paragraph_style(self, name: str):
        spec = _spec(name)
        if spec is None:
            return self.normal()
        try:
            style = self.doc.styles.add_style(
                name, WD_STYLE_TYPE.PARAGRAPH, builtin=name != SOURCE_STYLE
            )
        except ValueError:  # the name exists with another type
            return self.normal()
        style_id = style.style_id
        if len(self.doc.styles.element.xpath(f'w:style[@w:styleId="{style_id}"]')) > 1:
            style.style_id = f"Integraal{style_id}"
        style.base_style = self.normal()
        style.quick_style = True
        self._apply(style, spec)
        return style

    def _apply(self, style, spec: dict) -> None:
        font, fmt = style.font, style.paragraph_format
        if "size" in spec:
            font.size = Pt(spec["size"])
        font.bold = spec.get("bold")
        font.italic = spec.get("italic")
        if "colour" in spec:
            font.color.rgb = RGBColor.from_string(spec["colour"])
        if "space_before" in spec:
            fmt.space_before = Pt(spec["space_before"])
        if "space_after" in spec:
            fmt.space_after = Pt(spec["space_after"])
        if "indent" in spec:
            fmt.left_indent = fmt.right_indent = spec["indent"]
        if "indent_left" in spec:
            fmt.left_indent = spec["indent_left"]
        if spec.get("keep"):
            fmt.keep_with_next = True
        if "outline" in spec:
            insert_ordered(
                style.element.get_or_add_pPr(),
                w("outlineLvl", val=str(spec["outline"])),
                PPR_ORDER,
            )
            style.next_paragraph_style = self.normal()

    def _add_table_grid(self):
        existing_ids = set(self.doc.styles.element.xpath("w:style/@w:styleId"))
        style_id = "TableGrid" if "TableGrid" not in existing_ids else "IntegraalTableGrid"
        based_on = '<w:basedOn w:val="TableNormal"/>' if "TableNormal" in existing_ids else ""
        borders = "".join(
            f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        element = parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:styleId="{style_id}">'
            f'<w:name w:val="Table Grid"/>{based_on}<w:uiPriority w:val="59"/>'
            '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"
            '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr></w:style>"
        )
        self.doc.styles.element.append(element)
        return self.doc.styles["Table Grid"]

    def prepare(self, *, templated: bool, house_colour: str) -> None:
        """Dutch as the language everywhere; without a template, 11 pt text and headings in
        the house colour (a template keeps its own)."""
        styles_element = self.doc.styles.element
        defaults = styles_element.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = w("docDefaults")
            styles_element.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = w("rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = w("rPr")
            rpr_default.append(rpr)
        set_lang(rpr)
        normal = self.normal()
        set_lang(normal.element.get_or_add_rPr())
        colour = readable_colour(house_colour)
        if templated:
            self._house_table(colour or BODY_COLOUR, keep_own=True)
            return
        # 11 pt text as the document default, not on Normal: a size on Normal (a paragraph
        # style) would override the table style's smaller table text.
        _set_size(rpr, 22)
        # python-docx's default template colours the title, the lower headings and captions
        # #4F81BD, a blue of no gemeente that fails contrast on white for small text: every
        # heading takes the house colour, captions the body's dark grey.
        for name in HOUSE_COLOURED:
            self.get(name).font.color.rgb = RGBColor.from_string(colour or BODY_COLOUR)
        for name in ("Caption", "TOC 1", "TOC 2", "TOC 3"):
            self.get(name).font.color.rgb = RGBColor.from_string(BODY_COLOUR)
        self._house_table(colour or BODY_COLOUR)

    def _house_table(self, colour: str, *, keep_own: bool = False) -> None:
        """The table style in the house style: thin grey lines, and a header row (Word's
        "first row", which tables switch on with tblLook) in bold with a rule in the house
        colour, on the light grey of the PDF's table headers. The tables carry no direct
        formatting, so a template's table style shows as the gemeente made it (`keep_own`);
        only a header row it does not style gets ours."""
        style = self.get("Table Grid", WD_STYLE_TYPE.TABLE)
        if style is None:
            return
        element = style.element
        first_row = element.xpath('w:tblStylePr[@w:type="firstRow"]')
        if keep_own:
            if not first_row:
                element.append(_first_row(colour))
            return
        for old in element.findall(qn("w:tblStylePr")):
            element.remove(old)
        # Table text in 9 pt, as the PDF's tables.
        table_rpr = element.get_or_add_rPr()
        _set_size(table_rpr, TABLE_TEXT_HALF_POINTS)
        tbl_pr = element.find(qn("w:tblPr"))
        borders = tbl_pr.find(qn("w:tblBorders")) if tbl_pr is not None else None
        for edge in borders if borders is not None else ():
            edge.set(qn("w:color"), TABLE_LINE)
        element.append(_first_row(colour))


def _set_size(rpr, half_points: int) -> None:
    for tag in ("sz", "szCs"):
        insert_ordered(rpr, w(tag, val=str(half_points)), RPR_ORDER)


def _first_row(colour: str):
    return parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow">'
        "<w:rPr><w:b/><w:bCs/></w:rPr>"
        "<w:tcPr><w:tcBorders>"
        f'<w:bottom w:val="single" w:sz="12" w:space="0" w:color="{colour}"/>'
        f'</w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="{TABLE_HEADER_FILL}"/>'
        "</w:tcPr></w:tblStylePr>"
    )
