"""A document snapshot as a Word file (DOCX), on python-docx's blank document or a gemeente's own
template.

The output uses real Word styles throughout (Title, Subtitle, Heading 1-3, List Bullet/Number,
Caption, Quote, Normal), so a gemeente can restyle it or navigate it, and Word can build its table
of contents and table of figures. Fields (TOC, SEQ, PAGE, NUMPAGES) are real fields with a cached
result; `w:updateFields` makes Word offer to update them when the file is opened.

With a template the template's styles, page setup and non-empty headers/footers are kept and its
body is replaced by ours. Styles the template lacks are added, based on Normal.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from html.parser import HTMLParser

import cairosvg
import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Cm, Length, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from analysis.richtext import sanitize, sanitize_svg

from .common import MAX_LEVEL, house_palette, numeric_columns, section_numbers  # noqa: F401
from .common import format_date_nl as format_date
from .docx_template import TEMPLATE_ERROR, TemplateRefused, clean_template

logger = logging.getLogger(__name__)

TOC_PLACEHOLDER = (
    "Klik met de rechtermuisknop en kies ‘Veld bijwerken’ om de inhoudsopgave te vullen."
)
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
DOCUMENT_LABELS = {"analyse": "Veiligheidsanalyse", "kadernota": "Kadernota integrale veiligheid"}

CHART_WIDTH = Cm(15)
LOGO_BOX = (Cm(6), Cm(3))
SOURCE_STYLE = "Bronvermelding"
_DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_HEX_COLOUR = re.compile(r"^#?([0-9a-fA-F]{6})$")

# Child order of the elements we add to (ECMA-376 part 1, CT_PPr, CT_RPr and CT_Settings).
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()
_SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr attachedSchema "
    "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
    "forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults "
    "doNotEmbedSmartTags decimalSymbol listSeparator"
).split()

# Fallback definitions for styles a template lacks. Names Word knows as built-in keep their
# built-in name so Word (and its TOC) treats them as such.
_BUILTIN_STYLES = {
    "Title": {"size": 26, "space_after": 6},
    "Subtitle": {"size": 15, "space_after": 18},
    "Caption": {"size": 9, "bold": True, "space_before": 4, "space_after": 2},
    "Quote": {"italic": True, "indent": Cm(1)},
    "List Bullet": {},
    "List Number": {},
    "TOC Heading": {"size": 16, "bold": True, "space_after": 12},
    "Header": {"size": 9, "space_after": 0},
    "Footer": {"size": 9, "space_after": 0},
}
_HEADING_SIZES = {1: 16, 2: 13, 3: 12}
_SOURCE_STYLE_DEF = {"size": 8, "italic": True, "colour": "495057", "space_after": 12}


# --------------------------------------------------------------------------- public helpers


def svg_to_png(svg: str, *, width_px: int = 1400) -> bytes:
    """The SVG drawn as a PNG `width_px` wide on a white background (external resources off)."""
    return cairosvg.svg2png(
        bytestring=svg.encode("utf-8"),
        output_width=width_px,
        background_color="white",
        unsafe=False,
    )


def is_figure(block: dict) -> bool:
    """A chart block with a drawing. Every chart block gets a number (as in the PDF), one
    without an SVG shows only its caption and source."""
    return block.get("type") == "chart" and bool((block.get("svg") or "").strip())


def is_table(block: dict) -> bool:
    """A table block with columns. Every table block gets a number (as in the PDF), one without
    columns shows only its caption and source."""
    return block.get("type") == "table" and bool(block.get("columns"))


def source_text(source: str) -> str:
    """The source line, with "Bron: " in front unless it already starts with it."""
    source = (source or "").strip()
    if not source or source.lower().startswith("bron"):
        return source
    return f"Bron: {source}"


def render_docx(
    snapshot: dict, *, template: bytes | None = None, logo: bytes | None = None
) -> bytes:
    """The snapshot as a .docx file; `template` is a gemeente's own .docx (styles, page setup,
    header/footer), `logo` an image (PNG, JPEG, GIF, BMP, TIFF or SVG) for the cover.

    Raises TemplateRefused (a ValueError) with a Dutch message when `template` is not a usable
    Word document: broken, too large when unpacked (see docx_template), or not Word at all.
    """
    document = _open_document(template)
    renderer = _Renderer(document, snapshot, templated=template is not None)
    renderer.render(logo)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- template


def _open_document(template: bytes | None):
    if template is None:
        document = docx.Document()
        section = document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
        return document
    # Checked and cleaned again at every render (the upload did it too): a template stored
    # before the check existed may be a zip bomb or point Word at outside addresses.
    cleaned = clean_template(template)
    try:
        document = docx.Document(io.BytesIO(_as_docx(cleaned)))
        document.styles  # noqa: B018 - parse the parts we need now, not halfway through
        document.settings  # noqa: B018
    except Exception as exc:  # any failure to read it means it is not a usable .docx
        raise TemplateRefused(TEMPLATE_ERROR) from exc
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    if body.find(qn("w:sectPr")) is None:
        body.append(OxmlElement("w:sectPr"))
        section = document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
    return document


def _as_docx(template: bytes) -> bytes:
    """The (already checked) template's bytes, with a Word template (.dotx) relabelled as a
    document."""
    try:
        with zipfile.ZipFile(io.BytesIO(template)) as archive:
            content_types = archive.read("[Content_Types].xml")
            if _DOTX_MAIN.encode() not in content_types:
                return template
            output = io.BytesIO()
            with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as relabelled:
                for info in archive.infolist():
                    data = archive.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        data = data.replace(_DOTX_MAIN.encode(), CT.WML_DOCUMENT_MAIN.encode())
                    relabelled.writestr(info, data)
            return output.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise TemplateRefused(TEMPLATE_ERROR) from exc


# --------------------------------------------------------------------------- XML helpers


def _clean(text: object) -> str:
    """Text that XML can hold (control characters other than tab and newline removed)."""
    return _INVALID_XML_CHARS.sub("", "" if text is None else str(text))


def _insert_ordered(parent, child, order: Sequence[str]) -> None:
    """Put `child` into `parent` at its schema position, replacing an element of its tag."""
    local = child.tag.split("}")[-1]
    for existing in parent.findall(child.tag):
        parent.remove(existing)
    successors = {qn(f"w:{tag}") for tag in order[order.index(local) + 1 :]}
    for index, element in enumerate(parent):
        if element.tag in successors:
            parent.insert(index, child)
            return
    parent.append(child)


def _w(tag: str, **attributes: str):
    element = OxmlElement(f"w:{tag}")
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _w("lang")
        _insert_ordered(rpr, lang, _RPR_ORDER)
    lang.set(qn("w:val"), "nl-NL")


def _add_field(paragraph: Paragraph, instruction: str, cached: str, *, dirty: bool = False):
    """A complex field (begin, instruction, separate, cached result, end) at the paragraph end."""
    begin = _w("fldChar", fldCharType="begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    paragraph.add_run()._r.append(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_w("fldChar", fldCharType="separate"))
    result = paragraph.add_run(cached)
    paragraph.add_run()._r.append(_w("fldChar", fldCharType="end"))
    return result


def _has_content(element) -> bool:
    return bool(
        element.xpath(
            ".//w:t[normalize-space(.) != ''] | .//w:drawing | .//w:pict | .//w:object"
            " | .//w:fldSimple | .//w:instrText"
        )
    )


def readable_colour(value: str | None) -> str | None:
    """The house colour as "RRGGBB", darkened until it reads on white (4.5:1); None if invalid."""
    match = _HEX_COLOUR.match((value or "").strip())
    if not match:
        return None
    return house_palette(f"#{match.group(1)}")["accent"].lstrip("#").upper()


# --------------------------------------------------------------------------- numbering


class _Numbering:
    """List numbering: one bullet and one decimal definition of our own, and a fresh w:num per
    list so every numbered list starts at 1 (with a startOverride, which Word needs)."""

    def __init__(self, document) -> None:
        self.document = document
        self._root = None
        self._abstract: dict[str, int] = {}

    @property
    def root(self):
        if self._root is None:
            part = self.document.part
            try:
                numbering = part.part_related_by(RT.NUMBERING)
            except KeyError:
                numbering = NumberingPart(
                    part.package.next_partname("/word/numbering%d.xml"),
                    CT.WML_NUMBERING,
                    parse_xml(f"<w:numbering {nsdecls('w')}/>"),
                    part.package,
                )
                part.relate_to(numbering, RT.NUMBERING)
            self._root = numbering.element
        return self._root

    def _next_id(self, tag: str, attribute: str) -> int:
        ids = [int(v) for v in self.root.xpath(f"./w:{tag}/@w:{attribute}") if v.isdigit()]
        return max(ids, default=0) + 1

    def _abstract_id(self, kind: str) -> int:
        if kind not in self._abstract:
            abstract_id = self._next_id("abstractNum", "abstractNumId")
            levels = []
            for level in range(9):
                left = 360 * (level + 1) + 357
                if kind == "bullet":
                    text, fmt = ("•", "–")[level % 2], "bullet"
                else:
                    fmt = ("decimal", "lowerLetter", "lowerRoman")[level % 3]
                    text = f"%{level + 1}."
                levels.append(
                    f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                    f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                    f'<w:pPr><w:ind w:left="{left}" w:hanging="357"/></w:pPr></w:lvl>'
                )
            abstract = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>'
            )
            first_num = self.root.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                cleanup = self.root.find(qn("w:numIdMacAtCleanup"))
                if cleanup is not None:
                    cleanup.addprevious(abstract)
                else:
                    self.root.append(abstract)
            self._abstract[kind] = abstract_id
        return self._abstract[kind]

    def new_list(self, kind: str) -> int:
        abstract_id = self._abstract_id(kind)
        num_id = self._next_id("num", "numId")
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
            for level in range(9)
        )
        num = parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
        cleanup = self.root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self.root.append(num)
        return num_id


def _set_numbering(paragraph: Paragraph, num_id: int, level: int) -> None:
    num_pr = _w("numPr")
    num_pr.append(_w("ilvl", val=str(level)))
    num_pr.append(_w("numId", val=str(num_id)))
    _insert_ordered(paragraph._p.get_or_add_pPr(), num_pr, _PPR_ORDER)


# --------------------------------------------------------------------------- renderer


class _Renderer:
    def __init__(self, document, snapshot: dict, *, templated: bool) -> None:
        self.doc = document
        self.snapshot = snapshot
        self.templated = templated
        self.numbering = _Numbering(document)
        self.figures = 0
        self.tables = 0
        self._styles: dict[str, object] = {}
        gemeente = snapshot.get("gemeente") or {}
        self.gemeente = _clean(gemeente.get("name") or "")
        self.title = _clean(snapshot.get("title") or "")
        self.version = _clean(snapshot.get("version_label") or "")

    # ---------------------------------------------------------------- styles

    def style(self, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
        """The named style, added (based on Normal) when the document lacks it; Normal (or None
        for a character style) when it cannot be added."""
        key = f"{kind}:{name}"
        if key in self._styles:
            return self._styles[key]
        styles = self.doc.styles
        try:
            found = styles[name]
            style = found if found.type == kind else None
        except KeyError:
            style = None
        if style is None and kind == WD_STYLE_TYPE.PARAGRAPH:
            style = self._add_paragraph_style(name)
        elif style is None and kind == WD_STYLE_TYPE.TABLE:
            style = self._add_table_grid() if name == "Table Grid" else None
        self._styles[key] = style
        return style

    def _normal(self):
        try:
            return self.doc.styles["Normal"]
        except KeyError:
            return self.doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)

    def _add_paragraph_style(self, name: str):
        heading = re.fullmatch(r"Heading ([1-9])", name)
        if heading:
            level = int(heading.group(1))
            spec = {
                "size": _HEADING_SIZES.get(level, 11),
                "bold": True,
                "outline": level - 1,
                "keep": True,
                "space_before": 18 if level == 1 else 12,
                "space_after": 6,
            }
        elif name in _BUILTIN_STYLES:
            spec = _BUILTIN_STYLES[name]
        elif name == SOURCE_STYLE:
            spec = _SOURCE_STYLE_DEF
        else:
            return self._normal()
        try:
            style = self.doc.styles.add_style(
                name, WD_STYLE_TYPE.PARAGRAPH, builtin=name != SOURCE_STYLE
            )
        except ValueError:  # the name exists with another type
            return self._normal()
        style_id = style.style_id
        if len(self.doc.styles.element.xpath(f'w:style[@w:styleId="{style_id}"]')) > 1:
            style.style_id = f"Integraal{style_id}"
        style.base_style = self._normal()
        style.quick_style = True
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
        if spec.get("keep"):
            fmt.keep_with_next = True
        if "outline" in spec:
            _insert_ordered(
                style.element.get_or_add_pPr(),
                _w("outlineLvl", val=str(spec["outline"])),
                _PPR_ORDER,
            )
            style.next_paragraph_style = self._normal()
        return style

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

    def _prepare_styles(self) -> None:
        styles_element = self.doc.styles.element
        defaults = styles_element.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = _w("docDefaults")
            styles_element.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = _w("rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = _w("rPr")
            rpr_default.append(rpr)
        _set_lang(rpr)
        normal = self._normal()
        _set_lang(normal.element.get_or_add_rPr())
        if self.templated:
            return
        normal.font.size = Pt(11)
        colour = readable_colour((self.snapshot.get("gemeente") or {}).get("house_colour"))
        if colour:
            for name in ("Heading 1", "Heading 2"):
                self.style(name).font.color.rgb = RGBColor.from_string(colour)

    def _prepare_settings(self) -> None:
        settings = self.doc.settings.element
        _insert_ordered(
            settings,
            _w("updateFields", val="true"),
            ["updateFields", *_SETTINGS_AFTER_UPDATE_FIELDS],
        )
        theme_lang = settings.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:val"), "nl-NL")

    def _core_properties(self) -> None:
        props = self.doc.core_properties
        document = str(self.snapshot.get("document") or "")
        now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
        props.title = self.title
        props.subject = DOCUMENT_LABELS.get(document, document)
        props.author = self.gemeente
        props.last_modified_by = self.gemeente
        props.language = "nl-NL"
        props.content_status = self.version
        props.keywords = ""
        props.comments = ""
        props.category = ""
        props.revision = 1
        props.created = now
        props.modified = now

    # ---------------------------------------------------------------- paragraphs

    def paragraph(self, text: str = "", style: str = "Normal") -> Paragraph:
        paragraph = self.doc.add_paragraph(style=self.style(style))
        if text:
            paragraph.add_run(_clean(text))
        return paragraph

    def heading(self, text: str, level: int, *, page_break: bool = False) -> Paragraph:
        style = self.style(f"Heading {min(max(level, 1), 9)}")
        paragraph = self.paragraph(text, style.name)
        if page_break:
            paragraph.paragraph_format.page_break_before = True
        if self._numbered_style(style):
            # The number is in the text; a template's own heading numbering would double it.
            _set_numbering(paragraph, 0, 0)
        return paragraph

    def _numbered_style(self, style) -> bool:
        for _ in range(10):
            if style is None:
                return False
            ppr = style.element.pPr
            num_id = ppr.find(qn("w:numPr") + "/" + qn("w:numId")) if ppr is not None else None
            if num_id is not None:
                return num_id.get(qn("w:val")) != "0"
            style = style.base_style
        return False

    def caption(self, label: str, number: int, text: str) -> Paragraph:
        paragraph = self.paragraph(style="Caption")
        paragraph.add_run(f"{label} ")
        _add_field(paragraph, f"SEQ {label} \\* ARABIC", str(number))
        if text:
            paragraph.add_run(f": {_clean(text)}")
        return paragraph

    def source(self, text: str) -> None:
        text = source_text(_clean(text))
        if text:
            self.paragraph(text, SOURCE_STYLE)

    def usable_width(self) -> Length:
        section = self.doc.sections[-1]
        try:
            width = section.page_width - section.left_margin - section.right_margin
        except TypeError:  # page size or margins not set in the template
            return Cm(16)
        return Length(width) if width > 0 else Cm(16)

    # ---------------------------------------------------------------- document parts

    def render(self, logo: bytes | None) -> None:
        self._prepare_styles()
        self._prepare_settings()
        self._core_properties()
        self._cover(logo)
        self._toc()
        sections = list(self.snapshot.get("sections") or [])
        for index, (section, number) in enumerate(
            zip(sections, section_numbers(sections), strict=True)
        ):
            level = section.get("level", 1)
            title = _clean(section.get("title") or "")
            text = f"{number} {title}".strip() if number else title
            self.heading(text, level, page_break=level == 1 or index == 0)
            for block in section.get("blocks") or []:
                self.block(block, level)
        self._headers_footers()
        if self.templated:
            self._drop_unused_relationships()
        package_rels = self.doc.part.package.rels
        for r_id, rel in list(package_rels.items()):
            if rel.reltype == RT.THUMBNAIL:  # a picture of the template, not of this document
                package_rels.pop(r_id)
                package_rels._target_parts_by_rId.pop(r_id, None)

    def _cover(self, logo: bytes | None) -> None:
        has_logo = bool(logo) and self._logo(logo)
        title = self.paragraph(self.title, "Title")
        title.paragraph_format.space_before = Pt(48 if has_logo else 120)
        subtitle = _clean(self.snapshot.get("subtitle") or "")
        if subtitle:
            self.paragraph(subtitle, "Subtitle")
        lines = []
        if self.gemeente:
            name = self.gemeente
            label = name if name.lower().startswith("gemeente") else f"Gemeente {name}"
            if label not in (subtitle, self.title):
                lines.append(label)
        if self.version:
            lines.append(f"Versie: {self.version}")
        if self.snapshot.get("date"):
            lines.append(f"Datum: {format_date(_clean(self.snapshot['date']))}")
        for line in lines:
            self.paragraph(line).paragraph_format.space_after = Pt(2)

    def _logo(self, logo: bytes) -> bool:
        blob = logo
        head = logo[:1024].lstrip()
        if head.startswith((b"<svg", b"<?xml")) or b"<svg" in head:
            try:
                blob = svg_to_png(logo.decode("utf-8"), width_px=600)
            except Exception:  # a broken logo must not stop the report
                logger.warning("Logo (SVG) could not be drawn; cover without logo", exc_info=True)
                return False
        try:
            image = DocxImage.from_blob(blob)
        except UnrecognizedImageError:
            blob = self._convert_image(blob)
            if blob is None:
                return False
            image = DocxImage.from_blob(blob)
        box_width, box_height = LOGO_BOX
        width = min(box_width, int(box_height * image.px_width / max(image.px_height, 1)))
        paragraph = self.paragraph()
        shape = paragraph.add_run().add_picture(io.BytesIO(blob), width=Length(width))
        shape._inline.docPr.set("descr", f"Logo gemeente {self.gemeente}".strip())
        return True

    @staticmethod
    def _convert_image(blob: bytes) -> bytes | None:
        """A logo in a format Word's reader here does not know (e.g. WebP) as PNG, via Pillow."""
        try:
            from PIL import Image

            with Image.open(io.BytesIO(blob)) as image:
                output = io.BytesIO()
                image.convert("RGBA").save(output, format="PNG")
                return output.getvalue()
        except Exception:
            logger.warning("Logo could not be read; cover without logo", exc_info=True)
            return None

    def _toc(self) -> None:
        heading = self.paragraph("Inhoud", "TOC Heading")
        heading.paragraph_format.page_break_before = True
        if self._outline_level(self.style("TOC Heading")) is not None:
            _insert_ordered(heading._p.get_or_add_pPr(), _w("outlineLvl", val="9"), _PPR_ORDER)
        _add_field(self.paragraph(), TOC_INSTRUCTION, TOC_PLACEHOLDER, dirty=True)

    @staticmethod
    def _outline_level(style) -> int | None:
        """The outline level a style gives its paragraphs (0-8), if any, through basedOn."""
        for _ in range(10):
            if style is None:
                return None
            ppr = style.element.pPr
            outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
            if outline is not None:
                value = int(outline.get(qn("w:val"), "9"))
                return value if value < 9 else None
            style = style.base_style
        return None

    # ---------------------------------------------------------------- blocks

    def block(self, block: dict, level: int) -> None:
        kind = block.get("type")
        if kind == "html":
            _HtmlWriter(self, heading_level=level + 1).write(block.get("html") or "")
        elif kind == "paragraphs":
            for item in block.get("items") or []:
                if item:
                    self.paragraph(item)
        elif kind == "heading":
            self.heading(_clean(block.get("text") or ""), level + 1)
        elif kind == "chart":
            self.chart(block)
        elif kind == "table":
            self.table(block)
        elif kind == "glossary":
            self.glossary(block.get("items") or [])
        elif kind == "note":
            self.note(block.get("text") or "")
        else:
            logger.warning("DOCX: block type %r is not supported; skipped", kind)

    def chart(self, block: dict) -> None:
        self.figures += 1
        caption = _clean(block.get("caption") or "")
        if is_figure(block):
            png = svg_to_png(sanitize_svg(block["svg"]))  # no external images or markup
            paragraph = self.paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.keep_with_next = True
            shape = paragraph.add_run().add_picture(
                io.BytesIO(png), width=min(CHART_WIDTH, self.usable_width())
            )
            doc_pr = shape._inline.docPr
            doc_pr.set("descr", _clean(block.get("alt") or caption))
            doc_pr.set("title", caption)
        self.caption("Figuur", self.figures, caption).paragraph_format.keep_with_next = bool(
            block.get("source")
        )
        self.source(block.get("source") or "")

    def table(self, block: dict) -> None:
        self.tables += 1
        caption = _clean(block.get("caption") or "")
        self.caption("Tabel", self.tables, caption).paragraph_format.keep_with_next = True
        if not is_table(block):
            self.source(block.get("source") or "")
            return
        columns = [_clean(c) for c in block["columns"]]
        rows = [
            [_clean(cell) for cell in list(row)[: len(columns)]] + [""] * (len(columns) - len(row))
            for row in block.get("rows") or []
        ]
        numeric = numeric_columns(columns, rows)
        table = self.doc.add_table(rows=1 + len(rows), cols=len(columns))
        table.style = self.style("Table Grid", WD_STYLE_TYPE.TABLE)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        tbl_pr = table._tbl.tblPr
        look = tbl_pr.find(qn("w:tblLook"))
        if look is None:
            look = _w("tblLook")
            tbl_pr.append(look)
        look.set(qn("w:firstRow"), "1")
        look.set(qn("w:val"), "04A0")
        if caption:
            tbl_pr.append(_w("tblCaption", val=caption[:255]))
        for index, values in enumerate([columns, *rows]):
            row = table.rows[index]
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(_w("cantSplit"))
            if index == 0:
                tr_pr.append(_w("tblHeader"))
            for cell, value, right in zip(row.cells, values, numeric, strict=True):
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(value)
                if right:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if index == 0:
                    run.bold = True
                    tc_pr = cell._tc.get_or_add_tcPr()
                    tc_pr.append(_w("shd", val="clear", color="auto", fill="F2F2F2"))
        self.source(block.get("source") or "")
        if not block.get("source"):
            self.paragraph()  # Word joins two adjacent tables; keep them apart

    def glossary(self, items: list[dict]) -> None:
        for item in items:
            term = self.paragraph()
            term.add_run(_clean(item.get("term") or "")).bold = True
            term.paragraph_format.keep_with_next = True
            term.paragraph_format.space_after = Pt(0)
            definition = self.paragraph(item.get("definition") or "")
            definition.paragraph_format.left_indent = Cm(0.75)

    def note(self, text: str) -> None:
        paragraph = self.paragraph()
        paragraph.add_run(_clean(text)).italic = True
        paragraph.paragraph_format.left_indent = Cm(0.4)
        border = _w("pBdr")
        border.append(_w("left", val="single", sz="18", space="8", color="6C757D"))
        _insert_ordered(paragraph._p.get_or_add_pPr(), border, _PPR_ORDER)

    # ---------------------------------------------------------------- links and runs

    def hyperlink(self, paragraph: Paragraph, url: str):
        r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = _w("hyperlink", history="1")
        link.set(qn("r:id"), r_id)
        paragraph._p.append(link)
        return link

    def link_run(self, paragraph: Paragraph, link, text: str) -> Run:
        r = OxmlElement("w:r")
        link.append(r)
        run = Run(r, paragraph)
        run.text = text
        style = self.style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        if style is not None:
            run.style = style
        else:
            run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
            run.font.underline = True
        return run

    # ---------------------------------------------------------------- header and footer

    def _headers_footers(self) -> None:
        """Ours on every page but the cover, unless the template has its own: a template whose
        page header (or footer, judged separately) shows anything keeps all of its headers."""
        even = self.doc.settings.odd_and_even_pages_header_footer
        for section in self.doc.sections:
            section.different_first_page_header_footer = True
            headers = [section.header] + ([section.even_page_header] if even else [])
            footers = [section.footer] + ([section.even_page_footer] if even else [])
            for parts, write in ((headers, self._write_header), (footers, self._write_footer)):
                if any(not p.is_linked_to_previous and _has_content(p._element) for p in parts):
                    continue  # the template's own header or footer
                for part in parts:
                    part.is_linked_to_previous = False
                    element = part._element
                    for child in list(element):
                        element.remove(child)
                    write(part)
            for first in (section.first_page_header, section.first_page_footer):
                first.is_linked_to_previous = False  # an empty cover header/footer at least

    def _hf_paragraph(self, part, style: str) -> Paragraph:
        paragraph = part.add_paragraph(style=self.style(style))
        tab_stops = paragraph.paragraph_format.tab_stops
        style_tabs = paragraph.style.paragraph_format.tab_stops if paragraph.style else []
        for stop in style_tabs:  # the style's centre tab would catch our right-aligned text
            tab_stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        tab_stops.add_tab_stop(self.usable_width(), WD_TAB_ALIGNMENT.RIGHT)
        return paragraph

    def _write_header(self, part) -> None:
        paragraph = self._hf_paragraph(part, "Header")
        paragraph.add_run(self.title)
        if self.gemeente:
            paragraph.add_run().add_tab()
            name = self.gemeente
            paragraph.add_run(name if name.lower().startswith("gemeente") else f"Gemeente {name}")

    def _write_footer(self, part) -> None:
        paragraph = self._hf_paragraph(part, "Footer")
        paragraph.add_run("Pagina ")
        _add_field(paragraph, "PAGE \\* Arabic", "1")
        paragraph.add_run(" van ")
        _add_field(paragraph, "NUMPAGES \\* Arabic", "1")
        if self.version:
            paragraph.add_run().add_tab()
            paragraph.add_run(self.version)

    # ---------------------------------------------------------------- template leftovers

    def _drop_unused_relationships(self) -> None:
        """Images, links, objects and comments of the template's removed body would still ship
        in the file (comments may hold internal remarks): drop what our body no longer uses."""
        part = self.doc.part
        xml = self.doc.element.xml
        used = set(re.findall(r'r:(?:id|embed|link|pict|dm|lo|qs|cs|href)="([^"]+)"', xml))
        explicit = {
            RT.IMAGE,
            RT.HYPERLINK,
            RT.OLE_OBJECT,
            RT.CHART,
            RT.DIAGRAM_DATA,
            RT.DIAGRAM_LAYOUT,
            RT.DIAGRAM_QUICK_STYLE,
            RT.DIAGRAM_COLORS,
            RT.PACKAGE,
            RT.CONTROL,
            RT.HEADER,
            RT.FOOTER,
        }
        for r_id, rel in list(part.rels.items()):
            comments = rel.reltype == RT.COMMENTS or rel.reltype.endswith(
                ("/commentsExtended", "/commentsIds", "/commentsExtensible", "/people")
            )
            if comments or (rel.reltype in explicit and r_id not in used):
                part.rels.pop(r_id)
                part.rels._target_parts_by_rId.pop(r_id, None)


# --------------------------------------------------------------------------- HTML


class _HtmlWriter(HTMLParser):
    """Sanitised rich text (p, div, br, strong/b, em/i, del, ul/ol/li, a, h1, blockquote, pre,
    code) as Word paragraphs. Unknown tags are ignored and their text kept. In Trix's markup a
    single <br> is a line break and two or more start a new paragraph."""

    _BLOCKS = frozenset({"p", "div", "h1", "blockquote", "pre", "li"})

    def __init__(self, renderer: _Renderer, *, heading_level: int) -> None:
        super().__init__(convert_charrefs=True)
        self.r = renderer
        self.heading_level = heading_level
        self.blocks: list[str] = []
        self.lists: list[tuple[str, int]] = []  # (bullet|number, numId)
        self.item_pending = False
        self.bold = self.italic = self.strike = self.code = 0
        self.links: list[str | None] = []
        self.par: Paragraph | None = None
        self.link_element = None
        self.link_paragraph: Paragraph | None = None
        self.last_run: Run | None = None
        self.line_start = True
        self.trailing_space = False
        self.breaks = 0
        self.pre_start = False

    def write(self, html: str) -> None:
        self.feed(sanitize(html))
        self.close()
        self._end_paragraph()

    # ------------------------------------------------------------ parser events

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._BLOCKS or tag in ("ul", "ol"):
            self._end_paragraph()
            self.blocks.append(tag)
            if tag in ("ul", "ol"):
                kind = "bullet" if tag == "ul" else "number"
                self.lists.append((kind, self.r.numbering.new_list(kind)))
            elif tag == "li":
                self.item_pending = True
            elif tag == "pre":
                self.pre_start = True
        elif tag == "br":
            if self.par is not None:
                self.breaks += 1
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag in ("del", "s", "strike"):
            self.strike += 1
        elif tag == "code":
            self.code += 1
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or None)
            self.link_element = None

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS or tag in ("ul", "ol"):
            self._end_paragraph()
            if tag in self.blocks:
                while self.blocks and self.blocks.pop() != tag:
                    pass
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            if tag == "li":
                self.item_pending = False
        elif tag in ("strong", "b"):
            self.bold = max(self.bold - 1, 0)
        elif tag in ("em", "i"):
            self.italic = max(self.italic - 1, 0)
        elif tag in ("del", "s", "strike"):
            self.strike = max(self.strike - 1, 0)
        elif tag == "code":
            self.code = max(self.code - 1, 0)
        elif tag == "a" and self.links:
            self.links.pop()
            self.link_element = None

    def handle_data(self, data: str) -> None:
        data = _clean(data)
        if "pre" in self.blocks:
            if self.pre_start:
                data = data.removeprefix("\r\n").removeprefix("\n")
            self.pre_start = False
            if data:
                self._apply_breaks()
                self._emit(data)
            return
        text = _HTML_SPACE.sub(" ", data)
        if not text.strip():
            if (
                text
                and self.par is not None
                and not (self.line_start or self.trailing_space or self.breaks)
            ):
                self._emit(" ")
            return
        self._apply_breaks()
        if self.par is None or self.line_start or self.trailing_space:
            text = text.lstrip(" ")
        self._emit(text)

    # ------------------------------------------------------------ output

    def _apply_breaks(self) -> None:
        if self.par is None or not self.breaks:
            self.breaks = 0
            return
        if self.breaks >= 2:
            self._end_paragraph()
        else:
            self._strip_trailing_space()
            self.last_run = self.par.add_run()
            self.last_run.add_break(WD_BREAK.LINE)
            self.line_start = True
        self.breaks = 0

    def _paragraph(self) -> Paragraph:
        if self.par is not None:
            return self.par
        r = self.r
        if self.item_pending and self.lists:
            kind, num_id = self.lists[-1]
            par = r.paragraph(style="List Bullet" if kind == "bullet" else "List Number")
            _set_numbering(par, num_id, min(len(self.lists) - 1, 8))
            self.item_pending = False
        elif "h1" in self.blocks:
            par = r.heading("", self.heading_level)
        elif self.lists:  # more text in a list item after its first paragraph or sublist
            kind = self.lists[-1][0]
            par = r.paragraph(style="List Bullet" if kind == "bullet" else "List Number")
            _set_numbering(par, 0, 0)
            par.paragraph_format.left_indent = Length(Pt(18) * len(self.lists) + Pt(17.85))
        elif "blockquote" in self.blocks:
            par = r.paragraph(style="Quote")
        else:
            par = r.paragraph()
        self.par = par
        self.line_start, self.trailing_space, self.last_run = True, False, None
        return par

    def _emit(self, text: str) -> None:
        paragraph = self._paragraph()
        href = self.links[-1] if self.links else None
        if href:
            if self.link_element is None or self.link_paragraph is not paragraph:
                self.link_element = self.r.hyperlink(paragraph, href)
                self.link_paragraph = paragraph
            run = self.r.link_run(paragraph, self.link_element, text)
        else:
            run = paragraph.add_run(text)
        if self.bold:
            run.bold = True
        if self.italic:
            run.italic = True
        if self.strike:
            run.font.strike = True
        if self.code or "pre" in self.blocks:
            run.font.name = "Courier New"
        self.last_run = run
        self.line_start = False
        self.trailing_space = text.endswith((" ", "\n"))

    def _strip_trailing_space(self) -> None:
        if self.last_run is not None and "pre" not in self.blocks:
            text = self.last_run.text
            if text.endswith(" "):
                self.last_run.text = text.rstrip(" ")

    def _end_paragraph(self) -> None:
        if self.par is not None:
            self._strip_trailing_space()
            if "pre" in self.blocks and self.last_run is not None:
                self.last_run.text = self.last_run.text.rstrip("\n")
        self.par = None
        self.link_element = None
        self.last_run = None
        self.breaks = 0
