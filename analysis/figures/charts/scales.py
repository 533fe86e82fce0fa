"""From values to positions: round ticks for a value axis, linear scales and equal slots."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .formatting import finite, format_with_unit


def nice_ticks(low: float, high: float, *, min_step: float = 0.0) -> list[float]:
    """4 to 6 round ticks covering [low, high]."""
    if high <= low:
        high = low + 1
    exponent = math.floor(math.log10((high - low) / 5))
    for power in range(exponent - 1, exponent + 3):
        for mantissa in (1, 2, 2.5, 5):
            step = mantissa * 10.0**power
            if step < min_step:
                continue
            first = math.floor(low / step + 1e-9)
            last = math.ceil(high / step - 1e-9)
            if last - first <= 5:
                return [round(k * step, 10) for k in range(first, last + 1)]
    return [low, high]  # pragma: no cover - the loop above always finds a step


def axis_ticks(unit: str, values: Iterable[float | None], *, bars: bool = False) -> list[float]:
    """Ticks for a value axis: fixed scales for scores, 0-100 for large percentages."""
    data = [float(v) for v in values if finite(v)]
    low = min(data, default=None)
    high = max(data, default=None)

    def inside(floor: float, ceiling: float) -> bool:
        return low is None or (low >= floor and high <= ceiling)

    if unit == "rapportcijfer_1_10" and not bars and inside(1, 10):
        return [1.0, 4.0, 7.0, 10.0]
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
