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
        # (paragraph, level, number) of every heading, for the table of contents
        self.headings: list[tuple[Paragraph, int, str]] = []
        self._heading_num_id: int | None = None
        self._style_ids: dict[str, str | None] = {}
        self.gemeente = clean(snapshot.gemeente.name)
        self.title = clean(snapshot.title)
        self.version = clean(snapshot.version_label)

    def render(self, logo: bytes | None, cover_logos: list[tuple[str, bytes]] = ()) -> None:
        self.styles.prepare(
            templated=self.templated, house_colour=self.snapshot.gemeente.house_colour
        )
        furniture.prepare_settings(self.doc)
        furniture.core_properties(self)
        furniture.cover(self, logo, cover_logos)
        contents = furniture.toc(self)
        self._body()
        furniture.fill_toc(self, contents)
        furniture.headers_footers(self)
        if self.templated:
            drop_unused_relationships(self.doc)
        drop_thumbnail(self.doc)

    def _body(self) -> None:
        sections = self.snapshot.sections
        for index, (section, number) in enumerate(
            zip(sections, section_numbers(sections), strict=True)
        ):
            self.heading(
                clean(section.title),
                section.level,
                page_break=section.level == 1 or index == 0,
                number=number,
            )
            for block in section.blocks:
                write_block(block, self, section.level)

    # ---------------------------------------------------------------- paragraphs

    def style(self, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
        return self.styles.get(name, kind)

    def style_id(self, name: str) -> str | None:
        """The paragraph style's id, None for the default style (python-docx's own lookup
        scans every style for each paragraph: a third of the render time of a long report)."""
        if name not in self._style_ids:
            style = self.style(name)
            default = self.doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
            self._style_ids[name] = None if style == default else style.style_id
        return self._style_ids[name]

    def paragraph(self, text: str = "", style: str = "Normal") -> Paragraph:
        paragraph = self.doc.add_paragraph()
        paragraph._p.style = self.style_id(style)
        if text:
            paragraph.add_run(clean(text))
        return paragraph

    def heading(
        self, text: str, level: int, *, page_break: bool = False, number: str = ""
    ) -> Paragraph:
        """A heading in Word's Heading `level` style. A section's `number` ("1.2", from
        common.section_numbers) is Word list numbering, not text: the heading list counts the
        same way, so Word shows the PDF's number and renumbers when an official inserts a
        chapter. An unnumbered heading is kept out of any numbering a template's style has."""
        level = min(max(level, 1), 9)
        style = self.style(f"Heading {level}")
        paragraph = self.paragraph(text, style.name)
        if page_break:
            paragraph.paragraph_format.page_break_before = True
        if number:
            set_numbering(paragraph, self._heading_numbering(), number.count("."))
        elif numbered_style(style):
            set_numbering(paragraph, 0, 0)
        self.headings.append((paragraph, level, number))
        return paragraph

    def _heading_numbering(self) -> int:
        if self._heading_num_id is None:
            style_ids = [self.style(f"Heading {n}").style_id for n in (1, 2, 3)]
            self._heading_num_id = self.numbering.headings(style_ids)
        return self._heading_num_id

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
