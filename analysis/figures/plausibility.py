"""Is a freshly computed figure plausible? Checked before an edition is stored.

Pure functions: each rule takes the figures it needs and returns a Flag with a Dutch
explanation that gives the figures, or None. A flag does not say the figure is wrong; it asks
a person to look (a wrong answer code or missing code is the usual cause) and to confirm it
with a reason, or to go back to the mapping.

Figures are in the unit they are shown in: percentages as 0-100, margins as half the 95%
interval. The rules look at the gemeente as a whole; wijk figures on a few dozen respondents
reach 0 % or move 15 points by chance, and a mapping error shows in the gemeente figure too.

Why the default change limits (settable per project, Project.flag_change_points and
Project.flag_change_margins):
- 10 percentage points. CBS aims at 300 or more respondents per gemeente (domain README §3.2).
  At 300 respondents and p = 50 % (the widest case) the 95 % margin of a change between two
  editions is 1.96 × √(2 × 0.25 / 300) = 8.0 points, so sampling alone exceeds 10 points in
  about 1 % of the indicators of such a gemeente, and far less with the larger samples most
  gemeenten have. Real changes between two editions of the VM (two years apart since 2019) are
  a few points at most for a gemeente; the error this catches, `onv_alg` mapped with code 1
  only, moved 35.7 % to 4.6 %: 31 points. For a mean the same share of the scale's width
  applies (0.9 on a rapportcijfer 1-10), and none when the scale is not known.
- 5 times the margin of the change. With thousands of respondents the margin is small
  (1.9 points at 5,000 per edition for p = 35 %) and a wrong code can shift a figure by less
  than 10 points; 5 margins is a z of about 9.8, which sampling never reaches, and which a real
  change reaches only in a gemeente where something big happened, which is worth a look too.
"""

from dataclasses import dataclass
from enum import StrEnum
from math import sqrt

from .charts.formatting import format_number
from .constants import Unit
from .stats import Kind, Z

BENCHMARK_MARGINS = 3  # outside the national interval by more than 3 × the gemeente's margin
MIN_VALID_PERCENT = 60  # valid answers under 60 % of the file's respondents
UNIT_SCALES = {Unit.RAPPORTCIJFER: (1.0, 10.0), Unit.SCHAALSCORE: (0.0, 10.0)}


class Rule(StrEnum):
    CHANGE = "verandering"
    BENCHMARK = "landelijk"
    EXTREME = "nul-of-honderd"
    SCALE = "buiten-schaal"
    COVERAGE = "weinig-antwoorden"


@dataclass(frozen=True)
class Flag:
    rule: str
    text: str


@dataclass(frozen=True)
class ChangeLimits:
    points: float  # percentage points; for a mean, this share of the scale's width
    margins: float  # times the margin of the change


@dataclass(frozen=True)
class Reference:
    """A figure to compare with: the previous edition, or the national benchmark."""

    label: str  # "2021", "Nederland 2023"
    value: float
    low: float | None = None
    high: float | None = None
    se: float | None = None


@dataclass(frozen=True)
class Candidate:
    """One indicator's gemeente figure as computed, with what it is compared with."""

    kind: str  # stats.Kind
    unit: str
    value: float | None
    margin: float | None
    se: float | None
    n: int
    respondents: int
    valid_range: tuple[float, float] | None = None
    previous: Reference | None = None
    benchmark: Reference | None = None


def number(value: float, unit: str) -> str:
    """As the pages write it: "35,7%", "7,1"."""
    return format_number(value, 1) + ("%" if unit == Unit.PERCENT else "")


def _points(unit: str) -> str:
    return "procentpunt" if unit == Unit.PERCENT else "punt"


def scale_of(unit: str, valid_range: tuple[float, float] | None) -> tuple[float, float] | None:
    """The unit's own scale when it has one, else the mapping's valid_range."""
    return UNIT_SCALES.get(unit) or valid_range


def change_flag(candidate: Candidate, limits: ChangeLimits) -> Flag | None:
    previous = candidate.previous
    if previous is None or candidate.value is None:
        return None
    unit = candidate.unit
    change = candidate.value - previous.value
    size = abs(change)
    reasons = []
    if unit == Unit.PERCENT:
        point_limit = limits.points
    else:
        scale = scale_of(unit, candidate.valid_range)
        point_limit = limits.points / 100 * (scale[1] - scale[0]) if scale else None
    if point_limit is not None and size > point_limit:
        reasons.append(f"meer dan {format_number(point_limit, 1)} {_points(unit)}")
    if candidate.se is not None and previous.se is not None:
        change_margin = Z * sqrt(candidate.se**2 + previous.se**2)
        if change_margin > 0 and size > limits.margins * change_margin:
            reasons.append(
                f"meer dan {format_number(limits.margins, 1)} × de marge van de verandering "
                f"(±{format_number(change_margin, 1)})"
            )
    if not reasons:
        return None
    direction = "Stijging" if change > 0 else "Daling"
    return Flag(
        Rule.CHANGE,
        f"{direction} van {format_number(size, 1)} {_points(unit)} ten opzichte van "
        f"{previous.label} ({number(previous.value, unit)} → {number(candidate.value, unit)}): "
        f"{' en '.join(reasons)}.",
    )


def benchmark_flag(candidate: Candidate) -> Flag | None:
    benchmark = candidate.benchmark
    if benchmark is None or candidate.value is None or not candidate.margin:
        return None
    unit = candidate.unit
    low = benchmark.low if benchmark.low is not None else benchmark.value
    high = benchmark.high if benchmark.high is not None else benchmark.value
    allowed = BENCHMARK_MARGINS * candidate.margin
    if candidate.value < low - allowed:
        distance, side = low - candidate.value, "onder"
    elif candidate.value > high + allowed:
        distance, side = candidate.value - high, "boven"
    else:
        return None
    interval = f"{number(low, unit)} – {number(high, unit)}" if low != high else number(low, unit)
    return Flag(
        Rule.BENCHMARK,
        f"{number(candidate.value, unit)} ligt {format_number(distance, 1)} {_points(unit)} "
        f"{side} het landelijke cijfer ({benchmark.label}: {interval}); dat is meer dan "
        f"{BENCHMARK_MARGINS} × de eigen marge ({BENCHMARK_MARGINS} × "
        f"{format_number(candidate.margin, 1)} = {format_number(allowed, 1)}).",
    )


def extreme_flag(candidate: Candidate) -> Flag | None:
    if candidate.kind != Kind.PROPORTION or candidate.value is None:
        return None
    if 0 < candidate.value < 100:
        return None
    which = "geen enkel" if candidate.value <= 0 else "elk"
    return Flag(
        Rule.EXTREME,
        f"{number(candidate.value, Unit.PERCENT)}: {which} geldig antwoord (van de "
        f"{candidate.n}) valt in de gekozen antwoordcodes. Kloppen die codes?",
    )


def scale_flag(candidate: Candidate) -> Flag | None:
    if candidate.kind != Kind.MEAN or candidate.value is None:
        return None
    scale = scale_of(candidate.unit, candidate.valid_range)
    if scale is None or scale[0] <= candidate.value <= scale[1]:
        return None
    return Flag(
        Rule.SCALE,
        f"Het gemiddelde {number(candidate.value, candidate.unit)} ligt buiten de schaal "
        f"{format_number(scale[0], 0)}–{format_number(scale[1], 0)}. Tellen codes als 99 "
        "('weet niet') mee als antwoord?",
    )


def coverage_flag(candidate: Candidate) -> Flag | None:
    respondents = candidate.respondents
    if respondents <= 0 or candidate.n * 100 >= MIN_VALID_PERCENT * respondents:
        return None
    share = format_number(100 * candidate.n / respondents, 1)
    return Flag(
        Rule.COVERAGE,
        f"Maar {candidate.n} van de {respondents} respondenten ({share}%) hebben een geldig "
        f"antwoord; de grens is {MIN_VALID_PERCENT}%. Is de vraag aan een deel gesteld, of "
        "tellen te veel codes als ontbrekend?",
    )


def flags_for(candidate: Candidate, limits: ChangeLimits) -> list[Flag]:
    found = [
        change_flag(candidate, limits),
        benchmark_flag(candidate),
        extreme_flag(candidate),
        scale_flag(candidate),
        coverage_flag(candidate),
    ]
    return [flag for flag in found if flag is not None]
