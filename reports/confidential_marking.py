"""Which parts of a project are vertrouwelijk while its snapshot is built, and how a builder
marks them (see ``reports.confidential`` for what a reader gets of a marked snapshot).

The marks (``projects.ConfidentialMark``) are read once per snapshot: ``document_snapshot``
puts them in force with ``marks_in_force`` and every builder asks ``current_marks``. A
builder marks content in one of two ways: a whole section gets ``Section.confidential`` (a
theme, a structure section), a run of blocks goes into a ``ConfidentialBlock`` (``hide``).
A snapshot without any mark is built exactly as before, so its content hash stays the same.

A confidential theme makes its figures confidential too, wherever they are shown (the
kerncijfers, the wijk tables, a goal's nulmeting): its numbers are part of what is kept from
the reader. A marked figure (``figuur:<code>``) is confidential wherever it is shown.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from projects.confidentiality import (
    confidential_marks,
    figure_key,
    kadernota_key,
    section_key,
    theme_key,
    theme_text_key,
)

from .blocks import Block, ConfidentialBlock, ParagraphsBlock


@dataclass(frozen=True)
class Marks:
    """The reason (a ConfidentialReason label) per marked key, and per confidential figure."""

    project_id: int | None = None
    reasons: dict[str, str] = field(default_factory=dict)
    figures: dict[str, str] = field(default_factory=dict)

    def theme(self, theme) -> str:
        return self.reasons.get(theme_key(theme), "")

    def theme_text(self, theme, name: str) -> str:
        return self.reasons.get(theme_text_key(theme, name), "")

    def kadernota(self, name: str) -> str:
        return self.reasons.get(kadernota_key(name), "")

    def section(self, structure_section) -> str:
        return self.reasons.get(section_key(structure_section), "")

    def figure(self, code: str | None) -> str:
        return self.figures.get(code or "", "")

    def goals_figure(self, goals) -> str:
        """The reason when one of these goals is measured by a confidential figure (its
        nulmeting and streefwaarde quote it), else ""."""
        codes = [goal.indicator.code for goal in goals if goal.indicator is not None]
        return next((self.figure(code) for code in codes if self.figure(code)), "")

    def theme_or_figure(self, theme, code: str | None = None) -> str:
        """A theme's content that quotes one of its figures: confidential when either is."""
        return self.theme(theme) or self.figure(code)


THEME_KEY = re.compile(r"thema:[0-9a-f-]{36}")


def _uuid(text: str) -> uuid.UUID:
    return uuid.UUID(text)


def marks_for(project) -> Marks:
    """The project's marks as the builders read them."""
    from analysis.narrative.models import AnalysisTheme

    reasons = {key: mark.get_reason_display() for key, mark in confidential_marks(project).items()}
    figures: dict[str, str] = {}
    themes = [_uuid(key.split(":")[1]) for key in reasons if THEME_KEY.fullmatch(key)]
    if themes:
        for theme in AnalysisTheme.objects.filter(field__project=project, uuid__in=themes):
            for code in theme.indicator_codes or []:
                figures.setdefault(code, reasons[theme_key(theme)])
    prefix = figure_key("")
    for key, reason in reasons.items():
        if key.startswith(prefix):
            figures[key.removeprefix(prefix)] = reason
    return Marks(project_id=project.pk, reasons=reasons, figures=figures)


_in_force: ContextVar[Marks | None] = ContextVar("confidential_marks_in_force", default=None)


@contextmanager
def marks_in_force(project) -> Iterator[Marks]:
    """Read the project's marks once for everything built inside the block."""
    marks = marks_for(project)
    token = _in_force.set(marks)
    try:
        yield marks
    finally:
        _in_force.reset(token)


def current_marks(project) -> Marks:
    """The marks in force for this project, else read afresh (a builder called on its own)."""
    marks = _in_force.get()
    if marks is not None and marks.project_id == project.pk:
        return marks
    return marks_for(project)


def hide(reason: str, blocks: Iterable[Block | None]) -> list[Block]:
    """The blocks as they were when `reason` is empty; else one ConfidentialBlock holding them.
    Nothing to hide (no blocks) gives nothing: an empty chapter keeps its "nog in te vullen"."""
    kept = [block for block in blocks if block]
    if not reason or not kept:
        return kept
    # A run marked inside (a participation, a figure) is already in this one's reach.
    return [ConfidentialBlock(reason, unwrapped(kept))]


def mark_section(section, reason: str):
    """Mark a whole section confidential; the runs marked inside it need no mark of their own
    (the besloten bijlage renders the section as it is, and no renderer knows the block)."""
    if reason:
        section.confidential = reason
        section.blocks = unwrapped(section.blocks)
    return section


def unwrapped(blocks: list[Block]) -> list[Block]:
    """The blocks with every ConfidentialBlock replaced by the blocks it holds."""
    flat: list[Block] = []
    for block in blocks:
        flat += unwrapped(block.blocks) if isinstance(block, ConfidentialBlock) else [block]
    return flat


def paragraphs_hidden(items: list[str], reason_of) -> list[Block]:
    """Paragraphs in order, each run that ``reason_of(paragraph)`` names a reason for in a
    ConfidentialBlock; the others as they were (one ParagraphsBlock when none is marked)."""
    blocks: list[Block] = []
    run: list[str] = []
    run_reason = ""
    for item in items:
        reason = reason_of(item)
        if run and reason != run_reason:
            blocks += hide(run_reason, [ParagraphsBlock(run)])
            run = []
        run.append(item)
        run_reason = reason
    if run:
        blocks += hide(run_reason, [ParagraphsBlock(run)])
    return blocks
