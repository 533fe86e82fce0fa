"""Reads the bundled list of the 342 gemeenten (CBS indeling 2023); see data/SOURCES.md."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

DATA_FILE = Path(__file__).resolve().parent / "data" / "gemeenten_2023.csv"

# The source writes some province names without their hyphen; CBS writes them with one.
_PROVINCE_NAMES = {
    "Noord Brabant": "Noord-Brabant",
    "Noord Holland": "Noord-Holland",
    "Zuid Holland": "Zuid-Holland",
    "Friesland": "Fryslân",
}


@dataclass(frozen=True)
class GemeenteRow:
    cbs_code: str
    name: str
    cbs_label: str
    veiligheidsregio_code: str
    veiligheidsregio_name: str
    provincie_code: str
    provincie_name: str

    @property
    def slug(self) -> str:
        return slugify(self.name.replace("'", ""))


def read_gemeenten(path: Path = DATA_FILE) -> list[GemeenteRow]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        return [
            GemeenteRow(
                cbs_code=row["gemeentCode"].strip(),
                # CBS labels a gemeente " (gemeente)" where a province shares its name.
                name=row["gemeenteNaam"].replace("(gemeente)", "").strip(),
                cbs_label=row["gemeenteNaam"].strip(),
                veiligheidsregio_code=row["veiligheidsRegioCode"].strip(),
                veiligheidsregio_name=row["veiligheidsRegioNaam"].strip(),
                provincie_code=row["provincieCode"].strip(),
                provincie_name=_PROVINCE_NAMES.get(
                    row["Provincie"].strip(), row["Provincie"].strip()
                ),
            )
            for row in reader
        ]


def load_gemeenten(*, gemeente_model, provincie_model, regio_model, indeling_year: int) -> int:
    """Create or update every gemeente with its province and veiligheidsregio.

    Takes the model classes so the data migration can pass its historical models.
    Idempotent; returns the number of gemeenten in the file.
    """
    rows = read_gemeenten()
    provincies = {
        code: provincie_model.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in {(r.provincie_code, r.provincie_name) for r in rows}
    }
    regios = {
        code: regio_model.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in {(r.veiligheidsregio_code, r.veiligheidsregio_name) for r in rows}
    }
    existing = set(gemeente_model.objects.values_list("cbs_code", flat=True))
    gemeente_model.objects.bulk_create(
        [
            gemeente_model(
                cbs_code=row.cbs_code,
                name=row.name,
                cbs_label=row.cbs_label,
                slug=row.slug,
                provincie=provincies[row.provincie_code],
                veiligheidsregio=regios[row.veiligheidsregio_code],
                indeling_year=indeling_year,
            )
            for row in rows
            if row.cbs_code not in existing
        ]
    )
    return len(rows)
