"""An uploaded decision document (raadsbesluit, collegebesluit) must be the PDF, DOCX or ODT it
claims to be: the content is checked, not the name.

The size is checked before anything is read. A PDF must start with its magic bytes. A DOCX or
ODT is a zip: its directory is read (member count and declared sizes within limits, no
encrypted members) and only the one small part that says what it is ([Content_Types].xml and
word/document.xml for DOCX, the `mimetype` member for ODT), read with a cap. Nothing else is
inflated: the file is stored as uploaded and only downloaded again, never parsed further.
"""

import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
EXTENSIONS = ("pdf", "docx", "odt")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_READABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

WRONG_TYPE = "Upload het besluit als PDF, DOCX of ODT."
TOO_LARGE = f"Het besluitdocument is groter dan {MAX_BYTES // 1024 // 1024} MB."
NOT_WHAT_IT_SAYS = {
    "pdf": "Dit bestand heet .pdf maar is geen PDF. Upload het besluit zelf als PDF.",
    "docx": "Dit bestand heet .docx maar is geen geldig Word-document (DOCX).",
    "odt": "Dit bestand heet .odt maar is geen geldig OpenDocument-tekstbestand (ODT).",
}
ZIP_TOO_LARGE = (
    "Het besluitdocument bestaat uit te veel of te grote onderdelen. "
    "Sla het op als PDF en upload dat."
)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"document": message})


def check_decision_document(upload: UploadedFile | None) -> None:
    """Refuse a document that is not the PDF, DOCX or ODT its name says, or is too large.
    Raises ValidationError({"document": <Dutch message>}); leaves the file at its start."""
    if upload is None:
        return
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise _refuse(WRONG_TYPE)
    if upload.size is None or upload.size > MAX_BYTES:
        raise _refuse(TOO_LARGE)
    try:
        upload.seek(0)
        if extension == "pdf":
            ok = upload.read(5) == b"%PDF-"
        else:
            ok = _zip_is(upload, extension)
    finally:
        upload.seek(0)
    if not ok:
        raise _refuse(NOT_WHAT_IT_SAYS[extension])


def _zip_is(upload: UploadedFile, extension: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _refuse(ZIP_TOO_LARGE)
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                raise _refuse(ZIP_TOO_LARGE)
            by_name = {info.filename: info for info in infos}
            if extension == "docx":
                return "[Content_Types].xml" in by_name and "word/document.xml" in by_name
            info = by_name.get("mimetype")
            if info is None or info.compress_type not in _READABLE or info.flag_bits & 0x1:
                return False
            with archive.open(info) as stream:
                return stream.read(len(ODT_MIMETYPE) + 1) == ODT_MIMETYPE
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError):
        return False
