"""The plausibility rules of the preview, each at and around its threshold, with the figures
worked out by hand. No database, no HTTP: the rules are plain functions."""

import pytest

from analysis.figures.plausibility import (
    Candidate,
    ChangeLimits,
    Reference,
    Rule,
    benchmark_flag,
    change_flag,
    coverage_flag,
    extreme_flag,
    flags_for,
    scale_flag,
)

LIMITS = ChangeLimits(points=10.0, margins=5.0)


def percent(value, *, margin=None, se=None, n=200, respondents=200, **extra) -> Candidate:
    return Candidate(
        kind="proportion",
        unit="percent",
        value=value,
        margin=margin,
        se=se,
        n=n,
        respondents=respondents,
        **extra,
    )


def mean(value, unit, *, valid_range=None, se=None, previous=None) -> Candidate:
    return Candidate(
        kind="mean",
        unit=unit,
        value=value,
        margin=None,
        se=se,
        n=200,
        respondents=200,
        valid_range=valid_range,
        previous=previous,
    )


# --- a change since the previous edition ---------------------------------------------------


@pytest.mark.parametrize(("now", "flagged"), [(44.9, False), (45.0, False), (45.1, True)])
def test_a_change_of_more_than_10_points_is_flagged(now, flagged):
    # 35.0 -> 45.0 is 10.0 points: not more than the limit; 45.1 is 10.1 points.
    flag = change_flag(percent(now, previous=Reference("2021", 35.0)), LIMITS)
    assert (flag is not None) == flagged
    if flagged:
        assert flag.rule == Rule.CHANGE
        assert flag.text == (
            "Stijging van 10,1 procentpunt ten opzichte van 2021 (35,0% → 45,1%): "
            "meer dan 10,0 procentpunt."
        )


def test_the_issue_case_a_fall_from_35_7_to_4_6_percent():
    flag = change_flag(percent(4.6, previous=Reference("2021", 35.7)), LIMITS)
    assert flag.text.startswith("Daling van 31,1 procentpunt ten opzichte van 2021 (35,7% → 4,6%)")


@pytest.mark.parametrize(("change", "flagged"), [(6.9, False), (7.0, True)])
def test_a_change_of_more_than_5_times_its_margin_is_flagged(change, flagged):
    # se 0.5 in both editions: the change's margin is 1.959964 × √(0.5² + 0.5²) = 1.385904;
    # 5 × 1.385904 = 6.929519. 6.9 stays under it, 7.0 is over; both under 10 points.
    previous = Reference("2021", 30.0, se=0.5)
    flag = change_flag(percent(30.0 + change, se=0.5, previous=previous), LIMITS)
    assert (flag is not None) == flagged
    if flagged:
        assert flag.text == (
            "Stijging van 7,0 procentpunt ten opzichte van 2021 (30,0% → 37,0%): "
            "meer dan 5,0 × de marge van de verandering (±1,4)."
        )


def test_both_limits_are_named_when_both_are_passed():
    previous = Reference("2021", 35.0, se=0.5)
    flag = change_flag(percent(20.0, se=0.5, previous=previous), LIMITS)
    assert flag.text.endswith(
        "meer dan 10,0 procentpunt en meer dan 5,0 × de marge van de verandering (±1,4)."
    )


def test_the_limits_are_the_projects_own():
    candidate = percent(20.0, previous=Reference("2021", 35.0))  # 15 points
    assert change_flag(candidate, ChangeLimits(points=15.0, margins=5.0)) is None
    assert change_flag(candidate, ChangeLimits(points=14.9, margins=5.0)) is not None


@pytest.mark.parametrize(
    ("unit", "before", "now", "flagged"),
    [
        # A schaalscore 0-10: 10 % of a width of 10 is 1.0 point.
        ("schaalscore_0_10", 6.0, 7.0, False),
        ("schaalscore_0_10", 6.0, 7.125, True),
        # A rapportcijfer 1-10: 10 % of a width of 9 is 0.9 point.
        ("rapportcijfer_1_10", 7.0, 7.875, False),
        ("rapportcijfer_1_10", 7.0, 7.9375, True),
    ],
)
def test_a_mean_uses_the_same_share_of_its_scale(unit, before, now, flagged):
    flag = change_flag(mean(now, unit, previous=Reference("2021", before)), LIMITS)
    assert (flag is not None) == flagged


def test_a_mean_of_a_rapportcijfer_is_explained_in_points():
    flag = change_flag(mean(6.0, "rapportcijfer_1_10", previous=Reference("2021", 7.5)), LIMITS)
    assert flag.text == (
        "Daling van 1,5 punt ten opzichte van 2021 (7,5 → 6,0): meer dan 0,9 punt."
    )


def test_a_mean_without_a_known_scale_has_only_the_margin_rule():
    previous = Reference("2021", 10.0)
    assert change_flag(mean(30.0, "somscore", previous=previous), LIMITS) is None
    with_se = Reference("2021", 10.0, se=1.0)
    assert change_flag(mean(30.0, "somscore", se=1.0, previous=with_se), LIMITS) is not None


def test_no_previous_edition_no_change_flag():
    assert change_flag(percent(5.0), LIMITS) is None


# --- the national benchmark ----------------------------------------------------------------

NL = Reference("Nederland 2023", 35.0, low=34.5, high=35.5)


@pytest.mark.parametrize(
    ("value", "flagged"),
    # The gemeente's margin is 2.0, so 3 × 2.0 = 6.0 points beyond 34.5-35.5 is allowed.
    [(28.5, False), (28.4, True), (41.5, False), (41.6, True), (35.0, False)],
)
def test_outside_the_national_interval_by_more_than_3_margins(value, flagged):
    flag = benchmark_flag(percent(value, margin=2.0, benchmark=NL))
    assert (flag is not None) == flagged


def test_the_benchmark_flag_gives_the_figures():
    flag = benchmark_flag(percent(28.4, margin=2.0, benchmark=NL))
    assert flag.rule == Rule.BENCHMARK
    assert flag.text == (
        "28,4% ligt 6,1 procentpunt onder het landelijke cijfer (Nederland 2023: 34,5% – 35,5%); "
        "dat is meer dan 3 × de eigen marge (3 × 2,0 = 6,0)."
    )


def test_a_benchmark_without_interval_counts_as_a_point():
    bare = Reference("Nederland 2023", 35.0)
    assert benchmark_flag(percent(41.0, margin=2.0, benchmark=bare)) is None  # 6.0 above
    flag = benchmark_flag(percent(41.5, margin=2.0, benchmark=bare))
    assert "6,5 procentpunt boven het landelijke cijfer (Nederland 2023: 35,0%)" in flag.text


# --- 0 % or 100 %, a mean outside its scale, too few valid answers ---------------------------


@pytest.mark.parametrize(
    ("value", "flagged"), [(0.0, True), (0.1, False), (99.9, False), (100.0, True)]
)
def test_zero_or_hundred_percent(value, flagged):
    flag = extreme_flag(percent(value))
    assert (flag is not None) == flagged


def test_zero_percent_is_explained():
    assert extreme_flag(percent(0.0, n=180)).text == (
        "0,0%: geen enkel geldig antwoord (van de 180) valt in de gekozen antwoordcodes. "
        "Kloppen die codes?"
    )
    assert extreme_flag(mean(0.0, "schaalscore_0_10")) is None  # a mean may be 0


@pytest.mark.parametrize(
    ("value", "unit", "valid_range", "flagged"),
    [
        (10.0, "rapportcijfer_1_10", None, False),
        (10.5, "rapportcijfer_1_10", None, True),
        (0.99, "rapportcijfer_1_10", None, True),
        (0.0, "schaalscore_0_10", None, False),
        (21.0, "somscore", (0.0, 20.0), True),
        (20.0, "somscore", (0.0, 20.0), False),
        (21.0, "somscore", None, False),  # no scale known
        # The unit's own scale wins over a wrong valid_range in the mapping.
        (12.0, "rapportcijfer_1_10", (0.0, 99.0), True),
    ],
)
def test_a_mean_outside_the_scale(value, unit, valid_range, flagged):
    flag = scale_flag(mean(value, unit, valid_range=valid_range))
    assert (flag is not None) == flagged


def test_a_mean_outside_the_scale_is_explained():
    assert scale_flag(mean(12.3, "rapportcijfer_1_10")).text == (
        "Het gemiddelde 12,3 ligt buiten de schaal 1–10. Tellen codes als 99 ('weet niet') "
        "mee als antwoord?"
    )


@pytest.mark.parametrize(
    ("n", "respondents", "flagged"),
    # 60 % of 100 is 60: 60 answers are enough, 59 are not. 4 of 6 is 66.7 %, 3 of 6 is 50 %.
    [(60, 100, False), (59, 100, True), (4, 6, False), (3, 6, True), (0, 6, True)],
)
def test_valid_answers_under_60_percent_of_the_respondents(n, respondents, flagged):
    flag = coverage_flag(percent(30.0, n=n, respondents=respondents))
    assert (flag is not None) == flagged


def test_too_few_valid_answers_is_explained():
    assert coverage_flag(percent(30.0, n=59, respondents=100)).text == (
        "Maar 59 van de 100 respondenten (59,0%) hebben een geldig antwoord; de grens is 60%. "
        "Is de vraag aan een deel gesteld, of tellen te veel codes als ontbrekend?"
    )


def test_every_rule_that_holds_is_reported():
    candidate = percent(
        0.0, margin=1.0, n=50, respondents=100, previous=Reference("2021", 35.0), benchmark=NL
    )
    rules = [flag.rule for flag in flags_for(candidate, LIMITS)]
    assert rules == [Rule.CHANGE, Rule.BENCHMARK, Rule.EXTREME, Rule.COVERAGE]
    assert flags_for(percent(35.0, margin=1.0, benchmark=NL), LIMITS) == []
