"""Reads of stored survey results for pages, exports and reports. Nothing is recomputed."""

import json
from dataclasses import dataclass

from django.db.models import (
    Case,
    F,
    IntegerField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.http import Http404
from django.shortcuts import get_object_or_404

from projects.models import Gemeente, Project

from ..catalogue import Field, Theme, catalogue_fields
from . import crime_tables
from .area_link_selectors import area_changes
from .area_sets import OwnArea
from .bbv import bbv_definitions
from .charts.formatting import UNIT_CAPTIONS
from .compute import KnownWijken
from .constants import AREA_KIND_ORDER, OWN_AREA_KINDS, AreaKind, Series, Source, Unit, region_rank
from .crime_tables import Table
from .models import (
    Area,
    BbvFigure,
    Benchmark,
    BenchmarkTest,
    CrimeCount,
    ImportRun,
    Indicator,
    IndicatorResult,
    MappingTemplate,
    ProjectEdition,
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
    # The year of the area's wijkindeling and, after a herindeling, what changed: a series
    # per area code stops or starts there and is not to be joined across it.
    "indeling",
    "herindeling",
]


def area_kind_order(prefix: str = "") -> Case:
    """An ordering: the gemeente, its wijken, then its own areas (AREA_KIND_ORDER)."""
    return Case(
        *(
            When(**{f"{prefix}kind": kind}, then=Value(rank))
            for kind, rank in AREA_KIND_ORDER.items()
        ),
        default=Value(len(AREA_KIND_ORDER)),
        output_field=IntegerField(),
    )


def results_for_project(
    project: Project,
    *,
    edition: int | None = None,
    indicator_codes=None,
    gemeente: Gemeente | None = None,
) -> QuerySet:
    results = IndicatorResult.objects.filter(**edition_filter(project, gemeente)).select_related(
        "indicator", "area", "edition"
    )
    if edition is not None:
        results = results.filter(edition__year=edition)
    if indicator_codes is not None:
        results = results.filter(indicator__code__in=indicator_codes)
    return results.order_by(
        "indicator__code", area_kind_order("area__"), "area__code", "edition__year"
    )


def export_rows(
    project: Project,
    *,
    edition: int | None = None,
    indicator_codes=None,
    full_precision: bool = False,
    gemeente: Gemeente | None = None,
) -> list[list]:
    """One row per indicator × area × edition (of the indicators asked for, if any); a
    suppressed figure is never written out. Figures are rounded to 2 decimals (n_eff to 1)
    unless an analyst asks for the stored values in full."""

    def shown(value: float | None, digits: int = 2) -> float | None:
        if value is None or full_precision:
            return value
        return round(value, digits)

    changes: dict[int, list[str]] = {}
    for change in area_changes(gemeente or project.gemeente):
        for area in [*change.old, *change.new]:
            changes.setdefault(area.pk, []).append(change.text)
    rows = []
    for result in results_for_project(
        project, edition=edition, indicator_codes=indicator_codes, gemeente=gemeente
    ):
        hidden = result.suppressed
        rows.append(
            [
                result.indicator.code,
                result.indicator.name,
                result.area.code,
                result.area.label,
                result.edition.year,
                None if hidden else shown(result.estimate),
                None if hidden else shown(result.ci_low),
                None if hidden else shown(result.ci_high),
                result.n,
                shown(result.n_eff, 1),
                result.suppressed,
                result.low_n_warning,
                None if hidden else shown(result.change),
                result.change_significant,
                result.area.indeling_year,
                "; ".join(changes.get(result.area_id, [])),
            ]
        )
    return rows


def project_import_runs(project: Project, gemeente: Gemeente | None = None) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(gemeente=gemeente or project.gemeente).select_related(
        "created_by"
    )


def import_run_get(project: Project, run_uuid, gemeente: Gemeente | None = None) -> ImportRun:
    # Runs are the gemeente's: one made from another of its projects opens here too. In a
    # joint plan each gemeente reads in its own, under its own URL (`gemeente`).
    return get_object_or_404(ImportRun, gemeente=gemeente or project.gemeente, uuid=run_uuid)


def project_editions(project: Project) -> QuerySet[SurveyEdition]:
    return project.editions.all()


def is_participant(project: Project, gemeente: Gemeente | None) -> bool:
    """Whether `gemeente` reads a joint plan as a participant rather than as its lead."""
    return gemeente is not None and gemeente.pk != project.gemeente_id


def editions_read(project: Project, gemeente: Gemeente | None = None) -> QuerySet[SurveyEdition]:
    """The editions whose figures a page of the project shows for `gemeente` (by default the
    project's own). The project's gemeente reads the editions the project chose. A participant
    of a joint plan reads its own newest edition of each year: its figures are its own, as on
    the plan-area page (plan_area_selectors.plan_editions), and the plan's choice is the lead's.
    """
    if not is_participant(project, gemeente):
        return project.editions.all()
    newest = (
        SurveyEdition.objects.filter(gemeente=gemeente)
        .order_by()
        .values("year")
        .annotate(newest=Max("id"))
        .values("newest")
    )
    return SurveyEdition.objects.filter(pk__in=newest)


def edition_filter(project: Project, gemeente: Gemeente | None, prefix: str = "edition__") -> dict:
    """Filter arguments for the results of `editions_read`. The project's own gemeente keeps
    the join on its chosen editions, the query its pages were measured with."""
    if not is_participant(project, gemeente):
        return {f"{prefix}projects": project}
    return {f"{prefix}in": editions_read(project, gemeente)}


def gemeente_editions(gemeente: Gemeente) -> QuerySet[SurveyEdition]:
    """Every edition of the gemeente, whichever project imported it."""
    return SurveyEdition.objects.filter(gemeente=gemeente).select_related("import_run")


def editions_used_elsewhere(project: Project) -> dict[int, list[str]]:
    """Per edition of the gemeente, the names of the other projects that use it."""
    used: dict[int, list[str]] = {}
    rows = (
        ProjectEdition.objects.filter(project__gemeente_id=project.gemeente_id)
        .exclude(project=project)
        .values_list("edition_id", "project__name")
        .order_by("project__period_start", "project__name")
    )
    for edition_id, name in rows:
        used.setdefault(edition_id, []).append(name)
    return used


def project_years(project: Project, gemeente: Gemeente | None = None) -> list[int]:
    return list(editions_read(project, gemeente).order_by("year").values_list("year", flat=True))


def comparable_gemeenten(project: Project) -> QuerySet[Gemeente]:
    return project.benchmark_gemeenten.all()


def has_crime_counts(project: Project, gemeente: Gemeente | None = None) -> bool:
    return (gemeente or project.gemeente).crime_counts.exists()


def mapping_templates_for(gemeente: Gemeente) -> QuerySet[MappingTemplate]:
    """The gemeente's own templates and those of the bureaus working for it."""
    return MappingTemplate.objects.filter(
        Q(gemeente=gemeente) | Q(bureau__gemeenten=gemeente)
    ).distinct()


def template_mappings_for(gemeente: Gemeente) -> list[dict]:
    """The templates as mapping dicts named after them, in the order the proposal takes them:
    the gemeente's own before its bureaus', the most recently saved first."""
    templates = mapping_templates_for(gemeente).order_by(
        F("gemeente").asc(nulls_last=True), "-updated_at", "name"
    )
    return [{**template.mapping, "name": template.name} for template in templates]


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
    """Every area with figures in the project: the gemeente, its wijken, its own areas."""
    return (
        Area.objects.filter(
            gemeente=gemeente, **edition_filter(project, gemeente, "results__edition__")
        )
        .distinct()
        .order_by(area_kind_order(), "name")
    )


def gemeente_areas(gemeente: Gemeente) -> QuerySet[Area]:
    """The gemeente and its CBS wijken: the areas police figures and inhabitants are for."""
    return Area.objects.filter(
        gemeente=gemeente, kind__in=[AreaKind.GEMEENTE, AreaKind.WIJK]
    ).order_by("kind", "name")


def own_areas(gemeente: Gemeente) -> QuerySet[Area]:
    """The gemeente's own survey areas (kernen, wijkgroepen, buurtgroepen)."""
    return Area.objects.filter(gemeente=gemeente, kind__in=OWN_AREA_KINDS).order_by(
        area_kind_order(), "name"
    )


def own_area_get(gemeente: Gemeente, code: str) -> Area:
    area = own_areas(gemeente).filter(code=code).first()
    if area is None:
        raise Http404("Dit eigen gebied bestaat niet.")
    return area


def own_areas_with_years(project: Project, gemeente: Gemeente) -> list[tuple[Area, list[int]]]:
    """Each own area with the editions of the project it has figures for."""
    areas = list(own_areas(gemeente))
    years: dict[int, set[int]] = {}
    for area_id, year in IndicatorResult.objects.filter(
        area__in=areas, **edition_filter(project, gemeente)
    ).values_list("area_id", "edition__year"):
        years.setdefault(area_id, set()).add(year)
    return [(area, sorted(years.get(area.pk, ()))) for area in areas]


def own_areas_for_compute(gemeente: Gemeente) -> list[OwnArea]:
    """The own areas as the import needs them: code, label and members."""
    return [
        OwnArea(code=area.code, label=area.label, members=tuple(area.members))
        for area in own_areas(gemeente).order_by("code")
    ]


def wijk_map_geojson(gemeente: Gemeente) -> tuple[WijkMap, dict] | None:
    """The gemeente's stored wijk map with its GeoJSON, or None when none was uploaded."""
    wijk_map = wijk_map_row(gemeente)
    if wijk_map is None:
        return None
    return wijk_map, wijk_map_file_geojson(wijk_map)


def wijk_map_row(gemeente: Gemeente) -> WijkMap | None:
    return WijkMap.objects.filter(gemeente=gemeente).first()


def wijk_map_file_geojson(wijk_map: WijkMap) -> dict:
    with wijk_map.file.open("rb") as handle:
        return json.loads(handle.read())


def known_wijken(gemeente: Gemeente) -> KnownWijken:
    """The gemeente's wijken by code and name, from its areas and its wijk map (if any): the
    hint an import shows when a file names a wijk that is not one of them."""
    wijken = dict(
        Area.objects.filter(gemeente=gemeente, kind=AreaKind.WIJK).values_list("code", "name")
    )
    stored = wijk_map_geojson(gemeente)
    if stored is not None:
        wijk_map, geojson = stored
        for feature in geojson.get("features") or []:
            properties = feature.get("properties") or {}
            code = str(properties.get(wijk_map.code_property) or "").strip().upper()
            if not code:
                continue
            name = str(properties.get(wijk_map.name_property) or "").strip()
            if wijken.get(code, code) == code and name:
                wijken[code] = name
            wijken.setdefault(code, code)
    return KnownWijken(gemeente_name=gemeente.name, wijken=wijken)


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


def comparison_levels(gemeente: Gemeente) -> list[tuple[str, str]]:
    """The published areas a gemeente is compared with, broadest first, as (code, name):
    Nederland, its province and its police units (eenheid; district and basisteam where
    loaded). Not its veiligheidsregio: the Veiligheidsmonitor does not publish for those."""
    levels = [("NL00", "Nederland"), (gemeente.provincie.code, f"Provincie {gemeente.provincie}")]
    return levels + [(unit.code, unit.label) for unit in gemeente.police_units]


def relevant_regions(project: Project, gemeente: Gemeente | None = None) -> set[str]:
    """Benchmarks shown: the gemeente's comparison levels and the picked gemeenten."""
    codes = {code for code, _name in comparison_levels(gemeente or project.gemeente)}
    codes |= set(project.benchmark_gemeenten.values_list("cbs_code", flat=True))
    return codes


def indicator_views(
    project: Project,
    *,
    area: Area,
    indicator_codes: list[str] | None = None,
    gemeente: Gemeente | None = None,
) -> list[IndicatorView]:
    """`gemeente`: whose figures, the area's; a participant of a joint plan reads its own."""
    results = (
        IndicatorResult.objects.filter(area=area, **edition_filter(project, gemeente))
        .select_related("indicator", "edition")
        .order_by("edition__year")
    )
    if indicator_codes is not None:
        results = results.filter(indicator__code__in=indicator_codes)
    regions = relevant_regions(project, gemeente)
    by_indicator: dict[int, list[IndicatorResult]] = {}
    indicators: dict[int, Indicator] = {}
    for result in results:
        by_indicator.setdefault(result.indicator_id, []).append(result)
        indicators[result.indicator_id] = result.indicator
    # The benchmarks of the latest result per indicator only, of the regions shown: loading
    # those of every year and region was most of a wijkprofiel's time.
    prefetch_related_objects(
        [trend[-1] for trend in by_indicator.values()],
        Prefetch(
            "benchmark_tests",
            queryset=BenchmarkTest.objects.filter(
                benchmark__region_code__in=regions
            ).select_related("benchmark"),
        ),
    )
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
            for test in sorted(latest.benchmark_tests.all(), key=_broadest_first)
            if test.benchmark.region_code in regions
        ]
        views.append(IndicatorView(indicators[indicator_id], trend, latest, benchmarks))
    order = {code: position for position, code in enumerate(indicator_codes or [])}
    views.sort(key=lambda view: (order.get(view.indicator.code, 999), view.indicator.name))
    return views


def _broadest_first(test) -> tuple[int, str]:
    return region_rank(test.benchmark.region_kind), test.benchmark.region_code


def benchmark_series(
    project: Project, indicator: Indicator, gemeente: Gemeente | None = None
) -> dict[str, list[Benchmark]]:
    """Per region, its benchmarks by year; Nederland first, then ever smaller areas. The
    benchmarks are those `gemeente` (by default the project's) read in with its own file."""
    gemeente = gemeente or project.gemeente
    benchmarks = Benchmark.objects.filter(
        gemeente=gemeente,
        indicator=indicator,
        region_code__in=relevant_regions(project, gemeente),
    )
    series: dict[str, list[Benchmark]] = {}
    for benchmark in sorted(
        benchmarks, key=lambda b: (region_rank(b.region_kind), b.region_code, b.year)
    ):
        series.setdefault(benchmark.region_name, []).append(benchmark)
    return series


def fields_with_data(
    project: Project, gemeente: Gemeente | None = None
) -> list[tuple[Field, list[tuple]]]:
    """The catalogue's fields and themes, each theme with how many indicators have results."""
    present = set(
        IndicatorResult.objects.filter(**edition_filter(project, gemeente))
        .values_list("indicator__code", flat=True)
        .distinct()
    )
    return [
        (field, [(theme, len(present & set(theme.indicator_codes))) for theme in field.themes])
        for field in catalogue_fields()
    ]


def custom_indicator_codes(project: Project, gemeente: Gemeente | None = None) -> dict[str, str]:
    """The gemeente's own questions with results in this project: code -> name, by name.
    Pages show the name; the code only goes into URLs."""
    return dict(
        Indicator.objects.filter(
            gemeente=gemeente or project.gemeente,
            **edition_filter(project, gemeente, "results__edition__"),
        )
        .distinct()
        .order_by("name")
        .values_list("code", "name")
    )


def wijk_table(
    project: Project, indicator: Indicator, year: int, gemeente: Gemeente | None = None
) -> list[IndicatorResult]:
    return list(
        IndicatorResult.objects.filter(
            edition__year=year, indicator=indicator, **edition_filter(project, gemeente)
        )
        .select_related("area")
        .order_by(area_kind_order("area__"), "area__name")
    )


def crime_table(project: Project, gemeente: Gemeente | None = None) -> QuerySet[CrimeCount]:
    return (
        CrimeCount.objects.filter(gemeente=gemeente or project.gemeente)
        .select_related("area")
        .order_by("crime_code", "area__kind", "area__code", "year")
    )


def crime_overview(project: Project, gemeente: Gemeente | None = None) -> list[Table]:
    """What the police-figures page shows: the BBV indicators first (`bbv_overview`), then one
    table per crime type (`crime_type_tables`). Of `gemeente`, by default the project's."""
    return [
        *bbv_overview(project, gemeente=gemeente),
        *crime_type_tables(project, gemeente=gemeente),
    ]


def crime_type_tables(
    project: Project, codes=None, gemeente: Gemeente | None = None
) -> list[Table]:
    """Per crime type: one row per area with counts, rates per 1,000 inhabitants and their
    Poisson intervals by year, and whether the last change is more than chance. With `codes`
    only those types (a theme page shows two or three of some sixty), over the same years."""
    counts = crime_table(project, gemeente)
    if codes is None:
        counts = list(counts)
        years = sorted({count.year for count in counts})
    else:
        years = sorted(set(counts.order_by().values_list("year", flat=True).distinct()))
        counts = list(counts.filter(crime_code__in=codes))
    labels: dict[str, str] = {}
    areas: dict[str, dict[int, Area]] = {}
    cells: dict[str, dict[tuple[int, int], int | None]] = {}
    for count in counts:
        labels.setdefault(count.crime_code, count.crime_label)
        areas.setdefault(count.crime_code, {})[count.area_id] = count.area
        cells.setdefault(count.crime_code, {})[(count.area_id, count.year)] = count.count
    return [
        crime_tables.crime_table(
            code,
            labels[code],
            years,
            crime_tables.areas_in_order(areas[code].values()),
            cells[code],
        )
        for code in labels
    ]


def bbv_overview(
    project: Project, indicator_codes=None, gemeente: Gemeente | None = None
) -> list[Table]:
    """The BBV beleidsindicatoren: summed from the police counts per area (each indicator's
    47018NED code set, see `bbv.bbv_definitions`) and as published on waarstaatjegemeente.nl."""
    definitions = bbv_definitions()
    gemeente = gemeente or project.gemeente
    published: dict[str, dict[int, float]] = {}
    for figure in BbvFigure.objects.filter(gemeente=gemeente).select_related("indicator"):
        published.setdefault(figure.indicator.code, {})[figure.year] = figure.value
    wanted = [*definitions, *(code for code in published if code not in definitions)]
    if indicator_codes is not None:
        wanted = [code for code in wanted if code in set(indicator_codes)]
    if not wanted:
        return []
    indicators = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(gemeente=None, code__in=wanted)
    }
    needed = {
        code for name in wanted if name in definitions for code in definitions[name].crime_codes
    }
    by_area_year: dict[tuple[int, int], dict[str, int | None]] = {}
    areas: dict[int, Area] = {}
    for count in crime_table(project, gemeente).filter(crime_code__in=needed):
        by_area_year.setdefault((count.area_id, count.year), {})[count.crime_code] = count.count
        areas[count.area_id] = count.area
    ordered = crime_tables.areas_in_order(areas.values())
    tables = []
    for code in wanted:
        indicator = indicators.get(code)
        if indicator is None:
            continue
        table = crime_tables.bbv_table(
            definitions.get(code),
            code,
            indicator.name,
            ordered,
            by_area_year,
            published.get(code, {}),
            gemeente_name=gemeente.name,
            # A reconstructed interval needs the population the rate is per: not for Halt.
            gemeente_inhabitants=gemeente.inhabitants if indicator.unit == Unit.PER_1000 else None,
            unit=UNIT_CAPTIONS.get(indicator.unit, indicator.get_unit_display()),
        )
        if table is not None:
            tables.append(table)
    return tables


# Catalogue indicators that stand for one police-registered crime type (CBS 47018NED). The BBV
# indicators are sums of several types: see `bbv_overview`.
REGISTRATION_CRIME_CODES = {
    "reg_misdrijven_totaal": "0.0.0",
    "reg_woninginbraak": "1.1.1",
}


def crime_for_indicators(
    project: Project, indicator_codes, gemeente: Gemeente | None = None
) -> list[Table]:
    """The police and BBV figures belonging to a theme's indicators, beside the survey figures."""
    codes = list(indicator_codes)
    wanted = {REGISTRATION_CRIME_CODES[code] for code in codes if code in REGISTRATION_CRIME_CODES}
    crime = crime_type_tables(project, wanted, gemeente=gemeente) if wanted else []
    return [*bbv_overview(project, codes, gemeente=gemeente), *crime]


# --- the preview before an edition is stored ------------------------------------------------


def previous_gemeente_figures(
    project: Project, year: int, codes, gemeente: Gemeente | None = None
) -> dict[str, Reference]:
    """Per indicator code: the gemeente's figure in the latest earlier edition of the same
    series (figures across a series break are not compared); suppressed ones are left out.
    ``gemeente``: a participant of a joint plan, whose editions are its own, not the plan's."""
    gemeente = gemeente or project.gemeente
    earlier = editions_read(project, gemeente)
    edition = earlier.filter(year__lt=year, series=Series.for_year(year)).order_by("-year").first()
    if edition is None:
        return {}
    results = IndicatorResult.objects.filter(
        edition=edition,
        area__kind=AreaKind.GEMEENTE,
        area__code=gemeente.cbs_code,
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


def national_benchmarks(
    project: Project, year: int, codes, gemeente: Gemeente | None = None
) -> dict[str, Reference]:
    """Per indicator code: Nederland's figure of that year, else of the latest earlier year of
    the same series (as imported by ``gemeente``, by default the project's)."""
    series = Series.for_year(year)
    found: dict[str, Reference] = {}
    benchmarks = (
        Benchmark.objects.filter(
            gemeente=gemeente or project.gemeente,
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
