"""Benchmark tables (85146NED "Sociale veiligheid; regio", 85147NED "persoonskenmerken").

One row per region (or kenmerk) x period x marge, one column per indicator. The Marges dimension
gives the value and the 95% interval on separate rows (Waarde / Betrouwbaarheidsmarge ondergrens
/ bovengrens, or the keys MW00000 / MOG0095 / MBG0095); they are combined into one
`BenchmarkRow` per (region, period, indicator column).

Regions are CBS region keys: NL00, LDxx, PVxx, GMxxxx, and the police units the Veiligheidsmonitor
publishes for, REnn (regionale eenheid), PD… (district) and BT… (basisteam). Which of them are
stored is the caller's choice (services/benchmarks.py skips veiligheidsregio's, for one).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .csv_table import (
    DEFAULT_MAX_BYTES,
    PERIOD_NAMES,
    Records,
    StatlineError,
    check_size,
    check_width,
    column_list,
    find_column,
    format_plain,
    matches,
    norm,
    read_number,
    read_period,
    records,
    unnamed_columns,
)


@dataclass(frozen=True)
class BenchmarkRow:
    region_code: str  # NL00, PVxx, RE05, GMxxxx, ... (resolved, stripped); UNCODED if unknown
    region_label: str  # as in the file (surrounding spaces stripped)
    period: int  # year, from "2021", "2021JJ00", "2021*"
    column: str  # the file's column name for the indicator
    value: float | None  # None when suppressed
    low: float | None  # 95% lower bound, None when absent or suppressed
    high: float | None  # 95% upper bound, None when absent or suppressed
    suppressed: bool  # the value cell itself was ".", "x", "-" or empty


_REGION_LABEL_NAMES = (
    "regio label cbs",
    "regio label",
    "regio's",
    "regios",
    "regio",
    "regionaam",
    "regio naam",
    "kenmerk",
    "kenmerken",
    "persoonskenmerken",
)
_REGION_CODE_NAMES = (
    "regio code added",
    "regios code",
    "regio's code",
    "regiocode",
    "regio code",
    "code",
)
_MARGES_NAMES = ("marges",)
_IGNORED_NAMES = ("id",)  # the row number column of OData downloads

_MARGE_KINDS = {
    "waarde": "value",
    "mw00000": "value",
    "betrouwbaarheidsmarge ondergrens": "low",
    "ondergrens": "low",
    "mog0095": "low",
    "betrouwbaarheidsmarge bovengrens": "high",
    "bovengrens": "high",
    "mbg0095": "high",
}

_REGION_CODE = re.compile(r"^[A-Z]{2}\d{2,8}$")

# A resolver's answer for a region it recognises but has no code for (a basisteam whose code
# is not loaded, say): its lines are kept with this code, and the caller skips them with a
# note, instead of the whole file failing on one label.
UNCODED = ""

_UNKNOWN_REGION = (
    "Regel {line}: regio '{label}' ken ik niet; gebruik een CBS-code "
    "(NL00, PVxx, GMxxxx, REnn voor een politie-eenheid) of de CBS-naam"
)


@dataclass(frozen=True)
class _Columns:
    period: int
    marges: int | None
    code: int | None
    label: int | None
    indicators: list[int]


@dataclass
class _Group:
    """The lines of one region x period: a value line and perhaps its two margin lines."""

    label: str
    code: str
    period: int
    first_line: int
    lines: dict[str, tuple[int, list[str]]]


def _columns(header: list[str], rows: Records) -> _Columns:
    """Find the period, marges and region columns; every other named column is an indicator."""
    taken = set(unnamed_columns(header, rows))
    taken.update(
        i for i, name in enumerate(header) if i not in taken and matches(name, _IGNORED_NAMES)
    )
    period = find_column(header, PERIOD_NAMES, "periodekolom", taken)
    marges = find_column(header, _MARGES_NAMES, "margekolom", taken)
    code = find_column(header, _REGION_CODE_NAMES, "regiocodekolom", taken)
    label = find_column(header, _REGION_LABEL_NAMES, "regiokolom", taken)
    if period is None:
        raise StatlineError(
            "Geen periodekolom gevonden: verwacht een kolom 'Perioden', 'periode' of 'jaar'. "
            f"Gevonden kolommen: {column_list(header)}."
        )
    if label is None and code is None:
        raise StatlineError(
            "Geen regiokolom gevonden: verwacht een kolom 'Regio's', 'regio', 'kenmerk' of "
            f"'regiocode'. Gevonden kolommen: {column_list(header)}."
        )
    return _Columns(period, marges, code, label, _indicator_columns(header, taken))


def _indicator_columns(header: list[str], taken: set[int]) -> list[int]:
    indicators = [i for i in range(len(header)) if i not in taken]
    if not indicators:
        raise StatlineError(
            "Geen indicatorkolommen gevonden: naast regio, periode en marges moet er minstens "
            "één kolom met cijfers zijn."
        )
    seen: dict[str, int] = {}
    for i in indicators:
        if header[i] in seen:
            raise StatlineError(
                f"Kopregel: kolom '{header[i]}' komt twee keer voor "
                f"(kolom {seen[header[i]] + 1} en {i + 1})."
            )
        seen[header[i]] = i
    return indicators


class _Regions:
    """The region code of a line: from the code column, from a label that is itself a code, or
    from the caller's resolver (asked once per distinct label)."""

    def __init__(
        self, header: list[str], code_col: int | None, resolve: Callable[[str], str | None]
    ):
        self.header = header
        self.code_col = code_col
        self.resolve = resolve
        self.resolved: dict[str, str | None] = {}

    def code(self, line: int, cells: list[str], label: str) -> str:
        col = self.code_col
        if col is not None and cells[col].strip():
            code = cells[col].strip().upper()
            if not _REGION_CODE.match(code):
                raise StatlineError(
                    f"Regel {line}, kolom '{self.header[col]}': '{cells[col].strip()}' is geen "
                    "CBS-regiocode (NL00, PVxx, GMxxxx, REnn, PD… of BT…)."
                )
            return code
        if not label:
            raise StatlineError(f"Regel {line}: de regio ontbreekt.")
        if _REGION_CODE.match(label.upper()):
            return label.upper()
        if label not in self.resolved:
            answer = self.resolve(label)
            self.resolved[label] = None if answer is None else answer.strip()
        code = self.resolved[label]
        if code is None:
            raise StatlineError(_UNKNOWN_REGION.format(line=line, label=label))
        return code


def _marge_kind(line: int, text: str, column: str) -> str:
    kind = _MARGE_KINDS.get(norm(text))
    if kind is None:
        raise StatlineError(
            f"Regel {line}, kolom '{column}': marge '{text.strip()}' ken ik niet; verwacht "
            "'Waarde', 'Betrouwbaarheidsmarge ondergrens' of 'Betrouwbaarheidsmarge bovengrens'."
        )
    return kind


def _groups(header: list[str], rows: Records, columns: _Columns, regions: _Regions) -> list[_Group]:
    """The lines grouped per region x period, in file order; a kind of line occurs once."""
    groups: dict[tuple[str, str, int], _Group] = {}
    for line, raw_cells in rows:
        cells = check_width(line, raw_cells, header)
        label = cells[columns.label].strip() if columns.label is not None else ""
        code = regions.code(line, cells, label)
        period = read_period(line, cells[columns.period], header[columns.period])
        marges = columns.marges
        kind = "value" if marges is None else _marge_kind(line, cells[marges], header[marges])
        group = groups.setdefault(
            (code, label, period), _Group(label or code, code, period, line, {})
        )
        if kind in group.lines:
            what = "" if marges is None else f", marge '{cells[marges].strip()}'"
            raise StatlineError(
                f"Regel {line}: dubbele regel voor regio '{group.label}', periode {period}{what} "
                f"(ook op regel {group.lines[kind][0]})."
            )
        group.lines[kind] = (line, cells)
    return list(groups.values())


def _benchmark_row(group: _Group, i: int, column: str) -> BenchmarkRow:
    numbers: dict[str, float | None] = {}
    for kind, (line, cells) in group.lines.items():
        numbers[kind] = read_number(line, cells[i], column)
    value, low, high = numbers["value"], numbers.get("low"), numbers.get("high")
    if value is not None:
        if low is not None and low > value:
            raise StatlineError(
                f"Regel {group.lines['low'][0]}, kolom '{column}': de ondergrens "
                f"{format_plain(low)} is groter dan de waarde {format_plain(value)} "
                f"(regel {group.lines['value'][0]})."
            )
        if high is not None and high < value:
            raise StatlineError(
                f"Regel {group.lines['high'][0]}, kolom '{column}': de bovengrens "
                f"{format_plain(high)} is kleiner dan de waarde {format_plain(value)} "
                f"(regel {group.lines['value'][0]})."
            )
    return BenchmarkRow(
        region_code=group.code,
        region_label=group.label,
        period=group.period,
        column=column,
        value=value,
        low=low,
        high=high,
        suppressed=value is None,
    )


def read_statline_table(
    data: bytes,
    *,
    resolve_region: Callable[[str], str | None],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[list[BenchmarkRow], list[str]]:
    """Read a wide CBS StatLine table: one row per region x period (x marge).

    `resolve_region` maps a label from the file (a CBS region name, or a kenmerk label in the
    85147NED shape) to a region code, or None when unknown (an error naming the line), or
    UNCODED for a region it recognises without a code (kept, for the caller to skip). It is
    called once per distinct label, and only for rows whose code column is absent or empty and
    whose label is not itself a code.

    Returns the rows (one per region/kenmerk x period x indicator column, in file order) and the
    indicator column names in file order.
    """
    check_size(data, max_bytes)
    header, rows = records(data)
    columns = _columns(header, rows)
    regions = _Regions(header, columns.code, resolve_region)
    result: list[BenchmarkRow] = []
    for group in _groups(header, rows, columns, regions):
        if "value" not in group.lines:
            raise StatlineError(
                f"Regel {group.first_line}: regio '{group.label}', periode {group.period} heeft "
                "wel een betrouwbaarheidsmarge maar geen regel 'Waarde'."
            )
        result += [_benchmark_row(group, i, header[i]) for i in columns.indicators]
    return result, [header[i] for i in columns.indicators]
