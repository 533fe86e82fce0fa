"""Estimates, intervals and tests against values worked out by hand."""

from math import sqrt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.figures import stats

Z = 1.959964  # two-sided 95%


def test_effective_n_by_kish():
    # (1 + 2 + 1 + 0.5)^2 / (1 + 4 + 1 + 0.25) = 20.25 / 6.25
    assert stats.effective_n(np.array([1, 2, 1, 0.5])) == pytest.approx(3.24)
    # Equal weights: every respondent counts fully.
    assert stats.effective_n(np.full(250, 1.7)) == pytest.approx(250)


def test_wilson_interval_for_30_of_100():
    # centre = (0.3 + z²/200) / (1 + z²/100) = 0.319208 / 1.038415 = 0.307400
    # half   = z·sqrt(0.3·0.7/100 + z²/40000) / 1.038415 = 0.088473
    low, high = stats.wilson_interval(0.3, 100)
    assert low == pytest.approx(0.2189, abs=5e-5)
    assert high == pytest.approx(0.3958, abs=5e-5)


def test_weighted_proportion_by_hand():
    hits = np.array([1, 0, 1, 1])
    weights = np.array([1.0, 2.0, 1.0, 0.5])
    estimate = stats.weighted_proportion(hits, weights)
    # p = (1 + 1 + 0.5) / 4.5 = 5/9; n_eff = 3.24
    assert estimate.value == pytest.approx(5 / 9)
    assert estimate.n == 4
    assert estimate.n_eff == pytest.approx(3.24)
    # Wilson on n_eff = 3.24: centre = (5/9 + z²/6.48) / (1 + z²/3.24) = 0.525412,
    # half = z·sqrt((5/9)(4/9)/3.24 + z²/41.9904) / 2.185634 = 0.367219
    assert estimate.ci_low == pytest.approx(0.158193, abs=1e-5)
    assert estimate.ci_high == pytest.approx(0.892631, abs=1e-5)
    assert estimate.se == pytest.approx(sqrt((5 / 9) * (4 / 9) / 3.24))


def test_unweighted_proportion_is_not_what_we_report():
    hits = np.array([1, 0, 1, 1])
    weights = np.array([1.0, 2.0, 1.0, 0.5])
    assert stats.weighted_proportion(hits, weights).value != pytest.approx(0.75)


def test_mean_with_equal_weights_is_the_classic_t_interval():
    values = np.array([6.0, 7.0, 8.0, 9.0])
    estimate = stats.weighted_mean(values, np.ones(4))
    # mean 7.5; sample variance 5/3; se = sqrt(5/3 / 4) = 0.645497; t(0.975, df=3) = 3.182446
    assert estimate.value == pytest.approx(7.5)
    assert estimate.se == pytest.approx(0.645497, abs=1e-6)
    assert estimate.ci_low == pytest.approx(7.5 - 3.182446 * 0.645497, abs=1e-5)
    assert estimate.ci_high == pytest.approx(7.5 + 3.182446 * 0.645497, abs=1e-5)


def test_weighted_mean_by_hand():
    values = np.array([6.0, 8.0, 7.0, 9.0, 5.0])
    weights = np.array([1.0, 3.0, 2.0, 2.0, 2.0])
    estimate = stats.weighted_mean(values, weights)
    # mean = (6 + 24 + 14 + 18 + 10) / 10 = 7.2
    assert estimate.value == pytest.approx(7.2)
    # n_eff = 100 / (1 + 9 + 4 + 4 + 4) = 4.545455
    assert estimate.n_eff == pytest.approx(100 / 22)
    # population variance = (1·1.44 + 3·0.64 + 2·0.04 + 2·3.24 + 2·4.84) / 10 = 1.96
    # variance = 1.96 · n_eff / (n_eff - 1) = 2.512821; se = sqrt(2.512821 / 4.545455) = 0.743519
    assert estimate.se == pytest.approx(0.743519, abs=1e-6)
    # t(0.975, df = 3.545455) = 2.9226, between the table values t(4) = 2.776 and t(3) = 3.182
    half = estimate.ci_high - estimate.value
    assert 0.743519 * 2.776 < half < 0.743519 * 3.182
    assert half == pytest.approx(0.743519 * 2.9226, abs=1e-4)
    assert estimate.value - estimate.ci_low == pytest.approx(half)


def test_change_significance_depends_on_the_effective_n():
    # 30% vs 36%: se = sqrt(.3·.7/400) = .022913 and sqrt(.36·.64/400) = .024000
    small = stats.compare(0.36, sqrt(0.36 * 0.64 / 400), 0.30, sqrt(0.3 * 0.7 / 400))
    assert small.z == pytest.approx(0.06 / 0.033181, abs=1e-3)  # 1.808: not significant
    assert not small.significant and small.direction == 0
    large = stats.compare(0.36, sqrt(0.36 * 0.64 / 600), 0.30, sqrt(0.3 * 0.7 / 600))
    assert large.z == pytest.approx(0.06 / 0.027092, abs=1e-3)  # 2.215: significant
    assert large.significant and large.direction == 1


def test_benchmark_interval_gives_its_standard_error():
    # 85147NED: 61,0 with bounds 60,0 and 62,0 -> se = 2 / (2 · 1.96) = 0.5102
    assert stats.se_from_interval(60.0, 62.0) == pytest.approx(2 / (2 * Z), abs=1e-5)
    assert stats.se_from_interval(None, None) == 0.0
    assert stats.compare(5.0, 0.0, 5.0, 0.0) is None


def test_no_respondents_gives_no_estimate():
    assert stats.weighted_proportion(np.array([]), np.array([])).empty
    assert stats.weighted_mean(np.array([]), np.array([])).value is None


# --- properties ------------------------------------------------------------------------

weights_strategy = st.floats(min_value=0.05, max_value=20, allow_nan=False)


@st.composite
def samples(draw, *, binary: bool):
    size = draw(st.integers(min_value=2, max_value=60))
    values = draw(
        st.lists(st.integers(0, 1) if binary else st.integers(1, 10), min_size=size, max_size=size)
    )
    weights = draw(st.lists(weights_strategy, min_size=size, max_size=size))
    return np.array(values, dtype=float), np.array(weights)


@settings(max_examples=150, deadline=None)
@given(samples(binary=True))
def test_proportion_stays_in_range_and_inside_its_interval(sample):
    hits, weights = sample
    estimate = stats.weighted_proportion(hits, weights)
    assert 0 <= estimate.ci_low <= estimate.value + 1e-12
    assert estimate.value <= estimate.ci_high + 1e-12 <= 1 + 1e-12
    assert 1 - 1e-9 <= estimate.n_eff <= estimate.n + 1e-9


@settings(max_examples=150, deadline=None)
@given(samples(binary=False))
def test_mean_stays_within_the_answers(sample):
    values, weights = sample
    estimate = stats.weighted_mean(values, weights)
    assert values.min() - 1e-9 <= estimate.value <= values.max() + 1e-9


@settings(max_examples=100, deadline=None)
@given(samples(binary=False), st.randoms(use_true_random=False))
def test_row_order_changes_nothing(sample, random):
    values, weights = sample
    order = list(range(values.size))
    random.shuffle(order)
    a = stats.weighted_mean(values, weights)
    b = stats.weighted_mean(values[order], weights[order])
    assert b.value == pytest.approx(a.value)
    assert b.n_eff == pytest.approx(a.n_eff)
    if a.ci_low is not None:
        assert b.ci_low == pytest.approx(a.ci_low)


@settings(max_examples=100, deadline=None)
@given(samples(binary=True), st.floats(min_value=0.1, max_value=50))
def test_scaling_every_weight_changes_no_estimate(sample, factor):
    hits, weights = sample
    a = stats.weighted_proportion(hits, weights)
    b = stats.weighted_proportion(hits, weights * factor)
    assert b.value == pytest.approx(a.value)
    assert b.ci_low == pytest.approx(a.ci_low)
    assert b.ci_high == pytest.approx(a.ci_high)
