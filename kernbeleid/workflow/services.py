"""Moving a project through the 12 steps: guards, raad decisions (with their amendementen
and moties), compare-and-set, audit."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from projects.constants import step_name
from projects.models import Gemeente, Project
from projects.scopes import project_gemeente_ids
from projects.services import audit_record
from reports import vaststelling

from ..constants import DecisionKind, MotieOutcome, Outcome
from . import transitions
from .documents import check_decision_document
from .models import (
    Amendment,
    Motie,
    RaadDecision,
    RaadKennisname,
    StepRecord,
    StepTransition,
    Traject,
)
from .raden import REJECT_LOCAL, REJECT_SHARED, raad_status
from .selectors import blockers, route_of
from .transitions import Blocker

# The step whose moties come with the raad's controle (a kennisname), not with a decision.
CONTROLE_STEP = 11


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


def _move(
    *,
    actor,
    project: Project,
    from_step: int,
    to_step: int,
    reason: str = "",
    keep_decision: RaadDecision | None = None,
) -> None:
    """Compare-and-set: only one of two simultaneous moves wins."""
    moved = Project.objects.filter(pk=project.pk, current_step=from_step).update(
        current_step=to_step, updated_at=timezone.now()
    )
    if moved != 1:
        current = Project.objects.get(pk=project.pk).current_step
        raise TransitionConflict(
            f"Het project is intussen al verplaatst naar stap {current} "
            f"({step_name(current, project.scope)}). Vernieuw de pagina."
        )
    now = timezone.now()
    if to_step > from_step:
        StepRecord.objects.filter(
            project=project, step__gte=from_step, step__lt=to_step, completed_at__isnull=True
        ).update(completed_at=now)
    else:
        # Going back reopens the steps that must be done again; the raad's decisions on them
        # no longer stand (the one that sent the project back stands until a new one).
        StepRecord.objects.filter(project=project, step__gte=to_step).update(completed_at=None)
        _supersede_reopened(
            project=project, to_step=to_step, reason=reason, keep=keep_decision, now=now
        )
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


def _supersede_reopened(
    *, project: Project, to_step: int, reason: str, keep: RaadDecision | None, now
) -> None:
    standing = RaadDecision.objects.filter(
        project=project, step__gte=to_step, superseded_at__isnull=True
    )
    if keep is not None:
        standing = standing.exclude(pk=keep.pk)
    why = f"Project teruggezet naar stap {to_step}"
    why = f"{why}: {reason}" if reason else f"{why}."
    standing.update(superseded_at=now, superseded_reason=why[:300])


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
    """Back to an earlier step of the project's route (e.g. when the draagvlak check asks
    for a rewrite); a step the route leaves out has no work to redo."""
    traject = traject_ensure(project=project)
    if not reason.strip():
        raise ValidationError({"reason": "Leg uit waarom het project terug moet."})
    if not 1 <= to_step < expected_step:
        raise ValidationError({"to_step": "Kies een eerdere stap."})
    _refuse_off_route(project, traject, [to_step], field="to_step")
    _move(
        actor=actor,
        project=project,
        from_step=expected_step,
        to_step=to_step,
        reason=reason.strip(),
    )


def _refuse_off_route(
    project: Project, traject: Traject, steps: Collection[int], *, field: str | None = None
) -> None:
    route = route_of(project, traject)
    for step in sorted(steps):
        if step not in route:
            reason = transitions.off_route_reason(
                step, scope=project.scope, light_route=traject.light_route
            )
            raise ValidationError({field: reason} if field else reason)


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


# --- raad decisions --------------------------------------------------------------------------


@dataclass(frozen=True)
class AmendmentInput:
    """One amendement as the form gives it."""

    number: str
    part: str
    text: str


def step_started_on(project: Project, step: int) -> date | None:
    """The local date on which the project last entered `step`, if it has."""
    record = StepRecord.objects.filter(project=project, step=step).first()
    if record is None or record.started_at is None:
        return None
    return timezone.localtime(record.started_at).date()


def _kind_check(project: Project, step: int, kind: str) -> None:
    if step not in transitions.raad_steps_for(project.scope):
        if step == CONTROLE_STEP:
            raise ValidationError(
                "Stap 11 is de controle door de raad: de raad neemt kennis van het "
                "uitvoeringsprogramma en stelt vragen, maar neemt hier geen raadsbesluit."
            )
        raise ValidationError("In deze stap neemt de raad geen besluit.")
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": "Kies hoe de raad zich over het voorstel uitsprak."})
    if kind not in transitions.DECISION_KINDS[step]:
        raise ValidationError(
            {
                "kind": f"Stap {step} vraagt een raadsbesluit: de raad stelt de kadernota "
                "vast. Een raadsinformatiebrief, consultatie of bijeenkomst is hier niet genoeg."
            }
        )


def _date_check(project: Project, step: int, decision_date: date) -> None:
    if decision_date > timezone.localdate():
        raise ValidationError(
            {"decision_date": "Een besluit van de raad ligt niet in de toekomst."}
        )
    started = step_started_on(project, step)
    if started is not None and decision_date < started:
        raise ValidationError(
            {
                "decision_date": f"Stap {step} begon op {date_format(started, 'j F Y')}; "
                "een besluit van de raad over deze stap ligt niet daarvóór."
            }
        )


def _amendments_check(outcome: str, amendments: list[AmendmentInput]) -> None:
    if outcome != Outcome.GEAMENDEERD:
        if amendments:
            raise ValidationError(
                "Amendementen horen bij de uitkomst ‘aangenomen met amendementen’."
            )
        return
    if not amendments:
        raise ValidationError(
            "Leg bij ‘aangenomen met amendementen’ elk aangenomen amendement vast: nummer, "
            "het onderdeel dat het wijzigt en de tekst."
        )
    for amendment in amendments:
        if not (amendment.number.strip() and amendment.part.strip() and amendment.text.strip()):
            raise ValidationError(
                "Vul bij elk amendement het nummer, het onderdeel dat het wijzigt en de tekst in."
            )


def _decision_check(
    *,
    project: Project,
    step: int,
    kind: str,
    decision_date: date,
    number: str,
    outcome: str,
    notes: str,
    amendments: list[AmendmentInput],
) -> None:
    _kind_check(project, step, kind)
    _date_check(project, step, decision_date)
    if kind == DecisionKind.RAADSBESLUIT:
        if not number.strip():
            raise ValidationError({"number": "Vul het besluitnummer in."})
        if outcome not in Outcome.values:
            raise ValidationError({"outcome": "Kies de uitkomst van het besluit."})
        if outcome == Outcome.VERWORPEN and not notes.strip():
            raise ValidationError(
                {
                    "notes": "Leg vast waarom de raad het voorstel verwierp; dat is de reden "
                    "waarom het werk opnieuw moet."
                }
            )
    elif outcome:
        raise ValidationError(
            {
                "outcome": f"Een {DecisionKind(kind).label} heeft geen uitkomst; kies "
                "‘raadsbesluit’ als de raad over het voorstel stemde."
            }
        )
    _amendments_check(outcome, amendments)
    if outcome in transitions.ADOPTED or kind != DecisionKind.RAADSBESLUIT:
        # The step proceeds on this decision, so the step's own work must be done.
        _refuse_open_points(blockers(project, with_decision=False))


def _same_raad(project: Project, gemeente_id: int) -> Q:
    """The decisions of one raad: a decision without a gemeente was the project's own."""
    raad = Q(gemeente_id=gemeente_id)
    return raad | Q(gemeente__isnull=True) if gemeente_id == project.gemeente_id else raad


def _supersede_earlier(decision: RaadDecision) -> None:
    """A new decision on a step replaces the earlier ones of that step by the same raad (a
    postponed one, or one a send-back already made void)."""
    earlier = (
        RaadDecision.objects.filter(
            project=decision.project, step=decision.step, superseded_by__isnull=True
        )
        .filter(_same_raad(decision.project, decision.gemeente_id))
        .exclude(pk=decision.pk)
    )
    earlier.filter(superseded_at__isnull=True).update(
        superseded_at=timezone.now(), superseded_reason=f"Vervangen door {decision}."[:300]
    )
    earlier.update(superseded_by=decision)


def _joint_follow_up(*, actor, project: Project, decision: RaadDecision, rejection: str) -> bool:
    """In a joint plan one raad's decision moves the plan only with the others. Returns True
    when the caller should move the plan as for a single raad: every raad adopted, or a
    rejection sends the shared text back for all. Otherwise the plan stays on its step."""
    raad = decision.gemeente.name
    if decision.outcome == Outcome.VERWORPEN:
        if rejection == REJECT_SHARED:
            # The shared text gets a new version: every raad decides on it again.
            RaadDecision.objects.filter(
                project=project, step=decision.step, superseded_at__isnull=True
            ).exclude(pk=decision.pk).update(
                superseded_at=timezone.now(),
                superseded_reason=f"De raad van {raad} verwierp het gezamenlijke voorstel; "
                "de gedeelde tekst krijgt een nieuwe versie waarover alle raden opnieuw "
                "besluiten.",
            )
            return True
        StepTransition.objects.create(
            project=project,
            from_step=decision.step,
            to_step=decision.step,
            reason=f"Raad van {raad}: verworpen ({decision.number}). Het lokale hoofdstuk "
            f"van {raad} gaat terug; de besluiten van de andere raden blijven staan. "
            f"{decision.notes}".strip(),
            actor=actor,
        )
        return False
    if decision.outcome == Outcome.AANGEHOUDEN:
        return False
    return raad_status(project, decision.step).complete


def _decision_follow_up(
    *,
    actor,
    project: Project,
    traject: Traject,
    decision: RaadDecision,
    rejection: str = REJECT_SHARED,
):
    """Move the project where the decision sends it; a rejection that stays on its step
    (step 1) is still written down as a transition, with the reason."""
    if project.joint and not _joint_follow_up(
        actor=actor, project=project, decision=decision, rejection=rejection
    ):
        return
    step, outcome = decision.step, decision.outcome
    target = transitions.step_after_decision(
        step, outcome, scope=project.scope, light_route=traject.light_route, skips=traject.skipped
    )
    if outcome != Outcome.VERWORPEN:
        if target != step:
            _move(actor=actor, project=project, from_step=step, to_step=target)
        return
    raad = f"Raad van {decision.gemeente.name}" if project.joint else "Raad"
    reason = f"{raad}: {decision.get_outcome_display()} ({decision.number}). {decision.notes}"
    if target != step:
        _move(
            actor=actor,
            project=project,
            from_step=step,
            to_step=target,
            reason=reason.strip(),
            keep_decision=decision,
        )
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
    number: str = "",
    outcome: str = "",
    kind: str = DecisionKind.RAADSBESLUIT,
    notes: str = "",
    document: UploadedFile | None = None,
    amendments: list[AmendmentInput] | None = None,
    confirmed: bool = False,
    gemeente: Gemeente | None = None,
    rejection: str = REJECT_SHARED,
) -> RaadDecision:
    """Record how the raad spoke on the proposal of a raad step; it moves the project on
    (aangenomen, aangenomen met amendementen, or a raadsinformatiebrief, consultation or
    bijeenkomst at steps 1 and 5), keeps it (aangehouden), or sends it back (verworpen).

    The version published to the raad ter besluitvorming for this step is linked to the
    decision; at step 9 an adopted raadsbesluit makes it vastgesteld, which the user must
    have confirmed (`confirmed`), since it cannot be undone.

    ``gemeente`` says whose raad decided (by default the project's gemeente). In a joint plan
    every gemeente's raad decides on its own (kernbeleid/workflow/raden.py): the plan moves
    on once all adopted; a rejection either sends the shared text back for all
    (``rejection=REJECT_SHARED``) or only that gemeente's local chapter (``REJECT_LOCAL``),
    while the plan waits on the step for that raad."""
    amendments = list(amendments or [])
    gemeente = gemeente or project.gemeente
    if gemeente.pk not in project_gemeente_ids(project):
        raise ValidationError(f"De raad van {gemeente.name} hoort niet bij dit plan.")
    if rejection not in (REJECT_SHARED, REJECT_LOCAL):
        raise ValidationError({"rejection": "Kies wat er na de verwerping terug moet."})
    traject = traject_ensure(project=project)
    _expect_step(project, expected_step)
    _decision_check(
        project=project,
        step=expected_step,
        kind=kind,
        decision_date=decision_date,
        number=number,
        outcome=outcome,
        notes=notes,
        amendments=amendments,
    )
    check_decision_document(document)
    to_fix = vaststelling.version_to_be_fixed(
        project, step=expected_step, kind=kind, outcome=outcome, gemeente_id=gemeente.pk
    )
    if to_fix is not None and not confirmed:
        raise ValidationError(
            {
                "confirmed": vaststelling.confirmation_text(
                    version=to_fix, number=number.strip(), decision_date=decision_date
                )
                + " Bevestig dat voordat u het besluit vastlegt."
            }
        )
    decision = RaadDecision(
        project=project,
        gemeente=gemeente,
        step=expected_step,
        kind=kind,
        date=decision_date,
        number=number.strip(),
        outcome=outcome if kind == DecisionKind.RAADSBESLUIT else "",
        notes=notes.strip(),
        recorded_by=actor,
    )
    if document is not None:
        decision.document.save(document.name, document, save=False)
    decision.save()
    Amendment.objects.bulk_create(
        Amendment(
            decision=decision,
            number=amendment.number.strip(),
            part=amendment.part.strip(),
            text=amendment.text.strip(),
        )
        for amendment in amendments
    )
    _supersede_earlier(decision)
    audit_record(
        actor=actor,
        action="raadsbesluit vastgelegd",
        obj=decision,
        project=project,
        detail={
            "stap": expected_step,
            "vorm": decision.get_kind_display(),
            **({"uitkomst": decision.get_outcome_display()} if decision.outcome else {}),
            **({"besluitnummer": decision.number} if decision.number else {}),
            **({"amendementen": len(amendments)} if amendments else {}),
            "datum": decision_date.isoformat(),
            **({"raad van": gemeente.name} if project.joint else {}),
        },
    )
    vaststelling.decision_apply(actor=actor, decision=decision)
    _decision_follow_up(
        actor=actor, project=project, traject=traject, decision=decision, rejection=rejection
    )
    return decision


# --- moties ----------------------------------------------------------------------------------


def _motie_check(
    *, number: str, title: str, text: str, outcome: str, is_task: bool, task_deadline
) -> None:
    if not (number.strip() and title.strip() and text.strip()):
        raise ValidationError("Vul het nummer, de titel en het dictum van de motie in.")
    if outcome not in MotieOutcome.values:
        raise ValidationError({"outcome": "Kies de uitkomst van de motie."})
    if is_task and task_deadline is None:
        raise ValidationError(
            {
                "task_deadline": "Een aangenomen motie die het college iets vraagt, is een "
                "taak: geef aan wanneer die uiterlijk klaar moet zijn."
            }
        )


@transaction.atomic
def motie_add(
    *,
    actor,
    decision: RaadDecision | None = None,
    kennisname: RaadKennisname | None = None,
    number: str,
    title: str,
    text: str,
    outcome: str,
    asks_action: bool = False,
    task_deadline: date | None = None,
    task_owner: str = "",
) -> Motie:
    """Record a motie the raad voted on with `decision` (at that decision's step) or at the
    controle of a year's programme, `kennisname` (step 11). An adopted motie that asks the
    college for something is a task with a deadline: it counts among the project's deadlines
    until motie_task_done."""
    if (decision is None) == (kennisname is None):
        raise ValidationError(
            "Een motie hoort bij een besluit van de raad of bij de kennisname van het "
            "uitvoeringsprogramma."
        )
    project = decision.project if decision is not None else kennisname.project
    is_task = asks_action and outcome == MotieOutcome.AANGENOMEN
    _motie_check(
        number=number,
        title=title,
        text=text,
        outcome=outcome,
        is_task=is_task,
        task_deadline=task_deadline,
    )
    motie = Motie.objects.create(
        project=project,
        step=decision.step if decision is not None else CONTROLE_STEP,
        decision=decision,
        kennisname=kennisname,
        number=number.strip(),
        title=title.strip(),
        text=text.strip(),
        outcome=outcome,
        asks_action=asks_action,
        # Only a task has a deadline and an owner: a rejected motie asks the college nothing.
        task_deadline=task_deadline if is_task else None,
        task_owner=task_owner.strip() if is_task else "",
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="motie vastgelegd",
        obj=motie,
        project=project,
        detail={
            "stap": motie.step,
            "motie": motie.number,
            "uitkomst": motie.get_outcome_display(),
            **({"uiterlijk klaar": task_deadline.isoformat()} if is_task else {}),
        },
    )
    return motie


@transaction.atomic
def motie_task_done(*, actor, motie: Motie, note: str) -> None:
    """Mark the task of an adopted motie as done, with how it was done."""
    if not motie.is_task:
        raise ValidationError("Deze motie vraagt het college niets; er is geen taak af te ronden.")
    if not note.strip():
        raise ValidationError({"note": "Schrijf op hoe de motie is afgehandeld."})
    done = Motie.objects.filter(pk=motie.pk, task_done_at__isnull=True).update(
        task_done_at=timezone.now(), task_done_note=note.strip()
    )
    if done != 1:
        raise ValidationError("Deze motie is al afgehandeld.")
    motie.refresh_from_db()
    audit_record(
        actor=actor,
        action="motie afgehandeld",
        obj=motie,
        project=motie.project,
        detail={"motie": motie.number, "hoe": motie.task_done_note[:200]},
    )


@transaction.atomic
def planning_save(*, actor, project: Project, planned: dict[int, date | None]) -> None:
    traject = traject_ensure(project=project)
    # Only the route's steps are planned: a date on a step the project leaves out would
    # become a deadline nobody works to.
    _refuse_off_route(project, traject, [step for step, value in planned.items() if value])
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
