"""The story behind the figures: a first draft in plain Dutch, generated from stored results.

Rules, because a policy text must never claim more than the figures carry:
- A change is called a rise or a fall only when it is significant; otherwise the text says
  there is no significant change.
- Nothing is compared across a series break; the text says so and names the break that lies
  between the two editions (IVM→VM in 2012, the VM's redesign in 2021).
- A figure on too few respondents is not given; the text says it cannot be reported.
- Wijken, and the gemeente's own areas (kernen, wijk- and buurtgroepen, named with their kind:
  "wijkgroep Noord"), are named as standing out only when they differ significantly from the
  gemeente.
- The wording is deterministic: the same results always give the same text.

Pure functions on small dataclasses, so they are tested without a database.
"""

from dataclasses import dataclass, field

from ..figures import stats
from ..figures.charts import format_value
from ..figures.series_breaks import break_clause, breaks_between

MAX_WIJKEN_NAMED = 3


@dataclass(frozen=True)
class Figure:
    year: int
    series: str
    estimate: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    se: float | None = None
    n: int = 0
    suppressed: bool = False
    change_significant: bool | None = None  # against `previous_year`, stored at import
    previous_year: int | None = None


@dataclass(frozen=True)
class BenchmarkFigure:
    region_name: str
    estimate: float | None
    significant: bool
    difference: float  # result minus benchmark


@dataclass(frozen=True)
class IndicatorFacts:
    code: str
    name: str
    unit: str
    direction: str  # higher_is_better | higher_is_worse | neutral
    trend: list[Figure]  # for the area, oldest first
    benchmarks: list[BenchmarkFigure] = field(default_factory=list)  # for the latest year
    wijken: list[tuple[str, Figure]] = field(default_factory=list)  # latest year, per wijk
    # Latest year, per own area of the gemeente, named with its kind ("kern Haven").
    own_areas: list[tuple[str, Figure]] = field(default_factory=list)

    @property
    def latest(self) -> Figure | None:
        return self.trend[-1] if self.trend else None


def _value(figure: Figure, unit: str) -> str:
    return format_value(figure.estimate, unit)


def _judgement(difference: float, direction: str) -> str:
    if direction == "neutral" or difference == 0:
        return ""
    worse = (difference > 0) == (direction == "higher_is_worse")
    return " (ongunstig)" if worse else " (gunstig)"


def _level_sentence(facts: IndicatorFacts, figure: Figure, area_name: str) -> str:
    margin = ""
    if figure.ci_low is not None and figure.ci_high is not None:
        margin = (
            f" (marge {format_value(figure.ci_low, facts.unit)} tot "
            f"{format_value(figure.ci_high, facts.unit)})"
        )
    return f"{facts.name}: {_value(figure, facts.unit)} in {area_name} in {figure.year}{margin}."


def _change_sentence(facts: IndicatorFacts) -> str:
    latest = facts.latest
    earlier = [f for f in facts.trend[:-1] if not f.suppressed and f.estimate is not None]
    same_series = [f for f in earlier if f.series == latest.series]
    if latest.previous_year is not None and latest.change_significant is not None:
        previous = next((f for f in same_series if f.year == latest.previous_year), None)
        if previous is None:
            return ""
        if latest.change_significant:
            verb = "gestegen" if latest.estimate > previous.estimate else "gedaald"
            judgement = _judgement(latest.estimate - previous.estimate, facts.direction)
            return (
                f"Sinds {previous.year} is dit significant {verb}, van "
                f"{_value(previous, facts.unit)} naar {_value(latest, facts.unit)}{judgement}."
            )
        return f"Ten opzichte van {previous.year} is er geen significante verandering."
    if earlier and not same_series:
        what = break_clause(breaks_between(earlier[-1].year, latest.year))
        what = what or "de opzet van de Veiligheidsmonitor is veranderd"
        return (
            f"Met {earlier[-1].year} is niet vergeleken: {what}, waardoor de cijfers niet "
            "vergelijkbaar zijn (trendbreuk)."
        )
    return ""


def _benchmark_sentence(facts: IndicatorFacts) -> str:
    parts = []
    for benchmark in facts.benchmarks:
        if benchmark.estimate is None:
            continue
        shown = format_value(benchmark.estimate, facts.unit)
        if benchmark.significant:
            word = "hoger" if benchmark.difference > 0 else "lager"
            judgement = _judgement(benchmark.difference, facts.direction)
            parts.append(f"significant {word} dan {benchmark.region_name} ({shown}){judgement}")
        else:
            parts.append(f"niet significant anders dan {benchmark.region_name} ({shown})")
    if not parts:
        return ""
    return "Dat is " + _join(parts) + "."


def _wijk_sentence(facts: IndicatorFacts, area_name: str) -> str:
    sentences = [
        _parts_sentence(facts, facts.wijken, f"Wijken die afwijken van {area_name} als geheel"),
        _parts_sentence(
            facts, facts.own_areas, f"Eigen gebieden die afwijken van {area_name} als geheel"
        ),
    ]
    return " ".join(sentence for sentence in sentences if sentence)


def _parts_sentence(facts: IndicatorFacts, parts: list[tuple[str, Figure]], heading: str) -> str:
    """The parts (wijken or own areas) that differ significantly, and those with too few
    respondents."""
    gemeente = facts.latest
    standing_out = []
    too_few = []
    for wijk_name, figure in parts:
        if figure.suppressed or figure.estimate is None:
            too_few.append(wijk_name)
            continue
        if gemeente.se is None or figure.se is None:
            continue
        difference = stats.compare(figure.estimate, figure.se, gemeente.estimate, gemeente.se)
        if difference and difference.significant:
            standing_out.append((abs(difference.z), wijk_name, figure, difference.difference))
    sentences = []
    if standing_out:
        standing_out.sort(key=lambda item: (-item[0], item[1]))
        named = [
            f"{name} ({_value(figure, facts.unit)}, significant "
            f"{'hoger' if diff > 0 else 'lager'}{_judgement(diff, facts.direction)})"
            for _z, name, figure, diff in standing_out[:MAX_WIJKEN_NAMED]
        ]
        sentences.append(f"{heading}: {_join(named)}.")
    if too_few:
        sentences.append(
            f"Voor {_join(sorted(too_few))} waren te weinig respondenten voor een betrouwbaar "
            "cijfer."
        )
    return " ".join(sentences)


def indicator_paragraph(facts: IndicatorFacts, *, area_name: str) -> str:
    latest = facts.latest
    if latest is None:
        return ""
    if latest.suppressed or latest.estimate is None:
        return (
            f"{facts.name}: voor {area_name} waren in {latest.year} te weinig respondenten om "
            "een cijfer te noemen."
        )
    sentences = [
        _level_sentence(facts, latest, area_name),
        _benchmark_sentence(facts),
        _change_sentence(facts),
        _wijk_sentence(facts, area_name),
    ]
    return " ".join(sentence for sentence in sentences if sentence)


def theme_draft(facts: list[IndicatorFacts], *, area_name: str) -> list[str]:
    """One paragraph per indicator, significant findings first, then the rest."""
    paragraphs = [(_weight(item), indicator_paragraph(item, area_name=area_name)) for item in facts]
    paragraphs = [(weight, text) for weight, text in paragraphs if text]
    paragraphs.sort(key=lambda pair: -pair[0])
    if not paragraphs:
        return []
    return [text for _weight_, text in paragraphs]


def _weight(facts: IndicatorFacts) -> int:
    """Findings that need attention come first: significant changes and differences."""
    latest = facts.latest
    if latest is None or latest.suppressed:
        return 0
    return 2 * bool(latest.change_significant) + any(b.significant for b in facts.benchmarks)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]
