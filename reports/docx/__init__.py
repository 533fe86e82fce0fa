"""A document snapshot as a Word file (DOCX), on python-docx's blank document or a gemeente's own
template.

The output uses real Word styles throughout (Title, Subtitle, Heading 1-3, List Bullet/Number,
Caption, TOC 1-2, Quote, Normal), so a gemeente can restyle it or navigate it. Headings are
numbered by a Word list linked to the heading styles. Fields (TOC, SEQ, PAGE, NUMPAGES) are real
fields whose cached result is already right, so Word needs no update (and asks no question) on
opening; the table of contents lists the headings as links.

With a template the template's styles, page setup and non-empty headers/footers are kept and its
body is replaced by ours. Styles the template lacks are added, based on Normal.

The parts: ``writer`` (sections, paragraphs, captions, links), ``blocks`` (one function per block
type), ``html`` (rich text), ``styles``, ``numbering`` (lists), ``furniture`` (cover, contents,
header and footer), ``template`` (the document we write into) and ``ooxml`` (XML helpers).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from ..blocks import Snapshot
from ..common import svg_to_png
from ..docx_template import TEMPLATE_ERROR, TemplateRefused
from .furniture import TOC_INSTRUCTION
from .template import open_document
from .writer import Writer

__all__ = ["TEMPLATE_ERROR", "TOC_INSTRUCTION", "TemplateRefused", "render_docx", "svg_to_png"]


def render_docx(
    snapshot: Snapshot | Mapping[str, Any],
    *,
    template: bytes | None = None,
    logo: bytes | None = None,
    cover_logos: list[tuple[str, bytes]] | None = None,
) -> bytes:
    """The snapshot (or its stored JSON) as a .docx file; `template` is a gemeente's own .docx
    (styles, page setup, header/footer), `logo` an image (PNG, JPEG, GIF, BMP, TIFF or SVG) for
    the cover; `cover_logos` a joint plan's other gemeenten (name, image) beside it.

    Raises TemplateRefused (a ValueError) with a Dutch message when `template` is not a usable
    Word document: broken, too large when unpacked (see docx_template), or not Word at all.
    """
    document = open_document(template)
    Writer(document, Snapshot.of(snapshot), templated=template is not None).render(
        logo, cover_logos or []
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
