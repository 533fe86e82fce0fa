"""LibreOffice as a second reader of our DOCX: it converts the file to PDF without updating any
field, so the PDF shows what a reader sees on opening. `make test` installs it (Debian's
libreoffice-writer-nogui, as it installs chromium); elsewhere the tests that need it skip and
say why."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

MISSING = (
    "LibreOffice (soffice) is not installed: run `make libreoffice` (or `make test`, which "
    "installs it) to check the DOCX as a word processor opens it."
)


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        pytest.skip(MISSING)
    return path


def docx_to_pdf(data: bytes) -> bytes:
    """The DOCX as LibreOffice prints it, in a private profile (parallel tests do not share)."""
    binary = soffice()
    with tempfile.TemporaryDirectory(prefix="integraal-lo-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(data)
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (work / "document.pdf").read_bytes()


def pdf_text(data: bytes) -> list[str]:
    """The text of each page."""
    import io

    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
