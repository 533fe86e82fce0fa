"""Reads for the plan area of a joint plan (figures/combine.py): each gemeente's inhabitants
aged 15 and over for its edition's year, and its edition's figures for the gemeente as a whole.

The caller passes the gemeenten of the plan with the edition each takes part with; the queries
run in the caller's scope, which for a joint plan spans its gemeenten.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from projects.models import Gemeente

from .combine import GemeenteEdition, IndicatorSpec, PlanArea, Population, StoredFigure
from .combine import plan_area_figures as combine_plan_area
from .constants import AreaKind
from .models import Indicator, IndicatorResult, Population15Plus, SurveyEdition
from .selectors import editions_read


def population_for_year(gemeente: Gemeente, year: int) -> Population | None:
    """The figure of 1 January of `year`; else the nearest earlier year; else the nearest
    later one. `Population.year` says which year was used; None when none is entered."""
    rows = Population15Plus.objects.filter(gemeente=gemeente)
    chosen = (
        rows.filter(year=year).first()
        or rows.filter(year__lt=year).order_by("-year").first()
        or rows.filter(year__gt=year).order_by("year").first()
    )
    if chosen is None:
        return None
    return Population(count=chosen.count, year=chosen.year, source=chosen.source)


def gemeente_figures(
    edition: SurveyEdition, indicators: Sequence[Indicator]
) -> dict[str, StoredFigure]:
    """The edition's stored figures for the gemeente as a whole, by indicator code."""
    results = IndicatorResult.objects.filter(
        edition=edition, area__kind=AreaKind.GEMEENTE, indicator__in=indicators
    ).select_related("indicator")
    return {result.indicator.code: StoredFigure.of(result) for result in results}


def gemeente_edition(
    gemeente: Gemeente, edition: SurveyEdition | None, indicators: Sequence[Indicator]
) -> GemeenteEdition:
    if edition is None:
        return GemeenteEdition(name=gemeente.name, year=None)
    return GemeenteEdition(
        name=gemeente.name,
        year=edition.year,
        series=edition.series,
        respondents=edition.respondents,
        weight_total=edition.weight_total,
        population=population_for_year(gemeente, edition.year),
        figures=gemeente_figures(edition, indicators),
    )


def plan_area_for_editions(
    gemeenten_with_editions: Sequence[tuple[Gemeente, SurveyEdition | None]],
    *,
    indicators: Sequence[Indicator],
    min_n: int,
    warn_n: int,
) -> PlanArea:
    """The plan area's figures (combine.plan_area_figures), the lead gemeente first as given;
    `min_n` and `warn_n` are the joint plan's."""
    editions = [
        gemeente_edition(gemeente, edition, indicators)
        for gemeente, edition in gemeenten_with_editions
    ]
    return combine_plan_area(
        editions,
        indicators=[IndicatorSpec.of(indicator) for indicator in indicators],
        min_n=min_n,
        warn_n=warn_n,
    )


# --- which edition each gemeente of a joint plan takes part with ------------------------


def plan_years(project, gemeenten: Sequence[Gemeente]) -> list[int]:
    """Every year of which a gemeente of the plan has an edition it reads (`editions_read`):
    the lead's chosen ones (its project editions) and the participants' own."""
    years: set[int] = set()
    for gemeente in gemeenten:
        years |= set(editions_read(project, gemeente).values_list("year", flat=True))
    return sorted(years)


def plan_editions(
    project, gemeenten: Sequence[Gemeente], year: int
) -> list[tuple[Gemeente, SurveyEdition | None]]:
    """The edition of `year` each gemeente takes part with, the lead first: the lead's chosen
    edition of the project, a participant's newest of that year (its figures are its own)."""
    return [
        (gemeente, editions_read(project, gemeente).filter(year=year).first())
        for gemeente in gemeenten
    ]


def plan_indicators(editions: Sequence[SurveyEdition]) -> list[Indicator]:
    """The catalogue indicators with a figure for a gemeente as a whole in any of these
    editions, by name."""
    return list(
        Indicator.objects.filter(
            gemeente=None,
            results__edition__in=editions,
            results__area__kind=AreaKind.GEMEENTE,
        )
        .distinct()
        .order_by("name")
    )


def population_initial(gemeente: Gemeente, year: int | None) -> dict:
    """What the population form shows: the figure entered for the edition's year, if any."""
    if year is None:
        return {}
    found = Population15Plus.objects.filter(gemeente=gemeente, year=year).first()
    if found is None:
        return {"year": year}
    return {"year": year, "count": found.count, "source": found.source}


@dataclass(frozen=True)
class NewestPlanArea:
    year: int
    gemeenten: list[Gemeente]  # the lead first
    plan: PlanArea


def plan_area_newest(project) -> NewestPlanArea | None:
    """A joint plan's plan area in its newest year, with that year and its gemeenten; None
    for a single gemeente's plan or before any gemeente has figures."""
    if not project.joint:
        return None
    from projects.joint import plan_gemeenten  # projects' joint plans build on the models

    gemeenten = plan_gemeenten(project)
    years = plan_years(project, gemeenten)
    if not years:
        return None
    editions = plan_editions(project, gemeenten, years[-1])
    plan = plan_area_for_editions(
        editions,
        indicators=plan_indicators([edition for _g, edition in editions if edition]),
        min_n=project.min_n,
        warn_n=project.warn_n,
    )
    return NewestPlanArea(year=years[-1], gemeenten=gemeenten, plan=plan)


def plan_area_latest(project) -> PlanArea | None:
    """`plan_area_newest`'s plan area alone (the drafts)."""
    newest = plan_area_newest(project)
    return newest.plan if newest is not None else None
