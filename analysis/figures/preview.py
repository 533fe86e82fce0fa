"""The preview of an edition: every indicator's gemeente figure as computed, beside the previous
edition and the national benchmark, with the missing codes applied and the plausibility flags.

Built from the computed cells before anything is stored, and kept on the ImportRun as JSON
(`ImportRun.preview`) together with the user's confirmation of each flagged indicator:

    {"year": 2023, "respondents": 1500, "wijken": 8, "replaces": false, "notes": [...],
     "rows": [{"code", "name", "unit", "kind", "estimate", "margin", "se", "n",
               "previous": {"label", "value", "low", "high", "se"} | null,
               "benchmark": {...} | null, "missing": [{"code", "label", "sources",
               "removed"}], "out_of_range", "valid_range", "flags": [{"rule", "text"}]}],
     "confirmed": {code: {"reason", "rules", "by"}}}

Pure functions; the service gathers the previous figures and benchmarks from the database.
"""

import math
from dataclasses import asdict

from . import compute, plausibility
from .mapping import Mapping
from .missing_report import missing_report
from .plausibility import Candidate, ChangeLimits, Reference
from .readers import SurveyFile


def _scaled(value: float | None, scale: float) -> float | None:
    if value is None or math.isnan(value):
        return None
    return value * scale


def _reference(reference: Reference | None) -> dict | None:
    return None if reference is None else asdict(reference)


def preview_build(
    *,
    year: int,
    survey: SurveyFile,
    mapping: Mapping,
    prepared: compute.Prepared,
    cells: list[compute.Cell],
    indicators: dict[str, tuple[str, str]],
    previous: dict[str, Reference],
    benchmarks: dict[str, Reference],
    limits: ChangeLimits,
    replaces: bool,
) -> dict:
    """indicators: code -> (name, unit). previous and benchmarks: code -> the figure."""
    respondents = len(survey.data)
    gemeente = prepared.area_codes[0]
    gemeente_cells = {cell.indicator_code: cell for cell in cells if cell.area_code == gemeente}
    rows = []
    for code, spec in mapping.indicators.items():
        cell = gemeente_cells[code]
        estimate = cell.estimate
        name, unit = indicators[code]
        value = _scaled(estimate.value, cell.scale)
        low, high = _scaled(estimate.ci_low, cell.scale), _scaled(estimate.ci_high, cell.scale)
        margin = (high - low) / 2 if low is not None and high is not None else None
        se = _scaled(estimate.se, cell.scale)
        candidate = Candidate(
            kind=spec.kind,
            unit=unit,
            value=value,
            margin=margin,
            se=se,
            n=estimate.n,
            respondents=respondents,
            valid_range=spec.valid_range,
            previous=previous.get(code),
            benchmark=benchmarks.get(code),
        )
        report = missing_report(survey, spec, mapping.missing_codes)
        rows.append(
            {
                "code": code,
                "name": name,
                "unit": unit,
                "kind": spec.kind,
                "estimate": value,
                "margin": margin,
                "se": se,
                "n": estimate.n,
                "previous": _reference(candidate.previous),
                "benchmark": _reference(candidate.benchmark),
                "missing": [asdict(applied) for applied in report.applied],
                "out_of_range": report.out_of_range,
                "valid_range": list(spec.valid_range) if spec.valid_range else None,
                "flags": [asdict(flag) for flag in plausibility.flags_for(candidate, limits)],
            }
        )
    return {
        "year": year,
        "respondents": respondents,
        "wijken": len(prepared.area_codes) - 1,
        "replaces": replaces,
        "notes": list(prepared.notes),
        "rows": rows,
        "confirmed": {},
    }


def flagged(preview: dict) -> list[dict]:
    return [row for row in preview.get("rows", []) if row["flags"]]


def unconfirmed(preview: dict) -> list[dict]:
    """Flagged rows with a flag that no confirmation covers (a flag that appeared after the
    confirmation, when the figures were computed again, is asked again)."""
    confirmed = preview.get("confirmed", {})
    return [
        row
        for row in flagged(preview)
        if not {flag["rule"] for flag in row["flags"]}
        <= set(confirmed.get(row["code"], {}).get("rules", []))
    ]


def confirmation(row: dict, *, reason: str, by: str) -> dict:
    """What is kept of a confirmation: the reason, the flags it covers and who gave it."""
    return {"reason": reason, "rules": [flag["rule"] for flag in row["flags"]], "by": by}
