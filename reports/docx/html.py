"""Sanitised rich text (the editor's HTML) as Word paragraphs, lists, headings and links."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from docx.enum.text import WD_BREAK
from docx.shared import Length, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from analysis.richtext import sanitize

from .ooxml import clean, set_numbering

if TYPE_CHECKING:
    from .writer import Writer

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


class HtmlWriter(HTMLParser):
    """Sanitised rich text (p, div, br, strong/b, em/i, del, ul/ol/li, a, h1, blockquote, pre,
    code) as Word paragraphs. Unknown tags are ignored and their text kept. In Trix's markup a
    single <br> is a line break and two or more start a new paragraph."""

    _BLOCKS = frozenset({"p", "div", "h1", "blockquote", "pre", "li"})

    def __init__(self, writer: Writer, *, heading_level: int) -> None:
        super().__init__(convert_charrefs=True)
        self.writer = writer
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
                self.lists.append((kind, self.writer.numbering.new_list(kind)))
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
        data = clean(data)
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
        r = self.writer
        if self.item_pending and self.lists:
            kind, num_id = self.lists[-1]
            par = r.paragraph(style="List Bullet" if kind == "bullet" else "List Number")
            set_numbering(par, num_id, min(len(self.lists) - 1, 8))
            self.item_pending = False
        elif "h1" in self.blocks:
            par = r.heading("", self.heading_level)
        elif self.lists:  # more text in a list item after its first paragraph or sublist
            kind = self.lists[-1][0]
            par = r.paragraph(style="List Bullet" if kind == "bullet" else "List Number")
            set_numbering(par, 0, 0)
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
                self.link_element = self.writer.hyperlink(paragraph, href)
                self.link_paragraph = paragraph
            run = self.writer.link_run(paragraph, self.link_element, text)
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
