"""Reads about the wijkindeling of a gemeente: which wijk codes hold figures in which years,
which codes changed, and how the user linked old codes to new ones (AreaLink).

A change (`AreaChange`) is one group of links: one old wijk to one new code, one old wijk
split into several, or several merged into one. Pages show a series across a change broken,
with `AreaChange.text` as the explanation.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from projects.models import Gemeente
from projects.nl_format import join_nl

from .constants import AreaKind
from .models import Area, AreaLink, CrimeCount, IndicatorResult

Kind = AreaLink.Kind


def _names(areas: list[Area], *, codes: bool) -> str:
    return join_nl([f"{area.name} ({area.code})" if codes else area.name for area in areas])


@dataclass
class AreaChange:
    """One change of the wijkindeling as the user linked it."""

    kind: str
    old: list[Area]
    new: list[Area]
    year: int | None  # the first year of the new indeling
    links: list[AreaLink] = field(default_factory=list)

    @property
    def what(self) -> str:
        """ "Centrum (WK034401) is nu Centrum-Noord en Centrum-Zuid"."""
        if self.kind == Kind.SPLIT:
            return f"{_names(self.old, codes=True)} is nu {_names(self.new, codes=False)}"
        if self.kind == Kind.MERGED:
            return f"{_names(self.old, codes=True)} zijn nu samen {_names(self.new, codes=True)}"
        old, new = self.old[0], self.new[0]
        if old.name == new.name:
            return f"{old.name} ({old.code}) heeft nu code {new.code}"
        return f"{old.name} ({old.code}) is nu {new.name} ({new.code})"

    @property
    def text(self) -> str:
        """ "wijkindeling gewijzigd in 2025: Centrum (WK034401) is nu Centrum-Noord en …"."""
        when = f" in {self.year}" if self.year else ""
        return f"wijkindeling gewijzigd{when}: {self.what}"

    @property
    def key(self) -> tuple[str, str]:
        """An old and a new code of the change: what the delete form sends."""
        return self.old[0].code, self.new[0].code


def area_changes(gemeente: Gemeente, *, area: Area | None = None) -> list[AreaChange]:
    """The gemeente's changes (or those `area` is part of), oldest first. A split is grouped
    by its old wijk, a merge by its new one, a new code alone by both."""
    links = AreaLink.objects.filter(gemeente=gemeente).select_related("old_area", "new_area")
    if area is not None:
        # The whole group: every link of the old or new areas `area` is linked with.
        mine = AreaLink.objects.filter(Q(old_area=area) | Q(new_area=area))
        olds = set(mine.values_list("old_area_id", flat=True))
        news = set(mine.values_list("new_area_id", flat=True))
        links = links.filter(Q(old_area_id__in=olds) | Q(new_area_id__in=news))
    groups: dict[tuple[str, int], AreaChange] = {}
    for link in links.order_by("old_area__code", "new_area__code"):
        key = ("new", link.new_area_id) if link.kind == Kind.MERGED else ("old", link.old_area_id)
        change = groups.setdefault(key, AreaChange(kind=link.kind, old=[], new=[], year=None))
        if link.old_area not in change.old:
            change.old.append(link.old_area)
        if link.new_area not in change.new:
            change.new.append(link.new_area)
        change.links.append(link)
    changes = list(groups.values())
    years = wijk_years(gemeente)
    for change in changes:
        firsts = [area.indeling_year or min(years.get(area.pk, {0})) or None for area in change.new]
        change.year = min((year for year in firsts if year), default=None)
    return sorted(changes, key=lambda change: (change.year or 0, change.key))


def area_change_of(gemeente: Gemeente, old_code: str, new_code: str) -> AreaChange | None:
    """The change the link old -> new belongs to (what deleting that link deletes)."""
    old_code, new_code = old_code.strip().upper(), new_code.strip().upper()
    for change in area_changes(gemeente):
        for link in change.links:
            if link.old_area.code == old_code and link.new_area.code == new_code:
                return change
    return None


def wijk_years(gemeente: Gemeente) -> dict[int, set[int]]:
    """Per wijk (area id): the years it has survey results or police counts for."""
    years: dict[int, set[int]] = {}
    results = (
        IndicatorResult.objects.filter(edition__gemeente=gemeente, area__kind=AreaKind.WIJK)
        .values_list("area_id", "edition__year")
        .distinct()
    )
    counts = (
        CrimeCount.objects.filter(gemeente=gemeente, area__kind=AreaKind.WIJK)
        .values_list("area_id", "year")
        .distinct()
    )
    for area_id, year in [*results, *counts]:
        years.setdefault(area_id, set()).add(year)
    return years


@dataclass
class WijkRow:
    area: Area
    years: list[int]
    linked: bool


@dataclass
class Indeling:
    """The wijken of a gemeente with their indeling, and the codes still to link."""

    wijken: list[WijkRow]
    old_unlinked: list[Area]  # gone before the latest year, no successor linked
    new_unlinked: list[Area]  # first seen after the earliest year, no predecessor linked
    latest_year: int | None

    @property
    def changed(self) -> bool:
        """New codes appeared after the first year: CBS codes do not appear from nowhere.
        Codes that only disappear are often wijken without respondents, so alone they do not
        count as a change."""
        return bool(self.new_unlinked)


def indeling(gemeente: Gemeente) -> Indeling:
    years = wijk_years(gemeente)
    wijken = list(Area.objects.filter(gemeente=gemeente, kind=AreaKind.WIJK).order_by("code"))
    with_old = set(AreaLink.objects.filter(gemeente=gemeente).values_list("new_area_id", flat=True))
    with_new = set(AreaLink.objects.filter(gemeente=gemeente).values_list("old_area_id", flat=True))
    every = {year for area_years in years.values() for year in area_years}
    first, last = (min(every), max(every)) if every else (None, None)
    rows, old, new = [], [], []
    for area in wijken:
        area_years = sorted(years.get(area.pk, ()))
        rows.append(WijkRow(area, area_years, area.pk in with_old or area.pk in with_new))
        if not area_years:
            continue
        if area_years[-1] < last and area.pk not in with_new:
            old.append(area)
        if area_years[0] > first and area.pk not in with_old:
            new.append(area)
    return Indeling(wijken=rows, old_unlinked=old, new_unlinked=new, latest_year=last)


def indeling_notice(gemeente: Gemeente) -> str:
    """The notice on the import result and figures overview pages; empty without a change
    to link."""
    state = indeling(gemeente)
    if not state.changed:
        return ""
    new = ", ".join(area.code for area in state.new_unlinked[:6])
    more = " en meer" if len(state.new_unlinked) > 6 else ""
    text = f"De wijkindeling is gewijzigd: er zijn wijkcodes bijgekomen ({new}{more})"
    if state.old_unlinked:
        gone = ", ".join(area.code for area in state.old_unlinked[:6])
        more = " en meer" if len(state.old_unlinked) > 6 else ""
        text += f" en wijkcodes van eerder komen niet meer voor ({gone}{more})"
    return (
        f"{text}. Cijfers van oude en nieuwe wijken worden niet aan elkaar geplakt; koppel de "
        "oude wijken aan de nieuwe, dan tonen de pagina's de reeks met een zichtbare breuk."
    )


def link_choices(gemeente: Gemeente) -> list[Area]:
    """The wijken a link can name, by code."""
    return list(Area.objects.filter(gemeente=gemeente, kind=AreaKind.WIJK).order_by("code"))
