"""A gemeente's Word template is an untrusted zip: checked and cleaned before python-docx opens it.

One function, `clean_template`, serves both the upload (which stores its result) and every DOCX
render (defence in depth, and for templates stored before this check existed):

- Size limits counted on the bytes actually inflated. Each member is streamed with a read cap a
  little above the limit, so a member whose header claims a few bytes but inflates to gigabytes
  is stopped at the cap; a member whose inflated size differs from its header is refused. Only
  stored and deflated members are read (the compressions an OOXML file may use): zipfile's
  bzip2 and lzma readers inflate a whole block at a time, beyond any cap.
- External relationships (`TargetMode="External"`) are removed from every part, for example an
  `attachedTemplate` in `word/_rels/settings.xml.rels` that points at an http or UNC address and
  makes Word fetch it (leaking the reader's address or Windows credentials). Only hyperlinks of
  the document body stay. Elements that referred to a removed relationship lose the reference
  (a hyperlink keeps its text) or, when the reference is all they are, go as a whole, so Word
  finds no dangling ids.

The result is a freshly written zip whose headers tell the truth.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
import zlib

from lxml import etree

TEMPLATE_ERROR = "Het sjabloon is geen geldig Word-bestand (.docx)."
MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 25 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
TOO_MANY_MEMBERS = (
    f"Het Word-sjabloon bestaat uit meer dan {MAX_MEMBERS} onderdelen. "
    "Kies een eenvoudiger sjabloon."
)
MEMBER_TOO_LARGE = (
    f"Een onderdeel van het Word-sjabloon is uitgepakt groter dan "
    f"{MAX_MEMBER_BYTES // 1024 // 1024} MB. Kies een sjabloon met kleinere afbeeldingen."
)
TOTAL_TOO_LARGE = (
    f"Het Word-sjabloon is uitgepakt groter dan {MAX_TOTAL_BYTES // 1024 // 1024} MB. "
    "Kies een kleiner sjabloon."
)

_CHUNK = 64 * 1024
_READABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_RELS_PART = re.compile(r"(?:^|/)_rels/[^/]*\.rels$")
_PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = _DOC_RELS_NS + "/officeDocument"
_HYPERLINK_SUFFIX = "/hyperlink"
# Elements that stay when their relationship goes: only the reference attribute is removed
# (a hyperlink keeps its text, a picture its placeholder). Any other element that referred to
# an external target (attachedTemplate, subDoc, altChunk, a mail merge dataSource, a linked
# OLEObject, ...) is nothing but that reference and is removed as a whole.
_KEEP_ELEMENT = frozenset(
    {"hyperlink", "blip", "imagedata", "hlinkClick", "hlinkHover", "fill", "stroke"}
)
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)


class TemplateRefused(ValueError):
    """The template cannot be used; the message is Dutch and meant for the user."""


def clean_template(data: bytes) -> bytes:
    """The template as a new zip within the limits and without external relationships.

    Raises TemplateRefused with a Dutch message when it is not a usable zip or is too large.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = _members(archive)
            _check_sizes(archive, members)  # from here on every header tells the truth
            rels = {
                info.filename: _read(archive, info)
                for info in members
                if _RELS_PART.search(info.filename)
            }
            body = _main_document(rels.get("_rels/.rels"))
            new_rels, dropped = _strip_external(rels, body)
            output = io.BytesIO()
            with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as cleaned:
                for info in members:
                    name = info.filename
                    target = zipfile.ZipInfo(name, date_time=info.date_time)
                    target.compress_type = zipfile.ZIP_DEFLATED
                    if name in new_rels:
                        cleaned.writestr(target, new_rels[name])
                    elif name in dropped:
                        cleaned.writestr(
                            target, _drop_references(_read(archive, info), dropped[name])
                        )
                    else:
                        with archive.open(_capped(info)) as src, cleaned.open(target, "w") as dst:
                            while chunk := src.read(_CHUNK):
                                dst.write(chunk)
            return output.getvalue()
    except TemplateRefused:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        KeyError,
        RuntimeError,  # encrypted member
        NotImplementedError,  # unknown compression
        ValueError,
        etree.XMLSyntaxError,
    ) as exc:
        raise TemplateRefused(TEMPLATE_ERROR) from exc


# --------------------------------------------------------------------------- size limits


def _members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise TemplateRefused(TOO_MANY_MEMBERS)
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise TemplateRefused(TEMPLATE_ERROR)  # two parts by one name: which would Word read?
    for info in infos:
        if info.compress_type not in _READABLE or info.flag_bits & 0x1:  # 0x1: encrypted
            raise TemplateRefused(TEMPLATE_ERROR)
    # The header's claims can only refuse early, never admit: the bytes are counted below.
    if any(info.file_size > MAX_MEMBER_BYTES for info in infos):
        raise TemplateRefused(MEMBER_TOO_LARGE)
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise TemplateRefused(TOTAL_TOO_LARGE)
    return [info for info in infos if not info.is_dir()]


def _capped(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """`info` with a declared size a little above the member limit. zipfile never inflates
    past the declared size, so reading through this copy yields what the data really holds,
    whatever the header says, and stops soon after the limit. The margin covers zipfile's
    read-ahead (4 KB), so a read that stops one byte past the limit does not reach the declared
    end, where zipfile would check the CRC of a partial member and call the zip broken."""
    capped = copy.copy(info)
    capped.file_size = MAX_MEMBER_BYTES + 1 + _CHUNK
    return capped


def _check_sizes(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in members:
        inflated = 0
        with archive.open(_capped(info)) as stream:
            while chunk := stream.read(min(_CHUNK, MAX_MEMBER_BYTES + 1 - inflated)):
                inflated += len(chunk)
                total += len(chunk)
                if inflated > MAX_MEMBER_BYTES:
                    raise TemplateRefused(MEMBER_TOO_LARGE)
                if total > MAX_TOTAL_BYTES:
                    raise TemplateRefused(TOTAL_TOO_LARGE)
        if inflated != info.file_size:  # the header lies about this member
            raise TemplateRefused(TEMPLATE_ERROR)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A whole member, never more than the member limit."""
    with archive.open(_capped(info)) as stream:
        data = stream.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise TemplateRefused(MEMBER_TOO_LARGE)
    return data


# --------------------------------------------------------------------------- relationships


def _source_part(rels_name: str) -> str:
    """'word/_rels/settings.xml.rels' -> 'word/settings.xml'; '_rels/.rels' -> '' (the package)."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    return posixpath.join(folder, posixpath.basename(rels_name)[: -len(".rels")]).lstrip("/")


def _main_document(package_rels: bytes | None) -> str:
    """The part name of the document body, as the package relationships name it."""
    if package_rels:
        root = etree.fromstring(package_rels, _XML_PARSER)
        for rel in root.iter(f"{{{_PKG_RELS_NS}}}Relationship"):
            if rel.get("Type") == _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
                return posixpath.normpath(rel.get("Target", "")).lstrip("/")
    return "word/document.xml"


def _strip_external(
    rels: dict[str, bytes], body: str
) -> tuple[dict[str, bytes], dict[str, set[str]]]:
    """The .rels parts that changed (name -> new XML) and, per source part, the relationship
    ids removed from it."""
    changed: dict[str, bytes] = {}
    dropped: dict[str, set[str]] = {}
    for name, xml in rels.items():
        root = etree.fromstring(xml, _XML_PARSER)
        source = _source_part(name)
        removed = set()
        for rel in list(root.iter(f"{{{_PKG_RELS_NS}}}Relationship")):
            if (rel.get("TargetMode") or "").lower() != "external":
                continue
            if source == body and (rel.get("Type") or "").endswith(_HYPERLINK_SUFFIX):
                continue
            removed.add(rel.get("Id"))
            rel.getparent().remove(rel)
        if removed:
            changed[name] = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
            if source:
                dropped[source] = removed
    return changed, dropped


def _drop_references(xml: bytes, ids: set[str]) -> bytes:
    """The part without references to the removed relationship ids."""
    try:
        root = etree.fromstring(xml, _XML_PARSER)
    except etree.XMLSyntaxError:
        return xml  # not XML (a binary part): nothing in it can name a relationship id
    prefix = f"{{{_DOC_RELS_NS}}}"
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        attributes = [
            key for key, value in element.attrib.items() if key.startswith(prefix) and value in ids
        ]
        if not attributes:
            continue
        parent = element.getparent()
        if etree.QName(element).localname in _KEEP_ELEMENT or parent is None:
            for key in attributes:
                del element.attrib[key]
        else:
            parent.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
