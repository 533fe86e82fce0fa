"""Value axes are ticked in steps people count in (1, 2 or 5 × 10^k), per unit; tick lists
below are worked out by hand from the values' range."""

import math

import pytest

from analysis.figures.charts import axis_ticks
from analysis.figures.charts.scales import tick_labels


@pytest.mark.parametrize(
    ("unit", "values", "expected"),
    [
        # Percentages above 60 get the whole scale.
        ("percent", [55, 88.2], [0, 20, 40, 60, 80, 100]),
        # Smaller ones a fitting range from 0: 31,7 needs 0–40 in tens (in fives: 7 steps).
        ("percent", [12.1, 31.7], [0, 10, 20, 30, 40]),
        ("percent", [5, 58], [0, 10, 20, 30, 40, 50, 60]),
        ("percent", [1.2, 3.4], [0, 1, 2, 3, 4]),
        ("percent", [0.2, 0.9], [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        # Rapportcijfer in a trend: whole grades, one grade of room, at least four grades.
        # This was ticked 1/4/7/10.
        ("rapportcijfer_1_10", [6.8, 7.4], [5, 6, 7, 8, 9]),
        ("rapportcijfer_1_10", [6.2, 8.9], [5, 6, 7, 8, 9, 10]),
        ("rapportcijfer_1_10", [9.5, 9.8], [6, 7, 8, 9, 10]),
        ("rapportcijfer_1_10", [1.4, 2.0], [1, 2, 3, 4, 5]),
        ("rapportcijfer_1_10", [2.5, 9.5], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        ("schaalscore_0_10", [3.1], [0, 2, 4, 6, 8, 10]),
        ("per_1000_inwoners", [0, 23.4], [0, 5, 10, 15, 20, 25]),
        ("per_1000_jongeren_12_17", [41.0, 88.0], [0, 20, 40, 60, 80, 100]),
        ("per_1000_inwoners", [-3.2, 4.1], [-4, -2, 0, 2, 4, 6]),
        ("somscore", [3, 17], [0, 5, 10, 15, 20]),
        ("count", [1, 3], [0, 1, 2, 3]),
        ("count", [0, 12345], [0, 5000, 10000, 15000]),
        ("count", [812, 9000], [0, 2000, 4000, 6000, 8000, 10000]),
    ],
)
def test_trend_axis_ticks(unit, values, expected):
    assert axis_ticks(unit, values) == expected


@pytest.mark.parametrize(
    ("unit", "values", "expected"),
    [
        # A bar's length is its value: bars of grades start at 0.
        ("rapportcijfer_1_10", [6.8, 7.4], [0, 2, 4, 6, 8, 10]),
        ("percent", [12.1, 31.7], [0, 10, 20, 30, 40]),
    ],
)
def test_bar_axis_ticks(unit, values, expected):
    assert axis_ticks(unit, values, bars=True) == expected


def test_no_values_still_gives_a_scale():
    assert axis_ticks("rapportcijfer_1_10", []) == list(range(1, 11))
    assert axis_ticks("percent", [None]) == [0, 20, 40, 60, 80, 100]


def test_every_step_is_one_two_or_five_times_a_power_of_ten():
    for high in (0.7, 3, 7.5, 13, 27, 48, 99, 150, 420, 999, 1234, 56789):
        ticks = axis_ticks("per_1000_inwoners", [0, high])
        steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
        assert len(steps) == 1, ticks
        step = steps.pop()
        mantissa = round(step / 10 ** math.floor(math.log10(step)), 6)
        assert mantissa in (1, 2, 5), (high, ticks)
        assert ticks[0] == 0 and ticks[-1] >= high and 3 <= len(ticks) <= 7


def test_count_ticks_have_dutch_thousands_separators():
    ticks = axis_ticks("count", [0, 12345])
    assert tick_labels(ticks, "count") == ["0", "5.000", "10.000", "15.000"]


def test_percent_ticks_carry_the_sign_and_decimals_only_when_the_step_needs_them():
    assert tick_labels(axis_ticks("percent", [0.2, 0.9]), "percent")[:2] == ["0,0%", "0,2%"]
    assert tick_labels(axis_ticks("percent", [12.1, 31.7]), "percent")[-1] == "40%"
