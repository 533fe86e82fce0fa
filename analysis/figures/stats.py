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
"""

from dataclasses import dataclass
from math import sqrt
from statistics import NormalDist

import numpy as np
from scipy.special import stdtrit  # Student's t quantile; lighter than scipy.stats

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
