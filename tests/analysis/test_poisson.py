"""Counts per 1,000 inhabitants carry their exact Poisson interval, and a change between two
counts is only called a rise or fall when it is more than chance (issue 11, item 6)."""

from math import comb

import pytest
from scipy.stats import chi2

from analysis.figures.crime_tables import Cell, change_of, published_cell, rate_cell
from analysis.figures.stats import poisson_change, poisson_interval, poisson_rate_interval

# Exact (Garwood) 95% limits as tabulated in the literature (e.g. Ulm 1990, Am J Epidemiol
# 131:373; the same table in most epidemiology handbooks).
LITERATURE = {
    0: (0.0, 3.689),
    1: (0.0253, 5.572),
    12: (6.201, 20.962),
    15: (8.395, 24.740),
    24: (15.377, 35.710),
}


@pytest.mark.parametrize("count", sorted(LITERATURE))
def test_exact_interval_matches_the_published_table(count):
    low, high = poisson_interval(count)
    expected_low, expected_high = LITERATURE[count]
    assert low == pytest.approx(expected_low, abs=0.001)
    assert high == pytest.approx(expected_high, abs=0.001)


@pytest.mark.parametrize("count", [0, 1, 2, 5, 12, 37, 250])
def test_exact_interval_is_garwoods_chi_square_formula(count):
    # Garwood: lower = chi2(0.025; 2k) / 2, upper = chi2(0.975; 2k + 2) / 2; the code uses the
    # inverse gamma function instead, so this checks one against the other.
    low, high = poisson_interval(count)
    assert low == pytest.approx(0.0 if count == 0 else chi2.ppf(0.025, 2 * count) / 2)
    assert high == pytest.approx(chi2.ppf(0.975, 2 * count + 2) / 2)


def test_a_90_percent_interval_is_narrower():
    wide, narrow = poisson_interval(12), poisson_interval(12, level=0.90)
    assert wide[0] < narrow[0] < 12 < narrow[1] < wide[1]
    assert narrow[0] == pytest.approx(chi2.ppf(0.05, 24) / 2)


def test_rate_per_1000_inhabitants_with_its_interval():
    rate = poisson_rate_interval(12, 4000)
    # 12 incidents / 4,000 inhabitants * 1,000 = 3.0; interval 6.201 / 4 to 20.962 / 4.
    assert rate.value == pytest.approx(3.0)
    assert rate.ci_low == pytest.approx(6.2006 / 4, abs=0.0005)  # 1.550
    assert rate.ci_high == pytest.approx(20.9616 / 4, abs=0.0005)  # 5.240
    assert (rate.count, rate.population, rate.per) == (12, 4000, 1000)


def test_rate_per_10000():
    rate = poisson_rate_interval(15, 30_000, per=10_000)
    assert rate.value == pytest.approx(5.0)  # 15 / 30,000 * 10,000
    assert rate.ci_high == pytest.approx(24.740 / 3, abs=0.001)


@pytest.mark.parametrize(
    "call",
    [
        lambda: poisson_interval(-1),
        lambda: poisson_interval(2.5),
        lambda: poisson_interval(3, level=1.0),
        lambda: poisson_rate_interval(3, 0),
        lambda: poisson_change(-1, 3),
        lambda: poisson_change(1, 3, exposure_after=0),
    ],
)
def test_impossible_input_is_refused(call):
    with pytest.raises(ValueError):
        call()


def test_12_to_15_incidents_is_not_a_trend():
    change = poisson_change(12, 15)
    # Given 27 incidents in all, 15 in the second year is binomial(27, 1/2) when nothing
    # changed; two-sided p = 2 * P(X >= 15) = 2 * sum_{k=15..27} C(27, k) / 2^27.
    by_hand = 2 * sum(comb(27, k) for k in range(15, 28)) / 2**27
    assert by_hand == pytest.approx(0.7011, abs=0.0001)
    assert change.p_value == pytest.approx(by_hand)
    assert not change.significant and change.direction == 0
    assert change.rate_ratio == pytest.approx(15 / 12)


def test_a_real_rise_and_fall_are_called_so():
    rise, fall = poisson_change(12, 40), poisson_change(40, 12)
    # p = 2 * P(X >= 40 | 52, 1/2), far below 0.05.
    by_hand = 2 * sum(comb(52, k) for k in range(40, 53)) / 2**52
    assert rise.p_value == pytest.approx(by_hand)
    assert rise.significant and rise.direction == 1
    assert fall.significant and fall.direction == -1


def test_the_same_rate_in_a_larger_population_is_no_change():
    # 10 in 1,000 inhabitants and 20 in 2,000: the same 10 per 1,000. Under equal rates the
    # second count is binomial(30, 2/3), expected 20: the observed value, so p = 1.
    change = poisson_change(10, 20, exposure_before=1000, exposure_after=2000)
    assert change.rate_ratio == pytest.approx(1.0)
    assert change.p_value == pytest.approx(1.0)
    assert change.direction == 0


def test_no_incidents_at_all_is_no_change():
    change = poisson_change(0, 0)
    assert (change.p_value, change.significant, change.rate_ratio) == (1.0, False, None)


def test_cells_show_the_rate_and_its_interval_in_dutch():
    cell = rate_cell(12, 4000)
    assert (cell.count, cell.rate_text, cell.interval_text) == (12, "3,0", "1,6–5,2")
    assert rate_cell(12, None).rate_text == "–"  # no inhabitants, no rate
    assert Cell().rate_text == "–"


def test_the_page_text_does_not_call_12_to_15_a_rise():
    change = change_of([2022, 2023], [rate_cell(12, 4000), rate_cell(15, 4000)])
    assert change["direction"] == 0
    assert change["text"] == (
        "2022–2023: geen aantoonbare verandering (12 → 15, binnen de toevalsmarge)"
    )
    rise = change_of([2022, 2023], [rate_cell(12, 4000), rate_cell(40, 4000)])
    assert rise["text"] == "2022–2023: gestegen (12 → 40), groter dan toeval"


def test_change_skips_a_year_without_a_count():
    cells = [rate_cell(30, 5000), Cell(), rate_cell(12, 5000)]
    change = change_of([2021, 2022, 2023], cells)
    assert (change["from_year"], change["to_year"], change["direction"]) == (2021, 2023, -1)
    assert change_of([2022, 2023], [Cell(), rate_cell(3, 5000)]) is None


def test_a_published_rate_gets_an_approximate_interval():
    # 2.7 per 1,000 in a gemeente of 20,000: about 54 incidents; interval of 54 / 20.
    cell = published_cell(2.7, 20_000)
    low, high = poisson_interval(54)
    assert cell.approximate and cell.rate.count == 54
    assert (cell.rate.ci_low, cell.rate.ci_high) == pytest.approx((low / 20, high / 20))
    assert cell.interval_text.startswith("ca. ")
    assert published_cell(2.7, None).interval_text == ""
