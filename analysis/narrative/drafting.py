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
- A fact is said once: areas with too few respondents, and indicators without a figure, are
  collected in one closing paragraph per theme, not repeated per indicator; a part without any
  figure, or whose figures all rest on few respondents, is left to the document (once).
- No bracket inside a bracket: a judgement is a clause of its own (", en dat is ongunstig").
- The sentences rotate per paragraph; the wording is deterministic: the same results always
  give the same text.

Pure functions on small dataclasses, so they are tested without a database.
"""

from dataclasses import dataclass, field, replace

from projects.nl_format import format_integer, join_nl

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
    low_n: bool = False  # at least min_n but fewer than warn_n respondents


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
    """ "gunstig", "ongunstig", or "" when the direction is neutral."""
    if direction == "neutral" or difference == 0:
        return ""
    worse = (difference > 0) == (direction == "higher_is_worse")
    return "ongunstig" if worse else "gunstig"


def _judged(clause: str, judgement: str) -> str:
    """ "significant hoger dan Nederland (35,0%)" + ", en dat is ongunstig": the judgement as a
    clause of its own, never a bracket inside a bracket."""
    return f"{clause}, en dat is {judgement}" if judgement else clause


# The sentences rotate per paragraph of a theme, so five indicators in a row do not read as one
# form filled in five times. The index is the paragraph's position: same results, same text.
_LEVEL = (
    "{name}: {value} in {area} in {year}{margin}.",
    "Bij ‘{name}’ komt {area} in {year} uit op {value}{margin}.",
    "De uitkomst voor ‘{name}’ is in {year} {value} in {area}{margin}.",
)
_RISE = (
    "Sinds {previous} is dit significant {verb}, van {before} naar {after}",
    "Dat is significant {more} dan in {previous}, toen het {before} was",
    "Ten opzichte van {previous} ({before}) is het cijfer significant {verb}",
)
_STEADY = (
    "Ten opzichte van {previous} is er geen significante verandering.",
    "Het verschil met {previous} ({before}) is niet significant.",
    "Sinds {previous} is het cijfer niet significant veranderd.",
)


def is_about(paragraph: str, indicator_name: str) -> bool:
    """Whether `paragraph` is the paragraph of that indicator (as indicator_paragraph writes
    it), so a document can leave out a paragraph it already printed under another theme."""
    heads = [pattern.split("{name}")[0] + indicator_name for pattern in _LEVEL]
    heads = [head + (":" if head == indicator_name else "’") for head in heads]
    return any(paragraph.startswith(head) for head in heads)


def _variant(patterns: tuple[str, ...], index: int) -> str:
    return patterns[index % len(patterns)]


def _low_n_sentence(figure: Figure, warn_n: int | None) -> str:
    if not figure.low_n:
        return ""
    below = f"minder dan {format_integer(warn_n)}" if warn_n else "weinig"
    return (
        f"Dit cijfer berust op {below} respondenten ({format_integer(figure.n)}) en is daarom "
        "minder zeker."
    )


def _level_sentence(
    facts: IndicatorFacts, figure: Figure, area_name: str, index: int, warn_n: int | None
) -> str:
    margin = ""
    if figure.ci_low is not None and figure.ci_high is not None:
        margin = (
            f" (marge {format_value(figure.ci_low, facts.unit)} tot "
            f"{format_value(figure.ci_high, facts.unit)})"
        )
    sentence = _variant(_LEVEL, index).format(
        name=facts.name,
        value=_value(figure, facts.unit),
        area=area_name,
        year=figure.year,
        margin=margin,
    )
    low_n = _low_n_sentence(figure, warn_n)
    return f"{sentence} {low_n}" if low_n else sentence


def _change_sentence(facts: IndicatorFacts, index: int = 0) -> str:
    latest = facts.latest
    earlier = [f for f in facts.trend[:-1] if not f.suppressed and f.estimate is not None]
    same_series = [f for f in earlier if f.series == latest.series]
    if latest.previous_year is not None and latest.change_significant is not None:
        previous = next((f for f in same_series if f.year == latest.previous_year), None)
        if previous is None:
            return ""
        words = dict(
            previous=previous.year,
            before=_value(previous, facts.unit),
            after=_value(latest, facts.unit),
        )
        if latest.change_significant:
            rise = latest.estimate > previous.estimate
            words.update(verb="gestegen" if rise else "gedaald", more="hoger" if rise else "lager")
            clause = _variant(_RISE, index).format(**words)
            judgement = _judgement(latest.estimate - previous.estimate, facts.direction)
            return _judged(clause, judgement) + "."
        return _variant(_STEADY, index).format(**words)
    if earlier and not same_series:
        what = break_clause(breaks_between(earlier[-1].year, latest.year))
        what = what or "de opzet van de Veiligheidsmonitor is veranderd"
        return (
            f"Met {earlier[-1].year} is niet vergeleken: {what}, waardoor de cijfers niet "
            "vergelijkbaar zijn (trendbreuk)."
        )
    return ""


def _benchmark_sentence(facts: IndicatorFacts) -> str:
    """ "Dat is significant hoger dan Nederland (35,0%), en dat is ongunstig; van de provincie
    (38,0%) verschilt het niet significant." """
    groups: dict[str, list[BenchmarkFigure]] = {}
    for benchmark in facts.benchmarks:
        if benchmark.estimate is None:
            continue
        key = ("hoger" if benchmark.difference > 0 else "lager") if benchmark.significant else ""
        groups.setdefault(key, []).append(benchmark)

    def named(items: list[BenchmarkFigure]) -> str:
        return _join([f"{b.region_name} ({format_value(b.estimate, facts.unit)})" for b in items])

    clauses = [
        _judged(
            f"significant {word} dan {named(groups[word])}",
            _judgement(groups[word][0].difference, facts.direction),
        )
        for word in ("hoger", "lager")
        if word in groups
    ]
    same = groups.get("")
    if not clauses:
        return f"Dat verschilt niet significant van {named(same)}." if same else ""
    tail = f"; van {named(same)} verschilt het niet significant" if same else ""
    return "Dat is " + "; en ".join(clauses) + tail + "."


def _wijk_sentence(facts: IndicatorFacts, area_name: str) -> str:
    wijken = _parts_sentence(facts, facts.wijken, area_name)
    # After a sentence on the wijken, the own areas follow in a shorter form of their own.
    own = _parts_sentence(facts, facts.own_areas, area_name, after_wijken=bool(wijken))
    return " ".join(sentence for sentence in (wijken, own) if sentence)


def _parts_sentence(
    facts: IndicatorFacts,
    parts: list[tuple[str, Figure]],
    area_name: str,
    *,
    after_wijken: bool = False,
) -> str:
    """The parts (wijken or own areas) that differ significantly from the whole, grouped by
    direction: "In Haven (40,0%) ligt het cijfer significant hoger dan in Almere als geheel, en
    dat is ongunstig; in Zuid (11,8%) significant lager, en dat is gunstig." Parts with too few
    respondents are collected per theme (theme_draft), not named per indicator."""
    named = _standing_out(facts, parts)
    if not named:
        return ""
    clauses = []
    for word in ("hoger", "lager") if named[0][3] > 0 else ("lager", "hoger"):
        group = [item for item in named if (item[3] > 0) == (word == "hoger")]
        if not group:
            continue
        names = _join([f"{name} ({_value(figure, facts.unit)})" for _z, name, figure, _d in group])
        if not clauses and after_wijken:
            verb = "ligt" if len(group) == 1 else "liggen"
            clause = f"Van de eigen gebieden {verb} {names} significant {word}"
        elif not clauses:
            clause = f"In {names} ligt het cijfer significant {word} dan in {area_name} als geheel"
        else:
            clause = f"in {names} significant {word}"
        clauses.append(_judged(clause, _judgement(group[0][3], facts.direction)))
    return "; ".join(clauses) + "."


def _standing_out(facts: IndicatorFacts, parts: list[tuple[str, Figure]]) -> list[tuple]:
    """(|z|, name, figure, difference) of the parts that differ significantly from the whole,
    the largest first, at most MAX_WIJKEN_NAMED."""
    gemeente = facts.latest
    standing_out = []
    for part_name, figure in parts:
        if figure.suppressed or figure.estimate is None:
            continue
        if gemeente.se is None or figure.se is None:
            continue
        difference = stats.compare(figure.estimate, figure.se, gemeente.estimate, gemeente.se)
        if difference and difference.significant:
            standing_out.append((abs(difference.z), part_name, figure, difference.difference))
    standing_out.sort(key=lambda item: (-item[0], item[1]))
    return standing_out[:MAX_WIJKEN_NAMED]


def _too_few(facts: IndicatorFacts) -> list[str]:
    return [
        name
        for name, figure in [*facts.wijken, *facts.own_areas]
        if figure.suppressed or figure.estimate is None
    ]


def _low_n_parts(facts: IndicatorFacts) -> list[str]:
    """The parts the text names (they stand out) whose figure rests on few respondents."""
    named = _standing_out(facts, facts.wijken) + _standing_out(facts, facts.own_areas)
    return [name for _z, name, figure, _d in named if figure.low_n]


def indicator_paragraph(
    facts: IndicatorFacts, *, area_name: str, index: int = 0, warn_n: int | None = None
) -> str:
    latest = facts.latest
    if latest is None:
        return ""
    if latest.suppressed or latest.estimate is None:
        return (
            f"{facts.name}: voor {area_name} waren in {latest.year} te weinig respondenten om "
            "een cijfer te noemen."
        )
    sentences = [
        _level_sentence(facts, latest, area_name, index, warn_n),
        _benchmark_sentence(facts),
        _change_sentence(facts, index),
        _wijk_sentence(facts, area_name),
    ]
    return " ".join(sentence for sentence in sentences if sentence)


def _suppressed_sentence(items: list[IndicatorFacts], area_name: str) -> str:
    """The indicators the area itself has no figure for, in one sentence."""
    suppressed = [f for f in items if f.latest.suppressed or f.latest.estimate is None]
    if not suppressed:
        return ""
    years = sorted({f.latest.year for f in suppressed})
    when = f"in {_join([str(y) for y in years])}"
    if len(suppressed) == len(items) and len(items) > 1:
        return (
            f"Voor {area_name} waren {when} bij alle indicatoren te weinig respondenten om een "
            "cijfer te noemen."
        )
    return (
        f"Voor {_join([f.name for f in suppressed])} waren {when} in {area_name} te weinig "
        "respondenten om een cijfer te noemen."
    )


def _parts_note(
    items: list[IndicatorFacts],
    skip: frozenset[str],
    warn_n: int | None,
    low_n_said: frozenset[str] = frozenset(),
) -> str:
    """Per part, once: where it had too few respondents ("In Bloemenbuurt waren bij alle
    indicatoren te weinig respondenten …", or the indicators when only some), and which parts
    rest on few respondents."""
    shown = [f for f in items if not (f.latest.suppressed or f.latest.estimate is None)]
    present: dict[str, list[str]] = {}
    missing: dict[str, list[str]] = {}
    for item in shown:
        for name, _figure in [*item.wijken, *item.own_areas]:
            present.setdefault(name, []).append(item.name)
        for name in _too_few(item):
            missing.setdefault(name, []).append(item.name)
    everywhere = sorted(
        name for name in missing if name not in skip - low_n_said and missing[name] == present[name]
    )
    sentences = []
    if everywhere:
        indicators = "alle indicatoren" if len(shown) > 1 else "deze indicator"
        sentences.append(
            f"In {_join(everywhere)} waren bij {indicators} te weinig respondenten voor een "
            "betrouwbaar cijfer."
        )
    by_indicators: dict[tuple[str, ...], list[str]] = {}
    for name in sorted(missing):
        if name not in skip - low_n_said and name not in everywhere:
            by_indicators.setdefault(tuple(missing[name]), []).append(name)
    for indicators, names in by_indicators.items():
        sentences.append(
            f"In {_join(names)} waren te weinig respondenten voor een betrouwbaar cijfer over "
            f"{_join([f'‘{name}’' for name in indicators])}."
        )
    low = sorted({name for item in shown for name in _low_n_parts(item)} - set(skip))
    if low:
        below = f"minder dan {format_integer(warn_n)}" if warn_n else "weinig"
        sentences.append(
            f"De cijfers voor {_join(low)} berusten op {below} respondenten en zijn daarom "
            "minder zeker."
        )
    return " ".join(sentences)


def theme_draft(
    facts: list[IndicatorFacts],
    *,
    area_name: str,
    warn_n: int | None = None,
    skip_parts: frozenset[str] = frozenset(),
    low_n_said: frozenset[str] = frozenset(),
) -> list[str]:
    """One paragraph per indicator with a figure, significant findings first; then one
    paragraph for what was not measured reliably (indicators without a figure, parts with too
    few respondents), so such a fact is said once, not once per indicator. `skip_parts`: parts
    that have no figure for any indicator of the project, and `low_n_said`: parts whose figures
    all rest on few respondents; the document says both once."""
    items = [item for item in facts if item.latest is not None]
    with_figure = [f for f in items if not (f.latest.suppressed or f.latest.estimate is None)]
    with_figure.sort(key=lambda item: -_weight(item))
    # When every figure of the area rests on few respondents, say so once, not per paragraph.
    all_low = len(with_figure) > 1 and all(item.latest.low_n for item in with_figure)
    paragraphs = [
        indicator_paragraph(
            replace(item, trend=[*item.trend[:-1], replace(item.latest, low_n=False)])
            if all_low
            else item,
            area_name=area_name,
            index=index,
            warn_n=warn_n,
        )
        for index, item in enumerate(with_figure)
    ]
    below = f"minder dan {format_integer(warn_n)}" if warn_n else "weinig"
    closing = " ".join(
        sentence
        for sentence in (
            f"Alle cijfers voor {area_name} berusten op {below} respondenten en zijn daarom "
            "minder zeker."
            if all_low
            else "",
            _suppressed_sentence(items, area_name),
            _parts_note(items, skip_parts | low_n_said, warn_n, low_n_said),
        )
        if sentence
    )
    return [text for text in [*paragraphs, closing] if text]


def _weight(facts: IndicatorFacts) -> int:
    """Findings that need attention come first: significant changes and differences."""
    latest = facts.latest
    if latest is None or latest.suppressed:
        return 0
    return 2 * bool(latest.change_significant) + any(b.significant for b in facts.benchmarks)


def _join(parts: list[str]) -> str:
    return join_nl(parts)
