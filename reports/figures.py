"""The figures and tables of a document snapshot as separate files: every chart as SVG and PNG,
every table as XLSX, numbered as in the document ("Figuur 3" is figuur-03.svg/.png), with a
LEESMIJ.txt that lists each file with its caption and source."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date

from analysis.figures.exports import to_xlsx

from .blocks import ChartBlock, Snapshot, TableBlock
from .common import format_date_nl, section_numbers, source_text, svg_to_png

KINDS = {"chart": "Figuur", "table": "Tabel"}
CONTENT_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_FILE_NAME = re.compile(r"^(figuur|tabel)-(\d+)\.(svg|png|xlsx)$")
_ROOT = re.compile(r"<svg\b[^>]*>")
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')


@dataclass(frozen=True)
class _Entry:
    number: str
    kind: str
    block: ChartBlock | TableBlock | None
    section: str

    @property
    def stem(self) -> str:
        return f"{'figuur' if self.kind == 'chart' else 'tabel'}-{int(self.number):02d}"

    @property
    def extensions(self) -> tuple[str, ...]:
        return ("svg", "png") if self.kind == "chart" else ("xlsx",)

    @property
    def label(self) -> str:
        caption = self.block.caption.strip() if self.block else ""
        label = f"{KINDS[self.kind]} {self.number}"
        return f"{label}: {caption}" if caption else label


def _entries(snapshot: Snapshot) -> list[_Entry]:
    """Charts and tables in document order, numbered per kind like the DOCX/PDF captions. Every
    chart and table block takes a number; one without an SVG or columns has no files."""
    sections = snapshot.sections
    counts = {"chart": 0, "table": 0}
    entries = []
    for section, number in zip(sections, section_numbers(sections), strict=True):
        heading = f"{number} {section.title}".strip()
        for block in section.blocks:
            if isinstance(block, ChartBlock | TableBlock):
                counts[block.type] += 1
                if block.drawn if isinstance(block, ChartBlock) else block.has_columns:
                    entries.append(_Entry(str(counts[block.type]), block.type, block, heading))
    return entries


def chart_files(snapshot: Snapshot | dict) -> list[tuple[str, str, ChartBlock | TableBlock]]:
    """(number, kind, block) for every chart and table, in document order; `number` is the
    caption's number as text ("1" for "Figuur 1"), `kind` "chart" or "table"."""
    return [(entry.number, entry.kind, entry.block) for entry in _entries(Snapshot.of(snapshot))]


def file_names(number: str, kind: str) -> list[str]:
    """The download names for one chart ("figuur-01.svg", "figuur-01.png") or table
    ("tabel-01.xlsx")."""
    entry = _Entry(number, kind, None, "")
    return [f"{entry.stem}.{extension}" for extension in entry.extensions]


def _content(entry: _Entry, extension: str) -> bytes:
    block = entry.block
    if isinstance(block, ChartBlock):
        if extension == "svg":
            return standalone_svg(block.svg).encode("utf-8")
        return svg_to_png(block.svg)
    columns = list(block.columns)
    rows = [list(row)[: len(columns)] for row in block.rows]
    return to_xlsx(columns, rows, title=f"Tabel {entry.number}")


def standalone_svg(svg: str) -> str:
    """The chart as an .svg file: the page's width="100%" (no height) becomes the viewBox size,
    so drawing programs and office suites open it at its own size."""
    root = _ROOT.search(svg)
    if root and 'width="100%"' in root.group(0) and "height=" not in root.group(0):
        box = _VIEWBOX.search(root.group(0))
        if box:
            width, height = box.groups()
            tag = root.group(0).replace('width="100%"', f'width="{width}" height="{height}"', 1)
            svg = svg[: root.start()] + tag + svg[root.end() :]
    if not svg.lstrip().startswith("<?xml"):
        svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + svg
    return svg


def figure_file(snapshot: Snapshot | dict, name: str) -> tuple[bytes, str] | None:
    """(content, content type) of one download by its name ("figuur-02.png", "tabel-01.xlsx"),
    None when the snapshot has no such file."""
    match = _FILE_NAME.match(name)
    if not match:
        return None
    prefix, number, extension = match.groups()
    kind = "chart" if prefix == "figuur" else "table"
    for entry in _entries(Snapshot.of(snapshot)):
        if entry.kind == kind and int(entry.number) == int(number):
            if extension not in entry.extensions:
                return None
            return _content(entry, extension), CONTENT_TYPES[extension]
    return None


def _readme(snapshot: Snapshot, entries: list[_Entry]) -> str:
    gemeente = snapshot.gemeente.name
    title = snapshot.title or "Document"
    details = [f"Gemeente {gemeente}" if gemeente else ""]
    if snapshot.version_label:
        details.append(f"versie {snapshot.version_label}")
    if snapshot.date:
        details.append(format_date_nl(snapshot.date))
    lines = [
        f"Figuren en tabellen uit: {title}",
        ", ".join(part for part in details if part),
        "",
    ]
    if not entries:
        lines.append("Dit document bevat geen figuren of tabellen.")
    for entry in entries:
        names = ", ".join(f"{entry.stem}.{extension}" for extension in entry.extensions)
        lines.append(names)
        lines.append(f"  {entry.label}")
        source = source_text(entry.block.source)
        if source:
            lines.append(f"  {source}")
        if entry.section:
            lines.append(f"  In hoofdstuk/paragraaf: {entry.section}")
        lines.append("")
    if entries:
        lines += [
            "Bestandsvormen:",
            "  .svg  figuur als vectorafbeelding; blijft scherp bij elke grootte (web, drukwerk).",
            "  .png  dezelfde figuur als afbeelding van 1400 pixels breed (Word, PowerPoint).",
            "  .xlsx tabel voor Excel of LibreOffice; tekst die met =, +, - of @ begint, staat er",
            "        met een apostrof voor, zodat het programma die niet als formule uitvoert.",
        ]
    return "\r\n".join(lines).rstrip() + "\r\n"


def figures_zip(snapshot: Snapshot | dict) -> bytes:
    """A zip with figuur-NN.svg and figuur-NN.png per chart, tabel-NN.xlsx per table and
    LEESMIJ.txt (UTF-8, Windows line ends) describing them; `snapshot` may be the stored JSON."""
    snapshot = Snapshot.of(snapshot)
    entries = _entries(snapshot)
    try:
        stamp = date.fromisoformat(snapshot.date[:10])
        date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    except ValueError:
        date_time = (1980, 1, 1, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, content: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)

        add("LEESMIJ.txt", _readme(snapshot, entries).encode("utf-8-sig"))
        for entry in entries:
            for extension in entry.extensions:
                add(f"{entry.stem}.{extension}", _content(entry, extension))
    return buffer.getvalue()
