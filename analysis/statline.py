"""Parse CBS StatLine-style tables: benchmark figures and police-registered crime.

Pure functions on bytes; no Django. The caller passes a region resolver and decides which
regions to keep.

Two shapes are read:

- Benchmark tables (85146NED "Sociale veiligheid; regio", 85147NED "persoonskenmerken"): one row
  per region (or kenmerk) x period x marge, one column per indicator. The Marges dimension gives
  the value and the 95% interval on separate rows (Waarde / Betrouwbaarheidsmarge ondergrens /
  bovengrens, or the keys MW00000 / MOG0095 / MBG0095). `read_statline_table` combines them into
  one `BenchmarkRow` per (region, period, indicator column).
- Police-registered crime (47018NED "Geregistreerde misdrijven; soort misdrijf, wijk, buurt"): one
  row per crime type x area x period with a count. `read_police_crime` keeps gemeente, wijk and
  Nederland rows and skips buurt rows (counted in a note).

Conventions, as CBS writes its exports:
- Text is UTF-8 (with or without BOM) or Windows-1252. Nothing else is guessed at.
- The delimiter is ';' (CBS downloads), ',' (quoted values) or a tab, taken from the header line.
- Numbers use the Dutch decimal comma and an optional thousands dot: "6,4", "1.234,5". A dot that
  is not a thousands separator ("6.4") is rejected rather than silently read as 64 or 6.4.
- "." (gegevens ontbreken), "x" (geheim), "-" and an empty cell mean suppressed or missing.
  Note: in CBS's own legend "-" means "nihil" (zero); here it is treated as missing on purpose.
- CBS keys are space-padded ("PV27  ", "0.0.0 "), so every key is stripped.

Error messages are Dutch and name the line as a spreadsheet shows it: the header is line 1.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "CRIME_LABELS",
    "DEFAULT_MAX_BYTES",
    "BenchmarkRow",
    "CrimeRow",
    "StatlineError",
    "parse_dutch_number",
    "read_police_crime",
    "read_statline_table",
]

DEFAULT_MAX_BYTES = 10_000_000


class StatlineError(ValueError):
    """A table that cannot be read. The message is Dutch and meant for the user."""


@dataclass(frozen=True)
class BenchmarkRow:
    region_code: str  # NL00, LDxx, PVxx, VRxx, GMxxxx, ... (resolved, stripped)
    region_label: str  # as in the file (surrounding spaces stripped)
    period: int  # year, from "2021", "2021JJ00", "2021*"
    column: str  # the file's column name for the indicator
    value: float | None  # None when suppressed
    low: float | None  # 95% lower bound, None when absent or suppressed
    high: float | None  # 95% upper bound, None when absent or suppressed
    suppressed: bool  # the value cell itself was ".", "x", "-" or empty


@dataclass(frozen=True)
class CrimeRow:
    area_code: str  # WKxxxxyy, GMxxxx or NL00; buurt (BU) rows are skipped
    crime_code: str  # e.g. "0.0.0", "1.1.1"
    crime_label: str  # e.g. "Totaal misdrijven", "Diefstal/inbraak woning"
    period: int
    count: int | None  # None when suppressed "."


# CBS 47018NED SoortMisdrijf codes with their Dutch labels. The labels are as remembered and as
# seen in third-party code that reads 47018NED; verify them against the table's DataProperties /
# SoortMisdrijf entity set (dataderden.cbs.nl/ODataApi/odata/47018NED/SoortMisdrijf) before
# relying on the exact wording. Third-party sources give 2.2.1 as "Vernieling cq.
# zaakbeschadiging"; "Vernielingen/beschadigingen" is accepted as an alias below.
CRIME_LABELS: dict[str, str] = {
    "0.0.0": "Totaal misdrijven",
    "1.1.1": "Diefstal/inbraak woning",
    "1.1.2": "Diefstal/inbraak box/garage/schuur",
    "1.2.1": "Diefstal uit/vanaf motorvoertuigen",
    "1.2.2": "Diefstal van motorvoertuigen",
    "1.2.3": "Diefstal van brom-, snor-, fietsen",
    "1.2.4": "Zakkenrollerij",
    "1.2.5": "Diefstal af/uit/van ov. voertuigen",
    "1.3.1": "Ongevallen (weg)",
    "1.4.1": "Zedenmisdrijf",
    "1.4.2": "Moord, doodslag",
    "1.4.3": "Openlijk geweld (persoon)",
    "1.4.4": "Bedreiging",
    "1.4.5": "Mishandeling",
    "1.4.6": "Straatroof",
    "1.4.7": "Overval",
    "1.5.2": "Diefstallen (water)",
    "1.6.1": "Brand/ontploffing",
    "1.6.2": "Overige vermogensdelicten",
    "1.6.3": "Mensenhandel",
    "2.1.1": "Drugs/drankoverlast",
    "2.2.1": "Vernieling cq. zaakbeschadiging",
    "2.4.1": "Burengerucht (relatieproblemen)",
    "2.4.2": "Huisvredebreuk",
    "2.5.1": "Diefstal/inbraak bedrijven enz.",
    "2.5.2": "Winkeldiefstal",
    "2.7.2": "Bijzondere wetten",
    "2.7.3": "Leefbaarheid (overig)",
    "3.1.1": "Drugshandel",
    "3.1.2": "Mensensmokkel",
    "3.1.3": "Wapenhandel",
    "3.2.1": "Kinderporno",
    "3.2.2": "Kinderprostitutie",
    "3.3.2": "Onder invloed (lucht)",
    "3.4.2": "Onder invloed (water)",
    "3.5.2": "Onder invloed (weg)",
    "3.6.4": "Aantasting openbare orde",
    "3.7.1": "Discriminatie",
    "3.7.2": "Vreemdelingenzorg",
    "3.7.3": "Maatschappelijke integriteit (overig)",
    "3.7.4": "Cybercrime",
    "3.9.1": "Horizontale fraude",
    "3.9.2": "Verticale fraude",
    "3.9.3": "Fraude (overig)",
}

# Other spellings seen for the same codes (label -> code), used only when a file has labels
# without codes.
_CRIME_LABEL_ALIASES: dict[str, str] = {
    "Vernielingen/beschadigingen": "2.2.1",
    "Vernieling/zaakbeschadiging": "2.2.1",
    "Diefstal af/uit/van overige voertuigen": "1.2.5",
    "Diefstal/inbraak bedrijven": "2.5.1",
    "Diefstal/inbraak bedrijven en instellingen": "2.5.1",
    "Maatsch. integriteit (overig)": "3.7.3",
    "Misdrijven, totaal": "0.0.0",
    "Totaal": "0.0.0",
}

# ---------------------------------------------------------------------------------------------
# Column names (compared after _norm: lower case, "_" and "-" as spaces, an OData "_3" suffix
# dropped, runs of spaces collapsed).

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
_PERIOD_NAMES = ("perioden", "periode", "jaar")
_MARGES_NAMES = ("marges",)
_IGNORED_NAMES = ("id",)  # the row number column of OData downloads

_CRIME_NAMES = ("soortmisdrijf", "soort misdrijf", "soorten misdrijven", "misdrijf")
_CRIME_CODE_NAMES = (
    "soortmisdrijf code",
    "soort misdrijf code",
    "misdrijfcode",
    "misdrijf code",
)
_AREA_NAMES = (
    "wijkenenbuurten",
    "wijken en buurten",
    "wijk",
    "regio",
    "regio's",
    "regios",
    "gebied",
)
_AREA_CODE_NAMES = (
    "wijkenenbuurten code",
    "wijken en buurten code",
    "codering",
    "gebiedscode",
    "wijkcode",
    "regiocode",
    "regio code",
    "code",
)
_COUNT_NAMES = (
    "geregistreerdemisdrijven",
    "geregistreerde misdrijven",
    "geregistreerde misdrijven (aantal)",
    "totaal geregistreerde misdrijven",
    "totaalgeregistreerdemisdrijven",
    "aantal misdrijven",
    "aantal",
)

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

SUPPRESSED = frozenset({"", ".", "x", "X", "-"})

_DUTCH_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")
_PERIOD = re.compile(r"^(\d{4})(?:JJ00)?\s*\*{0,2}$", re.IGNORECASE)
_REGION_CODE = re.compile(r"^[A-Z]{2}\d{2,8}$")
_AREA_CODE = re.compile(r"(NL\d{2}|GM\d{4}|WK\d{6}|BU\d{8})(?![0-9])")
_CRIME_CODE = re.compile(r"^\d+(?:\.\d+){0,3}$")
_CRIME_CODE_LABEL = re.compile(r"^(\d+(?:\.\d+){1,3})(?:\s+(.*))?$")
_ODATA_SUFFIX = re.compile(r" \d+$")
_SPACES = re.compile(r"\s+")

_UNKNOWN_REGION = (
    "Regel {line}: regio '{label}' ken ik niet; gebruik een CBS-code "
    "(GMxxxx, PVxx, VRxx, NL00) of de CBS-naam"
)


# ---------------------------------------------------------------------------------------------
# Numbers


def parse_dutch_number(text: str) -> float | None:
    """Parse a number written the Dutch way ("6,4", "1.234,5", "-0,5", "12").

    Returns None for a suppressed or missing cell (".", "x", "-", empty). Raises ValueError for
    anything else that is not a number in this notation, including "6.4".
    """
    cell = text.strip().replace("\u2212", "-")  # U+2212 MINUS SIGN
    if cell in SUPPRESSED:
        return None
    match = _DUTCH_NUMBER.match(cell)
    if not match:
        raise ValueError(f"'{text.strip()}' is geen getal")
    sign, whole, fraction = match.groups()
    number = float(whole.replace(".", "") + ("." + fraction if fraction else ""))
    return -number if sign == "-" else number


def _format_number(value: float) -> str:
    return f"{value:.12g}".replace(".", ",")


# ---------------------------------------------------------------------------------------------
# Bytes to records


def _decode(data: bytes) -> str:
    unknown = StatlineError(
        "Onbekende tekencodering: sla het bestand op als UTF-8 of Windows-1252 (ANSI), "
        "bijvoorbeeld met 'CSV (puntkomma gescheiden)' of 'CSV UTF-8' in Excel."
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise unknown  # UTF-16/UTF-32 or binary (an .xlsx, for instance)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise unknown from None


def _detect_delimiter(header_line: str) -> str:
    """The candidate that splits the header line into the most fields (quotes respected)."""
    best, best_fields = ";", 1
    for candidate in (";", "\t", ","):
        fields = len(next(csv.reader([header_line], delimiter=candidate)))
        if fields > best_fields:
            best, best_fields = candidate, fields
    return best


def _check_size(data: bytes, max_bytes: int) -> None:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("data must be bytes")
    if len(data) > max_bytes:
        raise StatlineError(
            f"Het bestand is te groot ({_size(len(data))}); de grens is {_size(max_bytes)}."
        )


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB".replace(".", ",")
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB".replace(".", ",")
    return f"{n} bytes"


def _records(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header cells and the non-blank data records as (line number, cells)."""
    text = _decode(bytes(data))
    if not text.strip():
        raise StatlineError("Het bestand is leeg.")
    lines = text.splitlines()
    header_line = next(line for line in lines if line.strip())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_detect_delimiter(header_line))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for line, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip().lstrip("\ufeff") for cell in cells]
            else:
                rows.append((line, cells))
    except csv.Error as exc:
        raise StatlineError(
            f"Regel {reader.line_num}: het bestand is geen leesbare CSV ({exc})."
        ) from None
    if header is None:
        raise StatlineError("Het bestand is leeg.")
    if not rows:
        raise StatlineError("Het bestand bevat alleen een kopregel en geen gegevensregels.")
    return header, rows


def _norm(name: str) -> str:
    name = name.strip().lower().replace("_", " ").replace("-", " ")
    return _SPACES.sub(" ", name).strip()


def _matches(name: str, candidates: tuple[str, ...]) -> bool:
    normal = _norm(name)
    return normal in candidates or _ODATA_SUFFIX.sub("", normal) in candidates


def _find_column(
    header: list[str], candidates: tuple[str, ...], role: str, taken: set[int]
) -> int | None:
    found = [i for i, name in enumerate(header) if i not in taken and _matches(name, candidates)]
    if len(found) > 1:
        names = " en ".join(f"'{header[i]}'" for i in found)
        raise StatlineError(
            f"Kopregel: kolommen {names} zijn allebei een {role}; laat er één over."
        )
    if found:
        taken.add(found[0])
        return found[0]
    return None


def _column_list(header: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in header if name)


def _check_width(line: int, cells: list[str], header: list[str]) -> list[str]:
    """The cells of one record, exactly as many as the header has (trailing empties trimmed)."""
    if len(cells) > len(header) and not any(cell.strip() for cell in cells[len(header) :]):
        cells = cells[: len(header)]
    if len(cells) != len(header):
        raise StatlineError(
            f"Regel {line}: {len(cells)} kolommen, maar de kopregel heeft er {len(header)}. "
            "Controleer het scheidingsteken en de aanhalingstekens op deze regel."
        )
    return cells


def _period(line: int, text: str, column: str) -> int:
    cell = text.strip()
    match = _PERIOD.match(cell)
    if not match:
        raise StatlineError(
            f"Regel {line}, kolom '{column}': periode '{cell}' is geen jaar "
            "(verwacht bijvoorbeeld 2021 of 2021JJ00)."
        )
    return int(match.group(1))


def _number(line: int, text: str, column: str) -> float | None:
    try:
        return parse_dutch_number(text)
    except ValueError:
        raise StatlineError(
            f"Regel {line}, kolom '{column}': '{text.strip()}' is geen getal. Gebruik een "
            "decimale komma (6,4), of '.' voor een ontbrekende waarde."
        ) from None


def _unnamed_columns(header: list[str], rows: list[tuple[int, list[str]]]) -> list[int]:
    """Columns without a name; allowed only when empty (a trailing delimiter, for instance)."""
    unnamed = [i for i, name in enumerate(header) if not name]
    for line, cells in rows:
        for i in unnamed:
            if i < len(cells) and cells[i].strip():
                raise StatlineError(
                    f"Regel {line}, kolom {i + 1}: deze kolom heeft geen naam in de kopregel "
                    "maar bevat wel een waarde."
                )
    return unnamed


# ---------------------------------------------------------------------------------------------
# Benchmark tables


@dataclass
class _Group:
    label: str
    code: str
    period: int
    first_line: int
    lines: dict[str, tuple[int, list[str]]]


def read_statline_table(
    data: bytes,
    *,
    resolve_region: Callable[[str], str | None],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[list[BenchmarkRow], list[str]]:
    """Read a wide CBS StatLine table: one row per region x period (x marge).

    `resolve_region` maps a label from the file (a CBS region name, or a kenmerk label in the
    85147NED shape) to a region code, or None when unknown. It is called once per distinct label,
    and only for rows whose code column is absent or empty and whose label is not itself a code.

    Returns the rows (one per region/kenmerk x period x indicator column, in file order) and the
    indicator column names in file order.
    """
    _check_size(data, max_bytes)
    header, rows = _records(data)

    taken = set(_unnamed_columns(header, rows))
    ignored = [
        i for i, name in enumerate(header) if i not in taken and _matches(name, _IGNORED_NAMES)
    ]
    taken.update(ignored)
    period_col = _find_column(header, _PERIOD_NAMES, "periodekolom", taken)
    marges_col = _find_column(header, _MARGES_NAMES, "margekolom", taken)
    code_col = _find_column(header, _REGION_CODE_NAMES, "regiocodekolom", taken)
    label_col = _find_column(header, _REGION_LABEL_NAMES, "regiokolom", taken)
    if period_col is None:
        raise StatlineError(
            "Geen periodekolom gevonden: verwacht een kolom 'Perioden', 'periode' of 'jaar'. "
            f"Gevonden kolommen: {_column_list(header)}."
        )
    if label_col is None and code_col is None:
        raise StatlineError(
            "Geen regiokolom gevonden: verwacht een kolom 'Regio's', 'regio', 'kenmerk' of "
            f"'regiocode'. Gevonden kolommen: {_column_list(header)}."
        )
    indicator_cols = [i for i in range(len(header)) if i not in taken]
    if not indicator_cols:
        raise StatlineError(
            "Geen indicatorkolommen gevonden: naast regio, periode en marges moet er minstens "
            "één kolom met cijfers zijn."
        )
    seen: dict[str, int] = {}
    for i in indicator_cols:
        if header[i] in seen:
            raise StatlineError(
                f"Kopregel: kolom '{header[i]}' komt twee keer voor "
                f"(kolom {seen[header[i]] + 1} en {i + 1})."
            )
        seen[header[i]] = i

    resolved: dict[str, str | None] = {}
    groups: dict[tuple[str, str, int], _Group] = {}
    for line, raw_cells in rows:
        cells = _check_width(line, raw_cells, header)
        label = cells[label_col].strip() if label_col is not None else ""
        code = _region_code(line, cells, label, code_col, header, resolve_region, resolved)
        period = _period(line, cells[period_col], header[period_col])
        kind = (
            _marge_kind(line, cells[marges_col], header[marges_col])
            if marges_col is not None
            else "value"
        )

        key = (code, label, period)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(label or code, code, period, line, {})
        if kind in group.lines:
            what = "" if marges_col is None else f", marge '{cells[marges_col].strip()}'"
            raise StatlineError(
                f"Regel {line}: dubbele regel voor regio '{group.label}', periode {period}{what} "
                f"(ook op regel {group.lines[kind][0]})."
            )
        group.lines[kind] = (line, cells)

    result: list[BenchmarkRow] = []
    for group in groups.values():
        if "value" not in group.lines:
            raise StatlineError(
                f"Regel {group.first_line}: regio '{group.label}', periode {group.period} heeft "
                "wel een betrouwbaarheidsmarge maar geen regel 'Waarde'."
            )
        for i in indicator_cols:
            result.append(_benchmark_row(group, i, header[i]))
    return result, [header[i] for i in indicator_cols]


def _region_code(
    line: int,
    cells: list[str],
    label: str,
    code_col: int | None,
    header: list[str],
    resolve_region: Callable[[str], str | None],
    resolved: dict[str, str | None],
) -> str:
    if code_col is not None and cells[code_col].strip():
        code = cells[code_col].strip().upper()
        if not _REGION_CODE.match(code):
            raise StatlineError(
                f"Regel {line}, kolom '{header[code_col]}': '{cells[code_col].strip()}' is geen "
                "CBS-regiocode (GMxxxx, PVxx, VRxx, NL00)."
            )
        return code
    if not label:
        raise StatlineError(f"Regel {line}: de regio ontbreekt.")
    if _REGION_CODE.match(label.upper()):
        return label.upper()
    if label not in resolved:
        answer = resolve_region(label)
        resolved[label] = answer.strip() if answer and answer.strip() else None
    code = resolved[label]
    if code is None:
        raise StatlineError(_UNKNOWN_REGION.format(line=line, label=label))
    return code


def _marge_kind(line: int, text: str, column: str) -> str:
    kind = _MARGE_KINDS.get(_norm(text))
    if kind is None:
        raise StatlineError(
            f"Regel {line}, kolom '{column}': marge '{text.strip()}' ken ik niet; verwacht "
            "'Waarde', 'Betrouwbaarheidsmarge ondergrens' of 'Betrouwbaarheidsmarge bovengrens'."
        )
    return kind


def _benchmark_row(group: _Group, i: int, column: str) -> BenchmarkRow:
    numbers: dict[str, float | None] = {}
    for kind, (line, cells) in group.lines.items():
        numbers[kind] = _number(line, cells[i], column)
    value, low, high = numbers["value"], numbers.get("low"), numbers.get("high")
    if value is not None:
        if low is not None and low > value:
            raise StatlineError(
                f"Regel {group.lines['low'][0]}, kolom '{column}': de ondergrens "
                f"{_format_number(low)} is groter dan de waarde {_format_number(value)} "
                f"(regel {group.lines['value'][0]})."
            )
        if high is not None and high < value:
            raise StatlineError(
                f"Regel {group.lines['high'][0]}, kolom '{column}': de bovengrens "
                f"{_format_number(high)} is kleiner dan de waarde {_format_number(value)} "
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


# ---------------------------------------------------------------------------------------------
# Police-registered crime (47018NED)


def _label_key(label: str) -> str:
    return _SPACES.sub(" ", label.strip()).casefold()


_CRIME_CODES_BY_LABEL: dict[str, str] = {
    **{_label_key(label): code for label, code in _CRIME_LABEL_ALIASES.items()},
    **{_label_key(label): code for code, label in CRIME_LABELS.items()},
}


def read_police_crime(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[CrimeRow], list[str]]:
    """Read police-registered crime in the CBS 47018NED shape.

    Keeps gemeente (GM), wijk (WK) and Nederland (NL00) rows; buurt (BU) rows are skipped and
    counted in a note. Returns the rows in file order and Dutch notes for the user.
    """
    _check_size(data, max_bytes)
    header, rows = _records(data)

    taken = set(_unnamed_columns(header, rows))
    crime_code_col = _find_column(header, _CRIME_CODE_NAMES, "codekolom voor soort misdrijf", taken)
    crime_col = _find_column(header, _CRIME_NAMES, "kolom voor soort misdrijf", taken)
    area_code_col = _find_column(header, _AREA_CODE_NAMES, "gebiedscodekolom", taken)
    area_col = _find_column(header, _AREA_NAMES, "gebiedskolom", taken)
    period_col = _find_column(header, _PERIOD_NAMES, "periodekolom", taken)
    count_col = _find_column(header, _COUNT_NAMES, "aantalkolom", taken)

    missing = []
    if crime_col is None and crime_code_col is None:
        missing.append("soort misdrijf ('SoortMisdrijf')")
    if area_col is None and area_code_col is None:
        missing.append("wijk of gemeente ('WijkenEnBuurten')")
    if period_col is None:
        missing.append("periode ('Perioden' of 'jaar')")
    if count_col is None:
        missing.append("aantal ('GeregistreerdeMisdrijven_1' of 'aantal')")
    if missing:
        raise StatlineError(
            f"Kolom ontbreekt: {'; '.join(missing)}. Gevonden kolommen: {_column_list(header)}."
        )
    assert period_col is not None and count_col is not None

    notes: list[str] = []
    ignored = [header[i] for i in range(len(header)) if i not in taken]
    if ignored:
        notes.append("Kolommen genegeerd: " + ", ".join(ignored) + ".")

    result: list[CrimeRow] = []
    seen: dict[tuple[str, str, int], int] = {}
    buurt_rows = 0
    for line, raw_cells in rows:
        cells = _check_width(line, raw_cells, header)
        area = _area_code(line, cells, area_col, area_code_col, header)
        if area.startswith("BU"):
            buurt_rows += 1
            continue
        crime_code, crime_label = _crime(line, cells, crime_col, crime_code_col, header)
        period = _period(line, cells[period_col], header[period_col])
        count = _count(line, cells[count_col], header[count_col])
        key = (area, crime_code, period)
        if key in seen:
            raise StatlineError(
                f"Regel {line}: dubbele regel voor gebied {area}, soort misdrijf {crime_code}, "
                f"jaar {period} (ook op regel {seen[key]})."
            )
        seen[key] = line
        result.append(CrimeRow(area, crime_code, crime_label, period, count))

    if buurt_rows:
        noun = "buurtregel" if buurt_rows == 1 else "buurtregels"
        notes.insert(0, f"{buurt_rows} {noun} overgeslagen")
    if not result:
        raise StatlineError(
            "Het bestand bevat geen regels voor gemeenten of wijken (alleen buurten)."
        )
    return result, notes


def _area_code(
    line: int,
    cells: list[str],
    area_col: int | None,
    area_code_col: int | None,
    header: list[str],
) -> str:
    for col in (area_code_col, area_col):
        if col is None or not cells[col].strip():
            continue
        match = _AREA_CODE.search(cells[col].strip().upper())
        if match:
            return match.group(1)
        raise StatlineError(
            f"Regel {line}, kolom '{header[col]}': gebied '{cells[col].strip()}' heeft geen "
            "CBS-code (GMxxxx, WKxxxxxx of BUxxxxxxxx)."
        )
    raise StatlineError(f"Regel {line}: het gebied ontbreekt.")


def _crime(
    line: int,
    cells: list[str],
    crime_col: int | None,
    crime_code_col: int | None,
    header: list[str],
) -> tuple[str, str]:
    text = cells[crime_col].strip() if crime_col is not None else ""
    code, label = "", text
    combined = _CRIME_CODE_LABEL.match(text)
    if combined:
        code, label = combined.group(1), (combined.group(2) or "").strip()
    if crime_code_col is not None and cells[crime_code_col].strip():
        code = cells[crime_code_col].strip()
        if not _CRIME_CODE.match(code):
            raise StatlineError(
                f"Regel {line}, kolom '{header[crime_code_col]}': '{code}' is geen CBS-code voor "
                "een soort misdrijf (bijvoorbeeld 1.1.1)."
            )
    if not code and text:
        code = _CRIME_CODES_BY_LABEL.get(_label_key(text), "")
        if not code:
            raise StatlineError(
                f"Regel {line}: soort misdrijf '{text}' ken ik niet; gebruik de CBS-code "
                "(bijvoorbeeld '1.1.1 Diefstal/inbraak woning') of voeg een kolom "
                "'SoortMisdrijf code' toe."
            )
    if not code:
        raise StatlineError(f"Regel {line}: de soort misdrijf ontbreekt.")
    return code, label or CRIME_LABELS.get(code, code)


def _count(line: int, text: str, column: str) -> int | None:
    number = _number(line, text, column)
    if number is None:
        return None
    if number < 0:
        raise StatlineError(
            f"Regel {line}, kolom '{column}': aantal {_format_number(number)} is negatief; "
            "een aantal misdrijven kan niet negatief zijn."
        )
    if not number.is_integer():
        raise StatlineError(
            f"Regel {line}, kolom '{column}': aantal {_format_number(number)} is geen geheel getal."
        )
    return int(number)
