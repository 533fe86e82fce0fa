"""What a version shows a reader, and what only the besloten bijlage carries.

A snapshot marks confidential content in two ways (``reports.blocks``): a whole section with
``Section.confidential`` (a reason), or a run of blocks inside a ``ConfidentialBlock``. The
snapshot a version stores keeps both, so the besloten bijlage can be made from it at any
time. Everything a reader gets of a version (its page, PDF, DOCX, figures) is made from
``redacted(snapshot)``: the marked content replaced by the placeholder of
``projects.constants.CONFIDENTIAL_PLACEHOLDER``, the section title kept so the numbering and
the table of contents do not reveal that something is missing beyond what the placeholder
says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from projects.constants import CONFIDENTIAL_PLACEHOLDER

from .blocks import Block, ConfidentialBlock, NoteBlock, Section, Snapshot


def _placeholder(reason: str) -> NoteBlock:
    return NoteBlock(CONFIDENTIAL_PLACEHOLDER)


def _redacted_blocks(blocks: list[Block]) -> list[Block]:
    return [
        _placeholder(block.reason) if isinstance(block, ConfidentialBlock) else block
        for block in blocks
    ]


def redacted(value: Snapshot | Mapping[str, Any]) -> Snapshot:
    """The snapshot as every reader gets it: confidential content left out, a placeholder
    in its place. Sections under a confidential section go with it."""
    snapshot = Snapshot.of(value)
    sections: list[Section] = []
    hidden_level: int | None = None  # level of the confidential section we are inside
    for section in snapshot.sections:
        if hidden_level is not None and section.level > hidden_level:
            continue
        hidden_level = None
        if section.confidential:
            hidden_level = section.level
            sections.append(
                replace(section, blocks=[_placeholder(section.confidential)], confidential="")
            )
        else:
            sections.append(replace(section, blocks=_redacted_blocks(section.blocks)))
    return replace(snapshot, sections=sections)


def has_confidential(value: Snapshot | Mapping[str, Any]) -> bool:
    snapshot = Snapshot.of(value)
    return any(
        section.confidential
        or any(isinstance(block, ConfidentialBlock) for block in section.blocks)
        for section in snapshot.sections
    )


def confidential_parts(value: Snapshot | Mapping[str, Any]) -> list[Section]:
    """The confidential content as sections of their own, in document order: a confidential
    section with the sections under it, and each confidential run of blocks as a section
    titled after the section it stands in (the runs of one section with the same reason
    together, so the reader gets one chapter per place). Each keeps its reason in
    ``confidential``."""
    snapshot = Snapshot.of(value)
    parts: list[Section] = []
    inside: int | None = None
    reason = ""
    for section in snapshot.sections:
        if inside is not None and section.level > inside:
            parts.append(replace(section, confidential=section.confidential or reason))
            continue
        inside = None
        if section.confidential:
            inside, reason = section.level, section.confidential
            parts.append(section)
            continue
        run_part: Section | None = None  # this section's part so far
        for block in section.blocks:
            if not isinstance(block, ConfidentialBlock):
                continue
            if run_part is not None and run_part.confidential == block.reason:
                run_part.blocks += block.blocks
                continue
            run_part = Section(
                key=f"{section.key}-vertrouwelijk-{len(parts) + 1}",
                title=section.title,
                level=1,
                numbered=False,
                blocks=list(block.blocks),
                confidential=block.reason,
            )
            parts.append(run_part)
    return parts
