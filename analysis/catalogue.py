"""The catalogue of veiligheidsvelden, themes and indicators (analysis/data/catalogue.yaml).

The catalogue is a draft with evidence labels (see the file); it ships with the app and is
loaded into `Indicator` rows by a migration. Fields and themes are read from the file here;
the veiligheidsanalyse makes them editable per project.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "catalogue.yaml"


@dataclass(frozen=True)
class CatalogueIndicator:
    code: str
    name: str
    unit: str
    direction: str
    source: str


@dataclass(frozen=True)
class Theme:
    code: str
    name: str
    indicator_codes: tuple[str, ...]


@dataclass(frozen=True)
class Field:
    code: str
    name: str
    themes: tuple[Theme, ...]


@cache
def _raw() -> dict:
    with CATALOGUE_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def catalogue_indicators() -> list[CatalogueIndicator]:
    return [
        CatalogueIndicator(
            code=code,
            name=spec["name"],
            unit=spec["unit"],
            direction=spec["direction"],
            source=spec["source"],
        )
        for code, spec in _raw()["indicators"].items()
    ]


def catalogue_fields() -> list[Field]:
    return [
        Field(
            code=str(field["code"]),
            name=field["name"],
            themes=tuple(
                Theme(
                    code=str(theme["code"]),
                    name=theme["name"],
                    indicator_codes=tuple(theme.get("indicators") or ()),
                )
                for theme in field["themes"]
            ),
        )
        for field in _raw()["fields"]
    ]


def shown_code(code: str) -> str:
    """The code as users see it: only a numbered code ("1", "1.4"). Placeholders and internal
    codes are never shown: "1.x" (a theme whose field the handreiking does not fix), "X" and
    "X.1" (the cross-cutting field), "1.e2" (a theme the project added)."""
    parts = str(code or "").split(".")
    return code if all(part.isdigit() for part in parts) else ""


def with_code(code: str, name: str, separator: str = " ") -> str:
    """ "1.4 Subjectieve veiligheid", or just the name when the code is not shown."""
    shown = shown_code(code)
    return f"{shown}{separator}{name}" if shown else name


def catalogue_version() -> str:
    return str(_raw()["meta"]["version"])


def load_indicators(indicator_model) -> int:
    """Create or update the catalogue indicators; takes the model so migrations can pass theirs."""
    specs = catalogue_indicators()
    for spec in specs:
        indicator_model.objects.update_or_create(
            code=spec.code,
            gemeente=None,
            defaults={
                "name": spec.name,
                "unit": spec.unit,
                "direction": spec.direction,
                "source": spec.source,
            },
        )
    return len(specs)


def cross_cutting_themes() -> list[tuple[str, str]]:
    """The cross-cutting (domeinoverstijgende) themes of the newest KBV edition."""
    names = {
        "gedigitaliseerde_criminaliteit": "Gedigitaliseerde criminaliteit",
        "zorg_en_veiligheid": "Zorg en veiligheid",
        "informatiepositie": "Informatiepositie",
    }
    codes = _raw()["meta"].get("cross_cutting_themes_kbv6", [])
    return [(code, names.get(code, code.replace("_", " ").capitalize())) for code in codes]


CROSS_CUTTING_CODE = "X"


def project_structure() -> list[Field]:
    """The fields and themes a project starts its veiligheidsanalyse with, in order: the
    catalogue's fields, then one field holding the cross-cutting themes (without indicators).
    Pure, so migrations can build the same structure with their historical models."""
    cross = Field(
        code=CROSS_CUTTING_CODE,
        name="Domeinoverstijgende thema's",
        themes=tuple(
            Theme(code=f"{CROSS_CUTTING_CODE}.{number}", name=name, indicator_codes=())
            for number, (_code, name) in enumerate(cross_cutting_themes(), start=1)
        ),
    )
    return [*catalogue_fields(), cross]


def bbv_definitions_raw() -> dict:
    """The `bbv_definitions` section: each BBV indicator's 47018NED code set and its sources.
    Validated and used by `analysis.figures.bbv`."""
    return dict(_raw().get("bbv_definitions") or {})
