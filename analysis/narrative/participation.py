"""Participatie: what residents said before the priorities were set (a bewonersbijeenkomst,
inwonerspanel, wijkschouw or enquête; CCV advises it). Writes and reads, scoped to one project.

A participation is linked to themes of its own project and to wijken (or own areas) of the
project's gemeente. Every write is audited; nothing changes when the input is refused.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from projects.models import Project
from projects.nl_format import format_date, format_integer, join_nl
from projects.services import audit_record

from ..figures.constants import OWN_AREA_KINDS, AreaKind
from ..figures.models import Area
from ..figures.selectors import area_kind_order
from .constants import ParticipationMethod
from .models import AnalysisTheme, Participation

EARLIEST_YEAR = 2000  # a date before it is a typo, not input for this policy cycle
TITLE_MAX = 200
REACH_NOTE_MAX = 300
MAIN_POINTS_MAX = 10_000
AREA_KINDS = (AreaKind.WIJK, *OWN_AREA_KINDS)


# --- reads -------------------------------------------------------------------------------------


def participations(project: Project) -> list[Participation]:
    """The project's participations, newest first, with their themes and areas."""
    return list(Participation.objects.filter(project=project).prefetch_related("themes", "areas"))


def participation_get(project: Project, participation_uuid) -> Participation:
    found = Participation.objects.filter(project=project, uuid=participation_uuid).first()
    if found is None:
        raise Http404("Deze participatie bestaat niet.")
    return found


def for_theme(theme: AnalysisTheme) -> list[Participation]:
    return list(theme.participations.prefetch_related("themes", "areas"))


def for_area(project: Project, area: Area) -> list[Participation]:
    return list(
        Participation.objects.filter(project=project, areas=area).prefetch_related(
            "themes", "areas"
        )
    )


def theme_choices(project: Project) -> QuerySet[AnalysisTheme]:
    """The themes a participation may be linked to: this project's, in the analysis order."""
    return (
        AnalysisTheme.objects.filter(field__project=project, hidden=False, field__hidden=False)
        .select_related("field")
        .order_by("field__position", "position")
    )


def area_choices(project: Project) -> QuerySet[Area]:
    """The wijken and own areas of the project's gemeente."""
    return Area.objects.filter(gemeente=project.gemeente, kind__in=AREA_KINDS).order_by(
        area_kind_order(), "name"
    )


# --- how a participation is told ---------------------------------------------------------------


def reach_text(participation: Participation) -> str:
    """ "35 deelnemers (vooral ouderen)", or the note alone, or "" when nothing is known."""
    parts = []
    if participation.reach is not None:
        noun = "deelnemer" if participation.reach == 1 else "deelnemers"
        parts.append(f"{format_integer(participation.reach)} {noun}")
    if participation.reach_note:
        parts.append(f"({participation.reach_note})" if parts else participation.reach_note)
    return " ".join(parts)


def method_label(participation: Participation) -> str:
    return ParticipationMethod(participation.method).label.capitalize()


def heading_text(participation: Participation) -> str:
    """ "Wijkschouw: Rondgang Haven, 12 maart 2025, 35 deelnemers"."""
    parts = [f"{method_label(participation)}: {participation.title}"]
    parts.append(format_date(participation.held_on))
    reach = reach_text(participation)
    if reach:
        parts.append(reach)
    return ", ".join(parts)


def main_point_lines(participation: Participation) -> list[str]:
    """The main points, one per line, without the dashes or bullets people type."""
    lines = []
    for line in participation.main_points.splitlines():
        line = line.strip().lstrip("-•*–").strip()
        if line:
            lines.append(line)
    return lines


def links_text(participation: Participation) -> str:
    """ "Overlast jeugd; wijk Haven" - the linked themes, then the wijken."""
    themes = [theme.name for theme in participation.themes.all()]
    areas = [area.label for area in participation.areas.all()]
    return "; ".join(part for part in (join_nl(themes), join_nl(areas)) if part)


# --- writes ------------------------------------------------------------------------------------


def _clean(
    *,
    project: Project,
    method: str,
    title: str,
    held_on: datetime.date | None,
    reach: int | None,
    reach_note: str,
    main_points: str,
    themes: Iterable[AnalysisTheme],
    areas: Iterable[Area],
) -> dict:
    errors: dict[str, str] = {}
    title = " ".join((title or "").split())
    reach_note = " ".join((reach_note or "").split())
    main_points = (main_points or "").strip()
    if method not in ParticipationMethod.values:
        errors["method"] = (
            "Kies de vorm: bewonersbijeenkomst, inwonerspanel, wijkschouw, enquête of anders."
        )
    if not title:
        errors["title"] = "Geef de participatie een titel, bijvoorbeeld ‘Wijkschouw Haven’."
    elif len(title) > TITLE_MAX:
        errors["title"] = f"Houd de titel op hooguit {TITLE_MAX} tekens (nu {len(title)})."
    today = timezone.localdate()
    if held_on is None:
        errors["held_on"] = "Geef de datum waarop de participatie plaatsvond."
    elif held_on > today:
        errors["held_on"] = (
            f"De datum {format_date(held_on)} ligt in de toekomst. Leg de uitkomsten vast "
            "nadat de participatie heeft plaatsgevonden."
        )
    elif held_on.year < EARLIEST_YEAR:
        errors["held_on"] = (
            f"De datum {format_date(held_on)} ligt vóór {EARLIEST_YEAR}; klopt het jaar?"
        )
    if reach is not None and reach < 0:
        errors["reach"] = "Het bereik is een aantal deelnemers: 0 of meer."
    if len(reach_note) > REACH_NOTE_MAX:
        errors["reach_note"] = (
            f"Houd de toelichting op het bereik op hooguit {REACH_NOTE_MAX} tekens "
            f"(nu {len(reach_note)})."
        )
    if not main_points:
        errors["main_points"] = "Schrijf de belangrijkste punten op die inwoners noemden."
    elif len(main_points) > MAIN_POINTS_MAX:
        errors["main_points"] = (
            f"Houd de belangrijkste punten op hooguit {MAIN_POINTS_MAX} tekens "
            f"(nu {len(main_points)})."
        )
    themes = list(themes)
    areas = list(areas)
    own_themes = set(
        AnalysisTheme.objects.filter(
            field__project=project, pk__in=[t.pk for t in themes]
        ).values_list("pk", flat=True)
    )
    if any(theme.pk not in own_themes for theme in themes):
        errors["themes"] = "Kies alleen thema's van deze veiligheidsanalyse."
    own_areas = set(
        Area.objects.filter(
            gemeente=project.gemeente, kind__in=AREA_KINDS, pk__in=[a.pk for a in areas]
        ).values_list("pk", flat=True)
    )
    if any(area.pk not in own_areas for area in areas):
        errors["areas"] = f"Kies alleen wijken of gebieden van {project.gemeente.name}."
    if errors:
        raise ValidationError(errors)
    return {
        "method": method,
        "title": title,
        "held_on": held_on,
        "reach": reach,
        "reach_note": reach_note,
        "main_points": main_points,
        "themes": themes,
        "areas": areas,
    }


def _detail(participation: Participation) -> dict:
    return {
        "vorm": participation.get_method_display(),
        "titel": participation.title,
        "datum": participation.held_on.isoformat(),
        "bereik": participation.reach,
        "thema's": [theme.name for theme in participation.themes.all()],
        "wijken": [area.label for area in participation.areas.all()],
    }


@transaction.atomic
def participation_create(
    *,
    actor,
    project: Project,
    method: str,
    title: str,
    held_on: datetime.date | None,
    reach: int | None = None,
    reach_note: str = "",
    main_points: str,
    themes: Iterable[AnalysisTheme] = (),
    areas: Iterable[Area] = (),
) -> Participation:
    values = _clean(
        project=project,
        method=method,
        title=title,
        held_on=held_on,
        reach=reach,
        reach_note=reach_note,
        main_points=main_points,
        themes=themes,
        areas=areas,
    )
    themes_, areas_ = values.pop("themes"), values.pop("areas")
    participation = Participation.objects.create(
        project=project, recorded_by=actor if actor and actor.is_authenticated else None, **values
    )
    participation.themes.set(themes_)
    participation.areas.set(areas_)
    audit_record(
        actor=actor,
        action="participatie vastgelegd",
        obj=participation,
        project=project,
        detail=_detail(participation),
    )
    return participation


@transaction.atomic
def participation_update(
    *,
    actor,
    project: Project,
    participation: Participation,
    method: str,
    title: str,
    held_on: datetime.date | None,
    reach: int | None = None,
    reach_note: str = "",
    main_points: str,
    themes: Iterable[AnalysisTheme] = (),
    areas: Iterable[Area] = (),
) -> Participation:
    if participation.project_id != project.pk:
        raise Http404("Deze participatie bestaat niet.")
    values = _clean(
        project=project,
        method=method,
        title=title,
        held_on=held_on,
        reach=reach,
        reach_note=reach_note,
        main_points=main_points,
        themes=themes,
        areas=areas,
    )
    current = Participation.objects.select_for_update().get(pk=participation.pk)
    before = _detail(current)
    themes_, areas_ = values.pop("themes"), values.pop("areas")
    for name, value in values.items():
        setattr(current, name, value)
    current.save()
    current.themes.set(themes_)
    current.areas.set(areas_)
    after = _detail(current)
    changed = {
        key: {"van": before[key], "naar": after[key]} for key in after if before[key] != after[key]
    }
    if current.main_points != participation.main_points:
        changed["belangrijkste punten"] = "gewijzigd"
    audit_record(
        actor=actor,
        action="participatie gewijzigd",
        obj=current,
        project=project,
        detail=changed,
    )
    return current


@transaction.atomic
def participation_delete(*, actor, project: Project, participation: Participation) -> None:
    if participation.project_id != project.pk:
        raise Http404("Deze participatie bestaat niet.")
    audit_record(
        actor=actor,
        action="participatie verwijderd",
        obj=participation,
        project=project,
        detail=_detail(participation),
    )
    participation.delete()
