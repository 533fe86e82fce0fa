"""Render a document snapshot (analysis or kadernota) to HTML and then to PDF with WeasyPrint.

A *snapshot* (``reports.blocks.Snapshot``, or the JSON a version stores) is cover data plus an
ordered list of sections, each with typed content blocks (see ``build_html``). This module turns
it into one self-contained HTML document (the print stylesheet ``static/css/print.css`` is read
from disk and inlined) and renders that with WeasyPrint as PDF/UA-1 (tagged, accessible) or
PDF/A-2b (archival).

Rendering never touches the network or the file system outside ``static/``: every resource goes
through ``url_fetcher``, which serves image ``data:`` URIs and ``integraal:/static/<path>`` only
and refuses everything else (WeasyPrint then logs the failure and leaves the resource out).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import html
import mimetypes
import re
from dataclasses import dataclass
from functools import singledispatch
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from analysis.richtext import sanitize, sanitize_svg

from .blocks import (
    Block,
    ChartBlock,
    GlossaryBlock,
    HeadingBlock,
    HtmlBlock,
    NoteBlock,
    ParagraphsBlock,
    Section,
    Snapshot,
    TableBlock,
)
from .common import (  # noqa: F401 - re-exported: the PDF's public helpers
    DEFAULT_HOUSE_COLOUR,
    DOCUMENT_LABELS,
    MAX_LEVEL,
    contrast_ratio,
    format_date_nl,
    house_colour,
    house_palette,
    numeric_columns,
)
from .common import section_numbers as document_numbers

VARIANTS = ("pdf/ua-1", "pdf/a-2b")

BASE_URL = "integraal:/"
STATIC_PREFIX = "integraal:/static/"
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/svg+xml"})

_TRIX_HEADING = re.compile(r"<(/?)h1(?=[\s>])", re.IGNORECASE)
# The chart's own accessible name: a <title> right after the opening <svg> tag.
_SVG_TITLE = re.compile(r"(\s*<svg\b[^>]*>\s*<title\b[^>]*>)(.*?)(</title>)", re.DOTALL)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


# --------------------------------------------------------------------------- small helpers


def static_dir() -> Path:
    """Our own static folder (the first STATICFILES_DIRS entry, else BASE_DIR/static)."""
    dirs = getattr(settings, "STATICFILES_DIRS", None) or [Path(settings.BASE_DIR) / "static"]
    first = dirs[0]
    if isinstance(first, tuple | list):  # ("prefix", path) form
        first = first[1]
    return Path(first).resolve()


def print_css() -> str:
    """The print stylesheet, read from disk (not through Django's static serving)."""
    return (static_dir() / "css" / "print.css").read_text(encoding="utf-8")


def _iso_date(value: object) -> str:
    """The ISO date if `value` is one, else ""."""
    try:
        return datetime.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return ""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "sectie"


# --------------------------------------------------------------------------- blocks


def _richtext(fragment: str, sub_level: int) -> str:
    """Sanitised rich text; Trix's h1 becomes a small subheading one level below the section."""
    tag = f"h{min(sub_level, 6)}"

    def replace(match: re.Match) -> str:
        # The class keeps them small and out of the PDF bookmarks (see print.css).
        return f"</{tag}" if match.group(1) else f'<{tag} class="subheading"'

    return _TRIX_HEADING.sub(replace, fragment)


def _with_alt(svg: str, alt: str) -> str:
    """The chart SVG with `alt` as its <title>, which WeasyPrint tags as the figure's /Alt."""
    if not alt:
        return svg
    escaped = html.escape(alt, quote=False)
    if match := _SVG_TITLE.match(svg):
        return f"{match.group(1)}{escaped}{match.group(3)}{svg[match.end() :]}"
    return _SVG_OPEN.sub(lambda m: f"{m.group(0)}<title>{escaped}</title>", svg, count=1)


class _Numbers:
    """Figures and tables are numbered through the whole document."""

    def __init__(self) -> None:
        self.figure = 0
        self.table = 0


@dataclass
class _Place:
    """Where a block stands: the level of a subheading in its section, the document's figure
    and table numbers so far, and the section (for error messages)."""

    sub_level: int
    numbers: _Numbers
    where: str


@singledispatch
def block_context(block: Block, place: _Place) -> dict:
    """What a block's template (``reports/document/<type>.html``) needs. A block type gets its
    own function here (``@block_context.register``); an unknown one is refused."""
    raise ValueError(f"{place.where}: unknown block type {block.type!r}")


@block_context.register(HtmlBlock)
def _html_context(block: HtmlBlock, place: _Place) -> dict:
    # Sanitised again here, whatever the snapshot says: a stored snapshot may predate a
    # sanitiser fix, and markup that survives would restyle or act in the PDF.
    clean = sanitize(block.html)
    return {"html": mark_safe(_richtext(clean, place.sub_level))}


@block_context.register(ParagraphsBlock)
def _paragraphs_context(block: ParagraphsBlock, place: _Place) -> dict:
    return {"items": block.items}


@block_context.register(HeadingBlock)
def _heading_context(block: HeadingBlock, place: _Place) -> dict:
    return {"tag": f"h{min(place.sub_level, 6)}", "text": block.text}


@block_context.register(ChartBlock)
def _chart_context(block: ChartBlock, place: _Place) -> dict:
    place.numbers.figure += 1
    svg = _with_alt(sanitize_svg(block.svg), block.alt)
    return {
        "number": place.numbers.figure,
        "svg": mark_safe(svg),  # the SVG allow-list's output, alt text escaped
        "caption": block.caption,
        "source": block.source,
    }


@block_context.register(TableBlock)
def _table_context(block: TableBlock, place: _Place) -> dict:
    place.numbers.table += 1
    numeric = numeric_columns(block.columns, block.rows)
    return {
        "number": place.numbers.table,
        "caption": block.caption,
        "columns": [{"text": c, "numeric": n} for c, n in zip(block.columns, numeric, strict=True)],
        "rows": [
            [
                {"text": cell, "numeric": numeric[i] if i < len(numeric) else False}
                for i, cell in enumerate(row)
            ]
            for row in block.rows
        ],
        "source": block.source,
        # The first cell names its row, except in a table of one row (a priority's goal):
        # there the column headers say it all, and seven header cells around five data cells
        # read as a table whose headers were shredded (outloud TBL-010).
        "row_headers": len(block.rows) > 1,
    }


@block_context.register(GlossaryBlock)
def _glossary_context(block: GlossaryBlock, place: _Place) -> dict:
    return {"items": block.items}


@block_context.register(NoteBlock)
def _note_context(block: NoteBlock, place: _Place) -> dict:
    return {"text": block.text}


def _block(block: Block, place: _Place) -> dict:
    """A block for ``reports/document.html``: its template and what that template needs."""
    context = block_context(block, place)
    return {"type": block.type, "template": f"reports/document/{block.type}.html", **context}


# --------------------------------------------------------------------------- HTML


def _section(section: Section, index: int, number: str, numbers: _Numbers) -> dict:
    level, title = section.level, section.title
    place = _Place(level + 1, numbers, f"Section {index} ({title!r})")
    return {
        "id": f"s{index + 1}-{_slug(section.key or title)}",
        "key": section.key,
        "title": title,
        "level": level,
        "tag": f"h{level}",
        "number": number,
        "in_toc": level <= 2,
        "blocks": [_block(block, place) for block in section.blocks],
    }


def build_context(
    snapshot: Snapshot | dict,
    *,
    logo_data_uri: str | None = None,
    cover_logos: list[tuple[str, str]] | None = None,
) -> dict:
    """The template context for ``reports/document.html``; `snapshot` may be the stored JSON.
    `cover_logos`: a joint plan's other gemeenten (name, logo data: URI) beside the lead's."""
    snapshot = Snapshot.of(snapshot)
    kind = snapshot.document
    if kind not in DOCUMENT_LABELS:
        raise ValueError(f"Unknown document {kind!r}; expected one of {sorted(DOCUMENT_LABELS)}")
    gemeente = snapshot.gemeente
    numbers = _Numbers()
    sections = [
        _section(section, index, number, numbers)
        for index, (section, number) in enumerate(
            zip(snapshot.sections, document_numbers(snapshot.sections), strict=True)
        )
    ]
    date_text = format_date_nl(snapshot.date)
    version = snapshot.version_label
    description = (
        f"{DOCUMENT_LABELS[kind]} van gemeente {gemeente.name}, {version}, {date_text}".strip()
    )
    return {
        "kind": kind,
        "kind_label": DOCUMENT_LABELS[kind],
        "title": snapshot.title,
        # The PDF's own title and author (document properties, what a screen reader announces
        # on opening): which gemeente's document this is belongs in it.
        "pdf_title": f"{snapshot.title} — gemeente {gemeente.name}",
        "pdf_author": f"Gemeente {gemeente.name}",
        "subtitle": snapshot.subtitle,
        "gemeente": {"name": gemeente.name, "code": gemeente.code},
        "colours": house_palette(gemeente.house_colour),
        "version_label": version,
        "date_iso": _iso_date(snapshot.date),
        "date_text": date_text,
        "description": description,
        "logo_data_uri": logo_data_uri,
        "cover_logos": [
            {"name": name, "uri": uri}
            for name, uri in cover_logos or []
            if uri.startswith("data:image/")
        ],
        # A joint plan's whole document: all its gemeenten, the lead (penvoerder) first.
        "plan_gemeenten": [g.name for g in snapshot.gemeenten],
        "sections": sections,
        "css": mark_safe(print_css()),  # our own static/css/print.css, no user input
    }


def link_texts(context: dict) -> dict[str, str]:
    """What a link to each section says to a screen reader ("Naar hoofdstuk 4 Aanpak"), by
    the section's anchor id; see ``reports.pdf_tags``."""
    texts = {}
    for section in context["sections"]:
        if not section["number"]:
            texts[section["id"]] = f"Naar het onderdeel {section['title']}"
        else:
            kind = "hoofdstuk" if section["level"] == 1 else "paragraaf"
            texts[section["id"]] = f"Naar {kind} {section['number']} {section['title']}"
    return texts


def build_html(snapshot: Snapshot | dict, *, logo_data_uri: str | None = None) -> str:
    """The snapshot (or its stored JSON) as one self-contained HTML document (print CSS inlined).

    Blocks per section, in order: ``html`` (sanitised rich text), ``paragraphs`` (plain text),
    ``heading`` (small unnumbered subheading), ``chart`` (inline SVG, numbered "Figuur N"),
    ``table`` (numbered "Tabel N"), ``glossary`` (a <dl>) and ``note``; see ``reports.blocks``.
    Unknown block types and an unknown ``document`` raise ValueError.
    """
    if logo_data_uri is not None and not logo_data_uri.startswith("data:image/"):
        raise ValueError("The logo must be an image data: URI")
    return render_to_string(
        "reports/document.html", build_context(snapshot, logo_data_uri=logo_data_uri)
    )


def _check_raster(data: bytes, mime_type: str) -> None:
    """Decode a PNG/JPEG fully; ValueError if it is not one or is broken.

    WeasyPrint decodes raster images lazily, while writing the PDF, where a truncated file is
    not caught: it would abort the whole render instead of leaving the image out.
    """
    from PIL import Image, UnidentifiedImageError

    expected = {"image/png": "PNG", "image/jpeg": "JPEG"}[mime_type]
    try:
        with Image.open(BytesIO(data)) as image:
            if image.format != expected:
                raise ValueError(f"Not a {expected} image")
            image.load()
    except (OSError, UnidentifiedImageError, SyntaxError) as exc:
        raise ValueError(f"Broken {expected} image: {exc}") from exc


def logo_data_uri(logo: bytes, logo_type: str = "image/png") -> str:
    """The logo bytes as a data: URI; only PNG, JPEG and SVG, raster images checked."""
    if logo_type not in IMAGE_TYPES:
        raise ValueError(
            f"Unsupported logo type {logo_type!r}; expected one of {sorted(IMAGE_TYPES)}"
        )
    if logo_type != "image/svg+xml":
        try:
            _check_raster(logo, logo_type)
        except ValueError as exc:
            raise ValueError(f"Unusable logo: {exc}") from exc
    return f"data:{logo_type};base64,{base64.b64encode(logo).decode('ascii')}"


# --------------------------------------------------------------------------- fetching


def _data_uri(url: str) -> dict:
    header, comma, payload = url[len("data:") :].partition(",")
    if not comma:
        raise ValueError("Malformed data: URI")
    parts = [p.strip() for p in header.split(";")]
    mime_type = parts[0].lower()
    if mime_type not in IMAGE_TYPES:
        raise ValueError(f"data: URI of type {mime_type or 'text/plain'!r} refused")
    raw = unquote_to_bytes(payload)
    if "base64" in (p.lower() for p in parts[1:]):
        try:
            raw = base64.b64decode(raw, validate=False)
        except binascii.Error as exc:
            raise ValueError("Malformed base64 in data: URI") from exc
    if mime_type != "image/svg+xml":
        _check_raster(raw, mime_type)
    return {"string": raw, "mime_type": mime_type, "redirected_url": url}


def _static_file(url: str) -> dict:
    relative = unquote_to_bytes(url[len(STATIC_PREFIX) :].split("?")[0].split("#")[0])
    root = static_dir()
    path = (root / relative.decode("utf-8")).resolve()
    if not path.is_relative_to(root) or path == root:
        raise ValueError(f"Static path outside the static folder refused: {url}")
    if not path.is_file():
        raise ValueError(f"No such static file: {url}")
    mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return {"string": path.read_bytes(), "mime_type": mime_type, "redirected_url": url}


def url_fetcher(url: str) -> dict:
    """The only way the renderer loads resources.

    Serves image ``data:`` URIs (PNG, JPEG, SVG) and ``integraal:/static/<path>`` from our own
    static folder; returns ``{"string": bytes, "mime_type": ..., "redirected_url": url}``.
    Everything else (file:, http:, https:, ftp:, relative URLs, other data: types, paths
    escaping the static folder) raises ValueError.
    """
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        return _data_uri(url)
    if url.startswith(STATIC_PREFIX):
        return _static_file(url)
    raise ValueError(f"Resource refused: {url[:200]}")


def _weasyprint_fetcher():
    """``url_fetcher`` wrapped in the URLFetcher class WeasyPrint (>= 66) expects.

    The module-level function is looked up on every call, so tests can spy on it.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data", "integraal"), allow_redirects=False)

        def fetch(self, url, headers=None):
            result = url_fetcher(url)
            return URLFetcherResponse(
                result.get("redirected_url", url),
                body=result["string"],
                headers={"Content-Type": result["mime_type"]},
            )

    return Fetcher()


# --------------------------------------------------------------------------- PDF


def render_pdf(
    snapshot: Snapshot | dict,
    *,
    variant: str = "pdf/ua-1",
    logo: bytes | None = None,
    logo_type: str = "image/png",
    cover_logos: list[tuple[str, bytes]] | None = None,
) -> bytes:
    """The snapshot as PDF bytes: ``"pdf/ua-1"`` (tagged, accessible) or ``"pdf/a-2b"``.
    `cover_logos`: a joint plan's other gemeenten, (name, PNG bytes), on the cover.

    Both variants are tagged (PDF/A-2b allows it, and screen readers profit from it).
    """
    if variant not in VARIANTS:
        raise ValueError(f"Unknown PDF variant {variant!r}; expected one of {VARIANTS}")
    data_uri = logo_data_uri(logo, logo_type) if logo else None
    if data_uri is not None and not data_uri.startswith("data:image/"):
        raise ValueError("The logo must be an image data: URI")
    others = [(name, logo_data_uri(data, "image/png")) for name, data in cover_logos or []]
    context = build_context(snapshot, logo_data_uri=data_uri, cover_logos=others)
    document = render_to_string("reports/document.html", context)

    import weasyprint  # house rule: imported inside the render function (heavy, native libs)

    from .pdf_tags import finish_tags

    data = weasyprint.HTML(
        string=document, base_url=BASE_URL, url_fetcher=_weasyprint_fetcher()
    ).write_pdf(pdf_variant=variant, pdf_tags=True)
    # WeasyPrint's tags are not yet PDF/UA as checkers read them (artifacts, links, split
    # tables, header cells, figure boxes): repaired here, for both variants.
    return finish_tags(data, link_texts=link_texts(context))
