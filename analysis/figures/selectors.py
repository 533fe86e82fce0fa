"""Reads of stored survey results for pages, exports and reports. Nothing is recomputed."""

import json
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from projects.models import Gemeente, Project

from ..catalogue import Field, Theme, catalogue_fields
from .constants import AreaKind, Series, Source
from .models import (
    Area,
    Benchmark,
    CrimeCount,
    ImportRun,
    Indicator,
    IndicatorResult,
    MappingTemplate,
    SurveyEdition,
    WijkMap,
)
from .plausibility import Reference

EXPORT_COLUMNS = [
    "indicator",
    "indicator_naam",
    "area",
    "area_naam",
    "edition",
    "estimate",
    "ci_low",
    "ci_high",
    "n",
    "n_eff",
    "suppressed",
    "low_n_warning",
    "change",
    "change_significant",
]


def results_for_project(
    project: Project, *, edition: int | None = None, indicator_codes=None
) -> QuerySet:
    results = IndicatorResult.objects.filter(edition__project=project).select_related(
        "indicator", "area", "edition"
    )
    if edition is not None:
        results = results.filter(edition__year=edition)
    if indicator_codes is not None:
        results = results.filter(indicator__code__in=indicator_codes)
    return results.order_by("indicator__code", "area__kind", "area__code", "edition__year")


def export_rows(
    project: Project, *, edition: int | None = None, indicator_codes=None
) -> list[list]:
    """One row per indicator × area × edition (of the indicators asked for, if any); a
    suppressed figure is never written out."""
    rows = []
    for result in results_for_project(project, edition=edition, indicator_codes=indicator_codes):
        hidden = result.suppressed
        rows.append(
            [
                result.indicator.code,
                result.indicator.name,
                result.area.code,
                result.area.name,
                result.edition.year,
                None if hidden else _round(result.estimate),
                None if hidden else _round(result.ci_low),
                None if hidden else _round(result.ci_high),
                result.n,
                round(result.n_eff, 1),
                result.suppressed,
                result.low_n_warning,
                None if hidden else _round(result.change),
                result.change_significant,
            ]
        )
    return rows


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def project_import_runs(project: Project) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(project=project).select_related("created_by")


def import_run_get(project: Project, run_uuid) -> ImportRun:
    return get_object_or_404(ImportRun, project=project, uuid=run_uuid)


def project_editions(project: Project) -> QuerySet[SurveyEdition]:
    return project.editions.all()


def project_years(project: Project) -> list[int]:
    return list(project.editions.order_by("year").values_list("year", flat=True))


def comparable_gemeenten(project: Project) -> QuerySet[Gemeente]:
    return project.benchmark_gemeenten.all()


def has_crime_counts(project: Project) -> bool:
    return project.crime_counts.exists()


def mapping_templates_for(gemeente: Gemeente) -> QuerySet[MappingTemplate]:
    """The gemeente's own templates and those of the bureaus working for it."""
    return MappingTemplate.objects.filter(
        Q(gemeente=gemeente) | Q(bureau__gemeenten=gemeente)
    ).distinct()


def catalogue_indicators(*, source: Source | None = None) -> list[Indicator]:
    """The catalogue's indicators by name, of one source if asked."""
    indicators = Indicator.objects.filter(gemeente=None)
    if source is not None:
        indicators = indicators.filter(source=source)
    return list(indicators.order_by("name"))


def indicator_get(gemeente: Gemeente, code: str) -> Indicator:
    """The gemeente's own indicator of that code, else the catalogue's; 404 if neither."""
    indicator = (
        Indicator.objects.filter(Q(gemeente=None) | Q(gemeente=gemeente), code=code)
        .order_by("gemeente")
        .last()
    )
    if indicator is None:
        raise Http404("Deze indicator bestaat niet.")
    return indicator


def catalogue_theme_get(code: str) -> tuple[Field, Theme]:
    """A theme of the catalogue with its field; 404 for an unknown code."""
    for field in catalogue_fields():
        for theme in field.themes:
            if theme.code == code:
                return field, theme
    raise Http404("Dit thema bestaat niet.")


def gemeente_area(gemeente: Gemeente) -> Area | None:
    """The area standing for the gemeente as a whole, once figures were imported."""
    return Area.objects.filter(gemeente=gemeente, kind=AreaKind.GEMEENTE).first()


def area_for_page(gemeente: Gemeente, code: str | None) -> Area:
    """The area asked for, else the gemeente as a whole; 404 when there is none."""
    area = Area.objects.filter(gemeente=gemeente, code=code or gemeente.cbs_code).first()
    if area is None and code:
        raise Http404("Dit gebied bestaat niet.")
    area = area or gemeente_area(gemeente)
    if area is None:
        raise Http404("Voor dit project zijn nog geen cijfers ingelezen.")
    return area


def areas_with_results(project: Project, gemeente: Gemeente) -> QuerySet[Area]:
    return Area.objects.filter(gemeente=gemeente, results__edition__project=project).distinct()


def gemeente_areas(gemeente: Gemeente) -> QuerySet[Area]:
    return Area.objects.filter(gemeente=gemeente).order_by("kind", "name")


def wijk_map_geojson(gemeente: Gemeente) -> tuple[WijkMap, dict] | None:
    """The gemeente's stored wijk map with its GeoJSON, or None when none was uploaded."""
    wijk_map = WijkMap.objects.filter(gemeente=gemeente).first()
    if wijk_map is None:
        return None
    with wijk_map.file.open("rb") as handle:
        return wijk_map, json.loads(handle.read())


@dataclass
class IndicatorView:
    """Everything a page shows of one indicator for one area."""

    indicator: Indicator
    trend: list[IndicatorResult]  # editions in order
    latest: IndicatorResult | None
    benchmarks: list[dict]  # latest year: region name, estimate, interval, significance

    @property
    def has_data(self) -> bool:
        return bool(self.trend)


def relevant_regions(project: Project) -> set[str]:
    """Benchmarks shown: Nederland, the gemeente's province and region, picked gemeenten."""
    gemeente = project.gemeente
    codes = {"NL00", gemeente.provincie.code, gemeente.veiligheidsregio.code}
    codes |= set(project.benchmark_gemeenten.values_list("cbs_code", flat=True))
    return codes


def indicator_views(
    project: Project, *, area: Area, indicator_codes: list[str] | None = None
) -> list[IndicatorView]:
    results = (
        IndicatorResult.objects.filter(edition__project=project, area=area)
        .select_related("indicator", "edition")
        .prefetch_related("benchmark_tests__benchmark")
        .order_by("edition__year")
    )
    if indicator_codes is not None:
        results = results.filter(indicator__code__in=indicator_codes)
    regions = relevant_regions(project)
    by_indicator: dict[int, list[IndicatorResult]] = {}
    indicators: dict[int, Indicator] = {}
    for result in results:
        by_indicator.setdefault(result.indicator_id, []).append(result)
        indicators[result.indicator_id] = result.indicator
    views = []
    for indicator_id, trend in by_indicator.items():
        latest = trend[-1]
        benchmarks = [
            {
                "name": test.benchmark.region_name,
                "estimate": test.benchmark.estimate,
                "ci_low": test.benchmark.ci_low,
                "ci_high": test.benchmark.ci_high,
                "direction": test.direction,
            }
            for test in latest.benchmark_tests.all()
            if test.benchmark.region_code in regions
        ]
        views.append(IndicatorView(indicators[indicator_id], trend, latest, benchmarks))
    order = {code: position for position, code in enumerate(indicator_codes or [])}
    views.sort(key=lambda view: (order.get(view.indicator.code, 999), view.indicator.name))
    return views


def benchmark_series(project: Project, indicator: Indicator) -> dict[str, list[Benchmark]]:
    series: dict[str, list[Benchmark]] = {}
    for benchmark in Benchmark.objects.filter(
        project=project, indicator=indicator, region_code__in=relevant_regions(project)
    ).order_by("region_kind", "region_code", "year"):
        series.setdefault(benchmark.region_name, []).append(benchmark)
    return series


def fields_with_data(project: Project) -> list[tuple[Field, list[tuple]]]:
    """The catalogue's fields and themes, each theme with how many indicators have results."""
    present = set(
        IndicatorResult.objects.filter(edition__project=project)
        .values_list("indicator__code", flat=True)
        .distinct()
    )
    return [
        (field, [(theme, len(present & set(theme.indicator_codes))) for theme in field.themes])
        for field in catalogue_fields()
    ]


def custom_indicator_codes(project: Project) -> list[str]:
    return list(
        Indicator.objects.filter(gemeente=project.gemeente, results__edition__project=project)
        .distinct()
        .values_list("code", flat=True)
    )


def wijk_table(project: Project, indicator: Indicator, year: int) -> list[IndicatorResult]:
    return list(
        IndicatorResult.objects.filter(
            edition__project=project, edition__year=year, indicator=indicator
        )
        .select_related("area")
        .order_by("area__kind", "area__name")
    )


def crime_table(project: Project) -> QuerySet[CrimeCount]:
    return (
        CrimeCount.objects.filter(project=project)
        .select_related("area")
        .order_by("crime_code", "area__kind", "area__code", "year")
    )


def crime_overview(project: Project) -> list[dict]:
    """Per crime type: one row per area with counts and rates per 1,000 inhabitants by year."""
    counts = list(crime_table(project))
    years = sorted({count.year for count in counts})
    tables: dict[str, dict] = {}
    for count in counts:
        table = tables.setdefault(
            count.crime_code, {"code": count.crime_code, "label": count.crime_label, "areas": {}}
        )
        row = table["areas"].setdefault(count.area_id, {"area": count.area, "years": {}})
        row["years"][count.year] = {"count": count.count, "per_1000": count.per_1000}
    result = []
    for table in tables.values():
        rows = sorted(
            table["areas"].values(),
            key=lambda row: (row["area"].kind != AreaKind.GEMEENTE, row["area"].name),
        )
        for row in rows:
            row["cells"] = [row["years"].get(year) for year in years]
        result.append(
            {"code": table["code"], "label": table["label"], "years": years, "rows": rows}
        )
    return result


# Catalogue indicators that stand for police-registered crime (CBS 47018NED soort misdrijf).
REGISTRATION_CRIME_CODES = {
    "reg_misdrijven_totaal": "0.0.0",
    "reg_woninginbraak": "1.1.1",
    "bbv_diefstallen_uit_woning": "1.1.1",
    "bbv_geweldsmisdrijven": "1.4.5",
    "bbv_vernielingen_openbare_ruimte": "2.2.1",
}


def crime_for_indicators(project: Project, indicator_codes) -> list[dict]:
    """The police figures belonging to a theme's indicators, beside the survey figures."""
    wanted = {
        REGISTRATION_CRIME_CODES[code]
        for code in indicator_codes
        if code in REGISTRATION_CRIME_CODES
    }
    return [table for table in crime_overview(project) if table["code"] in wanted]


# --- the preview before an edition is stored ------------------------------------------------


def previous_gemeente_figures(project: Project, year: int, codes) -> dict[str, Reference]:
    """Per indicator code: the gemeente's figure in the latest earlier edition of the same
    series (figures across a series break are not compared); suppressed ones are left out."""
    edition = (
        project.editions.filter(year__lt=year, series=Series.for_year(year))
        .order_by("-year")
        .first()
    )
    if edition is None:
        return {}
    results = IndicatorResult.objects.filter(
        edition=edition,
        area__kind=AreaKind.GEMEENTE,
        area__code=project.gemeente.cbs_code,
        indicator__code__in=list(codes),
        suppressed=False,
        estimate__isnull=False,
    ).select_related("indicator")
    return {
        result.indicator.code: Reference(
            label=str(edition.year),
            value=result.estimate,
            low=result.ci_low,
            high=result.ci_high,
            se=result.se,
        )
        for result in results
    }


NATIONAL = "NL00"


def national_benchmarks(project: Project, year: int, codes) -> dict[str, Reference]:
    """Per indicator code: Nederland's figure of that year, else of the latest earlier year of
    the same series."""
    series = Series.for_year(year)
    found: dict[str, Reference] = {}
    benchmarks = (
        Benchmark.objects.filter(
            project=project,
            region_code=NATIONAL,
            indicator__code__in=list(codes),
            year__lte=year,
            suppressed=False,
            estimate__isnull=False,
        )
        .select_related("indicator")
        .order_by("-year")
    )
    for benchmark in benchmarks:
        if Series.for_year(benchmark.year) != series:
            continue
        found.setdefault(
            benchmark.indicator.code,
            Reference(
                label=f"{benchmark.region_name} {benchmark.year}",
                value=benchmark.estimate,
                low=benchmark.ci_low,
                high=benchmark.ci_high,
            ),
        )
    return found


def preview_indicator_names(codes) -> dict[str, tuple[str, str]]:
    """Name and unit of the catalogue's indicators among `codes`."""
    return {
        indicator.code: (indicator.name, indicator.unit)
        for indicator in Indicator.objects.filter(gemeente=None, code__in=list(codes))
    }
