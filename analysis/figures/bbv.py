"""BBV beleidsindicatoren as sums of police-registered crime types (CBS 47018NED).

A BBV indicator such as *geweldsmisdrijven* is not one police crime type but a set of them; the
set, the definition it follows and its sources live in the catalogue (`bbv_definitions` in
analysis/data/catalogue.yaml). Pure functions, no Django, so the sums can be checked by hand.

A suppressed (".") or absent crime type inside a set makes that sum unknown: a partial sum would
understate the figure and a later complete year would read as a rise. The missing codes are
returned, so the page can say which ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from ..catalogue import bbv_definitions_raw
from .statline import CRIME_LABELS
from .stats import Rate, poisson_rate_interval


@dataclass(frozen=True)
class DefinitionSource:
    url: str
    quote: str


@dataclass(frozen=True)
class BbvDefinition:
    indicator: str  # catalogue code, e.g. "bbv_geweldsmisdrijven"
    crime_codes: tuple[str, ...]  # 47018NED SoortMisdrijf codes summed, in catalogue order
    definition: str  # Dutch, as published
    evidence: str
    sources: tuple[DefinitionSource, ...]
    included: dict[str, str]  # code -> why it belongs
    excluded: dict[str, str]  # code -> why it does not
    note: str = ""


class DefinitionError(ValueError):
    """A code set that would count something twice or names an unknown crime type."""


def _parts(code: str) -> tuple[int, ...]:
    """ "1.4.0" -> (1, 4): trailing zeros mark a group total; "0.0.0" -> () is the grand total."""
    parts = [int(part) for part in code.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def contains(group: str, code: str) -> bool:
    """Whether crime code `group` is a total that includes `code` (or is the same code)."""
    outer, inner = _parts(group), _parts(code)
    return inner[: len(outer)] == outer


def check_code_set(codes: Iterable[str], *, known: Iterable[str] = CRIME_LABELS) -> tuple[str, ...]:
    """The codes, unchanged, or a DefinitionError when one is unknown, doubled, or a group
    together with one of its members (which would count the member twice)."""
    codes = tuple(codes)
    known = set(known)
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise DefinitionError(f"unknown 47018NED codes: {', '.join(unknown)}")
    if len(set(codes)) != len(codes):
        raise DefinitionError("a code is listed twice")
    for group in codes:
        for code in codes:
            if group != code and contains(group, code):
                raise DefinitionError(f"{group} already includes {code}")
    return codes


def parse_definitions(raw: Mapping[str, Mapping]) -> dict[str, BbvDefinition]:
    result = {}
    for indicator, spec in raw.items():
        codes = check_code_set(str(code) for code in spec["crime_codes"])
        included = {str(k): str(v) for k, v in (spec.get("included") or {}).items()}
        excluded = {str(k): str(v) for k, v in (spec.get("excluded") or {}).items()}
        if set(included) != set(codes):
            raise DefinitionError(f"{indicator}: every summed code needs a reason, and only those")
        if set(excluded) & set(codes):
            raise DefinitionError(f"{indicator}: a code is both included and excluded")
        sources = tuple(
            DefinitionSource(url=str(source["url"]), quote=str(source["quote"]))
            for source in spec.get("sources") or ()
        )
        if not sources:
            raise DefinitionError(f"{indicator}: a definition needs its source")
        result[indicator] = BbvDefinition(
            indicator=indicator,
            crime_codes=codes,
            definition=str(spec["definition"]),
            evidence=str(spec.get("evidence", "P")),
            sources=sources,
            included=included,
            excluded=excluded,
            note=str(spec.get("note", "")),
        )
    return result


@cache
def bbv_definitions() -> dict[str, BbvDefinition]:
    """The catalogue's BBV code sets, checked once."""
    return parse_definitions(bbv_definitions_raw())


@dataclass(frozen=True)
class BbvSum:
    """One BBV indicator for one area and year, summed from its crime types."""

    count: int | None  # None when a code of the set is suppressed or absent
    missing: tuple[str, ...]  # codes of the set that were suppressed (".") or not in the table
    rate: Rate | None  # per 1,000 inhabitants with its Poisson interval; None without both

    @property
    def known(self) -> bool:
        return self.count is not None


def bbv_sum(
    counts: Mapping[str, int | None], codes: Iterable[str], inhabitants: int | None = None
) -> BbvSum:
    """Sum the counts of `codes` (a crime code -> count mapping for one area and year).

    `counts[code] is None` means suppressed; a code not in `counts` is absent from the table.
    Either makes the sum unknown, and both are reported in `missing`.
    """
    codes = tuple(codes)
    missing = tuple(code for code in codes if counts.get(code) is None)
    if missing:
        return BbvSum(count=None, missing=missing, rate=None)
    total = sum(int(counts[code]) for code in codes)
    rate = poisson_rate_interval(total, inhabitants) if inhabitants else None
    return BbvSum(count=total, missing=(), rate=rate)
