"""The generated drafts of a project, from its stored results: one per theme (for the gemeente
as a whole) and one per wijk and per own area of the gemeente (a kern, wijkgroep or buurtgroep,
named with its kind). The wording is drafting's; this module gathers its facts.

Pure: the caller reads the rows and stores what comes back (services.drafts_refresh, and
migration 0007 with its historical models), so only fields of the rows are read here.
"""

from dataclasses import dataclass
from typing import Any

from ..figures import stats
from ..figures.constants import OWN_AREA_KINDS, AreaKind, region_rank
from . import drafting


@dataclass(frozen=True)
class Draft:
    theme: Any  # an AnalysisTheme; None for the draft of a wijk or own area
    area: Any  # an Area
    paragraphs: list[str]


def project_drafts(
    *, results, tests, regions: set[str], themes, gemeente_area, warn_n: int | None = None
) -> list[Draft]:
    """`results`: the project's IndicatorResults (with indicator, area and edition), oldest
    edition first; `tests`: its BenchmarkTests (with benchmark); `regions`: the region codes
    whose benchmarks count; `themes`: the project's AnalysisThemes; `warn_n`: below it a
    figure is named as less certain.

    A part (wijk or own area) without a figure for any indicator is left out of the theme
    drafts: the document says that once (parts_without_figures), not once per theme."""
    results = list(results)
    grouped = _group(results, tests, regions)
    skip = frozenset(parts_without_figures(results))
    low_n = frozenset(parts_on_few_respondents(results))
    drafts = []
    for theme in themes:
        facts = [
            _gemeente_facts(grouped[code], gemeente_area)
            for code in theme.indicator_codes
            if code in grouped
        ]
        paragraphs = drafting.theme_draft(
            [f for f in facts if f],
            area_name=gemeente_area.name,
            warn_n=warn_n,
            skip_parts=skip,
            low_n_said=low_n,
        )
        drafts.append(Draft(theme=theme, area=gemeente_area, paragraphs=paragraphs))
    parts = {
        area
        for entry in grouped.values()
        for area in entry["areas"]
        if area.kind == AreaKind.WIJK or area.kind in OWN_AREA_KINDS
    }
    for part in parts:
        facts = [_wijk_facts(entry, part, gemeente_area) for entry in grouped.values()]
        paragraphs = drafting.theme_draft(
            [f for f in facts if f], area_name=_label(part), warn_n=warn_n
        )
        drafts.append(Draft(theme=None, area=part, paragraphs=paragraphs))
    return drafts


def parts_without_figures(results) -> list[str]:
    """The wijken and own areas (as the text names them) that have a result in their latest
    edition but no figure for any indicator there: too few respondents everywhere."""
    latest: dict[Any, int] = {}
    for result in results:
        if result.area.kind == AreaKind.WIJK or result.area.kind in OWN_AREA_KINDS:
            latest[result.area] = max(latest.get(result.area, 0), result.edition.year)
    shown = {
        result.area
        for result in results
        if result.area in latest
        and result.edition.year == latest[result.area]
        and not result.suppressed
        and result.estimate is not None
    }
    return sorted(_label(area) for area in latest if area not in shown)


def parts_on_few_respondents(results) -> list[str]:
    """The parts whose every figure in their latest edition rests on fewer than warn_n
    respondents (stored as low_n_warning): the document warns about them once."""
    latest: dict[Any, int] = {}
    for result in results:
        if result.area.kind == AreaKind.WIJK or result.area.kind in OWN_AREA_KINDS:
            latest[result.area] = max(latest.get(result.area, 0), result.edition.year)
    flags: dict[Any, list[bool]] = {}
    for result in results:
        if (
            result.area in latest
            and result.edition.year == latest[result.area]
            and not result.suppressed
            and result.estimate is not None
        ):
            flags.setdefault(result.area, []).append(bool(result.low_n_warning))
    return sorted(_label(area) for area, values in flags.items() if all(values))


def _group(results, tests, regions: set[str]) -> dict[str, dict[str, Any]]:
    """The results per indicator code and area, with the benchmark tests per result."""
    grouped: dict[str, dict[str, Any]] = {}
    for result in results:
        entry = grouped.setdefault(
            result.indicator.code, {"indicator": result.indicator, "areas": {}}
        )
        entry["areas"].setdefault(result.area, []).append(result)
    by_result: dict[int, list] = {}
    for test in tests:
        if test.benchmark.region_code in regions:
            by_result.setdefault(test.result_id, []).append(test)
    for entry in grouped.values():
        entry["tests"] = by_result
    return grouped


def _label(area) -> str:
    """ "wijkgroep Noord" for an own area, the name for a wijk (as Area.label; the rows may be
    a migration's historical models, which have no properties)."""
    return f"{area.kind} {area.name}" if area.kind in OWN_AREA_KINDS else area.name


def _latest_parts(entry: dict, latest, kinds) -> list[tuple[str, drafting.Figure]]:
    return [
        (_label(area), _figure(results[-1]))
        for area, results in sorted(entry["areas"].items(), key=lambda item: _label(item[0]))
        if area.kind in kinds and results[-1].edition.year == latest.edition.year
    ]


def _figure(result) -> drafting.Figure:
    return drafting.Figure(
        year=result.edition.year,
        series=result.edition.series,
        estimate=result.estimate,
        ci_low=result.ci_low,
        ci_high=result.ci_high,
        se=result.se,
        n=result.n,
        suppressed=result.suppressed,
        change_significant=result.change_significant,
        previous_year=result.previous_year,
        low_n=bool(getattr(result, "low_n_warning", False)) and not result.suppressed,
    )


def _gemeente_facts(entry: dict, gemeente_area) -> drafting.IndicatorFacts | None:
    trend = entry["areas"].get(gemeente_area)
    if not trend:
        return None
    indicator = entry["indicator"]
    latest = trend[-1]
    wijken = _latest_parts(entry, latest, (AreaKind.WIJK,))
    own_areas = _latest_parts(entry, latest, OWN_AREA_KINDS)
    benchmarks = [
        drafting.BenchmarkFigure(
            region_name=test.benchmark.region_name,
            estimate=test.benchmark.estimate,
            significant=test.significant,
            difference=test.difference,
        )
        for test in sorted(
            entry["tests"].get(latest.pk, []),
            key=lambda test: (region_rank(test.benchmark.region_kind), test.benchmark.region_code),
        )
    ]
    return drafting.IndicatorFacts(
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        direction=indicator.direction,
        trend=[_figure(r) for r in trend],
        benchmarks=benchmarks,
        wijken=wijken,
        own_areas=own_areas,
    )


def _wijk_facts(entry: dict, wijk, gemeente_area) -> drafting.IndicatorFacts | None:
    trend = entry["areas"].get(wijk)
    gemeente_trend = entry["areas"].get(gemeente_area) or []
    if not trend:
        return None
    indicator = entry["indicator"]
    latest = trend[-1]
    gemeente = next((r for r in gemeente_trend if r.edition_id == latest.edition_id), None)
    benchmarks = []
    if (
        gemeente is not None
        and not gemeente.suppressed
        and not latest.suppressed
        and latest.se is not None
        and gemeente.se is not None
    ):
        difference = stats.compare(latest.estimate, latest.se, gemeente.estimate, gemeente.se)
        if difference is not None:
            benchmarks.append(
                drafting.BenchmarkFigure(
                    region_name=f"{gemeente_area.name} als geheel",
                    estimate=gemeente.estimate,
                    significant=difference.significant,
                    difference=difference.difference,
                )
            )
    return drafting.IndicatorFacts(
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        direction=indicator.direction,
        trend=[_figure(r) for r in trend],
        benchmarks=benchmarks,
    )
