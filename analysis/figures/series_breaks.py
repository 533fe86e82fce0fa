"""The method breaks of the Veiligheidsmonitor, named by the years they fall in.

IVM (2008-2011) → VM (2012-2019) → VM in a new design (2021-) (shared/domain §2.2, §3.1).
Figures from either side of a break are not compared, and a text that says so names the break
that lies between the editions it compares, not the 2021 redesign for every break.

A break of year Y lies between editions a and b when min(a, b) < Y <= max(a, b).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SeriesBreak:
    year: int
    label: str  # short, for notes and lists: "IVM→VM (2012)"
    clause: str  # what happened, to go in a sentence


SERIES_BREAKS = (
    SeriesBreak(
        2012,
        "IVM→VM (2012)",
        "de Integrale Veiligheidsmonitor is in 2012 opgevolgd door de Veiligheidsmonitor",
    ),
    SeriesBreak(2021, "vernieuwde VM (2021)", "de Veiligheidsmonitor is in 2021 vernieuwd"),
)


def breaks_between(a: int, b: int) -> list[SeriesBreak]:
    """The breaks between two editions (in either order), oldest first."""
    low, high = sorted((a, b))
    return [brk for brk in SERIES_BREAKS if low < brk.year <= high]


def breaks_in(years: list[int]) -> list[SeriesBreak]:
    """The breaks within a run of editions."""
    return breaks_between(min(years), max(years)) if years else []


def break_labels(breaks: list[SeriesBreak]) -> str:
    """ "IVM→VM (2012) en vernieuwde VM (2021)"."""
    return _join([brk.label for brk in breaks])


def break_clause(breaks: list[SeriesBreak]) -> str:
    """What happened, as one clause: "de Integrale Veiligheidsmonitor is in 2012 opgevolgd
    door de Veiligheidsmonitor en de Veiligheidsmonitor is in 2021 vernieuwd". Empty without
    breaks."""
    return _join([brk.clause for brk in breaks])


def break_years(breaks: list[SeriesBreak]) -> str:
    """ "2012", "2012 en 2021"."""
    return _join([str(brk.year) for brk in breaks])


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
