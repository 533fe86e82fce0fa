"""The status of a goal in one measurement: the rule of the yearly cycle (step 12).

A goal with a measure and a baseline year is measured in every year of its series after the
baseline year (goal_series.py: a Veiligheidsmonitor edition, a year of police or BBV figures,
a year of the gemeente's own registration), for the gemeente or the goal's area. With

    v   the value in that year (missing when the figure is suppressed or absent),
    b   the baseline: the goal's own baseline value, else the figure of the baseline year,
    T   the target value, y0 the baseline year, y1 the target year, y the measured year,
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

Significance against the baseline (`significant_vs_baseline`) uses the uncertainty of the
goal's own source (`goal_series.significance`): the two-sided 95% test of
`analysis.figures.stats.compare` on the standard errors for the Veiligheidsmonitor (and for an
own registration with given intervals), the exact Poisson test `stats.poisson_change` on the
counts for police figures (and BBV figures, on counts reconstructed from the rate). It is
None (never tested) across a series break or herindeling, when a figure is missing, and when
the source has no uncertainty (an own registration without intervals, a BBV figure without
inhabitants): then only the line decides, from half-time on.
"""

from analysis.figures.constants import Direction

from ..constants import GoalStatus

EPSILON = 1e-9


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


def latest_judged(measurements: list) -> object | None:
    """The newest of a goal's measurements (by year) that could be judged, else the newest at
    all: what the goal page, the voortgangsrapportage and the begroting paragraph show."""
    judged = [m for m in measurements if m.status != GoalStatus.UNKNOWN]
    return (judged or measurements or [None])[-1]
