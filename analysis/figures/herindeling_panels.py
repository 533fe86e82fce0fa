"""A wijk's trend across a herindeling: the figures of its old or new codes as separate,
labelled series beside its own, with the break and its explanation. Never one joined line:
the areas differ, so the figures are not comparable as a series."""

from dataclasses import dataclass

from django.utils.text import capfirst

from .area_link_selectors import AreaChange, area_changes
from .constants import AreaKind
from .models import Area, IndicatorResult
from .selectors import editions_read

EARLIER, LATER = "oude indeling", "nieuwe indeling"


@dataclass
class OtherArea:
    area: Area
    relation: str  # EARLIER or LATER

    @property
    def label(self) -> str:
        return f"{self.area.name} ({self.area.code}), {self.relation}"


@dataclass
class Herindeling:
    changes: list[AreaChange]
    others: list[OtherArea]

    @property
    def note(self) -> str:
        """ "Wijkindeling gewijzigd in 2025: Centrum (WK034401) is nu Centrum-Noord en
        Centrum-Zuid; de cijfers van voor en na staan apart." """
        if not self.changes:
            return ""
        texts = "; ".join(change.text for change in self.changes)
        return (
            f"{capfirst(texts)}. De cijfers van de oude en de nieuwe wijk gaan over een ander "
            "gebied; ze staan apart en worden niet met elkaar vergeleken (herindeling)."
        )


def herindeling_for(area: Area) -> Herindeling:
    """The changes `area` is part of, and the areas on the other side of them."""
    if area.kind != AreaKind.WIJK:
        return Herindeling([], [])
    changes = area_changes(area.gemeente, area=area)
    others: list[OtherArea] = []
    for change in changes:
        if area in change.new:
            others += [OtherArea(old, EARLIER) for old in change.old]
        if area in change.old:
            others += [OtherArea(new, LATER) for new in change.new]
    return Herindeling(changes, others)


def other_trends(
    project, herindeling: Herindeling, indicator_ids, gemeente=None
) -> dict[tuple[int, int], list[IndicatorResult]]:
    """Per (indicator id, area id) of the other areas: their results in the editions the
    project reads for `gemeente` (selectors.editions_read), by year."""
    if not herindeling.others:
        return {}
    results = (
        IndicatorResult.objects.filter(
            edition__in=editions_read(project, gemeente),
            area__in=[other.area for other in herindeling.others],
            indicator_id__in=list(indicator_ids),
        )
        .select_related("edition", "area")
        .order_by("edition__year")
    )
    trends: dict[tuple[int, int], list[IndicatorResult]] = {}
    for result in results:
        trends.setdefault((result.indicator_id, result.area_id), []).append(result)
    return trends


def area_break_labels(
    trend: list[IndicatorResult], others: list[tuple[OtherArea, list[IndicatorResult]]]
) -> list[str]:
    """The editions a herindeling lies before: the wijk's first one after an old area's
    figures, and a new area's first one after the wijk's."""
    labels = set()
    if trend and any(other.relation == EARLIER and results for other, results in others):
        labels.add(str(trend[0].edition.year))
    later = [
        results[0].edition.year for other, results in others if other.relation == LATER and results
    ]
    if later:
        labels.add(str(min(later)))
    return sorted(labels)


def police_tables_marked(tables: list, changes: list[AreaChange]) -> list:
    """The police tables with each linked wijk's row labelled as of the old or new indeling
    and the change explained under every table it appears in. The rows stay apart: a count of
    the old wijk is never compared with one of the new."""
    olds = {area.pk: change for change in changes for area in change.old}
    news = {area.pk: change for change in changes for area in change.new}
    for table in tables:
        shown: list[AreaChange] = []
        for row in table.rows:
            area_id = getattr(row.area, "pk", None)
            if area_id in olds:
                row.label = f"{row.label} (oude indeling)"
                change = olds[area_id]
            elif area_id in news:
                row.label = f"{row.label} (nieuwe indeling)"
                change = news[area_id]
            else:
                continue
            if change not in shown:
                shown.append(change)
        table.notes.extend(
            f"{capfirst(change.text)}; hun cijfers staan in aparte rijen en worden niet met "
            "elkaar vergeleken."
            for change in shown
        )
    return tables
