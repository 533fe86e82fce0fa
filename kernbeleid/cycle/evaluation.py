"""The drafted *Evaluatie vorige periode*: what the predecessor plan achieved, read from its
goals, their yearly measurements and its actions.

Per goal of the predecessor: its baseline, its target and its latest measurement with the
margin (``GoalMeasurement``, stored by ``goals_measure`` on the goal's own source), and

- **reached**: the goal's own way is the sign of target - baseline (a goal that aims lower
  than its baseline wants lower values); with g that sign, the target T and the latest value
  v, the target is reached when g * (v - T) >= 0. When target and baseline are equal the
  measure's direction decides (``goal_status._good_direction``). Unknown (None) without a
  latest value, a baseline or a target.
- **significance**: whether the latest value differs from the baseline beyond chance, as the
  yearly cycle tested it (``goal_series.significance``: the source's own uncertainty). Only
  within one series: when a measurement between the baseline year and the latest one starts
  a new series (``series_break_before``), the two are not comparable and the draft says
  "niet vergelijkbaar (trendbreuk)" instead, however large the difference.

Per action: done (gereed), partly done (lopend, vertraagd) or not done (gepland, vervallen),
by the status of its latest yearly progress report, else the action's own status; with every
yearly progress text. And the priorities then (the predecessor's) and now (this project's),
by name: kept, new and dropped.

The draft lives in ``EvaluationDraft.content`` (plain JSON); the kadernota's own
``evaluatie`` text is what users write and no redraft touches it.
"""

from __future__ import annotations

from django.db import transaction

from analysis.figures.charts import format_value
from kernbeleid.constants import ActionStatus
from kernbeleid.products import selectors as products
from kernbeleid.products.models import Action, Goal
from projects.models import Project

from .goal_series import goal_series
from .goal_status import EPSILON, _good_direction
from .models import EvaluationDraft, GoalMeasurement

# Significance verdicts, as the draft and the kadernota table show them.
SIGNIFICANT = "significant"
NOT_SIGNIFICANT = "niet significant"
NOT_TESTED = "niet getoetst"
NOT_COMPARABLE = "niet vergelijkbaar (trendbreuk)"

DONE, PARTLY, NOT_DONE = "gereed", "deels uitgevoerd", "niet uitgevoerd"
OUTCOME_OF = {
    ActionStatus.GEREED: DONE,
    ActionStatus.LOPEND: PARTLY,
    ActionStatus.VERTRAAGD: PARTLY,
    ActionStatus.GEPLAND: NOT_DONE,
    ActionStatus.VERVALLEN: NOT_DONE,
}


def target_reached(
    *, value: float | None, baseline: float | None, target: float | None, direction: str = ""
) -> bool | None:
    """Whether `value` reached `target`, the goal's way (see the module docstring)."""
    if value is None or baseline is None or target is None:
        return None
    good = _good_direction("", baseline, target) or _good_direction(direction, baseline, target)
    if good == 0:
        return None
    return good * (value - target) >= -EPSILON


def significance_verdict(measurements: list[GoalMeasurement], latest: GoalMeasurement) -> str:
    """The verdict on `latest` against the baseline; `measurements` are the goal's, by year
    (all after the baseline year)."""
    if any(m.series_break_before for m in measurements if m.year <= latest.year):
        return NOT_COMPARABLE
    if latest.significant_vs_baseline is None:
        return NOT_TESTED
    return SIGNIFICANT if latest.significant_vs_baseline else NOT_SIGNIFICANT


def _baseline(goal: Goal, predecessor: Project) -> tuple[float | None, str]:
    """The goal's own baseline value, else its measure's figure in the baseline year; and the
    measure's direction (for a goal whose target equals its baseline)."""
    series = goal_series(goal, predecessor)
    direction = series.direction if series is not None else ""
    if goal.baseline_value is not None:
        return goal.baseline_value, direction
    base = series.at(goal.baseline_year) if series and goal.baseline_year else None
    return (base.value if base else None), direction


def _goal_row(goal: Goal, predecessor: Project) -> dict:
    measurements = [m for m in goal.measurements.all() if m.value is not None]
    latest = measurements[-1] if measurements else None
    baseline, direction = _baseline(goal, predecessor)
    row = {
        "theme": goal.theme.name,
        "theme_uuid": str(goal.theme.uuid),
        "indicator": goal.indicator.code if goal.indicator_id else "",
        "description": goal.description,
        "measure": goal.measure_name,
        "unit": goal.measure_unit,
        "baseline_year": goal.baseline_year,
        "baseline_value": baseline,
        "target_value": goal.target_value,
        "target_year": goal.target_year,
        "latest": None,
        "reached": None,
        "significance": NOT_TESTED,
    }
    if latest is not None:
        row["latest"] = {
            "year": latest.year,
            "value": latest.value,
            "ci_low": latest.ci_low,
            "ci_high": latest.ci_high,
            "approximate": latest.approximate,
        }
        row["reached"] = target_reached(
            value=latest.value, baseline=baseline, target=goal.target_value, direction=direction
        )
        row["significance"] = significance_verdict(measurements, latest)
    return row


def action_outcome(action: Action) -> tuple[str, str]:
    """(outcome, the status it comes from): the latest progress report's, else the action's."""
    reports = list(action.progress.all())
    status = reports[-1].status if reports else action.status
    return OUTCOME_OF.get(status, NOT_DONE), status


def _action_row(action: Action) -> dict:
    outcome, status = action_outcome(action)
    return {
        "title": action.title,
        "year": action.year,
        "theme": action.goal.theme.name if action.goal_id else "",
        "status": ActionStatus(status).label if status in ActionStatus.values else status,
        "outcome": outcome,
        "progress": [
            {"year": p.year, "status": p.get_status_display(), "text": p.text}
            for p in action.progress.all()
        ],
    }


def _theme_names(project: Project) -> list[str]:
    """The project's priorities by name, in order; a theme that only carries goals counts."""
    names = [theme.name for theme in products.priorities(project)]
    for goal in Goal.objects.filter(project=project).select_related("theme"):
        if goal.theme.name not in names:
            names.append(goal.theme.name)
    return names


def priorities_then_and_now(project: Project, predecessor: Project) -> dict:
    then, now = _theme_names(predecessor), _theme_names(project)
    return {
        "then": then,
        "now": now,
        "kept": [name for name in now if name in then],
        "new": [name for name in now if name not in then],
        "dropped": [name for name in then if name not in now],
    }


def evaluation_content(project: Project, predecessor: Project) -> dict:
    """The draft as plain JSON (nothing stored)."""
    goals = (
        Goal.objects.filter(project=predecessor)
        .select_related("theme", "indicator", "area", "own_series", "own_series__area")
        .prefetch_related("measurements")
        .order_by("theme__field__position", "theme__position", "id")
    )
    actions = (
        Action.objects.filter(project=predecessor)
        .select_related("goal__theme")
        .prefetch_related("progress")
    )
    return {
        "predecessor": {
            "name": predecessor.name,
            "period": f"{predecessor.period_start}–{predecessor.period_end}",
        },
        "goals": [_goal_row(goal, predecessor) for goal in goals],
        "actions": [_action_row(action) for action in actions],
        "priorities": priorities_then_and_now(project, predecessor),
    }


@transaction.atomic
def evaluation_draft(*, project: Project, actor=None) -> EvaluationDraft | None:
    """(Re)draft the evaluation of the project's predecessor; None (and any old draft gone)
    when it names none. Never touches Kadernota.evaluatie."""
    from projects.services import audit_record

    if project.predecessor_id is None:
        EvaluationDraft.objects.filter(project=project).delete()
        return None
    predecessor = project.predecessor
    draft, _ = EvaluationDraft.objects.update_or_create(
        project=project,
        defaults={
            "predecessor": predecessor,
            "content": evaluation_content(project, predecessor),
        },
    )
    audit_record(
        actor=actor,
        action="evaluatie vorige periode opgesteld",
        obj=draft,
        project=project,
        detail={"vorig plan": predecessor.name},
    )
    return draft


def current_evaluation(project: Project) -> dict | None:
    """The stored draft's content, or (no draft stored yet) one computed now, unsaved; None
    without a predecessor."""
    if project.predecessor_id is None:
        return None
    draft = EvaluationDraft.objects.filter(
        project=project, predecessor_id=project.predecessor_id
    ).first()
    if draft is not None:
        return draft.content
    return evaluation_content(project, project.predecessor)


# --- How the draft reads ------------------------------------------------------------------


def shown_value(value, unit: str) -> str:
    return format_value(value, unit) if unit else ("–" if value is None else f"{value:g}")


def baseline_text(goal: dict) -> str:
    if goal["baseline_value"] is None:
        return "–"
    value = shown_value(goal["baseline_value"], goal["unit"])
    return f"{value} ({goal['baseline_year']})" if goal["baseline_year"] else value


def target_text(goal: dict) -> str:
    if goal["target_value"] is None:
        return "–"
    value = shown_value(goal["target_value"], goal["unit"])
    return f"{value} in {goal['target_year']}" if goal["target_year"] else value


def latest_text(goal: dict) -> str:
    latest = goal["latest"]
    if latest is None:
        return "nog niet gemeten"
    text = f"{shown_value(latest['value'], goal['unit'])} ({latest['year']})"
    if latest["ci_low"] is not None and latest["ci_high"] is not None:
        low = shown_value(latest["ci_low"], goal["unit"])
        high = shown_value(latest["ci_high"], goal["unit"])
        about = "ca. " if latest.get("approximate") else ""
        text += f", marge {about}{low} – {high}"
    return text


def reached_text(goal: dict) -> str:
    return {True: "ja", False: "nee"}.get(goal["reached"], "onbekend")


def progress_text(action: dict) -> str:
    return "; ".join(f"{p['year']}: {p['text']}" for p in action["progress"]) or "–"
