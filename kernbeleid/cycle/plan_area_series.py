"""A joint plan's shared goal on the Veiligheidsmonitor is measured on the plan area: each
year the gemeenten's figures combined by their inhabitants aged 15 and over
(analysis/figures/combine.py), as the plan-area page and the analysis show them. A local goal
is measured on its own gemeente (goal_series.py).

A year the gemeenten cannot be combined (not all the same edition, or a population missing) is
left out of the series, with a note that names it.
"""

from analysis.figures.plan_area_selectors import plan_area_for_editions, plan_editions, plan_years
from projects.joint import plan_gemeenten

from ..constants import GoalSource
from .goal_series import GoalSeries, Observation, gemeente_area, segmented


def measured_on_plan_area(goal, project) -> bool:
    """A shared goal of a joint plan, on the Veiligheidsmonitor, for the gemeenten as a whole."""
    return (
        project.joint
        and goal.source_kind == GoalSource.VM
        and goal.indicator_id is not None
        and goal.gemeente_id is None
        and goal.area_id is None
    )


def plan_area_vm_series(goal, project) -> GoalSeries:
    indicator = goal.indicator
    series = GoalSeries(
        GoalSource.VM,
        indicator.unit,
        indicator.direction,
        f"{indicator.name} (Veiligheidsmonitor, plangebied)",
    )
    gemeenten = plan_gemeenten(project)
    # The observations carry the lead's area and edition: one unbroken area, and the
    # edition's year and survey series (every gemeente has the same in a combined year).
    area = gemeente_area(project.gemeente)
    rows, left_out = [], []
    for year in plan_years(project, gemeenten):
        editions = plan_editions(project, gemeenten, year)
        plan = plan_area_for_editions(
            editions, indicators=[indicator], min_n=project.min_n, warn_n=project.warn_n
        )
        combined = plan.rows[0].combined if plan.rows else None
        if plan.side_by_side or combined is None:
            left_out.append(str(year))
            continue
        shown = combined.shown
        rows.append(
            (
                year,
                area,
                Observation(
                    year=year,
                    value=combined.value if shown else None,
                    ci_low=combined.ci_low if shown else None,
                    ci_high=combined.ci_high if shown else None,
                    se=combined.se if shown else None,
                    suppressed=combined.suppressed,
                    edition=editions[0][1],
                    area=area,
                ),
            )
        )
    series.observations = segmented(rows, lambda obs: obs.edition.series)
    if left_out:
        series.notes.append(
            f"Niet voor het plangebied als geheel in {', '.join(left_out)}: de gemeenten "
            "hadden niet dezelfde editie of niet elk een aantal inwoners van 15 jaar en ouder."
        )
    return series
