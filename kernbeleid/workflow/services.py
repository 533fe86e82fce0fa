"""Moving a project through the 12 steps: guards, raad decisions, compare-and-set, audit."""

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
from .transitions import Blocker

DECISION_EXTENSIONS = {"pdf", "docx", "odt", "doc"}
DECISION_MAX_BYTES = 20 * 1024 * 1024


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


def blockers(
    project: Project, *, today: date | None = None, with_decision: bool = True
) -> list[Blocker]:
    """What keeps the current step from closing. For a raad step the missing decision is
    itself a blocker, unless `with_decision` is False (when that decision is being recorded)."""
    from analysis.models import AnalysisField, AnalysisTheme

    from ..products import selectors as products

    today = today or timezone.localdate()
    step = project.current_step
    found: list[Blocker] = []
    if step == 1:
        startnotitie = getattr(project, "startnotitie", None)
        if startnotitie is None or not startnotitie.scope.strip():
            found.append(
                Blocker(
                    "De startnotitie heeft nog geen reikwijdte en doel.", "ambtenaar of adviseur"
                )
            )
    elif step == 2:
        if not products.werkgroep_external_organisations(project):
            found.append(
                Blocker(
                    "De werkgroep heeft nog geen partners van buiten de gemeente "
                    "(zoals politie of brandweer).",
                    "ambtenaar of adviseur",
                )
            )
    elif step == 3:
        if not products.startbijeenkomst_held(project, today):
            found.append(
                Blocker(
                    "De startbijeenkomst is nog niet gehouden of heeft nog geen verslag.",
                    "werkgroep",
                )
            )
    elif step == 4:
        fields = AnalysisField.objects.filter(project=project, hidden=False)
        open_fields = [field.name for field in fields if field.status != "definitief"]
        if not fields.exists():
            found.append(Blocker("De veiligheidsanalyse is nog niet begonnen.", "werkgroep"))
        elif open_fields:
            found.append(
                Blocker(
                    f"Nog niet definitief in de veiligheidsanalyse: {', '.join(open_fields)}.",
                    "werkgroep",
                )
            )
        if not AnalysisTheme.objects.filter(
            field__project=project, proposed_priority=True
        ).exists():
            found.append(Blocker("Er is nog geen voorstel voor prioriteiten.", "werkgroep"))
    elif step == 5:
        if not AnalysisTheme.objects.filter(
            field__project=project, proposed_priority=True
        ).exists():
            found.append(
                Blocker(
                    "Er is geen prioriteitenvoorstel om aan de raad voor te leggen.", "werkgroep"
                )
            )
    elif step == 6:
        if not products.beleidsvragen_answered(project, ["aanpak", "borging"]):
            found.append(
                Blocker(
                    "De beleidsvragen over aanpak en borging zijn nog niet beantwoord.", "werkgroep"
                )
            )
    elif step in (7, 9):
        for missing in products.kadernota_ready(project):
            found.append(Blocker(f"Kadernota: {missing}", "werkgroep (ambtelijk)"))
    elif step == 8:
        missing = products.draagvlak_missing(project)
        if missing:
            found.append(
                Blocker(
                    "Nog geen reactie van: " + ", ".join(missing) + ".", "partners in de werkgroep"
                )
            )
    elif step in (10, 11):
        if not project.actions.exists():
            found.append(
                Blocker(
                    "Het uitvoeringsprogramma heeft nog geen acties.",
                    "het college (ambtelijk voorbereid)",
                )
            )
    if with_decision and step in transitions.RAAD_STEPS:
        found.append(
            Blocker(
                "Deze stap sluit met een raadsbesluit; leg dat vast.",
                "ambtenaar of adviseur, na het besluit van de raad",
            )
        )
    return found


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
    project.refresh_from_db()
    if project.current_step != expected_step:
        raise TransitionConflict(
            f"Het project staat al op stap {project.current_step}. Vernieuw de pagina."
        )
    open_points = [blocker.message for blocker in blockers(project)]
    if open_points:
        raise ValidationError(open_points)
    target = transitions.next_step(
        expected_step, scope=project.scope, light_route=traject.light_route
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
    project.refresh_from_db()
    if project.current_step != expected_step:
        raise TransitionConflict(
            f"Het project staat al op stap {project.current_step}. Vernieuw de pagina."
        )
    if expected_step not in transitions.RAAD_STEPS:
        raise ValidationError("In deze stap neemt de raad geen besluit.")
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Kies de uitkomst van het besluit."})
    if decision_date > timezone.localdate():
        raise ValidationError({"decision_date": "Een raadsbesluit ligt niet in de toekomst."})
    if not number.strip():
        raise ValidationError({"number": "Vul het besluitnummer in."})
    if outcome in (Outcome.VERWORPEN, Outcome.GEAMENDEERD) and not notes.strip():
        raise ValidationError(
            {
                "notes": "Leg vast wat de raad verwierp of wijzigde; dat is de "
                "reden waarom het werk opnieuw moet."
            }
        )
    if outcome == Outcome.AANGENOMEN:
        open_points = [b.message for b in blockers(project) if "raadsbesluit" not in b.message]
        if open_points:
            raise ValidationError(open_points)
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
    target = transitions.step_after_decision(
        expected_step, outcome, scope=project.scope, light_route=traject.light_route
    )
    if target != expected_step or outcome in (Outcome.VERWORPEN, Outcome.GEAMENDEERD):
        reason = ""
        if outcome != Outcome.AANGENOMEN:
            reason = f"Raad: {decision.get_outcome_display()} ({decision.number}). {notes}"
        if target != expected_step:
            _move(
                actor=actor,
                project=project,
                from_step=expected_step,
                to_step=target,
                reason=reason.strip(),
            )
        else:
            # Step 1 rejected: the startnotitie is redone within the same step.
            StepTransition.objects.create(
                project=project,
                from_step=expected_step,
                to_step=expected_step,
                reason=reason.strip(),
                actor=actor,
            )
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
def light_route_set(*, actor, project: Project, light_route: bool) -> None:
    traject = traject_ensure(project=project)
    if traject.light_route == light_route:
        return
    if light_route and project.current_step in transitions.LIGHT_SKIPS:
        raise ValidationError(
            "Het project staat op een stap die de lichte route overslaat; rond die eerst af."
        )
    traject.light_route = light_route
    traject.save(update_fields=["light_route"])
    audit_record(
        actor=actor,
        action="lichte route " + ("aan" if light_route else "uit"),
        obj=traject,
        project=project,
    )
