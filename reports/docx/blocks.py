"""Content blocks as Word paragraphs, pictures and tables. A block type gets its own function
here (``@write_block.register``); one this code does not know is left out with a warning."""

from __future__ import annotations

import io
import logging
from functools import singledispatch
from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt

from analysis.richtext import sanitize_svg

from ..blocks import (
    Block,
    ChartBlock,
    GlossaryBlock,
    HeadingBlock,
    HtmlBlock,
    NoteBlock,
    ParagraphsBlock,
    TableBlock,
)
from ..common import numeric_columns, svg_to_png
from .html import HtmlWriter
from .ooxml import PPR_ORDER, clean, insert_ordered, w

if TYPE_CHECKING:
    from .writer import Writer

logger = logging.getLogger(__name__)

CHART_WIDTH = Cm(15)


@singledispatch
def write_block(block: Block, writer: Writer, level: int) -> None:
    """Write `block` of a section at `level` (its headings go one level deeper)."""
    logger.warning("DOCX: block type %r is not supported; skipped", block.type)


@write_block.register(HtmlBlock)
def _html(block: HtmlBlock, writer: Writer, level: int) -> None:
    HtmlWriter(writer, heading_level=level + 1).write(block.html)  # sanitised again there


@write_block.register(ParagraphsBlock)
def _paragraphs(block: ParagraphsBlock, writer: Writer, level: int) -> None:
    for item in block.items:
        if item:
            writer.paragraph(item)


@write_block.register(HeadingBlock)
def _heading(block: HeadingBlock, writer: Writer, level: int) -> None:
    writer.heading(clean(block.text), level + 1)


@write_block.register(ChartBlock)
def _chart(block: ChartBlock, writer: Writer, level: int) -> None:
    writer.figures += 1
    caption = clean(block.caption)
    if block.drawn:
        png = svg_to_png(sanitize_svg(block.svg))  # no external images or markup
        paragraph = writer.paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(
            io.BytesIO(png), width=min(CHART_WIDTH, writer.usable_width())
        )
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", clean(block.alt or caption))
        doc_pr.set("title", caption)
    writer.caption("Figuur", writer.figures, caption).paragraph_format.keep_with_next = bool(
        block.source
    )
    writer.source(block.source)


@write_block.register(TableBlock)
def _table(block: TableBlock, writer: Writer, level: int) -> None:
    writer.tables += 1
    caption = clean(block.caption)
    writer.caption("Tabel", writer.tables, caption).paragraph_format.keep_with_next = True
    if not block.has_columns:
        writer.source(block.source)
        return
    columns = [clean(c) for c in block.columns]
    rows = [
        [clean(cell) for cell in list(row)[: len(columns)]] + [""] * (len(columns) - len(row))
        for row in block.rows
    ]
    table = writer.doc.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = writer.style("Table Grid", WD_STYLE_TYPE.TABLE)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        look = w("tblLook")
        tbl_pr.append(look)
    look.set(qn("w:firstRow"), "1")
    look.set(qn("w:val"), "04A0")
    if caption:
        tbl_pr.append(w("tblCaption", val=caption[:255]))
    numeric = numeric_columns(columns, rows)
    _fill(table, [columns, *rows], numeric)
    _widths(table, column_widths(columns, rows, numeric, writer.usable_width()))
    writer.source(block.source)
    if not block.source:
        writer.paragraph()  # Word joins two adjacent tables; keep them apart


def _fill(table, values: list[list[str]], numeric: list[bool]) -> None:
    """The header row (repeated on every page; bold and shaded by the table style's first-row
    formatting, so a template's table style shows) and the rows; numbers right."""
    for index, row_values in enumerate(values):
        row = table.rows[index]
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(w("cantSplit"))
        if index == 0:
            tr_pr.append(w("tblHeader"))
        for cell, value, right in zip(row.cells, row_values, numeric, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.add_run(value)
            if right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


# Column widths as a browser lays out an automatic table: every column gets at least its minimum
# (the longest word of its header and of a text cell, so no word breaks; a figure such as
# "40,0 % (35–45)" unbroken), and the rest of the text width goes to the columns in proportion to
# how much more their longest text needs. Sizes are estimated from characters: 0.65 of the table
# text's size (9 pt) per character and 1.3 times that for the bold header, which holds for wide
# fonts too (DejaVu Serif, where Calibri is missing: at 0.6 "Nummer" and "aangenomen" broke in
# LibreOffice), plus the cell's left and right margin (108 twips each).
CHAR_WIDTH = Pt(9) * 65 // 100
CELL_PADDING = 2 * 108 * 635  # EMU
MIN_CHARS, MAX_WORD_CHARS, MAX_NUMERIC_CHARS = 3, 14, 18
BOLD = 1.3  # the header row is bold: its characters are wider


def column_widths(
    columns: list[str], rows: list[list[str]], numeric: list[bool], total: int
) -> list[int]:
    """Column widths (EMU) that add up to `total` (the text width)."""
    minimum, natural = [], []
    for index, header in enumerate(columns):
        texts = [row[index] for row in rows]
        header_word = max((len(word) for word in header.split()), default=0) * BOLD
        longest_word = max((len(word) for text in texts for word in text.split()), default=0)
        longest = max([len(text) for text in texts] + [len(header) * BOLD])
        least = max(min(longest_word, MAX_WORD_CHARS), header_word)
        if numeric[index]:
            cells = [len(row[index]) for row in rows]
            least = max(least, min(max(cells, default=0), MAX_NUMERIC_CHARS))
        least = max(least, MIN_CHARS)
        minimum.append(int(CELL_PADDING + CHAR_WIDTH * least))
        natural.append(int(CELL_PADDING + CHAR_WIDTH * max(longest, least)))
    total = int(total)
    if sum(natural) <= total:  # everything fits on one line: share the room alike
        widths = [total * n // sum(natural) for n in natural]
    elif sum(minimum) >= total:  # not even the minimums fit: shrink them alike
        widths = [total * m // sum(minimum) for m in minimum]
    else:
        room, wish = total - sum(minimum), sum(natural) - sum(minimum)
        widths = [m + room * (n - m) // wish for m, n in zip(minimum, natural, strict=True)]
    widths[-1] += total - sum(widths)  # rounding: the last column takes the rest
    return widths


def _widths(table, widths: list[int]) -> None:
    """Fixed widths Word and LibreOffice both keep: the table's, each grid column's and each
    cell's (Word reads the cells, LibreOffice the grid)."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = w("tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(widths) // 635))  # EMU -> twentieths of a point
    tbl_w.set(qn("w:type"), "dxa")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Length(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Length(width)


@write_block.register(GlossaryBlock)
def _glossary(block: GlossaryBlock, writer: Writer, level: int) -> None:
    for item in block.items:
        term = writer.paragraph()
        term.add_run(clean(item.term)).bold = True
        term.paragraph_format.keep_with_next = True
        term.paragraph_format.space_after = Pt(0)
        definition = writer.paragraph(item.definition)
        definition.paragraph_format.left_indent = Cm(0.75)


@write_block.register(NoteBlock)
def _note(block: NoteBlock, writer: Writer, level: int) -> None:
    paragraph = writer.paragraph()
    paragraph.add_run(clean(block.text)).italic = True
    paragraph.paragraph_format.left_indent = Cm(0.4)
    border = w("pBdr")
    border.append(w("left", val="single", sz="18", space="8", color="6C757D"))
    insert_ordered(paragraph._p.get_or_add_pPr(), border, PPR_ORDER)
