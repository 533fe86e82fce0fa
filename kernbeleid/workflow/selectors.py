"""Reads of the traject: the timeline with planned and actual dates and what blocks."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from projects.models import Project

from .models import RaadDecision, StepRecord, StepTransition, Traject
from .services import blockers
from .transitions import ACTOR, RAAD_STEPS, STEP_NAMES, steps_for


@dataclass
class TimelineStep:
    number: int
    name: str
    actor: str
    record: StepRecord
    state: str  # done | current | todo | skipped
    decisions: list[RaadDecision]

    @property
    def raad_step(self) -> bool:
        return self.number in RAAD_STEPS

    @property
    def late(self) -> bool:
        today = timezone.localdate()
        if self.record.planned_end is None:
            return False
        if self.record.completed_at is not None:
            return timezone.localtime(self.record.completed_at).date() > self.record.planned_end
        return self.state == "current" and self.record.planned_end < today


def timeline(project: Project, traject: Traject) -> list[TimelineStep]:
    active = set(steps_for(scope=project.scope, light_route=traject.light_route))
    records = {record.step: record for record in project.step_records.all()}
    decisions: dict[int, list[RaadDecision]] = {}
    for decision in project.raad_decisions.all():
        decisions.setdefault(decision.step, []).append(decision)
    steps = []
    last = 4 if project.scope == "analyse" else 12
    for number in range(1, last + 1):
        if number not in active:
            state = "skipped"
        elif number < project.current_step:
            state = "done"
        elif number == project.current_step:
            state = "current"
        else:
            state = "todo"
        steps.append(
            TimelineStep(
                number=number,
                name=STEP_NAMES[number],
                actor=ACTOR[number],
                record=records[number],
                state=state,
                decisions=decisions.get(number, []),
            )
        )
    return steps


def current_blockers(project: Project, today: date | None = None):
    return blockers(project, today=today)


def transitions(project: Project) -> list[StepTransition]:
    return list(StepTransition.objects.filter(project=project).select_related("actor")[:50])
