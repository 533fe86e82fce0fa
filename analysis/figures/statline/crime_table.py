"""Police-registered crime (47018NED "Geregistreerde misdrijven; soort misdrijf, wijk, buurt").

One row per crime type x area x period with a count. Gemeente, wijk and Nederland rows are kept;
buurt rows are skipped (counted in a note).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .csv_table import (
    DEFAULT_MAX_BYTES,
    PERIOD_NAMES,
    SPACES,
    Records,
    StatlineError,
    check_size,
    check_width,
    column_list,
    find_column,
    format_plain,
    read_number,
    read_period,
    records,
    unnamed_columns,
)


@dataclass(frozen=True)
class CrimeRow:
    area_code: str  # WKxxxxyy, GMxxxx or NL00; buurt (BU) rows are skipped
    crime_code: str  # e.g. "0.0.0", "1.1.1"
    crime_label: str  # e.g. "Totaal misdrijven", "Diefstal/inbraak woning"
    period: int
    count: int | None  # None when suppressed "."


# CBS 47018NED SoortMisdrijf codes with their Dutch labels, as in the SoortMisdrijf dimension
# (https://dataderden.cbs.nl/ODataApi/OData/47018NED/SoortMisdrijf). Checked against two independent
# third-party transcriptions of that dimension (one with the police incident codes per type, e.g.
# 1.4.5 = F550 eenvoudige mishandeling, F551 zware mishandeling), found with the search tool; not
# fetched from CBS directly (no network here). The codes are flat x.y.z; the only total is 0.0.0.
# Corrected in issue 11: 3.7.3 reads "Maatsch. integriteit (overig)" in the table; the milieu
# types 2.6.x, 3.3.5 and 3.5.5 were missing.
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
    "2.6.1": "Inrichting Wet Milieubeheer",
    "2.6.2": "Bodem",
    "2.6.3": "Water",
    "2.6.4": "Afval",
    "2.6.5": "Bouwstoffen",
    "2.6.7": "Mest",
    "2.6.8": "Transport gevaarlijke stoffen",
    "2.6.9": "Vuurwerk",
    "2.6.10": "Bestrijdingsmiddelen",
    "2.6.11": "Natuur en landschap",
    "2.6.12": "Ruimtelijke ordening",
    "2.6.13": "Dieren",
    "2.6.14": "Voedselveiligheid",
    "2.7.2": "Bijzondere wetten",
    "2.7.3": "Leefbaarheid (overig)",
    "3.1.1": "Drugshandel",
    "3.1.2": "Mensensmokkel",
    "3.1.3": "Wapenhandel",
    "3.2.1": "Kinderporno",
    "3.2.2": "Kinderprostitutie",
    "3.3.2": "Onder invloed (lucht)",
    "3.3.5": "Lucht (overig)",
    "3.4.2": "Onder invloed (water)",
    "3.5.2": "Onder invloed (weg)",
    "3.5.5": "Weg (overig)",
    "3.6.4": "Aantasting openbare orde",
    "3.7.1": "Discriminatie",
    "3.7.2": "Vreemdelingenzorg",
    "3.7.3": "Maatsch. integriteit (overig)",
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
    "Maatschappelijke integriteit (overig)": "3.7.3",
    "Misdrijven, totaal": "0.0.0",
    "Totaal": "0.0.0",
}

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

_AREA_CODE = re.compile(r"(NL\d{2}|GM\d{4}|WK\d{6}|BU\d{8})(?![0-9])")
_CRIME_CODE = re.compile(r"^\d+(?:\.\d+){0,3}$")
_CRIME_CODE_LABEL = re.compile(r"^(\d+(?:\.\d+){1,3})(?:\s+(.*))?$")


def _label_key(label: str) -> str:
    return SPACES.sub(" ", label.strip()).casefold()


_CRIME_CODES_BY_LABEL: dict[str, str] = {
    **{_label_key(label): code for label, code in _CRIME_LABEL_ALIASES.items()},
    **{_label_key(label): code for code, label in CRIME_LABELS.items()},
}


@dataclass(frozen=True)
class _Columns:
    crime_code: int | None
    crime: int | None
    area_code: int | None
    area: int | None
    period: int
    count: int
    ignored: list[str]  # the names of the columns not read


def _columns(header: list[str], rows: Records) -> _Columns:
    """Find the crime, area, period and count columns; name every one that is missing."""
    taken = set(unnamed_columns(header, rows))
    crime_code = find_column(header, _CRIME_CODE_NAMES, "codekolom voor soort misdrijf", taken)
    crime = find_column(header, _CRIME_NAMES, "kolom voor soort misdrijf", taken)
    area_code = find_column(header, _AREA_CODE_NAMES, "gebiedscodekolom", taken)
    area = find_column(header, _AREA_NAMES, "gebiedskolom", taken)
    period = find_column(header, PERIOD_NAMES, "periodekolom", taken)
    count = find_column(header, _COUNT_NAMES, "aantalkolom", taken)
    missing = []
    if crime is None and crime_code is None:
        missing.append("soort misdrijf ('SoortMisdrijf')")
    if area is None and area_code is None:
        missing.append("wijk of gemeente ('WijkenEnBuurten')")
    if period is None:
        missing.append("periode ('Perioden' of 'jaar')")
    if count is None:
        missing.append("aantal ('GeregistreerdeMisdrijven_1' of 'aantal')")
    if missing:
        raise StatlineError(
            f"Kolom ontbreekt: {'; '.join(missing)}. Gevonden kolommen: {column_list(header)}."
        )
    assert period is not None and count is not None
    ignored = [header[i] for i in range(len(header)) if i not in taken]
    return _Columns(crime_code, crime, area_code, area, period, count, ignored)


def _area_code(line: int, cells: list[str], columns: _Columns, header: list[str]) -> str:
    for col in (columns.area_code, columns.area):
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


def _crime(line: int, cells: list[str], columns: _Columns, header: list[str]) -> tuple[str, str]:
    """(code, label) from a code column, a "1.1.1 Label" cell, or a label we know."""
    text = cells[columns.crime].strip() if columns.crime is not None else ""
    code, label = "", text
    combined = _CRIME_CODE_LABEL.match(text)
    if combined:
        code, label = combined.group(1), (combined.group(2) or "").strip()
    code_col = columns.crime_code
    if code_col is not None and cells[code_col].strip():
        code = cells[code_col].strip()
        if not _CRIME_CODE.match(code):
            raise StatlineError(
                f"Regel {line}, kolom '{header[code_col]}': '{code}' is geen CBS-code voor "
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
    number = read_number(line, text, column)
    if number is None:
        return None
    if number < 0:
        raise StatlineError(
            f"Regel {line}, kolom '{column}': aantal {format_plain(number)} is negatief; "
            "een aantal misdrijven kan niet negatief zijn."
        )
    if not number.is_integer():
        raise StatlineError(
            f"Regel {line}, kolom '{column}': aantal {format_plain(number)} is geen geheel getal."
        )
    return int(number)


def read_police_crime(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[CrimeRow], list[str]]:
    """Read police-registered crime in the CBS 47018NED shape.

    Keeps gemeente (GM), wijk (WK) and Nederland (NL00) rows; buurt (BU) rows are skipped and
    counted in a note. Returns the rows in file order and Dutch notes for the user.
    """
    check_size(data, max_bytes)
    header, rows = records(data)
    columns = _columns(header, rows)
    result: list[CrimeRow] = []
    seen: dict[tuple[str, str, int], int] = {}
    buurt_rows = 0
    for line, raw_cells in rows:
        cells = check_width(line, raw_cells, header)
        area = _area_code(line, cells, columns, header)
        if area.startswith("BU"):
            buurt_rows += 1
            continue
        crime_code, crime_label = _crime(line, cells, columns, header)
        period = read_period(line, cells[columns.period], header[columns.period])
        count = _count(line, cells[columns.count], header[columns.count])
        key = (area, crime_code, period)
        if key in seen:
            raise StatlineError(
                f"Regel {line}: dubbele regel voor gebied {area}, soort misdrijf {crime_code}, "
                f"jaar {period} (ook op regel {seen[key]})."
            )
        seen[key] = line
        result.append(CrimeRow(area, crime_code, crime_label, period, count))
    if not result:
        raise StatlineError(
            "Het bestand bevat geen regels voor gemeenten of wijken (alleen buurten)."
        )
    return result, _notes(buurt_rows, columns.ignored)


def _notes(buurt_rows: int, ignored: list[str]) -> list[str]:
    notes = []
    if buurt_rows:
        notes.append(
            f"{buurt_rows} {'buurtregel' if buurt_rows == 1 else 'buurtregels'} overgeslagen"
        )
    if ignored:
        notes.append("Kolommen genegeerd: " + ", ".join(ignored) + ".")
    return notes
