"""The document we write into: python-docx's blank one, or a gemeente's own template (checked and
cleaned by ``reports.docx_template``) with its body removed, and what the template leaves behind
that our document does not use."""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from ..docx_template import TEMPLATE_ERROR, TemplateRefused, clean_template

_DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
# Relationships of the template's body: dropped when our body does not use them.
_BODY_RELATIONSHIPS = frozenset(
    {
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
)


def _a4(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)


def open_document(template: bytes | None):
    """A blank A4 document, or the template with an empty body (TemplateRefused if unusable)."""
    if template is None:
        document = docx.Document()
        _a4(document)
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
        _a4(document)
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


def _drop(rels, r_id: str) -> None:
    rels.pop(r_id)
    rels._target_parts_by_rId.pop(r_id, None)


def drop_unused_relationships(document) -> None:
    """Images, links, objects and comments of the template's removed body would still ship in
    the file (comments may hold internal remarks): drop what our body no longer uses."""
    part = document.part
    used = set(
        re.findall(r'r:(?:id|embed|link|pict|dm|lo|qs|cs|href)="([^"]+)"', document.element.xml)
    )
    for r_id, rel in list(part.rels.items()):
        comments = rel.reltype == RT.COMMENTS or rel.reltype.endswith(
            ("/commentsExtended", "/commentsIds", "/commentsExtensible", "/people")
        )
        if comments or (rel.reltype in _BODY_RELATIONSHIPS and r_id not in used):
            _drop(part.rels, r_id)


def drop_thumbnail(document) -> None:
    """A template's thumbnail is a picture of the template, not of this document."""
    package_rels = document.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            _drop(package_rels, r_id)
