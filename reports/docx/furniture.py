"""Everything around the content: settings and properties, the cover with the logo, the table of
contents, and the page header and footer."""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.text.paragraph import Paragraph

from projects.nl_format import join_nl

from ..common import DOCUMENT_LABELS, format_date_nl, svg_to_png
from .ooxml import (
    PPR_ORDER,
    add_field,
    clean,
    has_content,
    insert_ordered,
    w,
)
from .styles import outline_level

if TYPE_CHECKING:
    from .writer import Writer

logger = logging.getLogger(__name__)

TOC_EMPTY = "Dit document heeft geen hoofdstukken."
# Levels 1-2, as the PDF's contents; \h: entries are links, \z: no page numbers in web view,
# \u: paragraphs' outline levels count too.
TOC_LEVELS = 2
TOC_INSTRUCTION = f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u'
LOGO_BOX = (Cm(6), Cm(3))


def prepare_settings(document) -> None:
    """Dutch theme fonts; and no `w:updateFields`: every field (TOC, SEQ) carries its result, so
    Word has nothing to ask when the file is opened (a template's own request is dropped)."""
    settings = document.settings.element
    for update in settings.findall(qn("w:updateFields")):
        settings.remove(update)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "nl-NL")


def core_properties(writer: Writer) -> None:
    props = writer.doc.core_properties
    document = writer.snapshot.document
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    author = _gemeente_label(writer.gemeente) if writer.gemeente else ""
    props.title = document_title(writer.title, writer.gemeente)
    props.subject = DOCUMENT_LABELS.get(document, document)
    props.author = author
    props.last_modified_by = author
    props.language = "nl-NL"
    props.content_status = writer.version
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = now
    props.modified = now


def document_title(title: str, gemeente: str) -> str:
    """The title as a file list or screen reader shows it, with the gemeente it is about:
    "Kadernota integrale veiligheid 2027-2030, gemeente Amsterdam"."""
    if not gemeente or gemeente.lower() in title.lower():
        return title
    return f"{title}, gemeente {gemeente}" if title else _gemeente_label(gemeente)


def _gemeente_label(name: str) -> str:
    return name if name.lower().startswith("gemeente") else f"Gemeente {name}"


# --------------------------------------------------------------------------- cover and TOC


def cover(writer: Writer, logo: bytes | None, cover_logos=()) -> None:
    has_logo = bool(logo) and _logo(writer, logo)
    for name, other in cover_logos:  # a joint plan's other gemeenten
        has_logo = _logo(writer, other, name=clean(name), width_share=0.6) or has_logo
    title = writer.paragraph(writer.title, "Title")
    title.paragraph_format.space_before = Pt(48 if has_logo else 120)
    subtitle = clean(writer.snapshot.subtitle)
    if subtitle:
        writer.paragraph(subtitle, "Subtitle")
    lines = []
    plan = [clean(g.name) for g in writer.snapshot.gemeenten]
    if plan:
        lines.append(f"Gezamenlijk plan van de gemeenten {join_nl(plan)}")
        lines.append(f"Penvoerder: gemeente {writer.gemeente}")
    elif writer.gemeente:
        label = _gemeente_label(writer.gemeente)
        if label not in (subtitle, writer.title):
            lines.append(label)
    if writer.version:
        lines.append(f"Versie: {writer.version}")
    if writer.snapshot.date:
        lines.append(f"Datum: {format_date_nl(clean(writer.snapshot.date))}")
    for line in lines:
        writer.paragraph(line).paragraph_format.space_after = Pt(2)


def _logo(writer: Writer, logo: bytes, *, name: str = "", width_share: float = 1.0) -> bool:
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
        blob = _convert_image(blob)
        if blob is None:
            return False
        image = DocxImage.from_blob(blob)
    box_width, box_height = LOGO_BOX
    width = min(box_width, int(box_height * image.px_width / max(image.px_height, 1)))
    width = int(width * width_share)
    paragraph = writer.paragraph()
    shape = paragraph.add_run().add_picture(io.BytesIO(blob), width=Length(width))
    shape._inline.docPr.set("descr", f"Logo gemeente {name or writer.gemeente}".strip())
    return True


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


def toc(writer: Writer) -> Paragraph:
    """The contents' heading and the paragraph its entries go before (fill_toc)."""
    heading = writer.paragraph("Inhoud", "TOC Heading")
    heading.paragraph_format.page_break_before = True
    if outline_level(writer.style("TOC Heading")) is not None:
        insert_ordered(heading._p.get_or_add_pPr(), w("outlineLvl", val="9"), PPR_ORDER)
    return writer.paragraph()


def fill_toc(writer: Writer, end: Paragraph) -> None:
    """The table of contents as Word itself writes it: a TOC field whose cached result already
    holds an entry per heading of level 1-2 (what Word lists when it updates the field), each a
    link to a bookmark on its heading. Nothing needs updating on opening, and an official can
    still update it in Word (F9).

    Without page numbers: Word lays out pages itself (other fonts and line breaks than the PDF),
    so neither the PDF's page numbers nor an estimate would be right, and a wrong number is
    worse than none. The entries are links, and Word's first update of the field adds the
    numbers.
    """
    entries = [entry for entry in writer.headings if entry[1] <= TOC_LEVELS]
    bookmark_id = _next_bookmark_id(writer.doc.element.body)
    paragraphs = []
    for index, (heading, level, number) in enumerate(entries, start=1):
        name = f"_Toc{index:08d}"
        _bookmark(heading, name, bookmark_id)
        bookmark_id += 1
        entry = end.insert_paragraph_before()
        entry._p.style = writer.style_id(f"TOC {level}")
        link = w("hyperlink", anchor=name, history="1")
        entry._p.append(link)
        link.append(_run(f"{number} {heading.text}" if number else heading.text))
        paragraphs.append(entry)
    if not paragraphs:
        paragraphs.append(end.insert_paragraph_before(TOC_EMPTY, style=writer.style("TOC 1")))
    first = paragraphs[0]._p
    anchor = first.pPr
    field = [_run(), _run(), _run()]
    field[0].append(w("fldChar", fldCharType="begin"))
    instr = w("instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {TOC_INSTRUCTION} "
    field[1].append(instr)
    field[2].append(w("fldChar", fldCharType="separate"))
    for run in reversed(field):
        if anchor is not None:
            anchor.addnext(run)
        else:
            first.insert(0, run)
    closing = _run()
    closing.append(w("fldChar", fldCharType="end"))
    end._p.append(closing)


def _run(text: str = ""):
    run = w("r")
    if text:
        t = w("t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
    return run


def _next_bookmark_id(body) -> int:
    ids = [int(v) for v in body.xpath(".//w:bookmarkStart/@w:id") if v.lstrip("-").isdigit()]
    return max(ids, default=0) + 1


def _bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """A bookmark around the heading's text, as Word's own TOC bookmarks (_Toc...)."""
    p = paragraph._p
    start = w("bookmarkStart", id=str(bookmark_id), name=name)
    if p.pPr is not None:
        p.pPr.addnext(start)
    else:
        p.insert(0, start)
    p.append(w("bookmarkEnd", id=str(bookmark_id)))


# --------------------------------------------------------------------------- header and footer


def headers_footers(writer: Writer) -> None:
    """Ours on every page but the cover, unless the template has its own: a template whose page
    header (or footer, judged separately) shows anything keeps all of its headers."""
    even = writer.doc.settings.odd_and_even_pages_header_footer
    for section in writer.doc.sections:
        section.different_first_page_header_footer = True
        headers = [section.header] + ([section.even_page_header] if even else [])
        footers = [section.footer] + ([section.even_page_footer] if even else [])
        for parts, write in ((headers, _write_header), (footers, _write_footer)):
            if any(not p.is_linked_to_previous and has_content(p._element) for p in parts):
                continue  # the template's own header or footer
            for part in parts:
                part.is_linked_to_previous = False
                element = part._element
                for child in list(element):
                    element.remove(child)
                write(writer, part)
        for first in (section.first_page_header, section.first_page_footer):
            first.is_linked_to_previous = False  # an empty cover header/footer at least


def _hf_paragraph(writer: Writer, part, style: str) -> Paragraph:
    paragraph = part.add_paragraph(style=writer.style(style))
    tab_stops = paragraph.paragraph_format.tab_stops
    style_tabs = paragraph.style.paragraph_format.tab_stops if paragraph.style else []
    for stop in style_tabs:  # the style's centre tab would catch our right-aligned text
        tab_stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
    tab_stops.add_tab_stop(writer.usable_width(), WD_TAB_ALIGNMENT.RIGHT)
    return paragraph


def _write_header(writer: Writer, part) -> None:
    paragraph = _hf_paragraph(writer, part, "Header")
    paragraph.add_run(writer.title)
    if writer.gemeente:
        paragraph.add_run().add_tab()
        paragraph.add_run(_gemeente_label(writer.gemeente))


def _write_footer(writer: Writer, part) -> None:
    """The version on the left, the page number on the right, as in the PDF (print.css)."""
    paragraph = _hf_paragraph(writer, part, "Footer")
    if writer.version:
        paragraph.add_run(writer.version)
    paragraph.add_run().add_tab()
    paragraph.add_run("Pagina ")
    add_field(paragraph, "PAGE \\* Arabic", "1")
    paragraph.add_run(" van ")
    add_field(paragraph, "NUMPAGES \\* Arabic", "1")
