"""Writes of the reports app: structures, versions, renders (idempotent), publication and
review."""

import dataclasses
import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from kernbeleid.products.opdracht import aftercare_check
from projects import removal
from projects.constants import ProjectScope, Role
from projects.joint import plan_gemeenten
from projects.models import Gemeente, Membership, Project
from projects.scopes import project_gemeente_ids, scopes_disabled
from projects.selectors import role_in_project
from projects.services import audit_record, logo_as_png

from . import local_chapters
from .blocks import Section, Snapshot
from .confidential import redacted
from .constants import (
    DECISION_STEP,
    EDITION_DOCUMENTS,
    RAADSVOORSTEL_DECISION_STEP,
    Audience,
    DocumentKind,
    FinalKind,
    PdfVariant,
    PublicationPurpose,
    RenderFormat,
    RenderStatus,
    SectionSource,
)
from .docx_template import TemplateRefused, clean_template
from .kadernota_appendix import colofon_stamp, has_besluiten_bijlage, snapshot_at_vaststelling
from .kadernota_check import kadernota_complete_check
from .models import (
    Publication,
    RenderRun,
    ReportStructure,
    ReportVersion,
    ReviewComment,
    StructureChoice,
    StructureSection,
    WordTemplate,
)
from .outline import outline_lock_check
from .parts import part_check
from .selectors import (
    consultation_closed_on,
    final_after,
    final_files_missing,
    final_of,
    partner_users,
    structure_for,
    structures_available,
)
from .snapshot import build_snapshot, content_hash
from .yearly_publication import COLLEGE_DOCUMENTS, yearly_college_besluit, yearly_decision_check
from .yearly_sections import snapshot_at_college

logger = logging.getLogger(__name__)


# --- structures ----------------------------------------------------------------------------


def _may_edit_structure(actor, structure: ReportStructure, project: Project) -> None:
    if structure.is_standard:
        raise ValidationError(
            "De standaardindeling (naar de VNG/CCV-handreiking) wijzigt u niet; maak er eerst "
            "een kopie van."
        )
    if structure.gemeente_id and structure.gemeente_id != project.gemeente_id:
        raise ValidationError("Deze structuur hoort bij een andere gemeente.")
    if (
        structure.bureau_id
        and not structure.bureau.memberships.active()
        .filter(user=actor, role=Role.ADVISEUR)
        .exists()
    ):
        raise ValidationError("Alleen adviseurs van het bureau wijzigen deze structuur.")


@transaction.atomic
def structure_copy(
    *,
    actor,
    project: Project,
    document: str,
    source: ReportStructure,
    name: str,
    for_bureau: bool = False,
) -> ReportStructure:
    outline_lock_check(project=project, document=document)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Geef de structuur een naam."})
    owner: dict = {"gemeente": project.gemeente}
    if for_bureau:
        bureau = project.gemeente.bureaus.filter(
            pk__in=Membership.objects.active()
            .filter(user=actor, role=Role.ADVISEUR, bureau__isnull=False)
            .values("bureau")
        ).first()
        if bureau is None:
            raise ValidationError(
                "Alleen een adviseur van een bureau deelt een structuur "
                "met de gemeenten van dat bureau."
            )
        owner = {"bureau": bureau}
    copy = ReportStructure.objects.create(name=name, document=document, **owner)
    StructureSection.objects.bulk_create(
        [
            StructureSection(
                structure=copy,
                position=s.position,
                title=s.title,
                source=s.source,
                fixed_text=s.fixed_text,
                numbered=s.numbered,
            )
            for s in source.sections.all()
        ]
    )
    structure_choose(actor=actor, project=project, document=document, structure=copy)
    audit_record(
        actor=actor,
        action="rapportstructuur gemaakt",
        obj=copy,
        project=project,
        detail={"naam": name, "van": source.name},
    )
    return copy


@transaction.atomic
def structure_choose(*, actor, project: Project, document: str, structure: ReportStructure) -> None:
    outline_lock_check(project=project, document=document)
    if not structures_available(project, document).filter(pk=structure.pk).exists():
        raise ValidationError("Deze structuur is niet beschikbaar voor dit project.")
    StructureChoice.objects.update_or_create(
        project=project, document=document, defaults={"structure": structure}
    )
    audit_record(
        actor=actor,
        action="rapportstructuur gekozen",
        obj=structure,
        project=project,
        detail={"document": document},
    )


@transaction.atomic
def section_add(
    *,
    actor,
    project: Project,
    structure: ReportStructure,
    title: str,
    source: str,
    fixed_text: str = "",
) -> StructureSection:
    from analysis.richtext import sanitize

    outline_lock_check(project=project, structure=structure)
    _may_edit_structure(actor, structure, project)
    if not title.strip():
        raise ValidationError({"title": "Geef het hoofdstuk een titel."})
    if source not in SectionSource.values:
        raise ValidationError({"source": "Kies waar de inhoud vandaan komt."})
    position = (structure.sections.aggregate(Max("position"))["position__max"] or 0) + 1
    section = StructureSection.objects.create(
        structure=structure,
        position=position,
        title=title.strip(),
        source=source,
        fixed_text=sanitize(fixed_text),
        numbered=source != SectionSource.BEGRIPPEN,
    )
    audit_record(
        actor=actor,
        action="hoofdstuk toegevoegd",
        obj=section,
        project=project,
        detail={"structuur": structure.name, "titel": section.title},
    )
    return section


@transaction.atomic
def section_update(
    *, actor, project: Project, section: StructureSection, title: str, fixed_text: str
) -> None:
    from analysis.richtext import sanitize

    outline_lock_check(project=project, structure=section.structure)
    _may_edit_structure(actor, section.structure, project)
    if not title.strip():
        raise ValidationError({"title": "Een titel mag niet leeg zijn."})
    section.title, section.fixed_text = title.strip(), sanitize(fixed_text)
    section.save(update_fields=["title", "fixed_text"])
    audit_record(actor=actor, action="hoofdstuk gewijzigd", obj=section, project=project)


@transaction.atomic
def section_remove(*, actor, project: Project, section: StructureSection) -> None:
    """Take a section out of the structure: marked removed, so whoever removed it can put it
    back for a short while (projects/removal.py); structure.sections, and with it the pages,
    the snapshots and the renders, leave it out from now on."""
    outline_lock_check(project=project, structure=section.structure)
    _may_edit_structure(actor, section.structure, project)
    removal.purge_removed(StructureSection.with_removed.filter(structure=section.structure))
    audit_record(
        actor=actor,
        action="hoofdstuk verwijderd",
        obj=section,
        project=project,
        detail={"structuur": section.structure.name, "titel": section.title},
    )
    removal.mark_removed(section, actor=actor)


@transaction.atomic
def section_restore(*, actor, project: Project, section: StructureSection) -> None:
    """Undo a removal, within the undo window and only by whoever removed the section; it
    comes back at its old place."""
    outline_lock_check(project=project, structure=section.structure)
    _may_edit_structure(actor, section.structure, project)
    removal.undo_refusal(section, actor=actor)
    removal.mark_restored(section)
    audit_record(
        actor=actor,
        action="verwijderen hoofdstuk ongedaan gemaakt",
        obj=section,
        project=project,
        detail={"structuur": section.structure.name, "titel": section.title},
    )


@transaction.atomic
def section_move(*, actor, project: Project, section: StructureSection, offset: int) -> None:
    outline_lock_check(project=project, structure=section.structure)
    _may_edit_structure(actor, section.structure, project)
    sections = list(section.structure.sections.all())
    index = sections.index(section)
    target = index + offset
    if not 0 <= target < len(sections):
        return
    sections[index], sections[target] = sections[target], sections[index]
    for position, item in enumerate(sections, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def word_template_save(
    *, actor, gemeente: Gemeente, upload: UploadedFile, project: Project
) -> WordTemplate:
    import io

    import docx

    if not upload.name.lower().endswith(".docx") or upload.size > 10 * 1024 * 1024:
        raise ValidationError({"file": "Kies een Word-bestand (.docx) van hooguit 10 MB."})
    try:
        # Size limits on the inflated bytes, external relationships removed; before python-docx
        # opens it. The cleaned file is what gets stored.
        data = clean_template(upload.read())
    except TemplateRefused as exc:
        raise ValidationError({"file": str(exc)}) from exc
    try:
        docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken file
        raise ValidationError(
            {"file": "Het sjabloon is geen geldig Word-bestand (.docx)."}
        ) from exc
    template = WordTemplate.objects.filter(gemeente=gemeente).first() or WordTemplate(
        gemeente=gemeente
    )
    template.original_name = upload.name[:255]
    template.file.save(upload.name, ContentFile(data), save=False)
    template.save()
    renders_mark_outdated(gemeente=gemeente, formats=[RenderFormat.DOCX])
    audit_record(
        actor=actor,
        action="Word-sjabloon opgeslagen",
        obj=template,
        project=project,
        detail={"bestand": template.original_name},
    )
    return template


# --- versions and renders ---------------------------------------------------------------------


@transaction.atomic
def version_for(
    *,
    actor,
    project: Project,
    document: str,
    part: str = "",
    edition_gemeente: Gemeente | None = None,
) -> ReportVersion:
    """The version of the current content: the same content and structure give the same
    version (renders are idempotent); new content gets the next concept number. `part` names
    the year of a yearly document or the occasion of a raadsvoorstel (see part_check).
    `edition_gemeente`, one of a joint plan's gemeenten, makes that gemeente's edition of the
    analysis or kadernota (reports/local_chapters.py), numbered on its own."""
    if document not in DocumentKind.values:
        raise ValidationError(
            "Kies een document: de veiligheidsanalyse, de kadernota, het "
            "uitvoeringsprogramma, de voortgangsrapportage of een raadsvoorstel."
        )
    part = part_check(project, document, part)
    edition = _edition_check(project, document, edition_gemeente)
    structure = structure_for(project, document)
    snapshot = build_snapshot(project, document, structure, part=part, edition=edition_gemeente)
    digest = content_hash(snapshot)
    # of=("self",): the scope's join to the project must not lock the project row as well.
    versions = ReportVersion.objects.select_for_update(of=("self",)).filter(
        project=project, document=document, part=part, edition=edition
    )
    existing = versions.filter(content_hash=digest).order_by("-major", "-minor").first()
    if existing is not None:
        return existing
    latest = versions.order_by("-major", "-minor").first()
    major = latest.major if latest else 0
    minor = (latest.minor + 1) if latest else 1
    snapshot["version_label"] = f"concept {major}.{minor}"
    snapshot = colofon_stamp(snapshot)  # after the hash: label and date are not content
    version = ReportVersion.objects.create(
        project=project,
        document=document,
        part=part,
        edition=edition,
        major=major,
        minor=minor,
        content_hash=digest,
        snapshot=snapshot,
        structure_name=structure.name,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="rapportversie gemaakt",
        obj=version,
        project=project,
        detail={"versie": version.label, "structuur": structure.name}
        | ({"editie": edition_gemeente.name} if edition_gemeente else {}),
    )
    return version


def _edition_check(project: Project, document: str, gemeente: Gemeente | None) -> str:
    """The edition's CBS code ("" for the whole plan). Only a joint plan's documents come in
    editions, and only for the plan's own gemeenten; not the raadsvoorstel, whose text is
    drafted once for the plan (kernbeleid/products/raadsvoorstel)."""
    if gemeente is None:
        return ""
    if not project.joint or document not in EDITION_DOCUMENTS:
        raise ValidationError(
            "Alleen de veiligheidsanalyse, de kadernota, het uitvoeringsprogramma en de "
            "voortgangsrapportage van een gezamenlijk plan hebben een editie per gemeente."
        )
    if local_chapters.edition_gemeente(project, gemeente.cbs_code) is None:
        raise ValidationError(f"{gemeente.name} doet niet mee aan dit plan.")
    return gemeente.cbs_code


@transaction.atomic
def version_finalize(
    *,
    actor,
    version: ReportVersion,
    finalized_as: str,
    decision=None,
    appendix: list[Section] | None = None,
    college_decided_on: datetime.date | None = None,
    college_decision_number: str = "",
) -> ReportVersion:
    """Make a concept final: the same content, numbered major.0, with who made it final
    (`finalized_as`: the raad, only for the kadernota and only on its raadsbesluit; the
    college; or opgeleverd) and any `appendix` sections (the adopted amendementen) after the
    content. Its PDF and DOCX are made at once and kept (see render_request).

    Idempotent: a concept is made final once; a second call (a double click, two tabs, two
    people at once) returns the version the first one made. The versions of the document are
    locked first (as version_for does), so the check and the numbering happen in one guarded
    transaction and a concurrent caller waits, then finds the first one's result.
    """
    if version.final:
        raise ValidationError("Deze versie is al vastgesteld.")
    if finalized_as not in FinalKind.values:
        raise ValidationError("Kies wie de versie vaststelt of dat zij is opgeleverd.")
    if finalized_as == FinalKind.RAAD and version.document != DocumentKind.KADERNOTA:
        raise ValidationError("De raad stelt alleen de kadernota vast.")
    if finalized_as == FinalKind.RAAD and decision is None:
        raise ValidationError("Een vaststelling door de raad hoort bij een raadsbesluit.")
    if finalized_as == FinalKind.COLLEGE and version.document == DocumentKind.KADERNOTA:
        raise ValidationError("De kadernota stelt de raad vast, niet het college.")
    # An empty chapter blocks the vaststelling: a final kadernota never says "nog in te vullen".
    kadernota_complete_check(version.snapshot, action="worden vastgesteld")
    # An edition is numbered on its own, as version_for numbers it.
    versions = ReportVersion.objects.filter(
        project=version.project,
        document=version.document,
        part=version.part,
        edition=version.edition,
    )
    # Waits for a concurrent call; locks the versions only, not the project the scope joins.
    list(versions.select_for_update(of=("self",)).values_list("pk", flat=True))
    already = final_of(version)
    if already is not None:
        return already
    major = (versions.aggregate(Max("major"))["major__max"] or 0) + 1
    final = ReportVersion(
        project=version.project,
        document=version.document,
        part=version.part,
        edition=version.edition,
        major=major,
        minor=0,
        content_hash=version.content_hash + f":v{major}",
        structure_name=version.structure_name,
        finalized_as=finalized_as,
        decision=decision,
        college_decided_on=college_decided_on,
        college_decision_number=college_decision_number,
        created_by=actor,
    )
    snapshot = dict(version.snapshot, version_label=final.label)
    if decision is not None and version.document == DocumentKind.KADERNOTA:
        # The colofon names the raadsbesluit, Bijlage 2 holds its amendementen and moties.
        snapshot = snapshot_at_vaststelling(snapshot, version.project, decision)
        if has_besluiten_bijlage(snapshot):
            appendix = None
    if version.document == DocumentKind.UITVOERINGSPROGRAMMA and finalized_as == FinalKind.COLLEGE:
        # The inleiding names the collegebesluit the version is adopted on.
        snapshot = snapshot_at_college(snapshot, version.project, int(version.part))
    snapshot = colofon_stamp(snapshot)
    if appendix:
        snapshot["sections"] = [
            *snapshot.get("sections", []),
            *(section.to_json() for section in appendix),
        ]
    final.snapshot = snapshot
    final.save()
    audit_record(
        actor=actor,
        action="rapport vastgesteld" if finalized_as != FinalKind.OPGELEVERD else "opgeleverd",
        obj=final,
        project=version.project,
        detail={
            "van": version.label,
            "naar": final.label,
            "door": final.get_finalized_as_display(),
        },
    )
    for fmt in (RenderFormat.PDF, RenderFormat.DOCX):
        render_request(actor=actor, version=final, fmt=fmt)
    return final


@transaction.atomic
def render_request(*, actor, version: ReportVersion, fmt: str, variant: str = "") -> RenderRun:
    """Idempotent on (version, format, variant): a finished or running render is reused."""
    if fmt not in RenderFormat.values:
        raise ValidationError("Kies PDF, Word of de figuren.")
    if fmt == RenderFormat.PDF:
        variant = variant or PdfVariant.UA
        if variant not in PdfVariant.values:
            raise ValidationError("Kies toegankelijk (PDF/UA) of archief (PDF/A-2).")
    else:
        variant = ""
    existing = version.renders.filter(
        format=fmt,
        variant=variant,
        status__in=[RenderStatus.DONE, RenderStatus.QUEUED, RenderStatus.RUNNING],
    ).first()
    if existing is not None:
        return existing
    run = RenderRun.objects.create(version=version, format=fmt, variant=variant, created_by=actor)
    audit_record(
        actor=actor,
        action="rapport gevraagd",
        obj=run,
        project=version.project,
        detail={"versie": version.label, "formaat": fmt, "variant": variant},
    )
    from . import tasks

    uuid = str(run.uuid)
    transaction.on_commit(lambda: tasks.render_report.delay(uuid))
    return run


def _render_bytes(run: RenderRun) -> tuple[bytes, str]:
    version = run.version
    gemeente = version.project.gemeente
    # An edition is in its own gemeente's house style and logo; the whole plan in the lead's.
    if version.edition:
        gemeente = local_chapters.edition_gemeente(version.project, version.edition) or gemeente
    # Every file of a version is for readers: confidential parts only in the besloten bijlage.
    snapshot = _in_house_style(redacted(version.snapshot), version, gemeente)
    logo = _logo_png(gemeente)
    cover_logos = _cover_logos(version.project, snapshot)
    if run.format == RenderFormat.PDF:
        from .pdf import render_pdf

        pdf = render_pdf(
            snapshot, variant=run.variant, logo=logo, logo_type="image/png", cover_logos=cover_logos
        )
        return pdf, "pdf"
    if run.format == RenderFormat.DOCX:
        from .docx import render_docx

        template = None
        word_template = WordTemplate.objects.filter(gemeente=gemeente).first()
        if word_template is not None:
            with word_template.file.open("rb") as handle:
                template = handle.read()
        return render_docx(snapshot, template=template, logo=logo, cover_logos=cover_logos), "docx"
    from .figures import figures_zip

    return figures_zip(snapshot), "zip"


def _in_house_style(snapshot: Snapshot, version: ReportVersion, gemeente: Gemeente) -> Snapshot:
    """A concept is drawn in the gemeente's current house colour, like its current logo and
    Word template: a new house colour outdates the concept's files (renders_mark_outdated),
    and their next render must show it, not the colour stored with the content. A vastgestelde
    version keeps the colour it was adopted with."""
    if version.final or not gemeente.house_colour:
        return snapshot
    return dataclasses.replace(
        snapshot,
        gemeente=dataclasses.replace(snapshot.gemeente, house_colour=gemeente.house_colour),
    )


def _cover_logos(project: Project, snapshot: Snapshot) -> list[tuple[str, bytes]]:
    """The other gemeenten of a joint plan's whole document, with their logos where
    uploaded, for the cover beside the lead's: (name, PNG bytes)."""
    if not snapshot.gemeenten:
        return []
    logos = []
    for gemeente in plan_gemeenten(project)[1:]:
        logo = _logo_png(gemeente)
        if logo:
            logos.append((gemeente.name, logo))
    return logos


def _logo_png(gemeente: Gemeente) -> bytes | None:
    """The gemeente's logo as the upload stores it (a PNG of at most 1200 px). A logo stored
    before uploads were checked goes through the same check; one that fails it (a pixel bomb,
    a broken file) is left off the cover instead of failing every render."""
    if not gemeente.logo:
        return None
    with gemeente.logo.open("rb") as handle:
        data = handle.read()
    try:
        return logo_as_png(data)
    except ValidationError:
        logger.warning("Logo of %s is unusable; the cover goes without it", gemeente.slug)
        return None


def render_execute(*, run: RenderRun) -> None:
    """Task body. The file is written only when the whole render succeeded."""
    if run.status == RenderStatus.DONE and run.file:
        return  # idempotent: a redelivered task finds the work done
    RenderRun.objects.filter(pk=run.pk).update(
        status=RenderStatus.RUNNING,
        progress=10,
        attempts=run.attempts + 1,
        message="Het document wordt opgemaakt",
    )
    try:
        data, extension = _render_bytes(run)
    except Exception as exc:
        logger.exception("Render %s failed", run.uuid)
        if isinstance(exc, TemplateRefused):  # its message is Dutch and meant for the user
            reason = (
                f"Het opmaken is mislukt: het Word-sjabloon van de gemeente is afgewezen. {exc}"
            )
        else:
            reason = f"Het opmaken is mislukt ({type(exc).__name__}: {str(exc)[:200]})."
        RenderRun.objects.filter(pk=run.pk).update(
            status=RenderStatus.FAILED,
            progress=0,
            finished_at=timezone.now(),
            message=f"{reason} Eerdere versies blijven beschikbaar.",
        )
        return
    version = run.version
    name = (
        slugify(f"{version.document_title} {version.project.gemeente.name} {version.label}")
        + f".{extension}"
    )
    run.file.save(name, ContentFile(data), save=False)
    RenderRun.objects.filter(pk=run.pk).update(
        file=run.file.name,
        status=RenderStatus.DONE,
        progress=100,
        message="Klaar",
        finished_at=timezone.now(),
    )


RENDER_INTERRUPTED = (
    "Het opmaken is afgebroken doordat de app opnieuw is gestart. Vraag het document opnieuw "
    "aan; eerdere versies blijven beschikbaar."
)


def renders_interrupted_fail(*, before: datetime.datetime) -> int:
    """Fail the renders a previous app process left busy: render_request would otherwise
    hand out such a run forever (config/background.py calls this; only without a broker)."""
    with scopes_disabled():  # every gemeente's renders: the process served them all
        return RenderRun.objects.filter(
            status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING], created_at__lt=before
        ).update(
            status=RenderStatus.FAILED,
            progress=0,
            message=RENDER_INTERRUPTED,
            finished_at=timezone.now(),
        )


@transaction.atomic
def version_finalize_by_college(
    *,
    actor,
    version: ReportVersion,
    decided_on: datetime.date | None,
    number: str,
    confirmed: bool,
) -> ReportVersion:
    """Record that the college vastgesteld this concept of the veiligheidsanalyse, the
    uitvoeringsprogramma or the voortgangsrapportage (as jaarverslag), on its collegebesluit
    (date and number); the user confirms it naming the version, because the final version
    cannot be undone. For the uitvoeringsprogramma the collegebesluit of that year is the one
    the controle (step 11) knows: recorded here when it is new, matched when it is there."""
    number = (number or "").strip()
    if version.document not in COLLEGE_DOCUMENTS:
        raise ValidationError(
            "Het college stelt hier alleen de veiligheidsanalyse, het uitvoeringsprogramma en "
            "de voortgangsrapportage vast."
        )
    if version.final:
        raise ValidationError("Deze versie is al vastgesteld.")
    later = final_after(version)
    if later is not None and later != final_of(version):  # final_of: a double click
        name = DocumentKind(version.document).label.lower()
        raise ValidationError(
            f"Van de {name} is al een latere versie gemaakt ({later.label}); "
            f"{version.label} stelt het college niet meer vast."
        )
    errors = {}
    if decided_on is None:
        errors["decided_on"] = "Geef de datum van het collegebesluit."
    elif decided_on > timezone.localdate():
        errors["decided_on"] = "Het collegebesluit kan niet in de toekomst liggen."
    if not number:
        errors["number"] = "Geef het nummer of kenmerk van het collegebesluit."
    if not confirmed:
        errors["confirmed"] = f"Bevestig dat {version.label} is vastgesteld door het college."
    if errors:
        raise ValidationError(errors)
    if version.document == DocumentKind.UITVOERINGSPROGRAMMA and final_of(version) is None:
        yearly_college_besluit(actor=actor, version=version, decided_on=decided_on, number=number)
    return version_finalize(
        actor=actor,
        version=version,
        finalized_as=FinalKind.COLLEGE,
        college_decided_on=decided_on,
        college_decision_number=number[:80],
    )


@transaction.atomic
def final_files_ensure(*, actor, version: ReportVersion) -> list[RenderRun]:
    """A vastgestelde version always has its PDF and DOCX: request the ones that are missing
    or failed (render_request reuses a finished or running one). Idempotent."""
    if not version.final:
        raise ValidationError("Alleen een vastgestelde versie krijgt vaste bestanden.")
    return [
        render_request(actor=actor, version=version, fmt=fmt)
        for fmt in final_files_missing(version)
    ]


def final_files_check() -> int:
    """The daily check (reports.tasks): every vastgestelde version gets the PDF and DOCX it
    lacks. Returns how many renders were requested."""
    requested = 0
    finals = ReportVersion.objects.filter(major__gte=1, minor=0).select_related("project")
    for version in finals:
        if final_files_missing(version):
            requested += len(final_files_ensure(actor=None, version=version))
    return requested


def renders_mark_outdated(*, gemeente: Gemeente, formats: list[str]) -> int:
    """The gemeente changed its Word template or house style: the finished files of its
    concept versions in these formats are outdated, so the next request makes them anew.
    A vastgestelde version keeps its files as they were adopted (minor 0 is final)."""
    return RenderRun.objects.filter(
        version__project__gemeente=gemeente,
        version__minor__gte=1,
        format__in=formats,
        status=RenderStatus.DONE,
    ).update(status=RenderStatus.OUTDATED)


# --- publication and review --------------------------------------------------------------------


def _decision_step(version: ReportVersion, decision_step: int | None) -> int:
    """The raad step a version ter besluitvorming is put to; the document decides it."""
    yearly_decision_check(version)
    if version.document == DocumentKind.RAADSVOORSTEL:
        return _raadsvoorstel_decision_step(version, decision_step)
    expected = DECISION_STEP[DocumentKind(version.document)]
    if version.project.scope == ProjectScope.ANALYSE:
        raise ValidationError(
            {"purpose": "Dit project omvat alleen de veiligheidsanalyse; er is geen raadsbesluit."}
        )
    if version.final:
        raise ValidationError({"purpose": "Deze versie is al vastgesteld."})
    if decision_step not in (None, expected):
        if version.document == DocumentKind.ANALYSE:
            message = (
                "De veiligheidsanalyse gaat alleen ter besluitvorming voor de prioriteiten "
                "(stap 5); de raad stelt haar niet vast."
            )
        else:
            message = "De kadernota gaat ter besluitvorming voor haar vaststelling (stap 9)."
        raise ValidationError({"decision_step": message})
    return expected


def _raadsvoorstel_decision_step(version: ReportVersion, decision_step: int | None) -> int:
    """A raadsvoorstel goes ter besluitvorming for its own step: the occasion it was drafted
    for (RAADSVOORSTEL_DECISION_STEP; the actualisatie is decided as step 9, the kadernota's)."""
    expected = RAADSVOORSTEL_DECISION_STEP.get(version.part)
    if expected is None:
        raise ValidationError({"purpose": "Dit raadsvoorstel hoort bij geen besluit van de raad."})
    if version.project.scope == ProjectScope.ANALYSE:
        raise ValidationError(
            {"purpose": "Dit project omvat alleen de veiligheidsanalyse; er is geen raadsbesluit."}
        )
    if version.final:
        raise ValidationError({"purpose": "Deze versie is al vastgesteld."})
    if decision_step not in (None, expected):
        raise ValidationError(
            {
                "decision_step": "Dit raadsvoorstel gaat ter besluitvorming voor het besluit "
                f"van stap {expected}."
            }
        )
    return expected


def _publication_checks(
    *,
    version: ReportVersion,
    audience: str,
    purpose: str,
    closes_on: datetime.date | None,
    decision_step: int | None,
    recipients: list,
) -> dict:
    """The fields of a valid publication, or a ValidationError naming each wrong field."""
    if audience not in Audience.values:
        raise ValidationError({"audience": "Kies de raad, de werkgroep of genoemde partners."})
    if purpose not in PublicationPurpose.values:
        raise ValidationError(
            {"purpose": "Kies ter informatie, ter consultatie of ter besluitvorming."}
        )
    fields: dict = {"closes_on": None, "decision_step": None}
    if purpose == PublicationPurpose.CONSULTATIE:
        if closes_on is None:
            raise ValidationError(
                {"closes_on": "Geef aan tot wanneer vragen gesteld kunnen worden."}
            )
        if closes_on < timezone.localdate():
            raise ValidationError({"closes_on": "De sluitingsdatum ligt in het verleden."})
        fields["closes_on"] = closes_on
    if purpose == PublicationPurpose.BESLUITVORMING:
        if audience != Audience.RAAD:
            raise ValidationError({"audience": "Ter besluitvorming gaat een versie naar de raad."})
        if version.edition:
            # Every raad decides on the same joint plan, and the vastgestelde version made on
            # the last raad's decision goes to every raad (vaststelling.decision_apply).
            raise ValidationError(
                {
                    "purpose": "Ter besluitvorming gaat het hele plan: elke raad besluit over "
                    "hetzelfde gezamenlijke plan. Publiceer een editie ter informatie of ter "
                    "consultatie."
                }
            )
        fields["decision_step"] = _decision_step(version, decision_step)
        try:
            kadernota_complete_check(version.snapshot, action="ter besluitvorming naar de raad")
        except ValidationError as error:
            raise ValidationError({"purpose": error.messages}) from error
    if audience == Audience.PARTNERS:
        if not recipients:
            raise ValidationError({"recipients": "Kies ten minste één partner."})
        allowed = partner_users(version.project.gemeente).filter(
            pk__in=[user.pk for user in recipients]
        )
        if allowed.count() != len({user.pk for user in recipients}):
            raise ValidationError(
                {"recipients": "Alleen partners van de gemeente kunnen een versie ontvangen."}
            )
    return fields


def _raad_of(project, audience: str, gemeente):
    """Whose raad a publication is for: None for the werkgroep and partners."""
    if audience != Audience.RAAD:
        return None
    gemeente = gemeente or project.gemeente
    if gemeente.pk not in project_gemeente_ids(project):
        raise ValidationError(f"De raad van {gemeente.name} hoort niet bij dit plan.")
    return gemeente


def _edition_raad_check(version: ReportVersion, raad_of) -> None:
    """A gemeente's edition of a joint plan goes only to that gemeente's own raad."""
    if not version.edition or raad_of is None or raad_of.cbs_code == version.edition:
        return
    own = local_chapters.edition_gemeente(version.project, version.edition)
    name = own.name if own is not None else version.edition
    raise ValidationError(
        {
            "raad": f"De editie van {name} gaat alleen naar de raad van {name}, niet naar de "
            f"raad van {raad_of.name}. Publiceer voor die raad het hele plan of de eigen "
            "editie van die gemeente."
        }
    )


@transaction.atomic
def publish(
    *,
    actor,
    version: ReportVersion,
    audience: str,
    purpose: str = PublicationPurpose.INFORMATIE,
    closes_on: datetime.date | None = None,
    decision_step: int | None = None,
    recipients: list | None = None,
    note: str = "",
    gemeente=None,
) -> Publication:
    """Put any version (concept or final) before the raad, the werkgroep or named partners
    with a purpose, at any step. The same version to the same audience with the same purpose
    again makes nothing new; for named partners it adds the new recipients. Each reader who
    wants it gets one e-mail (reports.mails), after the commit.

    For the raad, ``gemeente`` says whose raad (by default the project's gemeente): in a
    joint plan each raad gets its own publication, and must be one of the plan's."""
    # Partners ticked on the form count only for a publication to named partners.
    recipients = list(recipients or []) if audience == Audience.PARTNERS else []
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError({"note": "Houd de begeleidende tekst korter dan 2.000 tekens."})
    fields = _publication_checks(
        version=version,
        audience=audience,
        purpose=purpose,
        closes_on=closes_on,
        decision_step=decision_step,
        recipients=recipients,
    )
    project = version.project
    raad_of = _raad_of(project, audience, gemeente)
    _edition_raad_check(version, raad_of)
    # Two clicks at once: the second waits here, then finds the first one's publication.
    list(ReportVersion.objects.select_for_update(of=("self",)).filter(pk=version.pk))
    existing = Publication.objects.filter(
        version=version, audience=audience, purpose=purpose, gemeente=raad_of
    ).first()
    if existing is not None:
        if audience == Audience.PARTNERS:
            _recipients_add(actor=actor, publication=existing, recipients=recipients)
        return existing
    publication = Publication.objects.create(
        version=version,
        audience=audience,
        gemeente=raad_of,
        purpose=purpose,
        note=note,
        step=project.current_step,
        published_by=actor,
        **fields,
    )
    publication.recipients.set(recipients)
    detail = {
        "versie": version.label,
        "voor": Audience(audience).label
        + (f" van {raad_of.name}" if raad_of is not None and project.joint else ""),
        "doel": PublicationPurpose(purpose).label,
        "stap": project.current_step,
    }
    if fields["closes_on"]:
        detail["vragen tot en met"] = date_format(fields["closes_on"], "j F Y")
    if fields["decision_step"]:
        detail["besluit in stap"] = fields["decision_step"]
    if recipients:
        detail["partners"] = ", ".join(sorted(user.email for user in recipients))
    audit_record(
        actor=actor, action="versie gepubliceerd", obj=version, project=project, detail=detail
    )
    _mail_after_commit(publication)
    return publication


def _recipients_add(*, actor, publication: Publication, recipients: list) -> None:
    known = set(publication.recipients.values_list("pk", flat=True))
    added = [user for user in recipients if user.pk not in known]
    if not added:
        return
    publication.recipients.add(*added)
    audit_record(
        actor=actor,
        action="partners toegevoegd aan publicatie",
        obj=publication.version,
        project=publication.version.project,
        detail={
            "versie": publication.version.label,
            "partners": ", ".join(sorted(user.email for user in added)),
        },
    )
    _mail_after_commit(publication, [user.pk for user in added])


def _mail_after_commit(publication: Publication, user_ids: list[int] | None = None) -> None:
    from . import tasks

    pk = publication.pk
    transaction.on_commit(lambda: tasks.send_publication_mails.delay(pk, user_ids))


@transaction.atomic
def comment_add(
    *,
    actor,
    version: ReportVersion,
    section_key: str,
    body: str,
    parent: ReviewComment | None = None,
) -> ReviewComment:
    """A question per section from a reader of the version, or an answer from an editor.
    A reader's question is refused once every consultation that put the version before them
    has closed; a version put before them ter informatie or besluitvorming takes questions."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Schrijf een vraag of opmerking."})
    if len(body) > 5000:
        raise ValidationError({"body": "Houd het korter dan 5.000 tekens."})
    role = role_in_project(actor, version.project)
    # A reader asks about the sections they read: a section left out for them is not there.
    reader = role is not None and not role.can_edit
    shown = redacted(version.snapshot) if reader else Snapshot.from_json(version.snapshot)
    if section_key not in {section.key for section in shown.sections}:
        raise ValidationError("Dit hoofdstuk staat niet in deze versie.")
    if parent is not None and (parent.version_id != version.id or parent.parent_id):
        raise ValidationError("U kunt alleen op een vraag in deze versie antwoorden.")
    aftercare_check(actor=actor, version=version, parent=parent)  # a delivered analysis
    if role is not None and not role.can_edit:
        closed = consultation_closed_on(version, role, actor)
        if closed is not None:
            raise ValidationError(f"De consultatie is op {date_format(closed, 'j F Y')} gesloten.")
    comment = ReviewComment.objects.create(
        version=version,
        section_key=section_key,
        author=actor,
        author_label=actor.display_name(version.project.gemeente),
        body=body,
        parent=parent,
    )
    audit_record(
        actor=actor,
        action="antwoord gegeven" if parent else "vraag gesteld",
        obj=comment,
        project=version.project,
        detail={"versie": version.label, "hoofdstuk": section_key},
    )
    return comment
