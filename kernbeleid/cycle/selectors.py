"""Reads of the yearly cycle: every goal with its measurements and the yearly progress of
the actions. The deadlines of every project come from deadlines.py."""

from dataclasses import dataclass

from django.db.models import Prefetch

from analysis.models import SurveyEdition
from projects.models import Project

from ..constants import ActionStatus, GoalStatus
from ..products.models import Action, ActionProgress, Goal
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
# One place computes them (deadlines.py); re-exported for the callers that read them here.
from .deadlines import (  # noqa: E402, F401
    KIND_ACTION,
    KIND_MIDTERM,
    KIND_MOTIE,
    KIND_NOTA_END,
    KIND_STEP,
    Deadline,
    deadline_overview,
    project_deadlines,
    with_deadline_data,
)
