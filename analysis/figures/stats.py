"""Survey statistics: weighted estimates, effective sample sizes, 95% intervals, tests.

Pure functions on numpy arrays, so the numbers in a policy report can be checked by hand.

Conventions, written out because a report's credibility rests on them:
- Estimates are weighted: sum(w * y) / sum(w). Never unweighted when a weight exists.
- The effective sample size is Kish's: n_eff = (sum w)^2 / sum(w^2). Unequal weights make a
  sample worth fewer respondents than it has; every interval and test uses n_eff.
- Proportions get a Wilson score interval on n_eff (it stays inside [0, 1] and behaves at small
  n and near 0% or 100%, where the normal approximation does not).
- Means get a t interval: the weighted variance sum(w (y - mean)^2) / sum(w), corrected by
  n_eff / (n_eff - 1), divided by n_eff; degrees of freedom n_eff - 1.
- Two estimates differ significantly (two-sided, 95%) when |a - b| / sqrt(se_a^2 + se_b^2)
  exceeds 1.96. A benchmark published with an interval contributes its own standard error,
  derived from the interval's half-width.
- Counts (police-registered crime, BBV figures) are Poisson counts: a rate per 1,000 inhabitants
  gets the exact (Garwood) interval of its count, and two counts differ only when the exact
  conditional test says so. See `poisson_rate_interval` and `poisson_change`.
"""

from dataclasses import dataclass
from functools import lru_cache
from math import sqrt
from statistics import NormalDist

import numpy as np
from scipy.special import gammaincinv, stdtrit  # quantiles; lighter than scipy.stats

CONFIDENCE = 0.95
Z = NormalDist().inv_cdf(1 - (1 - CONFIDENCE) / 2)  # 1.959963...


class Kind:
    PROPORTION = "proportion"
    MEAN = "mean"


@dataclass(frozen=True)
class Estimate:
    """One weighted estimate. Proportions are fractions (0..1); callers scale to percent."""

    value: float | None
    ci_low: float | None
    ci_high: float | None
    se: float | None
    n: int  # respondents with a valid answer
    n_eff: float  # Kish's effective sample size

    @property
    def empty(self) -> bool:
        return self.n == 0


EMPTY = Estimate(value=None, ci_low=None, ci_high=None, se=None, n=0, n_eff=0.0)


def effective_n(weights: np.ndarray) -> float:
    total = float(np.sum(weights))
    squares = float(np.sum(np.square(weights)))
    return total * total / squares if squares > 0 else 0.0


def wilson_interval(p: float, n_eff: float, z: float = Z) -> tuple[float, float]:
    if n_eff <= 0:
        raise ValueError("n_eff must be positive")
    z2 = z * z
    denominator = 1 + z2 / n_eff
    centre = (p + z2 / (2 * n_eff)) / denominator
    half = z * sqrt(p * (1 - p) / n_eff + z2 / (4 * n_eff * n_eff)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def weighted_proportion(hits: np.ndarray, weights: np.ndarray) -> Estimate:
    """hits: 1 where the answer counts (e.g. 'vaak' or 'soms'), 0 otherwise; valid answers only."""
    n = int(hits.size)
    if n == 0:
        return EMPTY
    return proportion_from_sums(
        n=n,
        sum_w=float(np.sum(weights)),
        sum_w2=float(np.sum(np.square(weights))),
        sum_wy=float(np.sum(weights * hits)),
    )


def proportion_from_sums(*, n: int, sum_w: float, sum_w2: float, sum_wy: float) -> Estimate:
    """The same estimate from sufficient statistics, so grouped computation stays vectorised."""
    if n == 0 or sum_w <= 0:
        return EMPTY
    p = min(1.0, max(0.0, sum_wy / sum_w))
    n_eff = sum_w * sum_w / sum_w2
    low, high = wilson_interval(p, n_eff)
    return Estimate(
        value=p, ci_low=low, ci_high=high, se=sqrt(p * (1 - p) / n_eff), n=n, n_eff=n_eff
    )


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> Estimate:
    n = int(values.size)
    if n == 0:
        return EMPTY
    return mean_from_sums(
        n=n,
        sum_w=float(np.sum(weights)),
        sum_w2=float(np.sum(np.square(weights))),
        sum_wy=float(np.sum(weights * values)),
        sum_wy2=float(np.sum(weights * np.square(values))),
    )


def mean_from_sums(
    *, n: int, sum_w: float, sum_w2: float, sum_wy: float, sum_wy2: float
) -> Estimate:
    if n == 0 or sum_w <= 0:
        return EMPTY
    mean = sum_wy / sum_w
    n_eff = sum_w * sum_w / sum_w2
    if n_eff <= 1:
        # One effective respondent: an estimate, but no spread to build an interval from.
        return Estimate(value=mean, ci_low=None, ci_high=None, se=None, n=n, n_eff=n_eff)
    # E_w[y^2] - mean^2, clipped against rounding below zero.
    population_variance = max(0.0, sum_wy2 / sum_w - mean * mean)
    variance = population_variance * n_eff / (n_eff - 1)
    se = sqrt(variance / n_eff)
    t = float(stdtrit(n_eff - 1, 1 - (1 - CONFIDENCE) / 2))
    return Estimate(
        value=mean, ci_low=mean - t * se, ci_high=mean + t * se, se=se, n=n, n_eff=n_eff
    )


@dataclass(frozen=True)
class Difference:
    difference: float  # a - b
    z: float
    significant: bool

    @property
    def direction(self) -> int:
        """+1 significantly higher, -1 significantly lower, 0 no significant difference."""
        if not self.significant:
            return 0
        return 1 if self.difference > 0 else -1


def compare(a: float, se_a: float, b: float, se_b: float) -> Difference | None:
    """Two-sided test at 95%; None when there is no standard error to test with."""
    spread = sqrt(se_a * se_a + se_b * se_b)
    if spread <= 0:
        return None
    z = (a - b) / spread
    return Difference(difference=a - b, z=z, significant=abs(z) > Z)


def se_from_interval(low: float | None, high: float | None) -> float:
    """A published 95% interval gives back its standard error (0 when none is published)."""
    if low is None or high is None:
        return 0.0
    return (high - low) / (2 * Z)


# ---------------------------------------------------------------------------------------------
# Counts: police-registered crime and other incidents per 1,000 inhabitants


def poisson_interval(count: int, level: float = CONFIDENCE) -> tuple[float, float]:
    """The exact (Garwood, 1936) interval for the mean of a Poisson count.

    Lower = chi2(alpha/2; 2k) / 2 and upper = chi2(1 - alpha/2; 2k + 2) / 2, written with the
    inverse regularised gamma function (chi2(q; 2a) / 2 == gammaincinv(a, q)). It never covers
    less than `level`, which matters for the small counts of a wijk: 12 incidents give
    6.20 to 20.96, so 12 and 15 are well within each other's noise.
    """
    if count < 0 or count != int(count):
        raise ValueError("count must be a whole number >= 0")
    if not 0 < level < 1:
        raise ValueError("level must lie between 0 and 1")
    alpha = 1 - level
    low = 0.0 if count == 0 else float(gammaincinv(count, alpha / 2))
    high = float(gammaincinv(count + 1, 1 - alpha / 2))
    return low, high


@dataclass(frozen=True)
class Rate:
    """A count turned into a rate per `per` inhabitants, with the interval of its count."""

    count: int
    population: float
    per: int
    value: float
    ci_low: float
    ci_high: float


def poisson_rate_interval(
    count: int, population: float, per: int = 1000, level: float = CONFIDENCE
) -> Rate:
    """A rate per `per` inhabitants (default 1,000) with its exact Poisson interval.

    The population is taken as known; all uncertainty is in the count. Example: 12 incidents in
    a wijk of 4,000 inhabitants are 3.0 per 1,000, interval 1.55 to 5.24.
    """
    if population <= 0:
        raise ValueError("population must be positive")
    low, high = poisson_interval(count, level)
    scale = per / population
    return Rate(
        count=int(count),
        population=population,
        per=per,
        value=count * scale,
        ci_low=low * scale,
        ci_high=high * scale,
    )


@dataclass(frozen=True)
class CountChange:
    """Whether a count changed beyond chance between two periods (or differs between areas)."""

    before: int
    after: int
    rate_ratio: float | None  # (after / exposure_after) / (before / exposure_before)
    p_value: float
    significant: bool

    @property
    def direction(self) -> int:
        """+1 a real rise, -1 a real fall, 0 not distinguishable from chance."""
        if not self.significant:
            return 0
        return 1 if self.rate_ratio is None or self.rate_ratio > 1 else -1


@lru_cache(maxsize=65536)
def _binomial_p_value(successes: int, trials: int, p: float) -> float:
    """The two-sided exact binomial p-value; kept per process, as a page of crime tables asks
    for the same few hundred (about 1 ms each from scipy, most of the page's time)."""
    from scipy.stats import binomtest  # imported here: scipy.stats is heavy to load

    return float(binomtest(successes, trials, p).pvalue)


def poisson_change(
    before: int,
    after: int,
    *,
    exposure_before: float = 1.0,
    exposure_after: float = 1.0,
    level: float = CONFIDENCE,
) -> CountChange:
    """Two-sided exact conditional test (Przyborowski and Wilenski, 1940) of equal rates.

    Given the total k = before + after, `after` is binomial(k, p0) when the rates are equal, with
    p0 = exposure_after / (exposure_before + exposure_after) (the inhabitants of each year, or
    1 and 1 when they are the same). The test keeps its level exactly at small counts, unlike
    a normal approximation, and is less conservative than asking two 95% intervals not to
    overlap (which amounts to testing at about 0.6%). 12 against 15 in the same wijk gives
    p = 0.70: not a trend.
    """
    for count in (before, after):
        if count < 0 or count != int(count):
            raise ValueError("counts must be whole numbers >= 0")
    if exposure_before <= 0 or exposure_after <= 0:
        raise ValueError("exposures must be positive")
    total = int(before) + int(after)
    if total == 0:
        return CountChange(int(before), int(after), None, 1.0, False)
    p0 = exposure_after / (exposure_before + exposure_after)
    p_value = _binomial_p_value(int(after), total, p0)
    ratio = (after / exposure_after) / (before / exposure_before) if before > 0 else None
    return CountChange(int(before), int(after), ratio, p_value, p_value < 1 - level)
