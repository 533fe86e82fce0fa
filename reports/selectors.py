"""Reads of the reports app. Which structure a project uses, and which report versions a user
may see: editors all, the raad and the partners only what was published for them. Every
download and review page asks this again."""

import difflib
from functools import singledispatch

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from projects.constants import Role
from projects.models import Project

from .blocks import (
    Block,
    ChartBlock,
    HeadingBlock,
    HtmlBlock,
    NoteBlock,
    ParagraphsBlock,
    Section,
    Snapshot,
    TableBlock,
)
from .constants import Audience
from .models import RenderRun, ReportStructure, ReportVersion, StructureChoice

STANDARD_MISSING = (
    "De standaardindeling (naar de VNG/CCV-handreiking) van dit document ontbreekt. De "
    "beheerder zet die terug met ‘python manage.py migrate’."
)

AUDIENCE_FOR_ROLE = {Role.RAADSLID: Audience.RAAD, Role.PARTNER: Audience.WERKGROEP}


def structures_available(project: Project, document: str) -> QuerySet[ReportStructure]:
    """The standard, the gemeente's own, and those of bureaus serving the gemeente."""
    return ReportStructure.objects.filter(
        Q(is_standard=True) | Q(gemeente=project.gemeente) | Q(bureau__gemeenten=project.gemeente),
        document=document,
    ).distinct()


def structure_for(project: Project, document: str) -> ReportStructure:
    """The structure the project chose for `document`, else the standaardindeling.

    Only reads: the standards come with the database (migration 0002) and are put back after
    every migrate and flush (reports.apps). Should one be deleted by hand anyway, a
    ValidationError says so in Dutch.
    """
    choice = (
        StructureChoice.objects.filter(project=project, document=document)
        .select_related("structure")
        .first()
    )
    if choice is not None:
        return choice.structure
    standard = ReportStructure.objects.filter(document=document, is_standard=True).first()
    if standard is None:
        raise ValidationError(STANDARD_MISSING)
    return standard


def versions_visible(project: Project, role: Role) -> QuerySet[ReportVersion]:
    versions = ReportVersion.objects.filter(project=project)
    if role.can_edit:
        return versions
    return versions.filter(publications__audience=AUDIENCE_FOR_ROLE[role]).distinct()


def version_get(project: Project, role: Role, version_uuid) -> ReportVersion:
    version = versions_visible(project, role).filter(uuid=version_uuid).first()
    if version is None:
        raise Http404("Deze versie bestaat niet of is niet voor u gepubliceerd.")
    return version


def render_get(project: Project, role: Role, run_uuid) -> RenderRun:
    run = (
        RenderRun.objects.select_related("version")
        .filter(uuid=run_uuid, version__in=versions_visible(project, role))
        .first()
    )
    if run is None:
        raise Http404("Dit bestand bestaat niet of is niet voor u gepubliceerd.")
    return run


def final_of(concept: ReportVersion) -> ReportVersion | None:
    """The vastgestelde version made from `concept` (same content), if there is one."""
    return (
        ReportVersion.objects.filter(
            project_id=concept.project_id,
            document=concept.document,
            minor=0,
            major__gte=1,
            content_hash__startswith=f"{concept.content_hash}:v",
        )
        .order_by("major")
        .first()
    )


def comment_threads(version: ReportVersion) -> dict[str, list]:
    threads: dict[str, list] = {}
    for comment in version.comments.filter(parent=None).prefetch_related("answers"):
        threads.setdefault(comment.section_key, []).append(comment)
    return threads


@singledispatch
def _diff_lines(block: Block) -> list[str]:
    """The lines of a block that the comparison of two versions reads; none for a block type
    without a function here (a glossary, an unknown type)."""
    return []


@_diff_lines.register(HtmlBlock)
def _(block: HtmlBlock) -> list[str]:
    from analysis.richtext import to_plain_text

    return to_plain_text(block.html).splitlines()


@_diff_lines.register(ParagraphsBlock)
def _(block: ParagraphsBlock) -> list[str]:
    return list(block.items)


@_diff_lines.register(HeadingBlock)
@_diff_lines.register(NoteBlock)
def _(block: HeadingBlock | NoteBlock) -> list[str]:
    return [block.text]


@_diff_lines.register(ChartBlock)
def _(block: ChartBlock) -> list[str]:
    return [f"[{block.caption}]", block.alt]


@_diff_lines.register(TableBlock)
def _(block: TableBlock) -> list[str]:
    return [f"[{block.caption}]"] + [" | ".join(row) for row in block.rows]


def _section_lines(section: Section) -> list[str]:
    return [line for block in section.blocks for line in _diff_lines(block)]


def section_diff(old: ReportVersion, new: ReportVersion) -> list[dict]:
    """Per section: added, removed or changed (with a line diff of its text)."""
    before = {s.key: s for s in Snapshot.from_json(old.snapshot).sections}
    after = {s.key: s for s in Snapshot.from_json(new.snapshot).sections}
    rows = []
    for key in list(after) + [k for k in before if k not in after]:
        if key not in before:
            rows.append({"title": after[key].title, "state": "nieuw", "lines": []})
        elif key not in after:
            rows.append({"title": before[key].title, "state": "verwijderd", "lines": []})
        else:
            lines = [
                (line[:1], line[2:])
                for line in difflib.ndiff(_section_lines(before[key]), _section_lines(after[key]))
                if line[:1] in "+-"
            ]
            rows.append(
                {
                    "title": after[key].title,
                    "state": "gewijzigd" if lines else "gelijk",
                    "lines": lines,
                }
            )
    return rows
