"""Numbers and dates as Dutch readers expect them, for everything people read: pages (through
the ``nl`` template filters), the generated report text, PDF, DOCX and the XLSX tables of a
report. One module so "15.000", "40,0%" and "3 december 2026" look the same everywhere.

It lives in ``projects`` because every app formats (kernbeleid, reports, analysis) and
``projects`` depends on none of them. The chart module's unit-aware ``format_value`` builds on
``format_number`` here. Analysts' CSV exports deliberately do NOT use it: they keep decimal
points so the numbers read back as numbers.

Rounding is half up (2,45 -> 2,5), as people round by hand, not Python's banker's rounding;
a value that rounds to zero never shows as "-0,0".
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MISSING = "–"


def format_number(value: float | int | Decimal, decimals: int = 0) -> str:
    """1234.56 -> "1.234,6" (decimals=1); 931298 -> "931.298"; never "-0,0"."""
    quantum = Decimal(1).scaleb(-decimals)
    if isinstance(value, Decimal | int):
        exact = Decimal(value)
    else:  # repr: the shortest text that reads back as the float (0.45, not 0.4500000000001)
        exact = Decimal(repr(float(value)))
    rounded = exact.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    text = format(abs(rounded), f",.{decimals}f").translate(str.maketrans(",.", ".,"))
    return f"-{text}" if rounded < 0 else text


def format_integer(value: int | None) -> str:
    """A count with thousands separators: 15000 -> "15.000"; None -> "–"."""
    return MISSING if value is None else format_number(int(value), 0)


def format_percent(value: float | None, decimals: int = 1) -> str:
    """40 -> "40,0%" (no space, as the charts and tables write it); None -> "–"."""
    return MISSING if value is None else f"{format_number(value, decimals)}%"


def format_euro(value: float | Decimal | None, decimals: int = 2) -> str:
    """12500 -> "€ 12.500,00"; None -> "–"."""
    return MISSING if value is None else f"€ {format_number(value, decimals)}"


def _as_date(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_date(value) -> str:
    """A date, datetime (shown in local time) or ISO string as "3 december 2026"; text that is
    not a date is returned as given, None as ""."""
    day = _as_date(value)
    if day is None:
        return "" if value is None else str(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_datetime(value: datetime.datetime | None) -> str:
    """ "3 december 2026 14:05" in local time; None -> ""."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{format_date(value)} {value:%H:%M}"


def format_date_range(start, end) -> str:
    """ "3 tot en met 17 december 2026", "28 november tot en met 3 december 2026",
    "15 december 2026 tot en met 15 januari 2027"; one side missing: "vanaf …" / "tot en met …"."""
    first, last = _as_date(start), _as_date(end)
    if first is None and last is None:
        return ""
    if first is None:
        return f"tot en met {format_date(last)}"
    if last is None:
        return f"vanaf {format_date(first)}"
    if first == last:
        return format_date(first)
    if first.year != last.year:
        head = format_date(first)
    elif first.month != last.month:
        head = f"{first.day} {MONTHS[first.month - 1]}"
    else:
        head = str(first.day)
    return f"{head} tot en met {format_date(last)}"


def join_nl(items: Sequence[str], last: str = "en") -> str:
    """["a", "b", "c"] -> "a, b en c" (or "a, b of c" with last="of")."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
