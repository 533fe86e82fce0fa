"""Stamp a besloten bijlage for its reader: their name on every page and in the metadata.

The bijlage is rendered once (``reports.pdf.render_pdf``, PDF/UA) and stamped per download:

* **On every page** a watermark: "Vertrouwelijk · <naam>" across the page and a line at the
  top with the name and the date. WeasyPrint draws it as a page of its own (so the font that
  shows the name is embedded, with the glyphs the name needs and a ToUnicode map: the name
  is text a reader can find), and pikepdf lays that page over each page as a form XObject
  inside ``/Artifact <</Type /Pagination /Subtype /Watermark>>``: a pagination artifact,
  outside the structure tree, so the tagging of the bijlage stays as PDF/UA wants it and a
  screen reader does not read the watermark out on every page.
* **In the metadata**: ``dc:rights`` and ``xmpRights:UsageTerms`` say who the copy is for,
  ``xmpRights:Marked`` is set, and ``integraal:lezer`` / ``integraal:gedownload`` hold the
  reader and the moment; the document info gets ``/Lezer`` and ``/Gedownload`` too.
"""

from __future__ import annotations

import datetime
import html
from io import BytesIO

import pikepdf
from pikepdf import Name

from projects import nl_format

XMP_NS = "https://integraal.nl/ns/besloten-bijlage/1.0/"
XMP_PREFIX = "integraal"
WATERMARK_BDC = b"/Artifact <</Type /Pagination /Subtype /Watermark>> BDC"

_OVERLAY = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Watermerk</title><style>
@page {{ size: {width}pt {height}pt; margin: 0; }}
html, body {{ margin: 0; font-family: "DejaVu Sans", sans-serif; }}
.across {{
  position: absolute; top: {middle}pt; left: 0; width: {width}pt; text-align: center;
  transform: rotate(-40deg); font-size: 24pt; font-weight: bold; white-space: nowrap;
  color: rgba(170, 20, 20, 0.16);
}}
.line {{
  position: absolute; top: 5mm; left: 12mm; right: 12mm; text-align: center;
  font-size: 7.5pt; color: #8b1a1a;
}}
</style></head><body>
<div class="across">Vertrouwelijk · {name}</div>
<div class="line">Besloten bijlage, alleen voor {name} · gedownload op {date}</div>
</body></html>"""


def reader_name(user) -> str:
    return user.get_full_name()


def _overlay_page(width: float, height: float, *, name: str, date: str) -> pikepdf.Pdf:
    """One page of `width` x `height` points with the watermark (WeasyPrint, untagged: it
    becomes an artifact of each page it is laid over)."""
    import weasyprint  # heavy, native libraries: imported where it is used

    document = _OVERLAY.format(
        width=round(width, 2),
        height=round(height, 2),
        middle=round(height / 2 - 14, 2),
        name=html.escape(name),
        date=html.escape(date),
    )
    data = weasyprint.HTML(string=document).write_pdf()
    return pikepdf.open(BytesIO(data))


def _page_size(page: pikepdf.Page) -> tuple[float, float]:
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    return abs(x1 - x0), abs(y1 - y0)


def _watermark_pages(pdf: pikepdf.Pdf, *, name: str, date: str) -> None:
    forms: dict[tuple[float, float], pikepdf.Object] = {}
    overlays = []
    for page in pdf.pages:
        size = _page_size(page)
        if size not in forms:
            overlay = _overlay_page(*size, name=name, date=date)
            overlays.append(overlay)  # open until the form is copied
            forms[size] = pdf.copy_foreign(overlay.pages[0].as_form_xobject())
        x0, y0 = float(page.mediabox[0]), float(page.mediabox[1])
        resource = page.add_resource(forms[size], Name.XObject, prefix="Wm")
        # The page's own drawing in a saved graphics state, so the watermark starts clean.
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(
            b"\nQ\n"
            + WATERMARK_BDC
            + f"\nq 1 0 0 1 {x0:g} {y0:g} cm {resource} Do Q\nEMC\n".encode("ascii")
        )
    for overlay in overlays:
        overlay.close()


def _metadata(pdf: pikepdf.Pdf, *, name: str, email: str, when: datetime.datetime) -> None:
    terms = f"Vertrouwelijk. Besloten bijlage, alleen voor {name}; niet doorgeven of kopiëren."
    pikepdf.models.PdfMetadata.register_xml_namespace(XMP_NS, XMP_PREFIX)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:rights"] = terms
        meta["xmpRights:Marked"] = "True"
        meta["xmpRights:UsageTerms"] = terms
        meta[f"{{{XMP_NS}}}lezer"] = name
        meta[f"{{{XMP_NS}}}email"] = email
        meta[f"{{{XMP_NS}}}gedownload"] = when.isoformat(timespec="seconds")
    pdf.docinfo[Name("/Lezer")] = pikepdf.String(name)
    pdf.docinfo[Name("/Gedownload")] = pikepdf.String(when.isoformat(timespec="seconds"))


def stamp(data: bytes, *, reader, when: datetime.datetime) -> bytes:
    """`data` (the rendered bijlage) as the copy of `reader`, downloaded at `when`."""
    name = reader_name(reader)
    date = nl_format.format_date(when.date().isoformat())
    with pikepdf.open(BytesIO(data)) as pdf:
        _watermark_pages(pdf, name=name, date=f"{date} {when:%H:%M}")
        _metadata(pdf, name=name, email=reader.email, when=when)
        out = BytesIO()
        pdf.save(out)
        return out.getvalue()
