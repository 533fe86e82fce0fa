"""Reads of the yearly cycle: every goal with its measurements, the yearly progress of the
actions, and the deadlines of every project.

A project's deadlines are the planned ends of its current and later steps, the midterm
update of the kadernota (1 January two years into the period), the end of the nota
(31 December of the last year), the end dates of actions that are not done or dropped and
the deadlines of adopted moties that ask the college for something, until they are done.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from analysis.models import SurveyEdition
from projects.constants import ProjectScope, step_name
from projects.models import Project
from projects.reader_access import projects_for_editor

from ..constants import ActionStatus, GoalStatus
from ..products.models import Action, ActionProgress, Goal
from ..workflow.models import Traject
from ..workflow.transitions import steps_for
from .models import GoalMeasurement

# --- Goals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasurementRow:
    measurement: GoalMeasurement
    series_break: bool  # not tested against the baseline: another survey series


@dataclass(frozen=True)
class GoalRow:
    goal: Goal
    baseline: float | None
    measurements: list[MeasurementRow]
    actions: list[Action]

    @property
    def latest(self) -> GoalMeasurement | None:
        """The newest measurement that could be judged (else the newest at all)."""
        judged = [
            row.measurement
            for row in self.measurements
            if row.measurement.status != GoalStatus.UNKNOWN
        ]
        if judged:
            return judged[-1]
        return self.measurements[-1].measurement if self.measurements else None


def goals_overview(project: Project) -> list[GoalRow]:
    """Every goal of the project with its baseline, target, measurements and actions."""
    goals = (
        Goal.objects.filter(project=project)
        .select_related("theme", "indicator")
        .prefetch_related(
            Prefetch(
                "measurements",
                queryset=GoalMeasurement.objects.select_related("edition").order_by(
                    "edition__year"
                ),
            ),
            Prefetch("actions", queryset=Action.objects.order_by("year", "end", "title")),
        )
    )
    series_by_year = dict(
        SurveyEdition.objects.filter(projects=project).values_list("year", "series")
    )
    rows = []
    for goal in goals:
        baseline_series = series_by_year.get(goal.baseline_year)
        rows.append(
            GoalRow(
                goal=goal,
                baseline=goal.baseline_value,
                measurements=[
                    MeasurementRow(
                        measurement=m,
                        series_break=baseline_series is not None
                        and m.edition.series != baseline_series,
                    )
                    for m in goal.measurements.all()
                ],
                actions=list(goal.actions.all()),
            )
        )
    return rows


# --- Yearly progress ------------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    action: Action
    reports: list[ActionProgress]  # every progress report on the action, by year


@dataclass(frozen=True)
class YearProgress:
    year: int
    actions: list[ActionRow]
    counts: list[tuple[str, str, int]]  # (status, label, number of actions)
    reported: int  # actions with a progress report for this year


def progress_overview(project: Project) -> list[YearProgress]:
    """Per year of the period (and any other year with actions): the actions of that
    year's uitvoeringsprogramma, their progress reports and how many have each status."""
    actions = list(
        Action.objects.filter(project=project)
        .select_related("goal")
        .prefetch_related(
            Prefetch("progress", queryset=ActionProgress.objects.order_by("year")),
        )
    )
    years = set(range(project.period_start, project.period_end + 1))
    years |= {action.year for action in actions}
    overview = []
    for year in sorted(years):
        of_year = [action for action in actions if action.year == year]
        counts = [
            (status.value, status.label, sum(a.status == status for a in of_year))
            for status in ActionStatus
        ]
        rows = [ActionRow(action=a, reports=list(a.progress.all())) for a in of_year]
        reported = sum(any(report.year == year for report in row.reports) for row in rows)
        overview.append(
            YearProgress(
                year=year,
                actions=rows,
                counts=[count for count in counts if count[2]],
                reported=reported,
            )
        )
    return overview


# --- Deadlines ------------------------------------------------------------------------

KIND_STEP = "step"
KIND_MIDTERM = "midterm"
KIND_NOTA_END = "nota_end"
KIND_ACTION = "action"
KIND_MOTIE = "motie"

OPEN_ACTION = (ActionStatus.GEPLAND, ActionStatus.LOPEND, ActionStatus.VERTRAAGD)


@dataclass(frozen=True)
class Deadline:
    date: datetime.date
    label: str
    project: Project
    kind: str
    overdue: bool = False


def _skipped(project: Project) -> frozenset[int]:
    try:
        return project.traject.skipped
    except Traject.DoesNotExist:
        return frozenset()


def project_deadlines(project: Project, today: datetime.date) -> list[Deadline]:
    """The project's deadlines, by date; `overdue` when the date lies before today.

    Nota deadlines (midterm update and end) only for projects that run the whole Kernbeleid
    traject; an analysis-only project writes no nota."""
    items: list[tuple[datetime.date, str, str]] = []
    skipped = _skipped(project)
    route = set(steps_for(scope=project.scope, light_route=bool(skipped), skips=skipped))
    for record in project.step_records.all():
        if (
            record.planned_end is not None
            and record.step >= project.current_step
            and record.step in route
            and record.completed_at is None
        ):
            label = f"Stap {record.step}: {step_name(record.step, project.scope)} klaar"
            items.append((record.planned_end, label, KIND_STEP))
    if project.scope == ProjectScope.KERNBELEID:
        items.append(
            (
                datetime.date(project.period_start + 2, 1, 1),
                "Actualisatie kadernota (na 2 jaar)",
                KIND_MIDTERM,
            )
        )
        items.append(
            (
                datetime.date(project.period_end, 12, 31),
                "Nieuwe kadernota nodig (looptijd 4 jaar)",
                KIND_NOTA_END,
            )
        )
    for action in project.actions.all():
        if action.end is not None and action.status in OPEN_ACTION:
            items.append((action.end, f"Actie gereed: {action.title}", KIND_ACTION))
    for motie in project.moties.all():
        if motie.task_open and motie.task_deadline is not None:
            label = f"Motie {motie.number} afgehandeld: {motie.title}"
            items.append((motie.task_deadline, label, KIND_MOTIE))
    items.sort(key=lambda item: (item[0], item[1]))
    return [
        Deadline(date=when, label=label, project=project, kind=kind, overdue=when < today)
        for when, label, kind in items
    ]


def with_deadline_data(projects):
    return projects.select_related("gemeente", "traject").prefetch_related(
        "step_records", "actions", "moties"
    )


def deadline_overview(user, today: datetime.date) -> list[Deadline]:
    """Every deadline of every project the user works on (an editing role); readers get none:
    action deadlines name a live uitvoeringsprogramma."""
    deadlines = [
        deadline
        for project in with_deadline_data(projects_for_editor(user))
        for deadline in project_deadlines(project, today)
    ]
    return sorted(deadlines, key=lambda d: (d.date, d.project.gemeente.name, d.label))
