"""Step 12 of Kernbeleid Veiligheid, the yearly cycle: goals measured again in every new
survey edition, the yearly progress of the actions, the deadlines of every project and the
reminders that go out before them.

Goal measurement
----------------
A goal with an indicator and a baseline year is measured in every survey edition of its
project whose year lies after the baseline year, on the gemeente as a whole (the area of
kind "gemeente"). With

    v   the value in the edition (missing when the figure is suppressed or absent),
    b   the baseline: the goal's own baseline value, else the estimate of the baseline
        edition (year == baseline year),
    T   the target value, y0 the baseline year, y1 the target year, y the edition's year,
    g   the good direction: +1 when higher is better, -1 when higher is worse; for a neutral
        indicator the sign of T - b (the way the goal itself points),

the status is the first that applies:

1. UNKNOWN  when there is no v, no b or no T, or no good direction (neutral and T == b).
2. ACHIEVED when g * (v - T) >= 0: the value reached or passed the target
   (higher is worse: v <= T; higher is better: v >= T).
3. BEHIND   when v differs significantly from the baseline (see below) and g * (v - b) < 0:
   it moved significantly the wrong way, however early in the period.
4. When there is a target year after the baseline year, the share of the time gone is
   f = (y - y0) / (y1 - y0), at most 1, and the straight line from baseline to target is
   line(y) = b + f * (T - b). From half-time on (f >= 1/2) the goal is ON_TRACK when
   g * (v - line(y)) >= 0 (at least as far along as the line) and BEHIND otherwise,
   significant or not. A measurement after the target year that did not reach the target
   is therefore behind.
5. ON_TRACK otherwise: before half-time a move that is not significantly the wrong way is
   not held against the goal.

Comparisons allow for floating-point rounding (1e-9). Example: 30% (2021) to 25% by 2025
for "voelt zich weleens onveilig" (higher is worse, g = -1). In 2023 f = 1/2 and the line
stands at 27.5%: 27% is on track, 29% behind, 24% achieved, a suppressed figure unknown.

Significance against the baseline (`significant_vs_baseline`) is the two-sided 95% test of
`analysis.stats.compare` between v with its standard error and the baseline edition's
result with its standard error. It is only done when both editions belong to the same survey
series: across a series break it is None (never tested), as it is when either figure is
suppressed or missing or has no standard error.

`goals_measure` runs after every import (from `analysis.services.comparisons_refresh`) and is
idempotent: it stores what the figures say now and removes measurements that no longer
apply (an edition at or before a changed baseline year, a goal without indicator).

Deadlines and reminders
-----------------------
A project's deadlines are the planned ends of its current and later steps, the midterm
update of the kadernota (1 January two years into the period), the end of the nota
(31 December of the last year) and the end dates of actions that are not done or dropped.
The daily job mails the project's ambtenaren and adviseurs 14 days and 2 days before each
deadline and one day after it has passed; ReminderSent makes every mail go out once.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from analysis import stats
from analysis.constants import AreaKind, Direction
from analysis.models import IndicatorResult, SurveyEdition
from projects.constants import KERNBELEID_STEPS, ProjectScope, Role
from projects.models import Gemeente, Project
from projects.selectors import gemeente_members, projects_for_user

from .constants import ActionStatus, GoalStatus
from .models import Action, ActionProgress, Goal, GoalMeasurement, ReminderSent, Traject
from .workflow import steps_for

EPSILON = 1e-9

# --- Goals ----------------------------------------------------------------------------


def _good_direction(direction: str, baseline: float, target: float) -> int:
    """+1 when a higher value is the goal's way, -1 when lower, 0 when it cannot be told."""
    if direction == Direction.HIGHER_IS_BETTER:
        return 1
    if direction == Direction.HIGHER_IS_WORSE:
        return -1
    if target > baseline + EPSILON:
        return 1
    if target < baseline - EPSILON:
        return -1
    return 0


def goal_status(
    *,
    value: float | None,
    baseline: float | None,
    target: float | None,
    direction: str,
    year: int,
    baseline_year: int,
    target_year: int | None,
    significant: bool | None,
) -> GoalStatus:
    """The status of one measurement, by the rule in the module docstring."""
    if value is None or baseline is None or target is None:
        return GoalStatus.UNKNOWN
    good = _good_direction(direction, baseline, target)
    if good == 0:
        return GoalStatus.UNKNOWN
    if good * (value - target) >= -EPSILON:
        return GoalStatus.ACHIEVED
    if significant and good * (value - baseline) < 0:
        return GoalStatus.BEHIND
    if target_year is not None and target_year > baseline_year:
        share = min(1.0, (year - baseline_year) / (target_year - baseline_year))
        if share >= 0.5:
            line = baseline + share * (target - baseline)
            on_line = good * (value - line) >= -EPSILON
            return GoalStatus.ON_TRACK if on_line else GoalStatus.BEHIND
    return GoalStatus.ON_TRACK


def _usable(result: IndicatorResult | None) -> bool:
    return result is not None and not result.suppressed and result.estimate is not None


def _significance(
    result: IndicatorResult | None,
    edition: SurveyEdition,
    baseline_result: IndicatorResult | None,
    baseline_edition: SurveyEdition | None,
) -> bool | None:
    """None when not tested: a series break, a missing figure or no standard error."""
    if baseline_edition is None or baseline_edition.series != edition.series:
        return None
    if not (_usable(result) and _usable(baseline_result)):
        return None
    if result.se is None or baseline_result.se is None:
        return None
    difference = stats.compare(
        result.estimate, result.se, baseline_result.estimate, baseline_result.se
    )
    return difference.significant if difference is not None else None


@transaction.atomic
def goals_measure(*, project: Project) -> int:
    """Store, per goal and edition after its baseline year, the value, its significance
    against the baseline and the status. Returns how many measurements were created or
    changed; a second run on the same figures returns 0."""
    goals = list(Goal.objects.filter(project=project).select_related("indicator"))
    measurable = [goal for goal in goals if goal.indicator_id and goal.baseline_year]
    editions = list(SurveyEdition.objects.filter(project=project).order_by("year"))
    by_year = {edition.year: edition for edition in editions}
    results = {
        (result.edition_id, result.indicator_id): result
        for result in IndicatorResult.objects.filter(
            edition__project=project,
            area__gemeente=project.gemeente,
            area__kind=AreaKind.GEMEENTE,
            indicator_id__in={goal.indicator_id for goal in measurable},
        )
    }
    existing = {
        (m.goal_id, m.edition_id): m for m in GoalMeasurement.objects.filter(goal__project=project)
    }
    keep: set[tuple[int, int]] = set()
    created: list[GoalMeasurement] = []
    changed: list[GoalMeasurement] = []
    for goal in measurable:
        baseline_edition = by_year.get(goal.baseline_year)
        baseline_result = (
            results.get((baseline_edition.pk, goal.indicator_id)) if baseline_edition else None
        )
        baseline = goal.baseline_value
        if baseline is None and _usable(baseline_result):
            baseline = baseline_result.estimate
        for edition in editions:
            if edition.year <= goal.baseline_year:
                continue
            result = results.get((edition.pk, goal.indicator_id))
            value = result.estimate if _usable(result) else None
            significant = _significance(result, edition, baseline_result, baseline_edition)
            status = goal_status(
                value=value,
                baseline=baseline,
                target=goal.target_value,
                direction=goal.indicator.direction,
                year=edition.year,
                baseline_year=goal.baseline_year,
                target_year=goal.target_year,
                significant=significant,
            )
            key = (goal.pk, edition.pk)
            keep.add(key)
            stored = existing.get(key)
            if stored is None:
                created.append(
                    GoalMeasurement(
                        goal=goal,
                        edition=edition,
                        value=value,
                        significant_vs_baseline=significant,
                        status=status,
                    )
                )
            elif (stored.value, stored.significant_vs_baseline, stored.status) != (
                value,
                significant,
                status,
            ):
                stored.value, stored.significant_vs_baseline = value, significant
                stored.status = status
                changed.append(stored)
    stale = [m.pk for key, m in existing.items() if key not in keep]
    if stale:
        GoalMeasurement.objects.filter(pk__in=stale).delete()
    GoalMeasurement.objects.bulk_create(created)
    GoalMeasurement.objects.bulk_update(changed, ["value", "significant_vs_baseline", "status"])
    return len(created) + len(changed)


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
        SurveyEdition.objects.filter(project=project).values_list("year", "series")
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

STEP_NAMES = dict(KERNBELEID_STEPS)
OPEN_ACTION = (ActionStatus.GEPLAND, ActionStatus.LOPEND, ActionStatus.VERTRAAGD)


@dataclass(frozen=True)
class Deadline:
    date: datetime.date
    label: str
    project: Project
    kind: str
    overdue: bool = False


def _light_route(project: Project) -> bool:
    try:
        return project.traject.light_route
    except Traject.DoesNotExist:
        return False


def project_deadlines(project: Project, today: datetime.date) -> list[Deadline]:
    """The project's deadlines, by date; `overdue` when the date lies before today.

    Nota deadlines (midterm update and end) only for projects that run the whole Kernbeleid
    traject; an analysis-only project writes no nota."""
    items: list[tuple[datetime.date, str, str]] = []
    route = set(steps_for(scope=project.scope, light_route=_light_route(project)))
    for record in project.step_records.all():
        if (
            record.planned_end is not None
            and record.step >= project.current_step
            and record.step in route
            and record.completed_at is None
        ):
            label = f"Stap {record.step}: {STEP_NAMES[record.step]} klaar"
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
    items.sort(key=lambda item: (item[0], item[1]))
    return [
        Deadline(date=when, label=label, project=project, kind=kind, overdue=when < today)
        for when, label, kind in items
    ]


def _with_deadline_data(projects):
    return projects.select_related("gemeente", "traject").prefetch_related(
        "step_records", "actions"
    )


def deadline_overview(user, today: datetime.date) -> list[Deadline]:
    """Every deadline of every project the user can reach, by date."""
    deadlines = [
        deadline
        for project in _with_deadline_data(projects_for_user(user))
        for deadline in project_deadlines(project, today)
    ]
    return sorted(deadlines, key=lambda d: (d.date, d.project.gemeente.name, d.label))


# --- Reminders ------------------------------------------------------------------------

# moment -> days until the deadline on the day the reminder goes out (negative: overdue)
REMINDER_MOMENTS = {"14d": 14, "2d": 2, "overdue": -1}
MOMENT_TEXT = {
    "14d": "over 14 dagen",
    "2d": "over 2 dagen",
    "overdue": "gisteren verstreken",
}
REMINDER_ROLES = frozenset({Role.AMBTENAAR, Role.ADVISEUR})


def reminder_recipients(gemeente: Gemeente) -> list[str]:
    """E-mail addresses of the gemeente's ambtenaren and adviseurs (its own and those of
    the bureaus serving it); raadsleden and partners get no reminders."""
    return sorted(
        {
            row["user"].email
            for row in gemeente_members(gemeente)
            if row["membership"].role in REMINDER_ROLES
            and row["user"].is_active
            and row["user"].email
        }
    )


def reminder_key(deadline: Deadline, moment: str) -> str:
    label_hash = hashlib.sha256(deadline.label.encode()).hexdigest()[:16]
    return f"{deadline.kind}:{deadline.date.isoformat()}:{moment}:{label_hash}"


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _deadline_path(deadline: Deadline) -> str:
    project = deadline.project
    kwargs = {"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid}
    if deadline.kind == KIND_ACTION:
        return reverse("kernbeleid:progress", kwargs=kwargs)
    if deadline.kind == KIND_STEP:
        return reverse("kernbeleid:timeline", kwargs=kwargs)
    return project.get_absolute_url()


def reminder_message(deadline: Deadline, moment: str, recipients: list[str]) -> EmailMessage:
    project = deadline.project
    context = {
        "deadline": deadline,
        "project": project,
        "gemeente": project.gemeente,
        "moment": moment,
        "when": MOMENT_TEXT[moment],
        "link": _site_url(_deadline_path(deadline)),
        "deadlines_link": _site_url(reverse("kernbeleid:deadlines")),
    }
    with translation.override("nl"):
        subject = render_to_string("kernbeleid/email/reminder_subject.txt", context)
        body = render_to_string("kernbeleid/email/reminder.txt", context)
    subject = " ".join(subject.split())  # one line, whatever the template holds
    return EmailMessage(subject=subject, body=body, to=recipients)


def reminders_send(today: datetime.date) -> int:
    """Mail every deadline that lies exactly 14 or 2 days ahead, or passed yesterday, to the
    project's ambtenaren and adviseurs: one mail per deadline and moment, never twice
    (ReminderSent). A mail that fails to send leaves no record, so the next run retries it
    on the same day. Returns how many mails went out."""
    moments = {
        today + datetime.timedelta(days=days): moment for moment, days in REMINDER_MOMENTS.items()
    }
    sent = 0
    recipients_by_gemeente: dict[int, list[str]] = {}
    for project in _with_deadline_data(Project.objects.all()):
        due = [d for d in project_deadlines(project, today) if d.date in moments]
        if not due:
            continue
        gemeente = project.gemeente
        if gemeente.pk not in recipients_by_gemeente:
            recipients_by_gemeente[gemeente.pk] = reminder_recipients(gemeente)
        recipients = recipients_by_gemeente[gemeente.pk]
        if not recipients:
            continue
        for deadline in due:
            moment = moments[deadline.date]
            with transaction.atomic():
                _record, created = ReminderSent.objects.get_or_create(
                    project=project, key=reminder_key(deadline, moment)
                )
                if created:
                    reminder_message(deadline, moment, recipients).send()
                    sent += 1
    return sent
