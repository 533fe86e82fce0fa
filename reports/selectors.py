"""Reads of the reports app. Which structure a project uses, and which report versions a user
may see: editors all, the raad and the partners only what was published for them. Every
download and review page asks this again."""

import datetime
import difflib
from functools import singledispatch

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format

from projects.constants import Role
from projects.models import Gemeente, Membership, Project
from projects.removal import UNDO_WINDOW

from .blocks import (
    Block,
    ChartBlock,
    ConfidentialBlock,
    HeadingBlock,
    HtmlBlock,
    NoteBlock,
    ParagraphsBlock,
    Section,
    Snapshot,
    TableBlock,
)
from .confidential import redacted
from .constants import Audience, FinalKind, PublicationPurpose, RenderFormat, RenderStatus
from .models import (
    Publication,
    RenderRun,
    ReportStructure,
    ReportVersion,
    StructureChoice,
    StructureSection,
)

STANDARD_MISSING = (
    "De standaardindeling (naar de VNG/CCV-handreiking) van dit document ontbreekt. De "
    "beheerder zet die terug met ‘python manage.py migrate’."
)


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


def structure_names(project: Project, documents) -> dict[str, str]:
    """structure_for's name per document, in two queries for all of them (the overview lists
    every kind); a missing standard reads as the message structure_for raises."""
    chosen = {
        choice.document: choice.structure.name
        for choice in StructureChoice.objects.filter(project=project).select_related("structure")
    }
    standards = dict(
        ReportStructure.objects.filter(is_standard=True)
        .order_by("-id")
        .values_list("document", "name")
    )
    return {
        document: chosen.get(document) or standards.get(document) or STANDARD_MISSING
        for document in documents
    }


def section_removed_get(structure: ReportStructure, section_uuid) -> StructureSection:
    """A removed section of this structure (for the undo); 404 otherwise."""
    section = StructureSection.with_removed.filter(
        structure=structure, uuid=section_uuid, removed_at__isnull=False
    ).first()
    if section is None:
        raise Http404("Dit verwijderde hoofdstuk bestaat niet in deze structuur.")
    return section


def section_undoable(structure: ReportStructure, user) -> StructureSection | None:
    """The section of this structure the user removed last, while they may put it back."""
    since = timezone.now() - UNDO_WINDOW
    return (
        StructureSection.with_removed.filter(
            structure=structure, removed_by=user, removed_at__gte=since
        )
        .order_by("-removed_at")
        .first()
    )


def versions_visible(project: Project, role: Role, user) -> QuerySet[ReportVersion]:
    """The one rule of who reads which version. Editors see every version; a raadslid only
    versions published to the raad; a partner versions published to the werkgroep or naming
    them as a recipient. Nobody else sees any (a gemeente member of another role)."""
    versions = ReportVersion.objects.filter(project=project)
    if role.can_edit:
        return versions
    return versions.filter(pk__in=publications_reaching(role, user).values("version"))


def publications_reaching(role: Role, user) -> QuerySet[Publication]:
    """The publications whose audience includes a reader of this role (the caller limits
    them to a project or version)."""
    if role == Role.RAADSLID:
        # Only their own raad's: in a joint plan each raad gets its own publication. An older
        # publication without a gemeente went to the raad of the project's gemeente.
        raden = Membership.objects.active().filter(user=user, role=Role.RAADSLID).values("gemeente")
        return Publication.objects.filter(audience=Audience.RAAD).filter(
            Q(gemeente__in=raden) | Q(gemeente__isnull=True, version__project__gemeente__in=raden)
        )
    if role == Role.PARTNER:
        return Publication.objects.filter(
            Q(audience=Audience.WERKGROEP) | Q(audience=Audience.PARTNERS, recipients=user)
        ).distinct()
    return Publication.objects.none()


def publications_shown(version: ReportVersion, role: Role, user) -> QuerySet[Publication]:
    """The publications of `version` the user is told about: all of them for editors, the
    ones that reach a reader otherwise."""
    publications = version.publications.all()
    if not role.can_edit:
        publications = publications.filter(pk__in=publications_reaching(role, user).values("pk"))
    return publications.select_related("decision").prefetch_related("recipients")


def versions_listed(project: Project, role: Role, user, *, can_edit: bool) -> list[ReportVersion]:
    """The versions of the overview with what it shows per version, in a fixed number of
    queries however many versions there are: `shown_publications` (publications_shown),
    `overtaken_by` (final_after, for editors) and `is_actualisatie_version`."""
    from kernbeleid.cycle.models import Actualisatie

    shown = publications_shown_queryset(role, user)
    versions = list(
        versions_visible(project, role, user)
        .defer("snapshot")  # the whole document (100+ kB of JSON); the list never shows it
        .select_related("decision")
        .prefetch_related(
            "renders", Prefetch("publications", queryset=shown, to_attr="shown_publications")
        )
    )
    actualisaties = set(
        Actualisatie.objects.filter(project=project, version__isnull=False).values_list(
            "version_id", flat=True
        )
    )
    finals = []
    if can_edit:
        # final_after reads every version of the project; an editor's list has them all.
        every = versions if role.can_edit else ReportVersion.objects.filter(project=project)
        finals = [version for version in every if version.minor == 0]
    for version in versions:
        version.is_actualisatie_version = version.pk in actualisaties
        version.overtaken_by = None
        if can_edit and not version.final:
            later = [
                final
                for final in finals
                if (final.document, final.part, final.edition)
                == (version.document, version.part, version.edition)
                and final.major > version.major
            ]
            version.overtaken_by = max(later, key=lambda final: final.major, default=None)
    return versions


def publications_shown_queryset(role: Role, user) -> QuerySet[Publication]:
    """publications_shown for any number of versions (a Prefetch of `publications`)."""
    publications = Publication.objects.all()
    if not role.can_edit:
        publications = publications.filter(pk__in=publications_reaching(role, user).values("pk"))
    return publications.select_related("decision").prefetch_related("recipients")


def version_get(project: Project, role: Role, user, version_uuid) -> ReportVersion:
    version = versions_visible(project, role, user).filter(uuid=version_uuid).first()
    if version is None:
        raise Http404("Deze versie bestaat niet of is niet voor u gepubliceerd.")
    return version


def render_get(project: Project, role: Role, user, run_uuid) -> RenderRun:
    run = (
        RenderRun.objects.select_related("version")
        .filter(uuid=run_uuid, version__in=versions_visible(project, role, user))
        .first()
    )
    if run is None:
        raise Http404("Dit bestand is er niet of is niet voor u gepubliceerd.")
    return run


def partner_users(gemeente: Gemeente) -> QuerySet:
    """The werkgroep as the app knows it: the gemeente's members with the role partner."""
    from accounts.models import User
    from projects.models import Membership

    partners = Membership.objects.active().filter(gemeente=gemeente, role=Role.PARTNER)
    return User.objects.filter(pk__in=partners.values("user")).order_by("full_name", "email")


def consultation_closed(publications, today: datetime.date) -> datetime.date | None:
    """When a reader's questions are refused: the closing date if every publication that
    reaches them is a consultation that has closed; None while one is open (or is not a
    consultation, which has no closing date)."""
    dates = []
    for publication in publications:
        if publication.purpose != PublicationPurpose.CONSULTATIE or publication.closes_on is None:
            return None
        if publication.closes_on >= today:
            return None
        dates.append(publication.closes_on)
    return max(dates) if dates else None


def consultation_closed_on(version: ReportVersion, role: Role, user) -> datetime.date | None:
    """The date the consultation closed for this reader, if their questions are now refused."""
    return consultation_closed(publications_shown(version, role, user), timezone.localdate())


def final_text(version: ReportVersion) -> str:
    """'vastgesteld door de raad (besluit 2027/14 van 3 maart 2027)', 'vastgesteld door het
    college (…)' or 'opgeleverd'; empty for a concept."""
    if not version.final:
        return ""
    if version.finalized_as == FinalKind.RAAD and version.decision_id:
        decision = version.decision
        return (
            f"{FinalKind.RAAD.label} (besluit {decision.number or 'zonder nummer'} van "
            f"{date_format(decision.date, 'j F Y')})"
        )
    if version.finalized_as == FinalKind.COLLEGE and version.college_decided_on:
        return (
            f"{FinalKind.COLLEGE.label} (besluit {version.college_decision_number} van "
            f"{date_format(version.college_decided_on, 'j F Y')})"
        )
    if version.finalized_as:
        return FinalKind(version.finalized_as).label
    return "vastgesteld"


FINAL_FORMATS = (RenderFormat.PDF, RenderFormat.DOCX)


def final_files_missing(version: ReportVersion) -> list[str]:
    """The formats a vastgestelde version lacks: no file made or being made (a failed or
    no render). Empty for a concept."""
    if not version.final:
        return []
    present = set(
        version.renders.filter(
            status__in=[RenderStatus.DONE, RenderStatus.QUEUED, RenderStatus.RUNNING]
        ).values_list("format", flat=True)
    )
    return [fmt for fmt in FINAL_FORMATS if fmt not in present]


def final_of(concept: ReportVersion) -> ReportVersion | None:
    """The vastgestelde version made from `concept` (same content), if there is one."""
    return (
        ReportVersion.objects.filter(
            project_id=concept.project_id,
            document=concept.document,
            part=concept.part,
            edition=concept.edition,
            minor=0,
            major__gte=1,
            content_hash__startswith=f"{concept.content_hash}:v",
        )
        .order_by("major")
        .first()
    )


def final_after(concept: ReportVersion) -> ReportVersion | None:
    """The newest final version of the same document numbered after `concept` (1.0 after
    0.2): such a concept was overtaken, so it is no longer offered for vaststelling."""
    if concept.final:
        return None
    return (
        ReportVersion.objects.filter(
            project_id=concept.project_id,
            document=concept.document,
            part=concept.part,
            edition=concept.edition,
            minor=0,
            major__gt=concept.major,
        )
        .order_by("-major")
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


@_diff_lines.register(ConfidentialBlock)
def _(block: ConfidentialBlock) -> list[str]:
    return [f"[vertrouwelijk: {block.reason}]"] + [
        line for inner in block.blocks for line in _diff_lines(inner)
    ]


def _section_lines(section: Section) -> list[str]:
    marked = [f"[vertrouwelijk: {section.confidential}]"] if section.confidential else []
    return marked + [line for block in section.blocks for line in _diff_lines(block)]


def section_diff(old: ReportVersion, new: ReportVersion, *, redact: bool = True) -> list[dict]:
    """Per section: added, removed or changed (with a line diff of its text). As a reader
    reads the versions unless `redact` is False (an editor, who sees the confidential parts)."""
    read = redacted if redact else Snapshot.from_json
    before = {s.key: s for s in read(old.snapshot).sections}
    after = {s.key: s for s in read(new.snapshot).sections}
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
