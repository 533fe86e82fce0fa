"""The writer: a snapshot into a python-docx document, section by section, in Word's own styles."""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..blocks import Snapshot
from ..common import section_numbers, source_text
from . import furniture
from .blocks import write_block
from .numbering import Numbering
from .ooxml import add_field, clean, set_numbering, w
from .styles import SOURCE_STYLE, Styles, numbered_style
from .template import drop_thumbnail, drop_unused_relationships


class Writer:
    """Writes one snapshot into `document`; `templated` when that is a gemeente's template (its
    styles then win over ours)."""

    def __init__(self, document, snapshot: Snapshot, *, templated: bool) -> None:
        self.doc = document
        self.snapshot = snapshot
        self.templated = templated
        self.styles = Styles(document)
        self.numbering = Numbering(document)
        self.figures = 0
        self.tables = 0
        self.gemeente = clean(snapshot.gemeente.name)
        self.title = clean(snapshot.title)
        self.version = clean(snapshot.version_label)

    def render(self, logo: bytes | None) -> None:
        self.styles.prepare(
            templated=self.templated, house_colour=self.snapshot.gemeente.house_colour
        )
        furniture.prepare_settings(self.doc)
        furniture.core_properties(self)
        furniture.cover(self, logo)
        furniture.toc(self)
        self._body()
        furniture.headers_footers(self)
        if self.templated:
            drop_unused_relationships(self.doc)
        drop_thumbnail(self.doc)

    def _body(self) -> None:
        sections = self.snapshot.sections
        for index, (section, number) in enumerate(
            zip(sections, section_numbers(sections), strict=True)
        ):
            title = clean(section.title)
            text = f"{number} {title}".strip() if number else title
            self.heading(text, section.level, page_break=section.level == 1 or index == 0)
            for block in section.blocks:
                write_block(block, self, section.level)

    # ---------------------------------------------------------------- paragraphs

    def style(self, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
        return self.styles.get(name, kind)

    def paragraph(self, text: str = "", style: str = "Normal") -> Paragraph:
        paragraph = self.doc.add_paragraph(style=self.style(style))
        if text:
            paragraph.add_run(clean(text))
        return paragraph

    def heading(self, text: str, level: int, *, page_break: bool = False) -> Paragraph:
        style = self.style(f"Heading {min(max(level, 1), 9)}")
        paragraph = self.paragraph(text, style.name)
        if page_break:
            paragraph.paragraph_format.page_break_before = True
        if numbered_style(style):
            # The number is in the text; a template's own heading numbering would double it.
            set_numbering(paragraph, 0, 0)
        return paragraph

    def caption(self, label: str, number: int, text: str) -> Paragraph:
        paragraph = self.paragraph(style="Caption")
        paragraph.add_run(f"{label} ")
        add_field(paragraph, f"SEQ {label} \\* ARABIC", str(number))
        if text:
            paragraph.add_run(f": {clean(text)}")
        return paragraph

    def source(self, text: str) -> None:
        text = source_text(clean(text))
        if text:
            self.paragraph(text, SOURCE_STYLE)

    def usable_width(self) -> Length:
        section = self.doc.sections[-1]
        try:
            width = section.page_width - section.left_margin - section.right_margin
        except TypeError:  # page size or margins not set in the template
            return Cm(16)
        return Length(width) if width > 0 else Cm(16)

    # ---------------------------------------------------------------- links

    def hyperlink(self, paragraph: Paragraph, url: str):
        r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = w("hyperlink", history="1")
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
