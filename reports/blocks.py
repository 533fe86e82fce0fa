"""The document snapshot as types: cover data and an ordered list of sections, each holding
content blocks. ``reports.snapshot`` builds one; the renderers (PDF, DOCX, figures) read one.

A version stores its snapshot as JSON (``ReportVersion.snapshot``): ``Snapshot.to_json`` gives
that form and ``Snapshot.from_json`` reads it back, also when it was stored by older code (a
missing field takes its default). A block of a type this code does not know is kept as an
``UnknownBlock``: the PDF refuses it, the DOCX leaves it out.

Adding a block type takes one dataclass here, registered with ``@block_type("name")``, plus one
renderer per format: a ``block_context.register`` function in ``reports/pdf.py`` (with its
template ``reports/document/<name>.html``) and a ``write_block.register`` function in
``reports/docx/blocks.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar, TypeVar

Json = dict[str, Any]
BLOCK_TYPES: dict[str, type[Block]] = {}
_B = TypeVar("_B", bound="Block")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def block_type(name: str) -> Callable[[type[_B]], type[_B]]:
    """Register a block class under the ``type`` its JSON carries."""

    def register(cls: type[_B]) -> type[_B]:
        cls.type = name
        BLOCK_TYPES[name] = cls
        return cls

    return register


@dataclass
class Block:
    """A content block; its JSON is ``{"type": <name>, <field>: <value>, ...}``."""

    type: ClassVar[str] = ""

    def to_json(self) -> Json:
        return {"type": self.type, **asdict(self)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Block:
        """Text fields as text ("" when missing); blocks with lists override this."""
        return cls(**{f.name: _text(data.get(f.name)) for f in fields(cls)})


def block_from_json(data: Mapping[str, Any]) -> Block:
    if data.get("type") == ConfidentialBlock.type:
        return ConfidentialBlock.from_json(data)
    cls = BLOCK_TYPES.get(data.get("type"))
    return cls.from_json(data) if cls is not None else UnknownBlock(dict(data))


@dataclass
class UnknownBlock(Block):
    """A stored block of a type this code does not know, kept as it was stored."""

    data: Json

    @property
    def type(self) -> str:  # type: ignore[override]
        return _text(self.data.get("type"))

    def to_json(self) -> Json:
        return dict(self.data)


@block_type("html")
@dataclass
class HtmlBlock(Block):
    """Rich text, sanitised when the snapshot is built and again at every render."""

    html: str


@block_type("paragraphs")
@dataclass
class ParagraphsBlock(Block):
    """Plain text, one paragraph per item."""

    items: list[str]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ParagraphsBlock:
        return cls([_text(item) for item in data.get("items") or []])


@block_type("heading")
@dataclass
class HeadingBlock(Block):
    """A small unnumbered subheading, one level below its section."""

    text: str


@block_type("chart")
@dataclass
class ChartBlock(Block):
    """A chart as SVG (sanitised again at every render), numbered "Figuur N"."""

    svg: str
    caption: str = ""
    source: str = ""
    alt: str = ""

    @property
    def drawn(self) -> bool:
        """Whether there is a drawing. Every chart takes a number; one without an SVG shows
        only its caption and source."""
        return bool(self.svg.strip())


@block_type("table")
@dataclass
class TableBlock(Block):
    """A table, numbered "Tabel N"; its first column heads the rows."""

    caption: str
    columns: list[str]
    rows: list[list[str]]
    source: str = ""

    @property
    def has_columns(self) -> bool:
        """Whether there is a table to draw. Every table takes a number; one without columns
        shows only its caption and source."""
        return bool(self.columns)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TableBlock:
        return cls(
            caption=_text(data.get("caption")),
            columns=[_text(column) for column in data.get("columns") or []],
            rows=[[_text(cell) for cell in row] for row in data.get("rows") or []],
            source=_text(data.get("source")),
        )


@dataclass
class GlossaryItem:
    term: str
    definition: str


@block_type("glossary")
@dataclass
class GlossaryBlock(Block):
    """Terms with their definitions."""

    items: list[GlossaryItem]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> GlossaryBlock:
        return cls(
            [
                GlossaryItem(_text(item.get("term")), _text(item.get("definition")))
                for item in data.get("items") or []
            ]
        )


@block_type("note")
@dataclass
class NoteBlock(Block):
    """A remark beside the text (e.g. too few respondents for a figure)."""

    text: str


@dataclass
class ConfidentialBlock(Block):
    """Blocks marked vertrouwelijk, with the reason (a ConfidentialReason label). Only
    ``reports.confidential`` reads them: it replaces them with a placeholder for readers and
    gathers them into the besloten bijlage. Not in BLOCK_TYPES: no renderer knows one, so a
    snapshot that was not redacted fails to render instead of leaking."""

    type: ClassVar[str] = "confidential"
    reason: str
    blocks: list[Block]

    def to_json(self) -> Json:
        return {
            "type": self.type,
            "reason": self.reason,
            "blocks": [block.to_json() for block in self.blocks],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ConfidentialBlock:
        return cls(
            reason=_text(data.get("reason")),
            blocks=[block_from_json(block) for block in data.get("blocks") or []],
        )


@dataclass
class Section:
    """A numbered (or unnumbered) chapter or paragraph, level 1 to 3. ``confidential`` holds
    the reason when the whole section is vertrouwelijk (see ``reports.confidential``)."""

    key: str
    title: str
    level: int = 1
    numbered: bool = True
    blocks: list[Block] = field(default_factory=list)
    confidential: str = ""

    def to_json(self) -> Json:
        data = {
            "key": self.key,
            "title": self.title,
            "level": self.level,
            "numbered": self.numbered,
            "blocks": [block.to_json() for block in self.blocks],
        }
        if self.confidential:  # absent otherwise, so older content hashes stay the same
            data["confidential"] = self.confidential
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Section:
        return cls(
            key=_text(data.get("key")),
            title=_text(data.get("title")),
            level=data.get("level", 1),  # checked by common.section_numbers, as stored
            numbered=bool(data.get("numbered", True)),
            blocks=[block_from_json(block) for block in data.get("blocks") or []],
            confidential=_text(data.get("confidential")),
        )


@dataclass
class GemeenteInfo:
    name: str = ""
    code: str = ""
    house_colour: str = ""  # checked by common.house_colour wherever it is used


def _gemeente_info(data: Any) -> GemeenteInfo:
    data = data if isinstance(data, Mapping) else {}
    colour = data.get("house_colour")
    return GemeenteInfo(
        name=_text(data.get("name")),
        code=_text(data.get("code")),
        house_colour=colour if isinstance(colour, str) else "",
    )


@dataclass
class Snapshot:
    """A whole document: what the cover shows and the sections in order."""

    document: str  # a DocumentKind value
    title: str
    sections: list[Section] = field(default_factory=list)
    subtitle: str = ""
    gemeente: GemeenteInfo = field(default_factory=GemeenteInfo)
    structure: str = ""
    date: str = ""  # ISO date
    version_label: str = ""
    # A joint plan (issue 19): the whole plan's document names all its gemeenten on the
    # cover (the lead first, its house style); an edition is one gemeente's (its CBS code),
    # with the shared chapters and only its own local chapter.
    gemeenten: list[GemeenteInfo] = field(default_factory=list)
    edition: str = ""

    def to_json(self) -> Json:
        data = {
            "document": self.document,
            "title": self.title,
            "subtitle": self.subtitle,
            "gemeente": asdict(self.gemeente),
            "structure": self.structure,
            "date": self.date,
            "version_label": self.version_label,
            "sections": [section.to_json() for section in self.sections],
        }
        # Absent otherwise, so the content hashes of plans of one gemeente stay the same.
        if self.gemeenten:
            data["gemeenten"] = [asdict(gemeente) for gemeente in self.gemeenten]
        if self.edition:
            data["edition"] = self.edition
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Snapshot:
        gemeente = data.get("gemeente") or {}
        colour = gemeente.get("house_colour")
        return cls(
            gemeenten=[_gemeente_info(item) for item in data.get("gemeenten") or []],
            edition=_text(data.get("edition")),
            document=_text(data.get("document")),
            title=_text(data.get("title")),
            sections=[Section.from_json(section) for section in data.get("sections") or []],
            subtitle=_text(data.get("subtitle")),
            gemeente=GemeenteInfo(
                name=_text(gemeente.get("name")),
                code=_text(gemeente.get("code")),
                house_colour=colour if isinstance(colour, str) else "",
            ),
            structure=_text(data.get("structure")),
            date=_text(data.get("date")),
            version_label=_text(data.get("version_label")),
        )

    @classmethod
    def of(cls, value: Snapshot | Mapping[str, Any]) -> Snapshot:
        """A snapshot, or the JSON a version stores, as a snapshot."""
        return value if isinstance(value, Snapshot) else cls.from_json(value)
