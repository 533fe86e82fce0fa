"""The kadernota's back matter: the veiligheidsanalyse as bijlage, the amendementen and
moties, the afkortingen the document uses, and the colofon with the raadsbesluit.

Two of them depend on more than the project's data when they are built:
- the afkortingen list only the abbreviations the rest of the snapshot uses, so
  ``afkortingen_fill`` completes it once all sections are built;
- the colofon names the version and its date, which a version gets after its content hash
  (``colofon_stamp``), and at vaststelling the raadsbesluit (``snapshot_at_vaststelling``)."""

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from kernbeleid.constants import MotieOutcome
from kernbeleid.workflow.models import RaadDecision
from projects.joint import plan_gemeenten

from .blocks import (
    ChartBlock,
    GlossaryBlock,
    GlossaryItem,
    HeadingBlock,
    HtmlBlock,
    NoteBlock,
    ParagraphsBlock,
    Section,
    Snapshot,
    TableBlock,
)
from .confidential import redacted
from .kadernota_common import (
    chapter,
    decision_sentence,
    long_date,
    paragraphs,
    vaststelling_decision,
)
from .kadernota_sections import CONCEPT_START, PROCEDURE_CAPTION, decision_row

BESLUITEN_KEY = "bijlage-besluiten"
AFKORTINGEN_KEY = "afkortingen"
COLOFON_KEY = "colofon"

# --- Bijlage: de veiligheidsanalyse -------------------------------------------------------------


def bijlage_analyse(project, document, structure_section):
    """The analysis per veld and theme with its charts, under the bijlage's title."""
    from .snapshot import _velden  # the analysis builder; imported here: snapshot imports us

    return _velden(project, document, structure_section)


# --- Bijlage: amendementen en moties ------------------------------------------------------------

STEP_SUBJECT = {
    1: "de start van het traject",
    5: "de prioriteiten",
    9: "de vaststelling van de kadernota",
}


def _decision_heading(decision: RaadDecision) -> str:
    kind = decision.get_kind_display()
    number = f" {decision.number}" if decision.number else ""
    subject = STEP_SUBJECT.get(decision.step, f"stap {decision.step}")
    return f"{kind.capitalize()}{number} van {long_date(decision.date)} over {subject}"


def besluiten_blocks(decisions: list[RaadDecision], project=None) -> list:
    """The amendementen and moties per decision; in a joint plan grouped per raad, each
    under its gemeente's name, the lead first (every raad decides with its own)."""
    if project is None or not project.joint:
        return _decision_blocks(decisions)
    blocks = []
    for gemeente in plan_gemeenten(project):
        own = [d for d in decisions if (d.gemeente_id or project.gemeente_id) == gemeente.pk]
        found = _decision_blocks(own, raad=f"gemeenteraad van {gemeente.name}")
        if found:
            blocks += [HeadingBlock(f"Gemeenteraad van {gemeente.name}"), *found]
    return blocks


def _decision_blocks(decisions: list[RaadDecision], raad: str = "") -> list:
    blocks = []
    for decision in decisions:
        amendments = list(decision.amendments.all())
        moties = [m for m in decision.moties.all() if m.kennisname_id is None]
        if not amendments and not moties:
            continue
        blocks.append(HeadingBlock(_decision_heading(decision)))
        for amendment in amendments:
            text = [line.strip() for line in amendment.text.splitlines() if line.strip()]
            blocks.append(
                ParagraphsBlock(
                    [f"Amendement {amendment.number} (aangenomen), over {amendment.part}:", *text]
                )
            )
        if moties:
            blocks.append(
                TableBlock(
                    caption=f"Moties bij {decision.get_kind_display()} {decision.number}".strip()
                    + (f" ({raad})" if raad else ""),
                    columns=["Nummer", "Motie", "Wat de raad vraagt", "Uitkomst"],
                    rows=[
                        [m.number, m.title, m.text.strip(), MotieOutcome(m.outcome).label]
                        for m in moties
                    ],
                    source="Bron: raadsbesluiten en moties van de gemeenteraad.",
                )
            )
    return blocks


def _standing_decisions(project, until: RaadDecision | None = None) -> list[RaadDecision]:
    decisions = (
        RaadDecision.objects.filter(project=project, superseded_at__isnull=True)
        .prefetch_related("amendments", "moties")
        .order_by("date", "id")
    )
    found = list(decisions)
    if until is not None and all(d.pk != until.pk for d in found):
        found.append(until)
    return found


def besluiten(project, document, structure_section):
    blocks = besluiten_blocks(_standing_decisions(project), project)
    if not blocks:
        decided = vaststelling_decision(project) is not None
        blocks = [
            paragraphs(
                "De raad heeft bij zijn besluiten over dit traject geen amendementen of moties "
                "aangenomen."
                if decided
                else "Amendementen en moties die de raad bij de vaststelling aanneemt, komen in "
                "deze bijlage."
            )
        ]
    return chapter(structure_section, blocks, key=f"{BESLUITEN_KEY}-{structure_section.position}")


# --- afkortingen --------------------------------------------------------------------------------

ABBREVIATIONS = {
    "APV": "Algemene Plaatselijke Verordening",
    "AVG": "Algemene verordening gegevensbescherming",
    "BBV": "Besluit begroting en verantwoording provincies en gemeenten",
    "BIBOB": "Wet bevordering integriteitsbeoordelingen door het openbaar bestuur",
    "Bibob": "Wet bevordering integriteitsbeoordelingen door het openbaar bestuur",
    "BOA": "buitengewoon opsporingsambtenaar",
    "boa": "buitengewoon opsporingsambtenaar",
    "CBS": "Centraal Bureau voor de Statistiek",
    "CCV": "Centrum voor Criminaliteitspreventie en Veiligheid",
    "GGD": "Gemeentelijke Gezondheidsdienst",
    "HALT": "Het ALTernatief (afdoening voor jongeren)",
    "IVM": "Integrale Veiligheidsmonitor (2008-2011)",
    "IVP": "integraal veiligheidsplan",
    "KBV": "Kernbeleid Veiligheid",
    "KVO": "Keurmerk Veilig Ondernemen",
    "OM": "Openbaar Ministerie",
    "OOV": "openbare orde en veiligheid",
    "P&C": "planning en control",
    "PGA": "persoonsgerichte aanpak",
    "RIEC": "Regionaal Informatie- en Expertisecentrum",
    "RUD": "regionale uitvoeringsdienst",
    "VM": "Veiligheidsmonitor",
    "VNG": "Vereniging van Nederlandse Gemeenten",
    "VR": "veiligheidsregio",
    "Wvggz": "Wet verplichte geestelijke gezondheidszorg",
    "ZSM": "zo snel, slim, selectief, samen en maatschappelijk verantwoord (afdoening)",
}
_TAGS = re.compile(r"<[^>]+>")


def _block_texts(block) -> list[str]:
    if isinstance(block, ParagraphsBlock):
        return list(block.items)
    if isinstance(block, HtmlBlock):
        return [_TAGS.sub(" ", block.html)]
    if isinstance(block, HeadingBlock | NoteBlock):
        return [block.text]
    if isinstance(block, TableBlock):
        return [block.caption, block.source, *block.columns, *(c for r in block.rows for c in r)]
    if isinstance(block, ChartBlock):
        return [block.caption, block.source, block.alt]
    if isinstance(block, GlossaryBlock):
        return [text for item in block.items for text in (item.term, item.definition)]
    return []


def used_abbreviations(sections: list[Section]) -> list[GlossaryItem]:
    """The abbreviations of ABBREVIATIONS that occur in these sections' text, by letter."""
    text = " ".join(
        [s.title for s in sections]
        + [t for s in sections for b in s.blocks for t in _block_texts(b)]
    )
    found = {}
    for short, meaning in ABBREVIATIONS.items():
        if re.search(rf"(?<![\w&]){re.escape(short)}(?![\w&])", text):
            found.setdefault(meaning, GlossaryItem(short, meaning))  # Bibob and BIBOB once
    return sorted(found.values(), key=lambda item: item.term.lower())


def afkortingen(project, document, structure_section):
    """A placeholder that afkortingen_fill completes once the whole document is built."""
    return chapter(structure_section, [], key=f"{AFKORTINGEN_KEY}-{structure_section.position}")


def afkortingen_fill(sections: list[Section]) -> list[Section]:
    """Fill the afkortingen chapter(s) with the abbreviations the other sections use."""
    targets = [s for s in sections if s.key.startswith(f"{AFKORTINGEN_KEY}-")]
    if not targets:
        return sections
    others = [s for s in sections if s not in targets]
    # Only what a reader reads: an abbreviation of a confidential part alone tells too much.
    items = used_abbreviations(redacted(Snapshot("", "", others)).sections)
    for target in targets:
        target.blocks = (
            [GlossaryBlock(items)]
            if items
            else [ParagraphsBlock(["Deze kadernota gebruikt geen afkortingen."])]
        )
    return sections


# --- colofon ------------------------------------------------------------------------------------


def colofon_items(project, decision: RaadDecision | None) -> list[GlossaryItem]:
    gemeente = project.gemeente
    status = (
        decision_sentence(decision)
        if decision is not None
        else "Concept: de gemeenteraad heeft deze kadernota nog niet vastgesteld."
    )
    return [
        GlossaryItem("Uitgave", f"Gemeente {gemeente.name}"),
        GlossaryItem(
            "Titel", f"Kadernota integrale veiligheid {project.period_start}-{project.period_end}"
        ),
        GlossaryItem("Periode", f"{project.period_start} tot en met {project.period_end}"),
        GlossaryItem("Status", status),
        GlossaryItem("Methode", "Kernbeleid Veiligheid (VNG); cijfers uit de Veiligheidsmonitor"),
    ]


def colofon(project, document, structure_section):
    items = colofon_items(project, vaststelling_decision(project))
    return chapter(
        structure_section, [GlossaryBlock(items)], key=f"{COLOFON_KEY}-{structure_section.position}"
    )


def colofon_stamp(snapshot: Mapping[str, Any]) -> dict:
    """The snapshot (JSON) with its version label and date in the colofon. A version calls
    this after its content hash, so neither makes a new concept."""
    data = dict(snapshot)
    label = data.get("version_label") or ""
    try:
        day = long_date(date.fromisoformat(data.get("date") or ""))
    except ValueError:
        day = ""
    stamped = []
    for section in data.get("sections") or []:
        if str(section.get("key", "")).startswith(f"{COLOFON_KEY}-"):
            section = dict(section, blocks=[_stamped(b, label, day) for b in section["blocks"]])
        stamped.append(section)
    data["sections"] = stamped
    return data


def _stamped(block: Mapping[str, Any], label: str, day: str) -> dict:
    if block.get("type") != "glossary":
        return dict(block)
    items = [i for i in block.get("items") or [] if i.get("term") not in ("Versie", "Datum")]
    extra = [{"term": "Versie", "definition": label}] if label else []
    extra += [{"term": "Datum", "definition": day}] if day else []
    return dict(block, items=items[:3] + extra + items[3:])


def snapshot_at_vaststelling(snapshot: Mapping[str, Any], project, decision) -> dict:
    """The concept's snapshot (JSON) as the raad adopted it on `decision`: the colofon names
    the raadsbesluit and the bijlage of amendementen and moties holds the decision's."""
    data = dict(snapshot)
    sections = []
    for section in data.get("sections") or []:
        key = str(section.get("key", ""))
        section = dict(section, blocks=[_decided(b, decision) for b in section["blocks"]])
        if key.startswith(f"{COLOFON_KEY}-"):
            blocks = [GlossaryBlock(colofon_items(project, decision)).to_json()]
            section = dict(section, blocks=blocks)
        elif key.startswith(f"{BESLUITEN_KEY}-"):
            blocks = besluiten_blocks(_standing_decisions(project, until=decision), project) or [
                paragraphs("De raad heeft bij de vaststelling geen amendementen aangenomen.")
            ]
            section = dict(section, blocks=[block.to_json() for block in blocks])
        sections.append(section)
    data["sections"] = sections
    return data


def _decided(block: Mapping[str, Any], decision) -> dict:
    """A block of the concept as the decision makes it: the samenvatting's "Dit is een
    concept" becomes the besluit, the procedure table gets the vaststelling's row."""
    block = dict(block)
    if block.get("type") == "paragraphs":
        block["items"] = [
            decision_sentence(decision) if str(item).startswith(CONCEPT_START) else item
            for item in block.get("items") or []
        ]
    elif block.get("type") == "table" and block.get("caption") == PROCEDURE_CAPTION:
        rows = [row for row in block.get("rows") or [] if row[:1] != [str(decision.step)]]
        block["rows"] = [*rows, decision_row(decision)]
    return block


def has_besluiten_bijlage(snapshot: Mapping[str, Any]) -> bool:
    return any(
        str(section.get("key", "")).startswith(f"{BESLUITEN_KEY}-")
        for section in snapshot.get("sections") or []
    )
