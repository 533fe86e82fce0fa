"""Which chapters of a kadernota are still empty. A builder marks an empty chapter with a
"Nog in te vullen: …" note (``missing_note``); ``missing_chapters`` finds them again in a
snapshot, so the check that refuses vaststelling and ter besluitvorming reads exactly what
the reader would see. A final kadernota can therefore never carry such a note."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from .blocks import NoteBlock, Snapshot
from .constants import DocumentKind

MISSING_PREFIX = "Nog in te vullen: "


def missing_note(what: str) -> NoteBlock:
    """The note of an empty chapter in a concept: what belongs there."""
    return NoteBlock(MISSING_PREFIX + what)


def missing_chapters(snapshot: Snapshot | Mapping[str, Any]) -> list[str]:
    """The titles of the kadernota's chapters (and paragraphs, as "chapter: paragraph") that
    hold a "nog in te vullen" note, in document order. Empty for the analysis document."""
    snapshot = Snapshot.of(snapshot)
    if snapshot.document != DocumentKind.KADERNOTA:
        return []
    found: list[str] = []
    chapter = ""
    for section in snapshot.sections:
        if section.level == 1:
            chapter = section.title
        title = (
            section.title if section.level == 1 or not chapter else f"{chapter}: {section.title}"
        )
        empty = any(
            isinstance(block, NoteBlock) and block.text.startswith(MISSING_PREFIX)
            for block in section.blocks
        )
        if empty and title not in found:
            found.append(title)
    return found


def _listed(titles: list[str]) -> str:
    quoted = [f"‘{title}’" for title in titles]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " en " + quoted[-1]


def kadernota_complete_check(snapshot: Snapshot | Mapping[str, Any], *, action: str) -> None:
    """Refuse (ValidationError) a kadernota with empty chapters; `action` says what was
    refused, e.g. "ter besluitvorming naar de raad" or "worden vastgesteld"."""
    missing = missing_chapters(snapshot)
    if missing:
        noun = "dit hoofdstuk is" if len(missing) == 1 else "deze hoofdstukken zijn"
        raise ValidationError(
            f"De kadernota kan nog niet {action}: {noun} nog leeg: {_listed(missing)}. "
            "Vul ze in en maak een nieuwe versie."
        )
