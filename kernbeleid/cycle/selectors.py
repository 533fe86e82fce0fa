"""Reads of the yearly cycle: every goal with its measurements and the yearly progress of
the actions. The deadlines of every project come from deadlines.py."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from analysis.figures.charts import Point, format_number, trend_chart_svg
from projects.models import Gemeente, Project

from ..constants import ActionStatus, GoalSource
from ..products.models import Action, ActionProgress, Goal
from .goal_series import GoalSeries, Observation, goal_series
from .goal_status import latest_judged
from .models import GoalMeasurement

# --- Goals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesRow:
    """One year of a goal's series as the table shows it."""

    observation: Observation
    measurement: GoalMeasurement | None  # judged: a year after the baseline year
    role: str  # "voor" (before the baseline), "nulmeting" or "meting"
    test_text: str  # the comparison with the baseline, in words
    kind: str = GoalSource.VM  # the goal's source kind
    area_shown: bool = False  # a goal for an area: name the area (it can change: herindeling)

    @property
    def source_text(self) -> str:
        """Where this year's figure comes from, short: the kind of source on every row."""
        obs = self.observation
        kind = self.measurement.source_kind if self.measurement else self.kind
        if obs.edition is not None:
            text = f"Veiligheidsmonitor {obs.edition.year}"
        elif kind == GoalSource.POLICE:
            text = "politie" + (f", {format_number(obs.count, 0)} misdrijven" if obs.count else "")
        elif kind == GoalSource.BBV:
            text = "BBV, waarstaatjegemeente.nl"
        else:
            text = "eigen registratie"
        if self.area_shown and obs.area is not None:
            text += f" ({obs.area.name}, {obs.area.code})"
        return text

    @property
    def break_text(self) -> str:
        reason = self.observation.break_reason
        if not self.observation.break_before:
            return ""
        if reason == "herindeling":
            return "nieuwe reeks: ander gebied na herindeling"
        if reason == "trendbreuk":
            return "nieuwe reeks: trendbreuk in de Veiligheidsmonitor"
        return "nieuwe reeks: andere telwijze"


@dataclass(frozen=True)
class GoalRow:
    goal: Goal
    baseline: float | None
    series: GoalSeries | None
    rows: list[SeriesRow]
    chart: str
    actions: list[Action]

    @property
    def unit(self) -> str:
        return self.series.unit if self.series else "count"

    @property
    def measurements(self) -> list[GoalMeasurement]:
        return [row.measurement for row in self.rows if row.measurement is not None]

    @property
    def latest(self) -> GoalMeasurement | None:
        """The newest measurement that could be judged (else the newest at all)."""
        return latest_judged(self.measurements)

    @property
    def untested(self) -> bool:
        """No significance test is possible on this source: say so on the page."""
        return bool(self.measurements) and all(
            m.significant_vs_baseline is None for m in self.measurements
        )


def _test_text(goal: Goal, series: GoalSeries, obs: Observation, m, role: str) -> str:
    if role == "nulmeting":
        return "nulmeting"
    if role == "voor":
        return "vóór de nulmeting"
    base = series.at(goal.baseline_year) if goal.baseline_year else None
    if m is not None and m.significant_vs_baseline is not None:
        if not m.significant_vs_baseline:
            return "niet significant"
        way = "gestegen" if base is not None and obs.value > base.value else "gedaald"
        return f"significant {way}"
    if base is not None and base.segment != obs.segment:
        reasons = {
            o.break_reason
            for o in series.observations
            if o.break_before and base.year < o.year <= obs.year
        }
        if "herindeling" in reasons:
            return "niet getoetst: ander gebied dan de nulmeting (herindeling)"
        if "trendbreuk" in reasons:
            return "niet getoetst: trendbreuk in de Veiligheidsmonitor"
        return "niet getoetst: andere telwijze dan de nulmeting"
    if obs.value is None or base is None or base.value is None:
        return "niet getoetst: geen cijfer"
    return "niet getoetst: geen interval bij deze bron"


def _role(goal: Goal, year: int) -> str:
    if goal.baseline_year is None or year > goal.baseline_year:
        return "meting"
    return "nulmeting" if year == goal.baseline_year else "voor"


def goal_chart(goal: Goal, series: GoalSeries) -> str:
    """The whole series with its intervals; a break starts a new line (never joined)."""
    points = [
        Point(
            label=str(obs.year),
            value=obs.value,
            low=obs.ci_low,
            high=obs.ci_high,
            suppressed=obs.suppressed,
            series_break_before=obs.break_before,
        )
        for obs in series.observations
    ]
    benchmarks = []
    if goal.target_value is not None and goal.target_year:
        benchmarks.append(
            ("Streefwaarde", [Point(label=str(goal.target_year), value=goal.target_value)])
        )
    reasons = [BREAK_LEGEND[o.break_reason] for o in series.observations if o.break_before]
    return trend_chart_svg(
        points,
        title=goal.description,
        unit=series.unit,
        benchmarks=benchmarks,
        series_label=series.label,
        break_legend=f"trendbreuk ({' / '.join(dict.fromkeys(reasons))})"
        if reasons
        else "trendbreuk",
    )


BREAK_LEGEND = {
    "trendbreuk": "andere methode",
    "herindeling": "ander gebied na herindeling",
    "andere telwijze": "andere telwijze",
}


def goal_row(project: Project, goal: Goal) -> GoalRow:
    series = goal_series(goal, project)
    by_year = {m.year: m for m in goal.measurements.all()}
    rows = []
    for obs in series.observations if series else []:
        role = _role(goal, obs.year)
        m = by_year.get(obs.year)
        rows.append(
            SeriesRow(
                observation=obs,
                measurement=m,
                role=role,
                test_text=_test_text(goal, series, obs, m, role),
                kind=series.source_kind,
                area_shown=goal.area_id is not None,
            )
        )
    baseline = goal.baseline_value
    if baseline is None and series and goal.baseline_year:
        base = series.at(goal.baseline_year)
        baseline = base.value if base else None
    return GoalRow(
        goal=goal,
        baseline=baseline,
        series=series,
        rows=rows,
        chart=goal_chart(goal, series) if series and series.observations else "",
        actions=list(goal.actions.all()),
    )


def _goals(project: Project):
    return (
        Goal.objects.filter(project=project)
        .select_related("theme", "indicator", "area", "own_series", "own_series__area", "gemeente")
        .prefetch_related(
            Prefetch("measurements", queryset=GoalMeasurement.objects.order_by("year")),
            Prefetch("actions", queryset=Action.objects.order_by("year", "end", "title")),
        )
    )


def goals_overview(project: Project, gemeente: Gemeente | None = None) -> list[GoalRow]:
    """Every goal of the project with its whole series, its measurements and its actions.
    With `gemeente` (a participant of a joint plan): the shared goals and its own local ones."""
    goals = _goals(project)
    if gemeente is not None:
        goals = goals.filter(Q(gemeente__isnull=True) | Q(gemeente=gemeente))
    return [goal_row(project, goal) for goal in goals]


def goal_detail(project: Project, goal_uuid) -> GoalRow:
    """One goal of the project (404 for another project's goal)."""
    return goal_row(project, get_object_or_404(_goals(project), uuid=goal_uuid))


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
