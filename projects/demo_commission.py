"""Amsterdam's analysis-only commission in the demo: the bureau is commissioned, agrees the
outline (and a change to it), writes the analysis from the figures, delivers it, and answers a
question in the aftercare period that is running now. No raad is involved."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from analysis.figures.demo import demo_survey_load
from kernbeleid.models import Opdracht, StepRecord, StepTransition
from reports.constants import AgreementStatus, DocumentKind, FinalKind, SectionSource
from reports.kadernota_appendix import colofon_stamp
from reports.models import (
    Delivery,
    OutlineAgreement,
    ReportStructure,
    ReportVersion,
    StructureSection,
)
from reports.selectors import structure_for
from reports.services import structure_copy, version_finalize

from . import demo_traject_texts as texts
from .constants import ANALYSE_LAST_STEP, ProjectScope
from .demo_dating import dated, days_ago, demo_user, history_moved, moment
from .demo_participatie import demo_participatie_load
from .demo_traject import analysis_write, comment_row, renders_make, version_dated
from .models import Gemeente, Project
from .services import audit_record, project_create

AMSTERDAM = "GM0363"
NAME = "Veiligheidsanalyse 2027 Amsterdam"
AFTERCARE_SECTION = "thema-1.4"  # the question is about the veiligheidsgevoel


def demo_commission_load() -> list[str]:
    gemeente = Gemeente.objects.get(cbs_code=AMSTERDAM)
    if Project.objects.filter(gemeente=gemeente, name=NAME).exists():
        return [f"Amsterdam: {NAME} bestaat al; niets gewijzigd."]
    with transaction.atomic():
        _commission(gemeente, timezone.localdate())
    return [f"Amsterdam: {NAME} opgeleverd; de nazorg loopt."]


def _outline(structure: ReportStructure) -> list[dict]:
    """The sections as agreed: what a later change is compared with."""
    return [
        {"title": section.title, "source": section.source, "numbered": section.numbered}
        for section in structure.sections.all()
    ]


def _commission(gemeente: Gemeente, today: date) -> None:
    adviseur = demo_user("adviseur@veilig-advies.nl")
    ambtenaar = demo_user(f"ambtenaar@{gemeente.slug}.demo.nl")
    day = {
        "commissioned": days_ago(today, 150),
        "outline": days_ago(today, 136),
        "figures": days_ago(today, 130),
        "change": days_ago(today, 110),
        "change_agreed": days_ago(today, 104),
        "written": days_ago(today, 45),
        "delivered": days_ago(today, 30),
        "question": days_ago(today, 12),
        "answer": days_ago(today, 10),
    }
    project = project_create(
        actor=adviseur,
        gemeente=gemeente,
        name=NAME,
        scope=ProjectScope.ANALYSE,
        period_start=2027,
        period_end=2030,
    )
    history_moved(project, created=day["commissioned"], figures=day["figures"])
    with dated(project, day["commissioned"]):
        # Rows dated in the story's past (the services record today's date).
        opdracht = Opdracht.objects.create(
            project=project,
            opdrachtgever=texts.OPDRACHTGEVER,
            commissioned_on=day["commissioned"],
            deliverables=texts.OPDRACHT_DELIVERABLES,
            aftercare_months=3,
        )
        audit_record(
            actor=adviseur,
            action="opdracht vastgelegd",
            obj=opdracht,
            project=project,
            detail={"opdrachtgever": opdracht.opdrachtgever, "nazorg in maanden": 3},
        )
        structure = structure_copy(
            actor=adviseur,
            project=project,
            document=DocumentKind.ANALYSE,
            source=structure_for(project, DocumentKind.ANALYSE),
            name="Opzet veiligheidsanalyse Amsterdam",
        )
        _steps(project, adviseur, day["commissioned"])
    _outline_agreed(project, adviseur, structure, number=1, day=day["outline"])
    with dated(project, day["figures"]):
        demo_survey_load(project)
    with dated(project, day["change"]):
        change = OutlineAgreement.objects.create(
            project=project,
            document=DocumentKind.ANALYSE,
            number=2,
            structure=structure,
            sections=_outline(structure),
            status=AgreementStatus.PROPOSED,
            change_reason=texts.OUTLINE_CHANGE_REASON,
            recorded_by=adviseur,
        )
        audit_record(
            actor=adviseur,
            action="wijziging opzet voorgesteld",
            obj=change,
            project=project,
            detail={"versie van de opzet": 2, "reden": texts.OUTLINE_CHANGE_REASON},
        )
        _section_after_conclusions(project, adviseur, structure)
    _outline_agreed(project, adviseur, structure, number=2, day=day["change_agreed"])
    demo_participatie_load(project, ambtenaar, before=day["written"])
    analysis_write(project, adviseur, when=day["written"])
    _deliver(project, adviseur, ambtenaar, day)


def _steps(project: Project, actor, day: date) -> None:
    """The commission stands in for the raadsbesluit, werkgroep and startbijeenkomst: the
    project goes straight to the analysis."""
    # The analysis-only route has steps 1 and 4; the demo writes its one move directly.
    StepRecord.objects.filter(project=project, step__lt=ANALYSE_LAST_STEP).update(
        started_at=moment(day, 9), completed_at=moment(day, 9)
    )
    StepRecord.objects.filter(project=project, step=ANALYSE_LAST_STEP).update(
        started_at=moment(day, 9)
    )
    reason = "Opdracht voor alleen de veiligheidsanalyse: geen raadsbesluit, werkgroep of start."
    StepTransition.objects.create(
        project=project, from_step=1, to_step=ANALYSE_LAST_STEP, reason=reason, actor=actor
    )
    Project.objects.filter(pk=project.pk).update(current_step=ANALYSE_LAST_STEP)


def _outline_agreed(project, actor, structure, *, number: int, day: date) -> None:
    with dated(project, day):
        agreement, _ = OutlineAgreement.objects.update_or_create(
            project=project,
            document=DocumentKind.ANALYSE,
            number=number,
            defaults={
                "structure": structure,
                "sections": _outline(structure),
                "status": AgreementStatus.AGREED,
                "agreed_by_name": texts.OUTLINE_AGREED_BY,
                "agreed_on": day,
                "recorded_by": actor,
            },
        )
        audit_record(
            actor=actor,
            action="opzet afgesproken",
            obj=agreement,
            project=project,
            detail={"versie van de opzet": number, "akkoord van": texts.OUTLINE_AGREED_BY},
        )


def _section_after_conclusions(project, actor, structure: ReportStructure) -> None:
    """The chapter the gemeente asked for, placed right after the conclusions."""
    conclusions = structure.sections.get(source=SectionSource.PRIORITEITEN)
    structure.sections.filter(position__gt=conclusions.position).update(position=F("position") + 1)
    section = StructureSection.objects.create(
        structure=structure,
        position=conclusions.position + 1,
        source=SectionSource.FIXED,
        **texts.OUTLINE_EXTRA_SECTION,
    )
    audit_record(
        actor=actor,
        action="hoofdstuk toegevoegd",
        obj=section,
        project=project,
        detail={"structuur": structure.name, "titel": section.title},
    )


def _deliver(project: Project, adviseur, ambtenaar, day: dict[str, date]) -> None:
    """The analysis made final as opgeleverd (with its PDF and DOCX), the delivery with three
    months of aftercare, and a question in it answered."""
    concept = version_dated(project, adviseur, DocumentKind.ANALYSE, day["written"])
    delivered = day["delivered"]
    with dated(project, delivered):
        final = version_finalize(actor=adviseur, version=concept, finalized_as=FinalKind.OPGELEVERD)
        final.snapshot = colofon_stamp(dict(final.snapshot, date=delivered.isoformat()))
        ReportVersion.objects.filter(pk=final.pk).update(snapshot=final.snapshot)
        renders_make(final)
        # A row: analysis_deliver dates the aftercare from today's checks.
        delivery = Delivery.objects.create(
            project=project,
            version=final,
            delivered_on=delivered,
            delivered_to=texts.OPDRACHTGEVER,
            aftercare_until=delivered + relativedelta(months=project.opdracht.aftercare_months),
            recorded_by=adviseur,
        )
        audit_record(
            actor=adviseur,
            action="oplevering vastgelegd",
            obj=delivery,
            project=project,
            detail={
                "versie": final.label,
                "nazorg tot en met": delivery.aftercare_until.isoformat(),
            },
        )
    Project.objects.filter(pk=project.pk).update(
        next_deadline=delivery.aftercare_until, next_deadline_label="Einde nazorg"
    )
    with dated(project, day["question"], 11):
        question = comment_row(
            actor=ambtenaar,
            version=final,
            section_key=AFTERCARE_SECTION,
            body=texts.AFTERCARE_QUESTION,
        )
    with dated(project, day["answer"], 15):
        comment_row(
            actor=adviseur,
            version=final,
            section_key=AFTERCARE_SECTION,
            body=texts.AFTERCARE_ANSWER,
            parent=question,
        )
