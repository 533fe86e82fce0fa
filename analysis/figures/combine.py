"""Figures for the plan area of a joint plan: one integraal veiligheidsplan for several gemeenten.

Pooling. Each gemeente's Veiligheidsmonitor file is weighted to its own population, and two
files' weights are on different scales (often normalised to their number of respondents).
Pooling file g with every weight multiplied by

    c_g = P_g / W_g

(P_g the gemeente's inhabitants aged 15 and over, `Population15Plus`, from CBS StatLine
03759ned; W_g the total weight of ALL respondents in the file, `SurveyEdition.weight_total`)
makes each file's weights add up to its population, so each gemeente counts for its share of
the plan area's inhabitants. The pooled sufficient statistics are

    n = Σ n_g             sum_w  = Σ c_g · sum_w_g     sum_w2  = Σ c_g² · sum_w2_g
                          sum_wy = Σ c_g · sum_wy_g    sum_wy2 = Σ c_g · sum_wy2_g

and the estimate, its interval, se and n_eff follow from stats.proportion_from_sums or
stats.mean_from_sums: the same conventions as a single gemeente's figure. The plan's min_n and
warn_n then suppress or flag it as they do a stored result (services.editions.result_from_cell).

From stored results. Raw respondent files are deleted after their retention period
(services/raw_files.py), so the sums are recovered from what `IndicatorResult` keeps:

    sum_w2  = sum_w² / n_eff                          (Kish: n_eff = sum_w² / sum_w2)
    sum_wy  = p · sum_w   (p = estimate / 100)   or   mean · sum_w
    sum_wy2 = sum_wy for a proportion (y² = y); for a mean, inverting mean_from_sums,
              sum_wy2 = sum_w · (pop_var + mean²) with pop_var = se² · (n_eff − 1)

where sum_w is the weight of the respondents who answered (`IndicatorResult.sum_w`).

Approximations, for figures stored before sum_w and weight_total were kept (both null):
- sum_w null: sum_w ≈ n · W_g / respondents: those who answered carry the file's average
  weight;
- W_g null too: W_g = respondents and sum_w = n: weights normalised to a mean of 1, as the
  Veiligheidsmonitor's files are delivered. (With W_g null a stored sum_w is not used either:
  what counts is the ratio sum_w / W_g, and that is then only known as n / respondents.)
A combined figure resting on either is marked `approximate`; its `note` says so.

Not combined, with the reason in Dutch: when a gemeente has no population figure, no figure
for the indicator, or too few respondents (suppressed, or below the plan's min_n). A figure
pooled from a suppressed part could give that part away, by subtracting the others'.

Whole plan area. `plan_area_figures` combines only when every gemeente has an edition of the
same year and series; otherwise it says why, and the figures stand side by side. Each
gemeente's own figure is in every row, and `standing_out` names, for drafts, the gemeenten
that differ significantly from the rest of the plan area (the others, combined the same way:
two independent samples, so stats.compare's test holds).

Pure functions on small dataclasses; plan_area_selectors reads them from the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from projects.nl_format import format_integer, join_nl

from . import stats
from .charts.formatting import format_value
from .constants import PERCENT_SCALE, Direction, Series, Unit

SIDE_BY_SIDE = "De cijfers staan naast elkaar."
APPROXIMATE_NOTE = (
    "Bij benadering: de cijfers van {names} zijn ingelezen voordat het gewicht van de "
    "antwoorden werd bewaard; gerekend is met het gemiddelde gewicht in het bestand."
)


# ---------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class StoredFigure:
    """What an IndicatorResult keeps of one gemeente's figure: percentages as percentages."""

    estimate: float | None
    se: float | None
    n: int
    n_eff: float
    sum_w: float | None = None  # null: stored before it was kept
    ci_low: float | None = None
    ci_high: float | None = None
    suppressed: bool = False
    low_n_warning: bool = False

    @classmethod
    def of(cls, result) -> StoredFigure:
        """From an IndicatorResult (or anything with its fields)."""
        return cls(
            estimate=result.estimate,
            se=result.se,
            n=result.n,
            n_eff=result.n_eff,
            sum_w=result.sum_w,
            ci_low=result.ci_low,
            ci_high=result.ci_high,
            suppressed=result.suppressed,
            low_n_warning=result.low_n_warning,
        )


@dataclass(frozen=True)
class Participant:
    """One gemeente's part in a combined figure."""

    name: str
    population: int | None  # inhabitants aged 15 and over (P_g); None: not entered
    weight_total: float | None  # the file's total weight (W_g); None: stored before it was kept
    respondents: int  # respondents in the file
    figure: StoredFigure | None  # the gemeente as a whole; None: no figure for the indicator


@dataclass(frozen=True)
class Population:
    """Inhabitants aged 15 and over on 1 January of `year`, as entered (Population15Plus)."""

    count: int
    year: int
    source: str


@dataclass(frozen=True)
class GemeenteEdition:
    """A gemeente of the plan with the edition it takes part with, and that edition's figures
    for the gemeente as a whole (indicator code -> figure)."""

    name: str
    year: int | None  # None: no edition chosen
    series: str = ""
    respondents: int = 0
    weight_total: float | None = None
    population: Population | None = None
    figures: Mapping[str, StoredFigure] = field(default_factory=dict)

    def participant(self, code: str) -> Participant:
        return Participant(
            name=self.name,
            population=self.population.count if self.population else None,
            weight_total=self.weight_total,
            respondents=self.respondents,
            figure=self.figures.get(code),
        )


@dataclass(frozen=True)
class IndicatorSpec:
    """What the combination and the draft sentences need of an Indicator."""

    code: str
    name: str
    unit: str
    direction: str

    @classmethod
    def of(cls, indicator) -> IndicatorSpec:
        return cls(
            code=indicator.code,
            name=indicator.name,
            unit=indicator.unit,
            direction=indicator.direction,
        )

    @property
    def kind(self) -> str:
        """As the mapping form decides it: percentages are proportions, the rest means."""
        return stats.Kind.PROPORTION if self.unit == Unit.PERCENT else stats.Kind.MEAN

    @property
    def scale(self) -> float:
        return PERCENT_SCALE if self.kind == stats.Kind.PROPORTION else 1.0


# ---------------------------------------------------------------------------------------------
# Sufficient statistics


@dataclass(frozen=True)
class Sums:
    n: int
    sum_w: float
    sum_w2: float
    sum_wy: float
    sum_wy2: float

    def __add__(self, other: Sums) -> Sums:
        return Sums(
            n=self.n + other.n,
            sum_w=self.sum_w + other.sum_w,
            sum_w2=self.sum_w2 + other.sum_w2,
            sum_wy=self.sum_wy + other.sum_wy,
            sum_wy2=self.sum_wy2 + other.sum_wy2,
        )

    def rescaled(self, factor: float) -> Sums:
        """The sums had every weight been multiplied by `factor`."""
        return Sums(
            n=self.n,
            sum_w=factor * self.sum_w,
            sum_w2=factor * factor * self.sum_w2,
            sum_wy=factor * self.sum_wy,
            sum_wy2=factor * self.sum_wy2,
        )

    def estimate(self, kind: str) -> stats.Estimate:
        if kind == stats.Kind.PROPORTION:
            return stats.proportion_from_sums(
                n=self.n, sum_w=self.sum_w, sum_w2=self.sum_w2, sum_wy=self.sum_wy
            )
        return stats.mean_from_sums(
            n=self.n,
            sum_w=self.sum_w,
            sum_w2=self.sum_w2,
            sum_wy=self.sum_wy,
            sum_wy2=self.sum_wy2,
        )


ZERO = Sums(n=0, sum_w=0.0, sum_w2=0.0, sum_wy=0.0, sum_wy2=0.0)


def stored_sums(figure: StoredFigure, *, sum_w: float, kind: str, scale: float) -> Sums:
    """A stored figure's sufficient statistics, given the weight of those who answered."""
    value = figure.estimate / scale
    sum_wy = value * sum_w
    if kind == stats.Kind.PROPORTION:
        sum_wy2 = sum_wy
    else:
        se = figure.se / scale
        population_variance = se * se * (figure.n_eff - 1)
        sum_wy2 = sum_w * (population_variance + value * value)
    return Sums(
        n=figure.n, sum_w=sum_w, sum_w2=sum_w * sum_w / figure.n_eff, sum_wy=sum_wy, sum_wy2=sum_wy2
    )


def file_weights(participant: Participant) -> tuple[float, float, bool]:
    """(sum_w of those who answered, W_g the file's total weight, whether approximated)."""
    figure = participant.figure
    if participant.weight_total is None:
        return float(figure.n), float(participant.respondents), True
    if figure.sum_w is None:
        average = participant.weight_total / participant.respondents
        return figure.n * average, participant.weight_total, True
    return figure.sum_w, participant.weight_total, False


def participant_sums(participant: Participant, *, kind: str, scale: float) -> tuple[Sums, bool]:
    """The gemeente's sums with its weights rescaled to its population; and whether approximated."""
    sum_w, weight_total, approximate = file_weights(participant)
    sums = stored_sums(participant.figure, sum_w=sum_w, kind=kind, scale=scale)
    return sums.rescaled(participant.population / weight_total), approximate


# ---------------------------------------------------------------------------------------------
# One combined figure


@dataclass(frozen=True)
class CombinedFigure:
    """A plan-area figure, scaled as stored results are (percentages as percentages).

    Suppressed and warned like a stored result: `suppressed` below min_n (the value is kept,
    as a stored result keeps it; pages do not show it), `low_n_warning` below warn_n. Without a
    figure, `reason` says why in Dutch."""

    estimate: stats.Estimate | None  # unscaled: proportions as fractions
    scale: float
    suppressed: bool = False
    low_n_warning: bool = False
    approximate_for: tuple[str, ...] = ()  # the gemeenten whose part is approximated
    reason: str = ""

    def _scaled(self, value: float | None) -> float | None:
        return None if value is None else value * self.scale

    @property
    def value(self) -> float | None:
        return self._scaled(self.estimate.value) if self.estimate else None

    @property
    def ci_low(self) -> float | None:
        return self._scaled(self.estimate.ci_low) if self.estimate else None

    @property
    def ci_high(self) -> float | None:
        return self._scaled(self.estimate.ci_high) if self.estimate else None

    @property
    def se(self) -> float | None:
        return self._scaled(self.estimate.se) if self.estimate else None

    @property
    def n(self) -> int:
        return self.estimate.n if self.estimate else 0

    @property
    def n_eff(self) -> float:
        return self.estimate.n_eff if self.estimate else 0.0

    @property
    def approximate(self) -> bool:
        return bool(self.approximate_for)

    @property
    def shown(self) -> bool:
        """Whether a page or draft may give the figure."""
        return self.estimate is not None and self.value is not None and not self.suppressed

    @property
    def note(self) -> str:
        """The note shown with an approximated figure, in Dutch; "" otherwise."""
        if not self.approximate:
            return ""
        return APPROXIMATE_NOTE.format(names=join_nl(list(self.approximate_for)))


def _names(participants: Sequence[Participant]) -> str:
    return join_nl([participant.name for participant in participants])


def not_combined_reason(participants: Sequence[Participant], *, min_n: int) -> str:
    """Why the figure cannot be combined, in Dutch; "" when it can."""
    if not participants:
        return "Niet voor het hele plangebied: er zijn geen gemeenten."
    unknown = [p for p in participants if not p.population]
    if unknown:
        return f"Voor {_names(unknown)} is het aantal inwoners van 15 jaar en ouder niet ingevuld."
    too_few = [p for p in participants if _too_few(p.figure, min_n=min_n)]
    if too_few:
        return f"Niet voor het hele plangebied: in {_names(too_few)} te weinig respondenten."
    missing = [p for p in participants if not p.respondents or _no_figure(p.figure)]
    if missing:
        has = "heeft" if len(missing) == 1 else "hebben"
        return f"Niet voor het hele plangebied: {_names(missing)} {has} hiervoor geen cijfer."
    return ""


def _no_figure(figure: StoredFigure | None) -> bool:
    """No stored figure, or nobody answered (the question was not asked)."""
    return figure is None or figure.n == 0 or figure.estimate is None or figure.n_eff <= 0


def _too_few(figure: StoredFigure | None, *, min_n: int) -> bool:
    """Respondents answered, but too few: suppressed, below the plan's min_n, or without a
    spread to pool (a mean on n_eff ≤ 1 has no se)."""
    if figure is None or figure.n == 0:
        return False
    return figure.suppressed or figure.n < min_n or figure.se is None or figure.n_eff <= 1


def combine(
    participants: Sequence[Participant], *, kind: str, scale: float, min_n: int, warn_n: int
) -> CombinedFigure:
    """The plan-area figure of one indicator from each gemeente's stored figure."""
    reason = not_combined_reason(participants, min_n=min_n)
    if reason:
        return CombinedFigure(estimate=None, scale=scale, reason=reason)
    total, approximate = ZERO, []
    for participant in participants:
        sums, approximated = participant_sums(participant, kind=kind, scale=scale)
        total += sums
        if approximated:
            approximate.append(participant.name)
    estimate = total.estimate(kind)
    suppressed = estimate.n < min_n
    return CombinedFigure(
        estimate=estimate,
        scale=scale,
        suppressed=suppressed,
        low_n_warning=min_n <= estimate.n < warn_n,
        approximate_for=tuple(approximate),
        reason="Niet voor het hele plangebied: te weinig respondenten." if suppressed else "",
    )


def combine_indicator(
    participants: Sequence[Participant], *, indicator: IndicatorSpec, min_n: int, warn_n: int
) -> CombinedFigure:
    return combine(
        participants, kind=indicator.kind, scale=indicator.scale, min_n=min_n, warn_n=warn_n
    )


# ---------------------------------------------------------------------------------------------
# Which gemeenten stand out


@dataclass(frozen=True)
class StandingOut:
    name: str
    figure: StoredFigure
    rest_name: str  # "de rest van het plangebied", or the one other gemeente
    rest: CombinedFigure
    difference: stats.Difference


def _judgement(difference: float, direction: str) -> str:
    """ ", en dat is ongunstig" / ", en dat is gunstig"; nothing for a neutral indicator."""
    if direction == Direction.NEUTRAL or difference == 0:
        return ""
    worse = (difference > 0) == (direction == Direction.HIGHER_IS_WORSE)
    return f", en dat is {'ongunstig' if worse else 'gunstig'}"


def standing_out(
    participants: Sequence[Participant], *, indicator: IndicatorSpec, min_n: int, warn_n: int
) -> list[StandingOut]:
    """The gemeenten whose figure differs significantly from the rest of the plan area, the
    largest difference (in z) first. With two gemeenten the rest is the other one, and the
    two findings are one: only the higher is named."""
    if len(participants) < 2:
        return []
    whole = combine_indicator(participants, indicator=indicator, min_n=min_n, warn_n=warn_n)
    if not whole.shown:
        return []
    found = []
    for participant in participants:
        others = [other for other in participants if other is not participant]
        rest = combine_indicator(others, indicator=indicator, min_n=min_n, warn_n=warn_n)
        figure = participant.figure
        if not rest.shown or rest.se is None:
            continue
        difference = stats.compare(figure.estimate, figure.se, rest.value, rest.se)
        if difference is None or not difference.significant:
            continue
        if len(participants) == 2 and difference.difference < 0:
            continue
        rest_name = others[0].name if len(others) == 1 else "de rest van het plangebied"
        found.append(StandingOut(participant.name, figure, rest_name, rest, difference))
    found.sort(key=lambda item: (-abs(item.difference.z), item.name))
    return found


def standing_out_sentence(item: StandingOut, *, indicator: IndicatorSpec) -> str:
    """ "Bij ‘Voelt zich weleens onveilig in eigen buurt’ komt Lelystad uit op 41,0%,
    significant hoger dan in de rest van het plangebied (33,0%), en dat is ongunstig." """
    word = "hoger" if item.difference.difference > 0 else "lager"
    value = format_value(item.figure.estimate, indicator.unit)
    rest = format_value(item.rest.value, indicator.unit)
    return (
        f"Bij ‘{indicator.name}’ komt {item.name} uit op {value}, significant {word} dan in "
        f"{item.rest_name} ({rest}){_judgement(item.difference.difference, indicator.direction)}."
    )


def standing_out_sentences(
    participants: Sequence[Participant], *, indicator: IndicatorSpec, min_n: int, warn_n: int
) -> list[str]:
    """The draft sentences naming where a gemeente stands out; none when nothing is
    significant or the plan area has no figure."""
    return [
        standing_out_sentence(item, indicator=indicator)
        for item in standing_out(participants, indicator=indicator, min_n=min_n, warn_n=warn_n)
    ]


# ---------------------------------------------------------------------------------------------
# The plan area as a whole


@dataclass(frozen=True)
class PlanAreaRow:
    indicator: IndicatorSpec
    combined: CombinedFigure | None  # None when the figures stand side by side
    gemeenten: tuple[tuple[str, StoredFigure | None], ...]  # each gemeente's own figure
    standing_out: tuple[str, ...] = ()  # draft sentences


@dataclass(frozen=True)
class PlanArea:
    """Either combined rows (`side_by_side` False) or the gemeenten's figures side by side,
    with the reason in Dutch."""

    side_by_side: bool
    reason: str  # why the figures stand side by side; "" when combined
    population_note: str  # where the populations come from; "" when side by side
    rows: tuple[PlanAreaRow, ...]


def _edition_label(edition: GemeenteEdition, *, with_series: bool) -> str:
    if edition.year is None:
        return f"{edition.name} geen editie"
    if with_series:
        return f"{edition.name} {edition.year} ({Series(edition.series).label})"
    return f"{edition.name} {edition.year}"


def side_by_side_reason(editions: Sequence[GemeenteEdition]) -> str:
    """Why the gemeenten cannot be combined, in Dutch; "" when they can."""
    if not editions:
        raise ValueError("a plan area has at least one gemeente")
    years = {edition.year for edition in editions}
    series = {edition.series for edition in editions}
    if None in years or len(years) > 1 or len(series) > 1:
        with_series = len(years) == 1 and len(series) > 1
        listed = ", ".join(_edition_label(e, with_series=with_series) for e in editions)
        return f"De gemeenten hebben niet dezelfde editie: {listed}. {SIDE_BY_SIDE}"
    unknown = [edition.name for edition in editions if edition.population is None]
    if unknown:
        return (
            f"Voor {join_nl(unknown)} is het aantal inwoners van 15 jaar en ouder niet "
            f"ingevuld. {SIDE_BY_SIDE}"
        )
    return ""


def population_text(name: str, population: Population, edition_year: int) -> str:
    """ "Lelystad 66.000 (1 januari 2022; voor 2023 is geen aantal ingevuld)"."""
    when = f"1 januari {population.year}"
    if population.year != edition_year:
        when += f"; voor {edition_year} is geen aantal ingevuld"
    return f"{name} {format_integer(population.count)} ({when})"


def population_note(editions: Sequence[GemeenteEdition]) -> str:
    """Which populations the gemeenten are weighted to, which year, and the source."""
    listed = join_nl(
        [population_text(e.name, e.population, e.year) for e in editions if e.population]
    )
    sources = join_nl(list(dict.fromkeys(e.population.source for e in editions if e.population)))
    return (
        f"Elke gemeente telt mee naar haar inwoners van 15 jaar en ouder: {listed}. "
        f"Bron: {sources}."
    )


def plan_area_figures(
    editions: Sequence[GemeenteEdition],
    *,
    indicators: Sequence[IndicatorSpec],
    min_n: int,
    warn_n: int,
) -> PlanArea:
    """The plan area's figures: combined when every gemeente has an edition of the same year
    and series and a population, else side by side with the reason. Every row carries each
    gemeente's own figure; combined rows also the draft sentences on who stands out."""
    reason = side_by_side_reason(editions)
    rows = []
    for indicator in indicators:
        own = tuple((edition.name, edition.figures.get(indicator.code)) for edition in editions)
        if reason:
            rows.append(PlanAreaRow(indicator=indicator, combined=None, gemeenten=own))
            continue
        participants = [edition.participant(indicator.code) for edition in editions]
        thresholds = {"indicator": indicator, "min_n": min_n, "warn_n": warn_n}
        rows.append(
            PlanAreaRow(
                indicator=indicator,
                combined=combine_indicator(participants, **thresholds),
                gemeenten=own,
                standing_out=tuple(standing_out_sentences(participants, **thresholds)),
            )
        )
    return PlanArea(
        side_by_side=bool(reason),
        reason=reason,
        population_note="" if reason else population_note(editions),
        rows=tuple(rows),
    )
