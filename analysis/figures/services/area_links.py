"""Writes about the wijkindeling: the indeling year an import gives a wijk code, and the links
the user makes from old wijk codes to new ones (AreaLink).

A link group is one change: one old wijk to one new code (`SAME`), one old wijk split into
several (`SPLIT`), or several merged into one (`MERGED`). Groups are made and deleted whole,
so a split never stands with one part: the kind always fits the number of links.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from projects.models import Project
from projects.services import audit_record

from ..constants import AreaKind
from ..models import Area, AreaLink

Kind = AreaLink.Kind


def indeling_years_note(areas: Mapping[str, Area], first_years: Mapping[str, int]) -> None:
    """Give each wijk among `areas` the first year it is known in: the year of its CBS
    indeling. A year already known stays, unless this import shows the code earlier (an
    older edition read in after a newer one)."""
    for code, year in first_years.items():
        area = areas.get(code)
        if area is None or area.kind != AreaKind.WIJK or year is None:
            continue
        if area.indeling_year is None or year < area.indeling_year:
            area.indeling_year = year
            area.save(update_fields=["indeling_year"])


def _label(area: Area) -> str:
    return f"{area.name} ({area.code})"


def _wijken(project: Project, codes: list[str], what: str) -> list[Area]:
    """The gemeente's wijken of these codes, in the order given; a Dutch error otherwise."""
    unique = list(dict.fromkeys(code.strip().upper() for code in codes if code.strip()))
    if not unique:
        raise ValidationError({what: "Kies ten minste één wijk."})
    found = {
        area.code: area
        for area in Area.objects.filter(
            gemeente=project.gemeente, kind=AreaKind.WIJK, code__in=unique
        )
    }
    unknown = [code for code in unique if code not in found]
    if unknown:
        raise ValidationError(
            {what: f"{', '.join(unknown)} is geen wijk van {project.gemeente.name}."}
        )
    return [found[code] for code in unique]


def _check_kind(kind: str, old: list[Area], new: list[Area]) -> None:
    if kind not in Kind.values:
        raise ValidationError({"kind": "Kies hoe de wijk is veranderd."})
    if kind == Kind.SAME and (len(old) != 1 or len(new) != 1):
        raise ValidationError(
            {"kind": "Bij ‘zelfde gebied, nieuwe code’ hoort precies één oude en één nieuwe wijk."}
        )
    if kind == Kind.SPLIT and (len(old) != 1 or len(new) < 2):
        raise ValidationError(
            {"kind": "Bij een splitsing hoort één oude wijk en ten minste twee nieuwe wijken."}
        )
    if kind == Kind.MERGED and (len(old) < 2 or len(new) != 1):
        raise ValidationError(
            {"kind": "Bij een samenvoeging horen ten minste twee oude wijken en één nieuwe wijk."}
        )


def _check_years(old: list[Area], new: list[Area]) -> None:
    both = [area for area in old if area in new]
    if both:
        raise ValidationError(
            f"{_label(both[0])} staat zowel bij de oude als bij de nieuwe wijken."
        )
    unknown = [area for area in [*old, *new] if area.indeling_year is None]
    if unknown:
        raise ValidationError(
            f"Van {_label(unknown[0])} is het jaar van de indeling niet bekend; lees eerst "
            "cijfers voor die wijk in."
        )
    for before in old:
        for after in new:
            if before.indeling_year >= after.indeling_year:
                raise ValidationError(
                    f"{_label(before)} (indeling {before.indeling_year}) is niet ouder dan "
                    f"{_label(after)} (indeling {after.indeling_year}): een oude wijk komt uit "
                    "een eerdere indeling dan de nieuwe."
                )


def _check_free(old: list[Area], new: list[Area]) -> None:
    """An area belongs to one change: a second one would make the kinds contradict."""
    taken = AreaLink.objects.filter(Q(old_area__in=old) | Q(new_area__in=new)).select_related(
        "old_area", "new_area"
    )
    for link in taken:
        area = link.old_area if link.old_area in old else link.new_area
        raise ValidationError(
            f"{_label(area)} is al gekoppeld ({_label(link.old_area)} → "
            f"{_label(link.new_area)}); verwijder die koppeling eerst."
        )


@transaction.atomic
def area_links_create(
    *, actor, project: Project, kind: str, old_codes: list[str], new_codes: list[str]
) -> list[AreaLink]:
    """Link old wijk codes to new ones as one change; nothing is stored on bad input."""
    old = _wijken(project, old_codes, "old")
    new = _wijken(project, new_codes, "new")
    _check_kind(kind, old, new)
    _check_years(old, new)
    # Lock the areas, so two editors linking the same wijk at once cannot both succeed.
    list(Area.objects.select_for_update().filter(pk__in=[area.pk for area in [*old, *new]]))
    _check_free(old, new)
    links = [
        AreaLink.objects.create(
            gemeente=project.gemeente,
            old_area=before,
            new_area=after,
            kind=kind,
            created_by=actor,
        )
        for before in old
        for after in new
    ]
    audit_record(
        actor=actor,
        action="wijkindeling gekoppeld",
        obj=links[0],
        project=project,
        detail={
            "soort": Kind(kind).label,
            "oud": [area.code for area in old],
            "nieuw": [area.code for area in new],
        },
    )
    _goals_follow(project)
    return links


def _goals_follow(project: Project) -> None:
    """Goals per wijk follow a link to the new wijk (or stop at a split): measure them again."""
    from kernbeleid.cycle.services import goals_measure_gemeente

    goals_measure_gemeente(gemeente=project.gemeente)


@transaction.atomic
def area_link_delete(*, actor, project: Project, old_code: str, new_code: str) -> int:
    """Delete the whole change the link old → new belongs to (a split or merge with all its
    parts); returns how many links went."""
    link = (
        AreaLink.objects.select_for_update()
        .filter(
            gemeente=project.gemeente,
            old_area__code=old_code.strip().upper(),
            new_area__code=new_code.strip().upper(),
        )
        .select_related("old_area", "new_area")
        .first()
    )
    if link is None:
        raise ValidationError("Deze koppeling bestaat niet (meer).")
    group = AreaLink.objects.filter(gemeente=project.gemeente)
    if link.kind == Kind.MERGED:
        group = group.filter(new_area=link.new_area)
    else:
        group = group.filter(old_area=link.old_area)
    group = group.select_related("old_area", "new_area")
    old = sorted({each.old_area.code for each in group})
    new = sorted({each.new_area.code for each in group})
    count, _ = group.delete()
    audit_record(
        actor=actor,
        action="koppeling wijkindeling verwijderd",
        obj=link,
        project=project,
        detail={"soort": link.get_kind_display(), "oud": old, "nieuw": new},
    )
    _goals_follow(project)
    return count
