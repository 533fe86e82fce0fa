"""BBV beleidsindicatoren as a gemeente copies them from waarstaatjegemeente.nl (CSV).

For a gemeente without a 47018NED file: the published figures per 1,000 inhabitants, per
indicator and year. The dashboard's own export layout could not be confirmed from public sources,
so the reader accepts the three shapes such a table takes, and says which columns it ignored:

- long: one row per indicator and year, e.g. ``Indicator;Periode;Waarde`` (optionally with a
  ``Gemeente``/``Regio`` column; rows of other areas, such as Nederland, are skipped);
- years as columns: ``Indicator;2021;2022;2023``;
- areas as columns, as begrotingen print it: ``Indicator;Eenheid;Waadhoeke;Nederland;Periode``;
  the column named after the gemeente is read.

Numbers: the Dutch decimal comma ("2,7"); a file without any comma may use a decimal point
("2.7"), but "1.234" is then refused as ambiguous. "." / "x" / "-" / empty mean not published.
Indicators are recognised by their waarstaatjegemeente name ("Geweldsmisdrijven", "Misdrijven -
Winkeldiefstallen", "Vernieling", …); rows of other indicators are skipped and named in a note.
A unit "per 10.000" (older Halt figures) is converted to per 1,000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .csv_table import (
    PERIOD_NAMES,
    SPACES,
    StatlineError,
    check_size,
    check_width,
    column_list,
    find_column,
    parse_dutch_number,
    read_period,
    records,
    unnamed_columns,
)

WSJG_MAX_BYTES = 1_000_000  # a dashboard export of one gemeente is a few kB

# Normalised waarstaatjegemeente names (see `_label_key`) -> catalogue indicator code.
_INDICATOR_NAMES: dict[str, str] = {
    "winkeldiefstallen": "bbv_winkeldiefstallen",
    "winkeldiefstal": "bbv_winkeldiefstallen",
    "geweldsmisdrijven": "bbv_geweldsmisdrijven",
    "gewelds en seksuele misdrijven": "bbv_geweldsmisdrijven",
    "diefstallen uit woning": "bbv_diefstallen_uit_woning",
    "diefstal uit woning": "bbv_diefstallen_uit_woning",
    "diefstallen uit woningen": "bbv_diefstallen_uit_woning",
    "vernielingen en beschadigingen": "bbv_vernielingen_openbare_ruimte",
    "vernielingen en beschadigingen in de openbare ruimte": "bbv_vernielingen_openbare_ruimte",
    "vernieling": "bbv_vernielingen_openbare_ruimte",
    "vernielingen": "bbv_vernielingen_openbare_ruimte",
    "vernieling en misdrijven tegen de openbare orde": "bbv_vernielingen_openbare_ruimte",
    "verwijzingen halt": "bbv_verwijzingen_halt",
}

_INDICATOR_COLUMNS = (
    "indicator",
    "indicatoren",
    "naam indicator",
    "indicatornaam",
    "onderwerp",
    "onderwerpen",
    "variabele",
    "omschrijving",
)
_VALUE_COLUMNS = ("waarde", "value", "cijfer", "gemeente waarde")
_REGION_COLUMNS = ("gemeente", "gemeentenaam", "regio", "regionaam", "gebied", "geografie")
_REGION_CODE_COLUMNS = ("gemeentecode", "regiocode", "regio code", "gebiedscode", "code")
_UNIT_COLUMNS = ("eenheid", "unit", "maat")
_YEAR_COLUMN = re.compile(r"^(\d{4})(?:JJ00)?\s*\*{0,2}$", re.IGNORECASE)
_PREFIXES = ("misdrijven - ", "misdrijven: ", "aantal ")
_GM_CODE = re.compile(r"GM\d{4}")
_MAX_PER_1000 = 1000.0  # a rate per 1,000 above 1,000 cannot be right


@dataclass(frozen=True)
class WsjgRow:
    indicator: str  # catalogue code, e.g. "bbv_geweldsmisdrijven"
    label: str  # as in the file
    year: int
    value: float  # per 1,000 (per 1,000 youths for Halt)


def _label_key(label: str) -> str:
    key = SPACES.sub(" ", label.strip()).casefold()
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    key = re.sub(r"[()]", " ", key)
    key = re.sub(r"\bper 1[.]?000\b.*$", "", key)  # "... per 1.000 inwoners"
    key = key.replace("-", " ")
    return SPACES.sub(" ", key).strip()


def indicator_for_label(label: str) -> str | None:
    return _INDICATOR_NAMES.get(_label_key(label))


@dataclass(frozen=True)
class _Layout:
    indicator: int
    unit: int | None
    region: int | None
    region_code: int | None
    period: int | None
    values: dict[int, int | None]  # value column -> its year (None: year from the period column)
    ignored: list[str]


def _layout(header: list[str], rows, gemeente_names: set[str], shown_name: str) -> _Layout:
    taken = set(unnamed_columns(header, rows))
    indicator = find_column(header, _INDICATOR_COLUMNS, "indicatorkolom", taken)
    if indicator is None:
        raise StatlineError(
            "Kolom ontbreekt: de naam van de indicator ('Indicator' of 'Onderwerp'). "
            f"Gevonden kolommen: {column_list(header)}."
        )
    unit = find_column(header, _UNIT_COLUMNS, "eenheidkolom", taken)
    # A column named after the gemeente holds its values (areas as columns).
    own = [
        i
        for i, name in enumerate(header)
        if i not in taken and SPACES.sub(" ", name.strip()).casefold() in gemeente_names
    ]
    years = {
        i: int(match.group(1))
        for i, name in enumerate(header)
        if i not in taken and (match := _YEAR_COLUMN.match(name.strip()))
    }
    period = None
    if years:
        taken.update(years)
        values: dict[int, int | None] = dict(years)
        region = find_column(header, _REGION_COLUMNS, "gebiedskolom", taken)
        region_code = find_column(header, _REGION_CODE_COLUMNS, "gebiedscodekolom", taken)
    else:
        period = find_column(header, PERIOD_NAMES, "periodekolom", taken)
        if own:
            taken.update(own)
            values = {own[0]: None}
            region = region_code = None
        else:
            value = find_column(header, _VALUE_COLUMNS, "waardekolom", taken)
            if value is None:
                raise StatlineError(
                    "Kolom ontbreekt: de waarde ('Waarde', een kolom per jaar, of een kolom "
                    f"met de naam van de gemeente, '{shown_name}'). "
                    f"Gevonden kolommen: {column_list(header)}."
                )
            values = {value: None}
            region = find_column(header, _REGION_COLUMNS, "gebiedskolom", taken)
            region_code = find_column(header, _REGION_CODE_COLUMNS, "gebiedscodekolom", taken)
        if period is None:
            raise StatlineError(
                "Kolom ontbreekt: het jaar ('Periode' of 'Jaar'), of een kolom per jaar "
                f"(2021, 2022, …). Gevonden kolommen: {column_list(header)}."
            )
    ignored = [header[i] for i in range(len(header)) if i not in taken and header[i]]
    return _Layout(indicator, unit, region, region_code, period, values, ignored)


def _decimal_point(cells: list[str]) -> bool:
    """True when the file writes decimals with a point: no value cell has a comma."""
    return not any("," in cell for cell in cells)


def _number(line: int, text: str, column: str, decimal_point: bool) -> float | None:
    cell = text.strip()
    if decimal_point and "." in cell and cell not in {".", "-"}:
        whole, _, fraction = cell.lstrip("+-").partition(".")
        if len(fraction) == 3 and whole.isdigit() and len(whole) <= 3:
            raise StatlineError(
                f"Regel {line}, kolom '{column}': '{cell}' is dubbelzinnig (1.234 kan "
                "duizend tweehonderdvierendertig of één komma twee betekenen). Gebruik een "
                "decimale komma: 1,234."
            )
        cell = cell.replace(".", ",", 1)
    try:
        return parse_dutch_number(cell)
    except ValueError:
        raise StatlineError(
            f"Regel {line}, kolom '{column}': '{text.strip()}' is geen getal. Gebruik een "
            "decimale komma (2,7), of '.' als er geen cijfer is gepubliceerd."
        ) from None


def _is_own(cells: list[str], layout: _Layout, gemeente_code: str, gemeente_names) -> bool:
    if layout.region_code is not None and cells[layout.region_code].strip():
        found = _GM_CODE.search(cells[layout.region_code].strip().upper())
        if found:
            return found.group(0) == gemeente_code
    if layout.region is not None:
        text = cells[layout.region].strip()
        found = _GM_CODE.search(text.upper())
        if found:
            return found.group(0) == gemeente_code
        return SPACES.sub(" ", text).casefold() in gemeente_names
    return True  # no area column: the whole export is the gemeente's


def read_wsjg_table(
    data: bytes,
    *,
    gemeente_code: str,
    gemeente_names: tuple[str, ...],
    max_bytes: int = WSJG_MAX_BYTES,
) -> tuple[list[WsjgRow], list[str]]:
    """Read the gemeente's BBV figures. `gemeente_names`: its name first, then other spellings
    (the CBS label). Returns the rows (published values only) and Dutch notes for the user."""
    check_size(data, max_bytes)
    header, rows = records(data)
    names = {SPACES.sub(" ", name.strip()).casefold() for name in gemeente_names if name}
    layout = _layout(header, rows, names, gemeente_names[0] if gemeente_names else "")
    checked = [(line, check_width(line, cells, header)) for line, cells in rows]
    decimal_point = _decimal_point([cells[i] for _, cells in checked for i in layout.values])
    result: list[WsjgRow] = []
    seen: dict[tuple[str, int], int] = {}
    unknown: list[str] = []
    other_areas: set[str] = set()
    unpublished = 0
    converted = False
    for line, cells in checked:
        label = cells[layout.indicator].strip()
        if not label:
            continue
        indicator = indicator_for_label(label)
        if indicator is None:
            if label not in unknown:
                unknown.append(label)
            continue
        if not _is_own(cells, layout, gemeente_code, names):
            area_col = layout.region if layout.region is not None else layout.region_code
            other_areas.add(cells[area_col].strip())
            continue
        unit = cells[layout.unit].strip() if layout.unit is not None else ""
        per_10000 = "10.000" in unit or "10.000" in label or "10000" in unit.replace(".", "")
        for column, column_year in layout.values.items():
            if column_year is None:
                assert layout.period is not None
                year = read_period(line, cells[layout.period], header[layout.period])
            else:
                year = column_year
            value = _number(line, cells[column], header[column], decimal_point)
            if value is None:
                unpublished += 1
                continue
            if per_10000:
                value, converted = value / 10, True
            if value < 0 or value > _MAX_PER_1000:
                raise StatlineError(
                    f"Regel {line}, kolom '{header[column]}': {cells[column].strip()} per 1.000 "
                    "inwoners kan niet kloppen; controleer de kolommen en de eenheid."
                )
            key = (indicator, year)
            if key in seen:
                raise StatlineError(
                    f"Regel {line}: '{label}' staat voor {year} twee keer in het bestand "
                    f"(ook op regel {seen[key]})."
                )
            seen[key] = line
            result.append(WsjgRow(indicator, label, year, value))
    if not result:
        known = "Geweldsmisdrijven, Winkeldiefstallen, Diefstallen uit woning, Vernielingen"
        raise StatlineError(
            "Het bestand bevat geen gepubliceerde BBV-cijfers van deze gemeente. Verwacht "
            f"indicatoren zoals {known}."
            + (f" Niet herkend: {', '.join(unknown[:10])}." if unknown else "")
        )
    return result, _notes(unknown, other_areas, unpublished, converted, layout.ignored)


def _notes(unknown, other_areas, unpublished, converted, ignored) -> list[str]:
    notes = []
    if unknown:
        notes.append("Niet herkend en overgeslagen: " + ", ".join(unknown[:10]) + ".")
    if other_areas:
        notes.append("Andere gebieden overgeslagen: " + ", ".join(sorted(other_areas)) + ".")
    if unpublished:
        notes.append(f"{unpublished} cellen zonder gepubliceerd cijfer overgeslagen.")
    if converted:
        notes.append("Cijfers per 10.000 omgerekend naar per 1.000.")
    if ignored:
        notes.append("Kolommen genegeerd: " + ", ".join(ignored) + ".")
    return notes
