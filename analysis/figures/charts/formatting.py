"""Units and numbers as the pages and reports write them: Dutch notation, rounded half up."""

from __future__ import annotations

import math
from collections.abc import Sequence

from projects import nl_format

UNITS = frozenset(
    {
        "percent",
        "rapportcijfer_1_10",
        "schaalscore_0_10",
        "somscore",
        "per_1000_inwoners",
        "per_1000_jongeren_12_17",
        "count",
    }
)

# Axis captions; percent needs none on a chart axis because its ticks carry the "%" sign.
UNIT_CAPTIONS = {
    "percent": "percentage",
    "rapportcijfer_1_10": "rapportcijfer (1–10)",
    "schaalscore_0_10": "schaalscore (0–10)",
    "somscore": "somscore",
    "per_1000_inwoners": "per 1.000 inwoners",
    "per_1000_jongeren_12_17": "per 1.000 jongeren (12–17 jaar)",
    "count": "aantal",
}

MISSING = "–"
TOO_FEW = "te weinig waarnemingen"


def check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(f"Unknown unit {unit!r}; expected one of {sorted(UNITS)}")


def finite(value: float | None) -> bool:
    return value is not None and math.isfinite(float(value))


def unit_decimals(unit: str) -> int:
    """The decimals a value in `unit` is shown with: none for counts, one otherwise."""
    return 0 if unit == "count" else 1


def format_number(value: float, decimals: int) -> str:
    """Dutch notation, rounded half up: 1234.56 -> "1.234,6"; never "-0,0" (projects.nl_format)."""
    return nl_format.format_number(float(value), decimals)


def format_with_unit(value: float, decimals: int, unit: str) -> str:
    """`value` with `decimals` decimals and a "%" sign for percentages (ticks, class bounds)."""
    return f"{format_number(value, decimals)}{'%' if unit == 'percent' else ''}"


def format_value(value: float | None, unit: str) -> str:
    """A value as the pages and reports show it: "23,4%", "7,1", "12,5", "1.234"; None -> "–"."""
    check_unit(unit)
    if not finite(value):
        return MISSING
    return format_with_unit(value, unit_decimals(unit), unit)


def format_interval(low: float | None, high: float | None, unit: str) -> str:
    """ " (95%-interval 20,1% – 25,6%)", or nothing when a bound is missing."""
    if not (finite(low) and finite(high)):
        return ""
    return f" (95%-interval {format_value(low, unit)} – {format_value(high, unit)})"


def join_nl(items: Sequence[str]) -> str:
    """["a", "b", "c"] -> "a, b en c"."""
    return nl_format.join_nl(list(items))
