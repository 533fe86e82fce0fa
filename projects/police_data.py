"""The police units of each gemeente: the bundled regionale eenheid per gemeente (see
data/SOURCES.md), and a table of districts and basisteams an administrator may load.

The loaders take the model classes so a data migration can pass its historical models.
"""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError

from .constants import PoliceUnitKind

EENHEDEN_FILE = Path(__file__).resolve().parent / "data" / "gemeente_politie_eenheid_2023.csv"

# The ten regionale eenheden with CBS's codes (gebiedsindeling "Regionale eenheid" 2023).
EENHEDEN = {
    "RE01": "Noord-Nederland",
    "RE02": "Oost-Nederland",
    "RE03": "Midden-Nederland",
    "RE04": "Noord-Holland",
    "RE05": "Amsterdam",
    "RE06": "Den Haag",
    "RE07": "Rotterdam",
    "RE08": "Zeeland-West-Brabant",
    "RE09": "Oost-Brabant",
    "RE10": "Limburg",
}

_UNIT_CODE = {
    PoliceUnitKind.DISTRICT: re.compile(r"^PD\d{2,8}$"),
    PoliceUnitKind.BASISTEAM: re.compile(r"^BT\d{2,8}$"),
}
# Columns of the district/basisteam table; the names may use spaces or underscores.
_COLUMNS = ("gemeente_code", "district_code", "district_naam", "basisteam_code", "basisteam_naam")
MAX_TABLE_BYTES = 1_000_000  # about 350 gemeenten: a few tens of kilobytes


@dataclass(frozen=True)
class EenheidRow:
    gemeente_code: str
    eenheid_code: str
    eenheid_name: str


def read_eenheden(path: Path = EENHEDEN_FILE) -> list[EenheidRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            EenheidRow(
                row["gemeente_code"].strip(),
                row["politie_eenheid_code"].strip(),
                row["politie_eenheid_naam"].strip(),
            )
            for row in csv.DictReader(handle, delimiter=";")
        ]


def load_police_eenheden(*, gemeente_model, unit_model) -> int:
    """Create the ten eenheden and give every gemeente in the file its eenheid.

    Idempotent; returns the number of gemeenten that got (or kept) their eenheid.
    """
    units = {
        code: unit_model.objects.update_or_create(
            code=code, defaults={"name": name, "kind": PoliceUnitKind.EENHEID, "parent": None}
        )[0]
        for code, name in EENHEDEN.items()
    }
    done = 0
    for row in read_eenheden():
        done += gemeente_model.objects.filter(cbs_code=row.gemeente_code).update(
            politie_eenheid=units[row.eenheid_code]
        )
    return done


@dataclass(frozen=True)
class DistrictRow:
    line: int
    gemeente_code: str
    district_code: str
    district_name: str
    basisteam_code: str
    basisteam_name: str


def read_district_table(data: bytes) -> list[DistrictRow]:
    """Read a ';' or ',' separated table: one line per gemeente with its district and
    (optionally) basisteam. Every problem is collected and raised at once, in Dutch."""
    if len(data) > MAX_TABLE_BYTES:
        raise ValidationError("Het bestand is groter dan 1 MB; dat is geen indelingstabel.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError("Het bestand is geen UTF-8-tekst.") from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [cell.strip().lower().replace(" ", "_") for cell in next(reader, [])]
    missing = [name for name in _COLUMNS[:3] if name not in header]
    if missing:
        raise ValidationError(
            f"Kolommen ontbreken: {', '.join(missing)}. Verwacht: {', '.join(_COLUMNS)}."
        )
    rows, problems = [], []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        cell = dict(zip(header, (c.strip() for c in cells), strict=False))
        row = DistrictRow(
            line,
            cell.get("gemeente_code", "").upper(),
            cell.get("district_code", "").upper(),
            cell.get("district_naam", ""),
            cell.get("basisteam_code", "").upper(),
            cell.get("basisteam_naam", ""),
        )
        problems += _row_problems(row)
        rows.append(row)
    if problems:
        raise ValidationError(problems)
    if not rows:
        raise ValidationError("Het bestand bevat geen gemeenten.")
    return rows


def _row_problems(row: DistrictRow) -> list[str]:
    problems = []
    if not re.match(r"^GM\d{4}$", row.gemeente_code):
        problems.append(f"Regel {row.line}: '{row.gemeente_code}' is geen gemeentecode (GMxxxx).")
    if not _UNIT_CODE[PoliceUnitKind.DISTRICT].match(row.district_code):
        problems.append(
            f"Regel {row.line}: '{row.district_code}' is geen CBS-code van een district (PD…)."
        )
    if not row.district_name:
        problems.append(f"Regel {row.line}: de naam van het district ontbreekt.")
    if row.basisteam_code or row.basisteam_name:
        if not _UNIT_CODE[PoliceUnitKind.BASISTEAM].match(row.basisteam_code):
            problems.append(
                f"Regel {row.line}: '{row.basisteam_code}' is geen CBS-code van een basisteam "
                "(BT…)."
            )
        if not row.basisteam_name:
            problems.append(f"Regel {row.line}: de naam van het basisteam ontbreekt.")
    return problems


def load_police_districts(rows: list[DistrictRow], *, gemeente_model, unit_model) -> dict:
    """Store the districts and basisteams and link the gemeenten in the table to them.

    A district lies in the eenheid of its gemeenten, a basisteam in one district; a table that
    says otherwise changes nothing. Run it inside a transaction (the command does).
    """
    gemeenten = {
        gemeente.cbs_code: gemeente
        for gemeente in gemeente_model.objects.filter(
            cbs_code__in=[row.gemeente_code for row in rows]
        ).select_related("politie_eenheid")
    }
    problems = [
        f"Regel {row.line}: gemeente {row.gemeente_code} bestaat niet (indeling 2023)."
        for row in rows
        if row.gemeente_code not in gemeenten
    ]
    problems += _duplicate_problems(rows)
    districts: dict[str, tuple[str, str]] = {}  # code -> (name, eenheid code)
    basisteams: dict[str, tuple[str, str]] = {}  # code -> (name, district code)
    for row in rows:
        gemeente = gemeenten.get(row.gemeente_code)
        if gemeente is None:
            continue
        if gemeente.politie_eenheid is None:
            problems.append(f"Regel {row.line}: van {gemeente.name} is de eenheid niet bekend.")
            continue
        eenheid = gemeente.politie_eenheid.code
        problems += _same_parent(districts, row.district_code, row.district_name, eenheid, row)
        if row.basisteam_code:
            problems += _same_parent(
                basisteams, row.basisteam_code, row.basisteam_name, row.district_code, row
            )
    if problems:
        raise ValidationError(problems)
    units = {unit.code: unit for unit in unit_model.objects.all()}
    for code, (name, parent) in [*districts.items(), *basisteams.items()]:
        kind = PoliceUnitKind.DISTRICT if code.startswith("PD") else PoliceUnitKind.BASISTEAM
        units[code] = unit_model.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": units[parent]}
        )[0]
    for row in rows:
        gemeente = gemeenten[row.gemeente_code]
        gemeente.politie_district = units[row.district_code]
        gemeente.politie_basisteam = units.get(row.basisteam_code)
        gemeente.save(update_fields=["politie_district", "politie_basisteam"])
    return {"gemeenten": len(rows), "districten": len(districts), "basisteams": len(basisteams)}


def _duplicate_problems(rows: list[DistrictRow]) -> list[str]:
    first: dict[str, int] = {}
    problems = []
    for row in rows:
        if row.gemeente_code in first:
            problems.append(
                f"Regel {row.line}: gemeente {row.gemeente_code} staat er al op regel "
                f"{first[row.gemeente_code]}."
            )
        first.setdefault(row.gemeente_code, row.line)
    return problems


def _same_parent(seen: dict, code: str, name: str, parent: str, row: DistrictRow) -> list[str]:
    """A unit has one name and one parent throughout the table."""
    if code not in seen:
        seen[code] = (name, parent)
        return []
    known_name, known_parent = seen[code]
    if known_parent != parent:
        return [
            f"Regel {row.line}: {code} valt hier onder {parent}, eerder onder {known_parent}; "
            "een district hoort bij één eenheid en een basisteam bij één district."
        ]
    if known_name != name:
        return [f"Regel {row.line}: {code} heet hier '{name}', eerder '{known_name}'."]
    return []
