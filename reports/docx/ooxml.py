"""Small WordprocessingML helpers: text Word can hold, elements in schema order, fields."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Child order of the elements we add to (ECMA-376 part 1, CT_PPr and CT_RPr).
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()


def clean(text: object) -> str:
    """Text that XML can hold (control characters other than tab and newline removed)."""
    return _INVALID_XML_CHARS.sub("", "" if text is None else str(text))


def insert_ordered(parent, child, order: Sequence[str]) -> None:
    """Put `child` into `parent` at its schema position, replacing an element of its tag."""
    local = child.tag.split("}")[-1]
    for existing in parent.findall(child.tag):
        parent.remove(existing)
    successors = {qn(f"w:{tag}") for tag in order[order.index(local) + 1 :]}
    for index, element in enumerate(parent):
        if element.tag in successors:
            parent.insert(index, child)
            return
    parent.append(child)


def w(tag: str, **attributes: str):
    """A new ``w:<tag>`` element with ``w:``-namespaced attributes."""
    element = OxmlElement(f"w:{tag}")
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = w("lang")
        insert_ordered(rpr, lang, RPR_ORDER)
    lang.set(qn("w:val"), "nl-NL")


def add_field(paragraph: Paragraph, instruction: str, cached: str, *, dirty: bool = False):
    """A complex field (begin, instruction, separate, cached result, end) at the paragraph end."""
    begin = w("fldChar", fldCharType="begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    paragraph.add_run()._r.append(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(w("fldChar", fldCharType="separate"))
    result = paragraph.add_run(cached)
    paragraph.add_run()._r.append(w("fldChar", fldCharType="end"))
    return result


def has_content(element) -> bool:
    return bool(
        element.xpath(
            ".//w:t[normalize-space(.) != ''] | .//w:drawing | .//w:pict | .//w:object"
            " | .//w:fldSimple | .//w:instrText"
        )
    )


def set_numbering(paragraph: Paragraph, num_id: int, level: int) -> None:
    num_pr = w("numPr")
    num_pr.append(w("ilvl", val=str(level)))
    num_pr.append(w("numId", val=str(num_id)))
    insert_ordered(paragraph._p.get_or_add_pPr(), num_pr, PPR_ORDER)
