"""A goal's whole yearly series on its own source, with the uncertainty of that source.

Four sources (`Goal.source_kind`):

- Veiligheidsmonitor: the indicator's result in each edition the project chose, with its
  standard error. A new survey series (IVM → VM 2012 → VM 2021) breaks the series.
- Police (CBS 47018NED): the registered count of one crime type per year, per 1,000
  inhabitants of the area (`Area.inhabitants`; for the gemeente as a whole the gemeente's
  inhabitants when its area has none), with the exact Poisson (Garwood) interval of the count.
- BBV beleidsindicator: the gemeente's published figure per 1,000 (`BbvFigure`). There is no
  count; with the inhabitants known the count is reconstructed (rounded) to give an
  approximate interval, marked as such (as `crime_tables.published_cell` does). Without
  inhabitants: no interval and no significance.
- Own registration: the points of the gemeente's own series, with an interval only when the
  user gave one. A point marked "andere telwijze" breaks the series.

Significance against the baseline year (`significance`) is only tested within one unbroken
series: VM by `stats.compare` on the standard errors, police and BBV by `stats.poisson_change`
on the (reconstructed) counts of baseline year and year, own registration by `stats.compare`
on the standard errors read back from the given intervals. Otherwise None: not tested.

Areas across a herindeling (`AreaLink`): a goal for a wijk follows the link to the area that
continues it when there is exactly one (same area with a new code, or merged); from the first
year measured on the new area the series is broken, and never tested against the old area's
baseline. When the wijk was split there is no one successor: the series stops there, with a
note that says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.figures import stats
from analysis.figures.constants import AreaKind, Direction, Unit
from analysis.figures.crime_tables import published_cell
from analysis.figures.herindeling import areas_after
from analysis.figures.selectors import edition_filter
from analysis.figures.statline import CRIME_LABELS
from analysis.models import Area, BbvFigure, CrimeCount, IndicatorResult, SurveyEdition

from ..constants import GoalSource


@dataclass(frozen=True)
class Observation:
    year: int
    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    se: float | None = None  # Veiligheidsmonitor
    count: int | None = None  # police, or BBV reconstructed from the published rate
    approximate: bool = False  # interval from a reconstructed count
    suppressed: bool = False
    edition: SurveyEdition | None = None
    area: Area | None = None
    segment: int = 0  # observations in the same segment form one unbroken series
    break_before: bool = False
    break_reason: str = ""


@dataclass
class GoalSeries:
    source_kind: str
    unit: str
    direction: str
    label: str  # what is measured, for the chart legend and the page
    observations: list[Observation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def direction_label(self) -> str:
        return Direction(self.direction).label

    def at(self, year: int) -> Observation | None:
        return next((o for o in self.observations if o.year == year), None)


# --- Areas ---------------------------------------------------------------------------


def gemeente_area(gemeente) -> Area | None:
    return Area.objects.filter(gemeente=gemeente, kind=AreaKind.GEMEENTE).first()


def area_chain(area: Area) -> tuple[list[Area], str]:
    """The area and the areas that continue it, oldest first, as long as each has exactly
    one successor; plus a note when the chain stops at a split."""
    chain, seen = [area], {area.pk}
    while True:
        after = [a for a in areas_after(chain[-1]) if a.pk not in seen]
        if not after:
            return chain, ""
        if len(after) > 1:
            names = ", ".join(sorted(a.name for a in after))
            return chain, (
                f"{chain[-1].name} is bij de herindeling gesplitst in {names}. Een doel voor "
                f"{chain[-1].name} is daarna niet meer te meten; de reeks stopt hier."
            )
        chain.append(after[0])
        seen.add(after[0].pk)


def _relinked_note(chain: list[Area]) -> str:
    if len(chain) < 2:
        return ""
    steps = " → ".join(f"{a.name} ({a.code})" for a in chain)
    return (
        f"Herindeling: {steps}. De reeks loopt door in het nieuwe gebied, maar is daar "
        "onderbroken: cijfers van voor en na de herindeling worden niet met elkaar vergeleken."
    )


def _per_year_on_chain(chain: list[Area], by_area_year: dict) -> list[tuple[int, Area, object]]:
    """For each year: the newest area of the chain with a figure for it."""
    years = sorted({year for (area_id, year) in by_area_year if area_id in {a.pk for a in chain}})
    rows = []
    for year in years:
        for area in reversed(chain):
            if (area.pk, year) in by_area_year:
                rows.append((year, area, by_area_year[(area.pk, year)]))
                break
    return rows


def segmented(rows: list[tuple[int, Area, Observation]], method=lambda obs: None):
    """Number the segments: a new one when the area (herindeling) or the method changes."""
    out: list[Observation] = []
    segment, previous = 0, None
    for _year, _area, obs in rows:
        reason = ""
        if previous is not None:
            if obs.area.pk != previous.area.pk:
                reason = "herindeling"
            elif method(obs) != method(previous):
                reason = "trendbreuk"
        if reason:
            segment += 1
        previous = obs
        out.append(_with(obs, segment=segment, break_before=bool(reason), break_reason=reason))
    return out


def _with(obs: Observation, **changes) -> Observation:
    return Observation(**{**obs.__dict__, **changes})


# --- Sources -------------------------------------------------------------------------


def _vm_series(goal, project, area: Area | None) -> GoalSeries:
    indicator = goal.indicator
    series = GoalSeries(
        GoalSource.VM, indicator.unit, indicator.direction, f"{indicator.name} (Veiligheidsmonitor)"
    )
    if area is None:
        return series
    chain, split = area_chain(area)
    # The area's gemeente's figures: a participant's local goal reads its own editions.
    results = IndicatorResult.objects.filter(
        indicator=indicator, area__in=chain, **edition_filter(project, area.gemeente)
    ).select_related("edition", "area")
    by_area_year = {(r.area_id, r.edition.year): r for r in results}
    rows = []
    for year, chosen, r in _per_year_on_chain(chain, by_area_year):
        usable = not r.suppressed and r.estimate is not None
        rows.append(
            (
                year,
                chosen,
                Observation(
                    year=year,
                    value=r.estimate if usable else None,
                    ci_low=r.ci_low if usable else None,
                    ci_high=r.ci_high if usable else None,
                    se=r.se if usable else None,
                    suppressed=r.suppressed,
                    edition=r.edition,
                    area=chosen,
                ),
            )
        )

    series.observations = segmented(rows, lambda obs: obs.edition.series)
    series.notes = [note for note in (_relinked_note(chain), split) if note]
    return series


def _inhabitants(area: Area, gemeente) -> int | None:
    if area.inhabitants:
        return area.inhabitants
    if area.kind == AreaKind.GEMEENTE:
        return gemeente.inhabitants
    return None


def _police_series(goal, project, area: Area | None) -> GoalSeries:
    label = CRIME_LABELS.get(goal.crime_code, goal.crime_code)
    series = GoalSeries(
        GoalSource.POLICE,
        Unit.PER_1000,
        Direction.HIGHER_IS_WORSE,
        f"{label} per 1.000 inwoners (politie, CBS 47018NED)",
    )
    if area is None:
        return series
    chain, split = area_chain(area)
    counts = CrimeCount.objects.filter(
        gemeente=measured_gemeente(goal, project), area__in=chain, crime_code=goal.crime_code
    )
    by_area_year = {(c.area_id, c.year): c.count for c in counts}
    rows = []
    missing_inhabitants = set()
    for year, chosen, count in _per_year_on_chain(chain, by_area_year):
        inhabitants = _inhabitants(chosen, measured_gemeente(goal, project))
        if count is None or not inhabitants:
            if count is not None:
                missing_inhabitants.add(chosen.name)
            obs = Observation(year=year, value=None, suppressed=count is None, area=chosen)
        else:
            rate = stats.poisson_rate_interval(count, inhabitants)
            obs = Observation(
                year=year,
                value=rate.value,
                ci_low=rate.ci_low,
                ci_high=rate.ci_high,
                count=count,
                area=chosen,
            )
        rows.append((year, chosen, obs))
    series.observations = segmented(rows)
    series.notes = [note for note in (_relinked_note(chain), split) if note]
    if missing_inhabitants:
        series.notes.append(
            "Geen inwonertal bekend voor " + ", ".join(sorted(missing_inhabitants)) + "; zonder "
            "inwonertal is er geen cijfer per 1.000 inwoners. Vul het in bij de politiecijfers."
        )
    return series


def _bbv_series(goal, project) -> GoalSeries:
    indicator = goal.indicator
    series = GoalSeries(
        GoalSource.BBV,
        indicator.unit,
        indicator.direction,
        f"{indicator.name} (BBV-beleidsindicator, waarstaatjegemeente.nl)",
    )
    gemeente = measured_gemeente(goal, project)
    area = gemeente_area(gemeente)
    inhabitants = (area.inhabitants if area else None) or gemeente.inhabitants
    figures = BbvFigure.objects.filter(gemeente=gemeente, indicator=indicator).order_by("year")
    for figure in figures:
        cell = published_cell(figure.value, inhabitants)
        series.observations.append(
            Observation(
                year=figure.year,
                value=figure.value,
                ci_low=cell.rate.ci_low if cell.rate else None,
                ci_high=cell.rate.ci_high if cell.rate else None,
                count=cell.rate.count if cell.rate else None,
                approximate=cell.rate is not None,
                area=area,
            )
        )
    if series.observations and not inhabitants:
        series.notes.append(
            "Zonder inwonertal is er geen interval te reconstrueren: de beoordeling volgt dan "
            "alleen de lijn van nulmeting naar streefwaarde, zonder toets."
        )
    elif series.observations:
        series.notes.append(
            "Een BBV-cijfer wordt gepubliceerd zonder aantal; het interval is benaderd uit het "
            "cijfer en het inwonertal (ca.)."
        )
    return series


def _own_series(goal) -> GoalSeries:
    own = goal.own_series
    series = GoalSeries(GoalSource.OWN, own.unit, own.direction, f"{own.name} (eigen registratie)")
    segment = 0
    for point in own.points.all().order_by("year"):
        brk = point.break_before and bool(series.observations)
        segment += brk
        series.observations.append(
            Observation(
                year=point.year,
                value=point.value,
                ci_low=point.ci_low,
                ci_high=point.ci_high,
                area=own.area,
                segment=segment,
                break_before=brk,
                break_reason="andere telwijze" if brk else "",
            )
        )
    series.notes.append(f"Bron: {own.source}")
    return series


def measured_gemeente(goal, project):
    """Whose figures measure the goal: a joint plan's local goal its own gemeente's, every
    other goal the project's gemeente's."""
    return goal.gemeente if goal.gemeente_id else project.gemeente


def goal_area(goal, project) -> Area | None:
    return goal.area if goal.area_id else gemeente_area(measured_gemeente(goal, project))


def goal_series(goal, project) -> GoalSeries | None:
    """The goal's whole series on its source; None when the goal names no measure."""
    from .plan_area_series import measured_on_plan_area, plan_area_vm_series  # builds on this

    kind = goal.source_kind
    if measured_on_plan_area(goal, project):
        return plan_area_vm_series(goal, project)
    if kind == GoalSource.VM and goal.indicator_id:
        return _vm_series(goal, project, goal_area(goal, project))
    if kind == GoalSource.POLICE and goal.crime_code:
        return _police_series(goal, project, goal_area(goal, project))
    if kind == GoalSource.BBV and goal.indicator_id:
        return _bbv_series(goal, project)
    if kind == GoalSource.OWN and goal.own_series_id:
        return _own_series(goal)
    return None


# --- Significance against the baseline -----------------------------------------------


def significance(kind: str, obs: Observation, base: Observation | None) -> bool | None:
    """Whether `obs` differs from the baseline year beyond chance, by the source's own
    uncertainty; None when not tested (another segment, a missing figure, no uncertainty)."""
    if base is None or base.segment != obs.segment or obs.value is None or base.value is None:
        return None
    if kind == GoalSource.VM:
        if obs.se is None or base.se is None:
            return None
        diff = stats.compare(obs.value, obs.se, base.value, base.se)
        return diff.significant if diff is not None else None
    if kind in (GoalSource.POLICE, GoalSource.BBV):
        if obs.count is None or base.count is None:
            return None
        return stats.poisson_change(base.count, obs.count).significant
    if None in (obs.ci_low, obs.ci_high, base.ci_low, base.ci_high):
        return None
    se_obs = stats.se_from_interval(obs.ci_low, obs.ci_high)
    se_base = stats.se_from_interval(base.ci_low, base.ci_high)
    diff = stats.compare(obs.value, se_obs, base.value, se_base)
    return diff.significant if diff is not None else None
