"""List numbering in the document's numbering part."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart


class Numbering:
    """List numbering: one bullet and one decimal definition of our own, and a fresh w:num per
    list so every numbered list starts at 1 (with a startOverride, which Word needs)."""

    def __init__(self, document) -> None:
        self.document = document
        self._root = None
        self._abstract: dict[str, int] = {}

    @property
    def root(self):
        if self._root is None:
            part = self.document.part
            try:
                numbering = part.part_related_by(RT.NUMBERING)
            except KeyError:
                numbering = NumberingPart(
                    part.package.next_partname("/word/numbering%d.xml"),
                    CT.WML_NUMBERING,
                    parse_xml(f"<w:numbering {nsdecls('w')}/>"),
                    part.package,
                )
                part.relate_to(numbering, RT.NUMBERING)
            self._root = numbering.element
        return self._root

    def _next_id(self, tag: str, attribute: str) -> int:
        ids = [int(v) for v in self.root.xpath(f"./w:{tag}/@w:{attribute}") if v.isdigit()]
        return max(ids, default=0) + 1

    @staticmethod
    def _levels(kind: str) -> str:
        levels = []
        for level in range(9):
            left = 360 * (level + 1) + 357
            if kind == "bullet":
                text, fmt = ("•", "–")[level % 2], "bullet"
            else:
                fmt = ("decimal", "lowerLetter", "lowerRoman")[level % 3]
                text = f"%{level + 1}."
            levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{left}" w:hanging="357"/></w:pPr></w:lvl>'
            )
        return "".join(levels)

    def _abstract_id(self, kind: str) -> int:
        if kind not in self._abstract:
            abstract_id = self._next_id("abstractNum", "abstractNumId")
            abstract = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                f'<w:multiLevelType w:val="hybridMultilevel"/>{self._levels(kind)}'
                "</w:abstractNum>"
            )
            first_num = self.root.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                self._append(abstract)
            self._abstract[kind] = abstract_id
        return self._abstract[kind]

    def _append(self, element) -> None:
        """At the end, but before a w:numIdMacAtCleanup (which must come last)."""
        cleanup = self.root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(element)
        else:
            self.root.append(element)

    def new_list(self, kind: str) -> int:
        """The numId of a new list of `kind` ("bullet" or "number"), starting at 1."""
        abstract_id = self._abstract_id(kind)
        num_id = self._next_id("num", "numId")
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
            for level in range(9)
        )
        num = parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
        self._append(num)
        return num_id

    def headings(self, style_ids: list[str]) -> int:
        """The numId of the heading numbering: one multilevel list whose levels 1-3 read "1",
        "1.1", "1.1.1" (as common.section_numbers and the PDF) and are linked to the Heading
        1-3 styles (`style_ids`, in level order), so Word shows it as heading numbering. A
        level's counter restarts under a new heading of a higher level, as in the PDF."""
        linked = set(self.root.xpath("./w:abstractNum/w:lvl/w:pStyle/@w:val"))
        abstract_id = self._next_id("abstractNum", "abstractNumId")
        levels = []
        for level in range(9):
            text = ".".join(f"%{n}" for n in range(1, min(level, 2) + 2))
            style_id = style_ids[level] if level < len(style_ids) else None
            # A template that links its own list to the style keeps that link (two lists linked
            # to one style confuse Word); our numbers are set on the paragraphs either way.
            # The id may come from an uploaded template: quoted as an attribute, never raw XML.
            link = (
                f"<w:pStyle w:val={quoteattr(style_id)}/>"
                if style_id and style_id not in linked
                else ""
            )
            levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                f'{link}<w:suff w:val="space"/><w:lvlText w:val="{text}"/>'
                '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr>'
                "</w:lvl>"
            )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'
        )
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self._append(abstract)
        num_id = self._next_id("num", "numId")
        self._append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )
        return num_id
