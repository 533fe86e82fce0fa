"""Police counts and BBV figures as the pages show them: per area and year a count, a rate per
1,000 inhabitants with its exact Poisson interval, and whether the last change is real.

A change is called a rise or a fall only when the exact conditional test of two Poisson counts
(`stats.poisson_change`, two-sided, 95%) says so; otherwise the page says the change is within
chance. 12 against 15 incidents in a wijk is not a trend (p = 0.70).

Plain functions on plain rows (no queries), so the crime page, the theme page and later goal
work build the same cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .bbv import BbvDefinition, bbv_sum
from .charts.formatting import format_number
from .constants import AreaKind
from .stats import CountChange, Rate, poisson_change, poisson_rate_interval


@dataclass
class Cell:
    count: int | None = None
    rate: Rate | None = None
    published: float | None = None  # a published rate without a count (waarstaatjegemeente)
    approximate: bool = False  # the count is reconstructed from a published rate
    missing: tuple[str, ...] = ()  # crime codes of a BBV set that were suppressed or absent

    @property
    def per_1000(self) -> float | None:
        if self.rate is not None:
            return self.rate.value
        return self.published

    @property
    def rate_text(self) -> str:
        value = self.per_1000
        return "–" if value is None else format_number(value, 1)

    @property
    def interval_text(self) -> str:
        if self.rate is None:
            return ""
        low, high = format_number(self.rate.ci_low, 1), format_number(self.rate.ci_high, 1)
        return f"{'ca. ' if self.approximate else ''}{low}–{high}"

    @property
    def missing_text(self) -> str:
        if not self.missing:
            return ""
        return "niet te berekenen: " + ", ".join(self.missing) + " ontbreekt of is geheim"


@dataclass
class Row:
    area: object
    label: str
    cells: list[Cell]
    change: dict | None = None
    source: str = ""


@dataclass
class Table:
    code: str
    label: str
    years: list[int]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    definition: BbvDefinition | None = None
    unit: str = "per 1.000 inwoners"

    @property
    def is_bbv(self) -> bool:
        return self.code.startswith("bbv_")

    @property
    def anchor(self) -> str:
        """A unique HTML id: crime codes have dots, BBV codes underscores."""
        return "tabel-" + self.code.replace(".", "-").replace("_", "-")


def rate_cell(count: int | None, inhabitants: int | None) -> Cell:
    if count is None:
        return Cell()
    rate = poisson_rate_interval(count, inhabitants) if inhabitants else None
    return Cell(count=count, rate=rate)


def published_cell(value: float | None, inhabitants: int | None) -> Cell:
    """A published rate. With the inhabitants known, its count is reconstructed (rounded) so
    an approximate interval can be shown; marked as approximate."""
    if value is None:
        return Cell()
    if not inhabitants:
        return Cell(published=value)
    count = round(value * inhabitants / 1000)
    rate = poisson_rate_interval(count, inhabitants)
    return Cell(
        count=None,
        published=value,
        approximate=True,
        rate=Rate(count, inhabitants, 1000, value, rate.ci_low, rate.ci_high),
    )


def change_of(years: list[int], cells: list[Cell]) -> dict | None:
    """The last two years with a count (or reconstructed count), tested for a real change."""
    known = [
        (year, cell.count if cell.count is not None else cell.rate.count, cell.approximate)
        for year, cell in zip(years, cells, strict=True)
        if cell.count is not None or (cell.approximate and cell.rate is not None)
    ]
    if len(known) < 2:
        return None
    (year_a, before, approx_a), (year_b, after, approx_b) = known[-2], known[-1]
    # Equal exposures: an area has one inhabitants figure for all years, so the rates change
    # exactly as the counts do.
    test = poisson_change(before, after)
    return {
        "from_year": year_a,
        "to_year": year_b,
        "direction": test.direction,
        "test": test,
        "text": change_text(year_a, year_b, test, approximate=approx_a or approx_b),
    }


def change_text(year_a: int, year_b: int, test: CountChange, *, approximate: bool = False) -> str:
    counts = f"{test.before} → {test.after}"
    if approximate:
        counts = "ca. " + counts
    if test.direction > 0:
        return f"{year_a}–{year_b}: gestegen ({counts}), groter dan toeval"
    if test.direction < 0:
        return f"{year_a}–{year_b}: gedaald ({counts}), groter dan toeval"
    return f"{year_a}–{year_b}: geen aantoonbare verandering ({counts}, binnen de toevalsmarge)"


def crime_table(
    code: str, label: str, years: list[int], areas: list, counts: Mapping[tuple, int | None]
) -> Table:
    """One 47018NED crime type: `counts[(area_id, year)]` (absent: not in the file)."""
    rows = []
    for area in areas:
        cells = [
            rate_cell(counts.get((area.pk, year)), area.inhabitants)
            if (area.pk, year) in counts
            else Cell()
            for year in years
        ]
        rows.append(Row(area=area, label=area.name, cells=cells, change=change_of(years, cells)))
    return Table(code=code, label=label, years=years, rows=rows)


def bbv_table(
    definition: BbvDefinition | None,
    code: str,
    label: str,
    areas: list,
    crime_counts: Mapping[tuple, Mapping[str, int | None]],
    published: Mapping[int, float],
    *,
    gemeente_name: str,
    gemeente_inhabitants: int | None,
    unit: str = "per 1.000 inwoners",
) -> Table | None:
    """One BBV indicator: summed from 47018NED per area (`crime_counts[(area_id, year)]` is a
    code -> count mapping), plus the gemeente's published figures (`published[year]`).
    None when there is nothing to show. Without a definition (Halt: not a police figure) only
    the published figures are shown."""
    codes = definition.crime_codes if definition is not None else ()
    relevant = {
        key: by_code
        for key, by_code in crime_counts.items()
        if any(code in by_code for code in codes)
    }
    years = sorted({year for _area, year in relevant} | set(published))
    if not years:
        return None
    rows = []
    absent: set[str] = set()
    for area in areas:
        if not any((area.pk, year) in relevant for year in years):
            continue
        cells = []
        for year in years:
            by_code = relevant.get((area.pk, year))
            if by_code is None:
                cells.append(Cell())
                continue
            total = bbv_sum(by_code, codes, area.inhabitants)
            absent.update(code for code in total.missing if code not in by_code)
            cells.append(
                Cell(count=total.count, rate=total.rate, missing=total.missing)
                if total.known
                else Cell(missing=total.missing)
            )
        rows.append(
            Row(
                area=area,
                label=area.name,
                cells=cells,
                change=change_of(years, cells),
                source="politie (CBS 47018NED), som van " + ", ".join(codes),
            )
        )
    if published:
        cells = [published_cell(published.get(year), gemeente_inhabitants) for year in years]
        gemeente = next((area for area in areas if _is_gemeente(area)), None)
        rows.append(
            Row(
                area=gemeente,
                label=f"{gemeente_name} (waarstaatjegemeente.nl)",
                cells=cells,
                change=change_of(years, cells),
                source="waarstaatjegemeente.nl, ingelezen",
            )
        )
    notes = []
    if absent:
        notes.append(
            "Niet in het ingelezen politiebestand: "
            + ", ".join(sorted(absent))
            + "; zonder die soorten is de som niet te maken."
        )
    if definition is not None and definition.note:
        notes.append(definition.note)
    return Table(
        code=code,
        label=label,
        years=years,
        rows=rows,
        notes=notes,
        definition=definition,
        unit=unit,
    )


def _is_gemeente(area) -> bool:
    return getattr(area, "kind", None) == AreaKind.GEMEENTE


def areas_in_order(areas: Iterable) -> list:
    """The gemeente first, then its areas by name."""
    return sorted(areas, key=lambda area: (not _is_gemeente(area), area.name))
