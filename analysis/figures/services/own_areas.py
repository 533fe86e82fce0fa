"""The gemeente's own survey areas: kernen, wijkgroepen and buurtgroepen, as agreed for its
oversample. Defining, renaming, redefining and deleting them, each with an audit record.

An own area is an Area of kind kern, wijkgroep or buurtgroep with a code of our own (EG +
the gemeente's digits + a number) and its members: wijk codes, buurt codes, or for a kern the
values of the file's area column that identify it. The import computes its figures
(figures.area_sets); figures stored under an old definition are removed when it changes, and
the editions already imported are computed again in the background (own_area_figures).
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from projects.models import Gemeente, Project
from projects.services import audit_record

from ..area_sets import BUURT_CODE, WIJK_CODE, member_key
from ..constants import OWN_AREA_KINDS, AreaKind
from ..models import Area, IndicatorResult
from .own_area_figures import own_area_figures_request

MAX_MEMBERS = 500
MAX_MEMBER_LENGTH = 100
MAX_NAME_LENGTH = 150
_SEPARATORS = re.compile(r"[\n\r;,]+")
_CODE_LIKE = re.compile(r"^(WK|BU)\d+$", re.IGNORECASE)
_LISTED = 8


def own_area_code_prefix(gemeente: Gemeente) -> str:
    return "EG" + gemeente.cbs_code[2:]


def members_parse(text: str) -> list[str]:
    """The members typed in a box: one per line or separated by commas or semicolons, spaces
    tidied, codes in capitals, each once."""
    members, seen = [], set()
    for part in _SEPARATORS.split(text or ""):
        member = " ".join(part.split())
        if _CODE_LIKE.match(member):
            member = member.upper()
        if member and member_key(member) not in seen:
            seen.add(member_key(member))
            members.append(member)
    return members


def _is_code(member: str) -> bool:
    return bool(WIJK_CODE.match(member) or BUURT_CODE.match(member))


def _listed(values: list[str]) -> str:
    shown = ", ".join(values[:_LISTED])
    return shown + (f" en {len(values) - _LISTED} andere" if len(values) > _LISTED else "")


_EMPTY = {
    AreaKind.WIJKGROEP: "Een wijkgroep bestaat uit ten minste één wijk: geef de wijkcodes.",
    AreaKind.BUURTGROEP: "Een buurtgroep bestaat uit ten minste één buurt: geef de buurtcodes.",
    AreaKind.KERN: (
        "Geef voor de kern ten minste één waarde uit de gebiedskolom van het bestand (zoals de "
        "naam van de kern), of de wijk- of buurtcodes die erbij horen."
    ),
}


def members_problems(kind: str, members: list[str], gemeente: Gemeente) -> list[str]:
    """What is wrong with an own area's members, in Dutch; empty when nothing is."""
    if not members:
        return [_EMPTY[kind]]
    problems = []
    if len(members) > MAX_MEMBERS:
        problems.append(f"Een gebied heeft hoogstens {MAX_MEMBERS} onderdelen.")
    too_long = [member[:20] + "…" for member in members if len(member) > MAX_MEMBER_LENGTH]
    if too_long:
        problems.append(
            f"Een onderdeel is hoogstens {MAX_MEMBER_LENGTH} tekens lang: {_listed(too_long)}."
        )
    if kind == AreaKind.WIJKGROEP:
        wrong = [member for member in members if not WIJK_CODE.match(member)]
        if wrong:
            problems.append(
                f"Een wijkgroep bestaat uit wijkcodes als WK{gemeente.cbs_code[2:]}00; dit zijn "
                f"geen wijkcodes: {_listed(wrong)}."
            )
    elif kind == AreaKind.BUURTGROEP:
        wrong = [member for member in members if not BUURT_CODE.match(member)]
        if wrong:
            problems.append(
                f"Een buurtgroep bestaat uit buurtcodes als BU{gemeente.cbs_code[2:]}0000; dit "
                f"zijn geen buurtcodes: {_listed(wrong)}."
            )
    else:
        malformed = [
            member for member in members if _CODE_LIKE.match(member) and not _is_code(member)
        ]
        if malformed:
            problems.append(
                "Wijkcodes hebben zes cijfers (WK036300), buurtcodes acht (BU03630000); dit "
                f"klopt niet: {_listed(malformed)}."
            )
    digits = gemeente.cbs_code[2:]
    foreign = [member for member in members if _is_code(member) and member[2:6] != digits]
    if foreign:
        problems.append(
            f"Deze codes horen niet bij {gemeente.name}: {_listed(foreign)}. Wijkcodes van "
            f"{gemeente.name} beginnen met WK{digits}, buurtcodes met BU{digits}."
        )
    return problems


def _clean_name(name: str) -> str:
    return " ".join((name or "").split())


def _name_problems(gemeente: Gemeente, name: str, area: Area | None) -> list[str]:
    if not name:
        return ["Geef het gebied een naam."]
    if len(name) > MAX_NAME_LENGTH:
        return [f"Een naam is hoogstens {MAX_NAME_LENGTH} tekens lang."]
    others = Area.objects.filter(gemeente=gemeente, kind__in=OWN_AREA_KINDS)
    if area is not None:
        others = others.exclude(pk=area.pk)
    taken = {member_key(other) for other in others.values_list("name", flat=True)}
    if member_key(name) in taken:
        return [f"Er is al een eigen gebied met de naam '{name}'. Kies een andere naam."]
    return []


def _checked(gemeente: Gemeente, *, name: str, kind: str, members_text: str, area=None):
    """The cleaned name and members, or a ValidationError naming every problem per field."""
    if kind not in OWN_AREA_KINDS:
        raise ValidationError({"kind": "Kies kern, wijkgroep of buurtgroep."})
    name = _clean_name(name)
    members = members_parse(members_text)
    errors = {
        "name": _name_problems(gemeente, name, area),
        "members": members_problems(kind, members, gemeente),
    }
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)
    return name, members


def _next_code(gemeente: Gemeente) -> str:
    prefix = own_area_code_prefix(gemeente)
    numbers = [
        int(code[len(prefix) :])
        for code in Area.objects.filter(gemeente=gemeente, code__startswith=prefix).values_list(
            "code", flat=True
        )
        if code[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


@transaction.atomic
def own_area_define(*, actor, project: Project, name: str, kind: str, members_text: str) -> Area:
    gemeente = project.gemeente
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()  # one code at a time
    name, members = _checked(gemeente, name=name, kind=kind, members_text=members_text)
    area = Area.objects.create(
        gemeente=gemeente, code=_next_code(gemeente), name=name, kind=kind, members=members
    )
    audit_record(
        actor=actor,
        action="eigen gebied vastgelegd",
        obj=area,
        project=project,
        detail={"code": area.code, "soort": kind, "naam": name, "onderdelen": members},
    )
    _recompute(actor, project)
    return area


def _recompute(actor, project: Project) -> None:
    """Figures for the editions already imported, from their stored files: in every project
    of the gemeente, since the areas are the gemeente's."""
    gemeente_projects = Project.objects.filter(
        gemeente=project.gemeente, editions__isnull=False
    ).distinct()
    for each in gemeente_projects:
        own_area_figures_request(actor=actor, project=each)


def _projects_with_results(area: Area) -> list[Project]:
    return list(Project.objects.filter(editions__results__area=area).distinct())


def _redraft(projects: list[Project]) -> None:
    from ...narrative.services import drafts_refresh  # the drafts name the area

    for project in projects:
        drafts_refresh(project=project)


@transaction.atomic
def own_area_update(
    *, actor, project: Project, area: Area, name: str, kind: str, members_text: str
) -> bool:
    """Rename or redefine an own area. Returns whether its stored figures were removed: they
    were computed with the old members, so they no longer describe the area."""
    _check_own(project, area)
    name, members = _checked(
        project.gemeente, name=name, kind=kind, members_text=members_text, area=area
    )
    redefined = kind != area.kind or members != list(area.members)
    changes = {
        label: {"van": old, "naar": new}
        for label, old, new in (
            ("naam", area.name, name),
            ("soort", area.kind, kind),
            ("onderdelen", area.members, members),
        )
        if old != new
    }
    if not changes:
        return False
    projects = _projects_with_results(area)
    removed = False
    if redefined:
        removed = IndicatorResult.objects.filter(area=area).delete()[0] > 0
    area.name, area.kind, area.members = name, kind, members
    area.save(update_fields=["name", "kind", "members"])
    audit_record(
        actor=actor,
        action="eigen gebied gewijzigd",
        obj=area,
        project=project,
        detail={"code": area.code, **changes, "cijfers verwijderd": removed},
    )
    _redraft(projects)
    if redefined:
        _recompute(actor, project)
    return removed


@transaction.atomic
def own_area_delete(*, actor, project: Project, area: Area) -> None:
    _check_own(project, area)
    _check_unused(area)
    projects = _projects_with_results(area)
    IndicatorResult.objects.filter(area=area).delete()
    audit_record(
        actor=actor,
        action="eigen gebied verwijderd",
        obj=area,
        project=project,
        detail={"code": area.code, "soort": area.kind, "naam": area.name},
    )
    area.delete()
    _redraft(projects)


def _check_unused(area: Area) -> None:
    """A goal or own registration measured on the area keeps it: refuse, and say which."""
    from kernbeleid.models import Goal, OwnSeries  # goals per area (issue 15)

    users = [goal.description for goal in Goal.objects.filter(area=area)]
    users += [series.name for series in OwnSeries.objects.filter(area=area)]
    if users:
        raise ValidationError(
            f"{area.name} wordt nog gebruikt door {', '.join(sorted(users))}. Kies daar eerst "
            "een ander gebied; daarna kan het worden verwijderd."
        )


def _check_own(project: Project, area: Area) -> None:
    if area.gemeente_id != project.gemeente_id or not area.is_own:
        raise ValidationError("Dit is geen eigen gebied van deze gemeente.")
