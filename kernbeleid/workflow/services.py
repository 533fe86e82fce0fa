"""Moving a project through the 12 steps: guards, raad decisions, compare-and-set, audit."""

from collections.abc import Collection
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from projects.models import Project
from projects.services import audit_record

from ..constants import Outcome
from . import transitions
from .models import RaadDecision, StepRecord, StepTransition, Traject
from .selectors import blockers
from .transitions import Blocker

DECISION_EXTENSIONS = {"pdf", "docx", "odt", "doc"}
DECISION_MAX_BYTES = 20 * 1024 * 1024

# Outcomes that send the work back, with the reason recorded.
SENDS_BACK = (Outcome.VERWORPEN, Outcome.GEAMENDEERD)


class TransitionConflict(ValidationError):
    """Someone else moved the project first; the message says where it is now."""


def traject_ensure(*, project: Project) -> Traject:
    traject, created = Traject.objects.get_or_create(project=project)
    if created:
        StepRecord.objects.bulk_create(
            [StepRecord(project=project, step=step) for step in range(1, 13)],
            ignore_conflicts=True,
        )
        StepRecord.objects.filter(project=project, step=project.current_step).update(
            started_at=timezone.now()
        )
    return traject


def _move(*, actor, project: Project, from_step: int, to_step: int, reason: str = "") -> None:
    """Compare-and-set: only one of two simultaneous moves wins."""
    moved = Project.objects.filter(pk=project.pk, current_step=from_step).update(
        current_step=to_step, updated_at=timezone.now()
    )
    if moved != 1:
        current = Project.objects.get(pk=project.pk).current_step
        raise TransitionConflict(
            f"Het project is intussen al verplaatst naar stap {current} "
            f"({transitions.STEP_NAMES[current]}). Vernieuw de pagina."
        )
    now = timezone.now()
    if to_step > from_step:
        StepRecord.objects.filter(
            project=project, step__gte=from_step, step__lt=to_step, completed_at__isnull=True
        ).update(completed_at=now)
    else:
        # Going back reopens the steps that must be done again.
        StepRecord.objects.filter(project=project, step__gte=to_step).update(completed_at=None)
    StepRecord.objects.filter(project=project, step=to_step).update(started_at=now)
    StepTransition.objects.create(
        project=project, from_step=from_step, to_step=to_step, reason=reason, actor=actor
    )
    audit_record(
        actor=actor,
        action="stap teruggezet" if to_step < from_step else "volgende stap",
        obj=project,
        project=project,
        detail={"van": from_step, "naar": to_step, **({"reden": reason} if reason else {})},
    )
    project.current_step = to_step
    sync_next_deadline(project=project)


@transaction.atomic
def project_advance(*, actor, project: Project, expected_step: int) -> int:
    traject = traject_ensure(project=project)
    _expect_step(project, expected_step)
    _refuse_open_points(blockers(project))
    target = transitions.next_step(
        expected_step, scope=project.scope, light_route=traject.light_route, skips=traject.skipped
    )
    if target is None:
        raise ValidationError("Dit is de laatste stap van het traject.")
    _move(actor=actor, project=project, from_step=expected_step, to_step=target)
    return target


@transaction.atomic
def project_send_back(
    *, actor, project: Project, expected_step: int, to_step: int, reason: str
) -> None:
    """Back to an earlier step (e.g. when the draagvlak check asks for a rewrite)."""
    traject_ensure(project=project)
    if not reason.strip():
        raise ValidationError({"reason": "Leg uit waarom het project terug moet."})
    if not 1 <= to_step < expected_step:
        raise ValidationError({"to_step": "Kies een eerdere stap."})
    _move(
        actor=actor,
        project=project,
        from_step=expected_step,
        to_step=to_step,
        reason=reason.strip(),
    )


def _check_document(document: UploadedFile | None) -> None:
    if document is None:
        return
    extension = document.name.rsplit(".", 1)[-1].lower() if "." in document.name else ""
    if extension not in DECISION_EXTENSIONS:
        raise ValidationError({"document": "Upload het besluit als PDF, DOCX of ODT."})
    if document.size > DECISION_MAX_BYTES:
        raise ValidationError({"document": "Het besluitdocument is groter dan 20 MB."})


def _expect_step(project: Project, expected_step: int) -> None:
    """The project still stands where the page showed it; else someone else moved it."""
    project.refresh_from_db()
    if project.current_step != expected_step:
        raise TransitionConflict(
            f"Het project staat al op stap {project.current_step}. Vernieuw de pagina."
        )


def _refuse_open_points(open_points: list[Blocker]) -> None:
    if open_points:
        raise ValidationError([blocker.message for blocker in open_points])


def _decision_check(
    *, project: Project, step: int, decision_date: date, number: str, outcome: str, notes: str
) -> None:
    if step not in transitions.raad_steps_for(project.scope):
        raise ValidationError("In deze stap neemt de raad geen besluit.")
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Kies de uitkomst van het besluit."})
    if decision_date > timezone.localdate():
        raise ValidationError({"decision_date": "Een raadsbesluit ligt niet in de toekomst."})
    if not number.strip():
        raise ValidationError({"number": "Vul het besluitnummer in."})
    if outcome in SENDS_BACK and not notes.strip():
        raise ValidationError(
            {
                "notes": "Leg vast wat de raad verwierp of wijzigde; dat is de "
                "reden waarom het werk opnieuw moet."
            }
        )
    if outcome == Outcome.AANGENOMEN:
        # The decision itself is what is being recorded; the step's own work must be done.
        _refuse_open_points(blockers(project, with_decision=False))


def _decision_follow_up(*, actor, project: Project, traject: Traject, decision: RaadDecision):
    """Move the project where the decision sends it; a rejection that stays on its step
    (step 1) is still written down as a transition, with the reason."""
    step, outcome = decision.step, decision.outcome
    target = transitions.step_after_decision(
        step, outcome, scope=project.scope, light_route=traject.light_route, skips=traject.skipped
    )
    if target == step and outcome not in SENDS_BACK:
        return
    reason = ""
    if outcome != Outcome.AANGENOMEN:
        reason = f"Raad: {decision.get_outcome_display()} ({decision.number}). {decision.notes}"
    if target != step:
        _move(actor=actor, project=project, from_step=step, to_step=target, reason=reason.strip())
    else:
        # Step 1 rejected: the startnotitie is redone within the same step.
        StepTransition.objects.create(
            project=project, from_step=step, to_step=step, reason=reason.strip(), actor=actor
        )


@transaction.atomic
def raad_decision_record(
    *,
    actor,
    project: Project,
    expected_step: int,
    decision_date: date,
    number: str,
    outcome: str,
    notes: str = "",
    document: UploadedFile | None = None,
) -> RaadDecision:
    """Record the raad's decision; it moves the project on, keeps it, or sends it back."""
    traject = traject_ensure(project=project)
    _expect_step(project, expected_step)
    _decision_check(
        project=project,
        step=expected_step,
        decision_date=decision_date,
        number=number,
        outcome=outcome,
        notes=notes,
    )
    _check_document(document)
    decision = RaadDecision(
        project=project,
        step=expected_step,
        date=decision_date,
        number=number.strip(),
        outcome=outcome,
        notes=notes.strip(),
        recorded_by=actor,
    )
    if document is not None:
        decision.document.save(document.name, document, save=False)
    decision.save()
    audit_record(
        actor=actor,
        action="raadsbesluit vastgelegd",
        obj=decision,
        project=project,
        detail={
            "stap": expected_step,
            "uitkomst": outcome,
            "besluitnummer": decision.number,
            "datum": decision_date.isoformat(),
        },
    )
    _decision_follow_up(actor=actor, project=project, traject=traject, decision=decision)
    return decision


@transaction.atomic
def planning_save(*, actor, project: Project, planned: dict[int, date | None]) -> None:
    traject_ensure(project=project)
    records = {record.step: record for record in project.step_records.all()}
    previous = None
    for step in sorted(planned):
        value = planned[step]
        if value and previous and value < previous:
            raise ValidationError(
                f"De geplande datum van stap {step} ligt vóór die van een eerdere stap."
            )
        previous = value or previous
    changes = {}
    for step, value in planned.items():
        record = records[step]
        if record.planned_end != value:
            changes[str(step)] = {
                "van": record.planned_end.isoformat() if record.planned_end else None,
                "naar": value.isoformat() if value else None,
            }
            record.planned_end = value
            record.save(update_fields=["planned_end"])
    if changes:
        audit_record(
            actor=actor, action="planning gewijzigd", obj=project, project=project, detail=changes
        )
        sync_next_deadline(project=project)


def sync_next_deadline(*, project: Project) -> None:
    """The portfolio's 'next deadline': the planned end of the current or a later step."""
    record = (
        StepRecord.objects.filter(
            project=project, step__gte=project.current_step, planned_end__isnull=False
        )
        .order_by("step")
        .first()
    )
    label = f"Stap {record.step}: {transitions.STEP_NAMES[record.step]}" if record else ""
    Project.objects.filter(pk=project.pk).update(
        next_deadline=record.planned_end if record else None, next_deadline_label=label
    )


@transaction.atomic
def light_route_set(
    *, actor, project: Project, light_route: bool, skipped_steps: Collection[int] | None = None
) -> None:
    """Choose the route and, on the light route, the steps the project leaves out (its own
    choice; None keeps the steps chosen before)."""
    traject = traject_ensure(project=project)
    skips = set(traject.skipped_steps if skipped_steps is None else skipped_steps)
    not_allowed = skips - transitions.SKIPPABLE
    if not_allowed:
        raise ValidationError(
            f"Stap {', '.join(str(step) for step in sorted(not_allowed))} kan niet vervallen; "
            "alleen stap 3, 6 en 8 kunnen worden overgeslagen."
        )
    if light_route and not skips:
        raise ValidationError(
            "Kies welke stappen de lichte route overslaat, of kies de volledige route."
        )
    if light_route and project.current_step in skips:
        raise ValidationError(
            f"Het project staat op stap {project.current_step}, die de lichte route zou "
            "overslaan; rond die stap eerst af."
        )
    route_changed = traject.light_route != light_route
    skips_changed = light_route and skips != set(traject.skipped_steps)
    if not route_changed and not skips_changed:
        return
    traject.light_route = light_route
    if light_route:  # the full route keeps the earlier choice, for when it returns
        traject.skipped_steps = sorted(skips)
    traject.save(update_fields=["light_route", "skipped_steps"])
    audit_record(
        actor=actor,
        action=("lichte route " + ("aan" if light_route else "uit"))
        if route_changed
        else "lichte route: andere stappen",
        obj=traject,
        project=project,
        detail={"overgeslagen stappen": sorted(skips)} if light_route else {},
    )
