"""From values to positions: round ticks for a value axis, linear scales and equal slots."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .formatting import finite, format_with_unit

MANTISSAS = (1, 2, 5)  # steps of 1, 2 or 5 × 10^k: the steps people count in
MAX_INTERVALS = 6


def nice_ticks(low: float, high: float, *, min_step: float = 0.0) -> list[float]:
    """Round ticks covering [low, high]: the smallest step of 1, 2 or 5 × 10^k (and at least
    `min_step`) that needs no more than six intervals, starting and ending on a multiple of it."""
    if high <= low:
        high = low + 1
    exponent = math.floor(math.log10((high - low) / MAX_INTERVALS))
    for power in range(exponent - 1, exponent + 3):
        for mantissa in MANTISSAS:
            step = mantissa * 10.0**power
            if step < min_step:
                continue
            first = math.floor(low / step + 1e-9)
            last = math.ceil(high / step - 1e-9)
            if last - first <= MAX_INTERVALS:
                return [round(k * step, 10) for k in range(first, last + 1)]
    return [low, high]  # pragma: no cover - the loop above always finds a step


def grade_ticks(low: float, high: float) -> list[float]:
    """Whole grades on the 1–10 scale around [low, high]: a grade of room on either side and
    at least four grades in all, so 6,8–7,4 is drawn on 5–9 rather than squeezed into 1–10."""
    first = max(1, math.floor(low) - 1)
    last = min(10, math.ceil(high) + 1)
    while last - first < 4:
        if first > 1:
            first -= 1
        if last - first < 4 and last < 10:
            last += 1
    return [float(grade) for grade in range(first, last + 1)]


def axis_ticks(unit: str, values: Iterable[float | None], *, bars: bool = False) -> list[float]:
    """Ticks for a value axis. Bars and percentages, rates and counts start at 0 (a bar's
    length is its value); percentages above 60 get the whole 0–100; a schaalscore gets 0–10;
    a rapportcijfer in a trend gets the whole grades around its values (it has no zero)."""
    data = [float(v) for v in values if finite(v)]
    low = min(data, default=None)
    high = max(data, default=None)

    def inside(floor: float, ceiling: float) -> bool:
        return low is None or (low >= floor and high <= ceiling)

    if unit == "rapportcijfer_1_10" and not bars and inside(1, 10):
        return grade_ticks(low, high) if low is not None else grade_ticks(1, 10)
    if unit in ("rapportcijfer_1_10", "schaalscore_0_10") and inside(0, 10):
        return [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    if unit == "percent" and (low is None or (low >= 0 and 60 < high <= 100)):
        return [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
    low = min(0.0, low if low is not None else 0.0)
    high = max(0.0, high if high is not None else 1.0)
    return nice_ticks(low, high, min_step=1.0 if unit == "count" else 0.0)


def _tick_decimals(ticks: Sequence[float]) -> int:
    if len(ticks) < 2:
        return 0
    step = Decimal(repr(abs(ticks[1] - ticks[0]))).normalize()
    return max(0, -step.as_tuple().exponent)


def tick_labels(ticks: Sequence[float], unit: str) -> list[str]:
    """The tick values in Dutch notation, with as many decimals as the step needs (at most 2)."""
    decimals = min(_tick_decimals(ticks), 2)
    return [format_with_unit(t, decimals, unit) for t in ticks]


@dataclass(frozen=True)
class LinearScale:
    """Maps [low, high] onto `length` user units from `start`; a negative length runs upwards."""

    low: float
    high: float
    start: float
    length: float

    @classmethod
    def between(cls, ticks: Sequence[float], start: float, end: float) -> LinearScale:
        """The first tick at `start`, the last at `end`."""
        return cls(ticks[0], ticks[-1], start, end - start)

    def __call__(self, value: float) -> float:
        return self.start + (value - self.low) / (self.high - self.low) * self.length


@dataclass(frozen=True)
class Slots:
    """Equal slots side by side from `start`, one per category (the editions of a trend)."""

    start: float
    width: float

    def centre(self, index: int) -> float:
        return self.start + self.width * (index + 0.5)

    def edge(self, index: int) -> float:
        """The left edge of slot `index`: where a mark between two slots goes."""
        return self.start + self.width * index
