"""The actualisatie of the kadernota after two years (the "midterm" deadline).

One guided page walks the editors through it: the goals measured so far, what happens to
each priority (kept, changed or dropped, and themes added) with a reason, how the raad deals
with it (ActualisatieMode), a new kadernota version that carries an "Actualisatie" part in
its inleiding (reports.kadernota_actualisatie) and is compared with the vastgestelde one,
and finally how the raad decided or took note. Editors only; the raad reads the version when
it is published, like any version.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from analysis.models import AnalysisTheme
from kernbeleid.constants import ActualisatieMode, Outcome, PriorityChangeKind
from kernbeleid.products import selectors as products
from projects.models import Project
from projects.services import audit_record

from .models import Actualisatie, PriorityChange

REASON_NEEDED = "Geef een reden: waarom {what} ‘{theme}’?"
WHAT = {
    PriorityChangeKind.CHANGED: "verandert",
    PriorityChangeKind.ADDED: "komt er bij",
    PriorityChangeKind.DROPPED: "vervalt",
}
NOT_A_PRIORITY = "‘{theme}’ is geen prioriteit: die kan alleen worden toegevoegd."
ALREADY_A_PRIORITY = "‘{theme}’ is al een prioriteit: kies blijft, gewijzigd of vervalt."
NO_VERSION_YET = "Maak eerst de actualisatieversie; daarna legt u vast hoe de raad erover besliste."
OUTCOME_NEEDED = "Kies de uitkomst van het raadsbesluit."
DATE_NEEDED = "Geef de datum waarop de raad de actualisatie behandelde."


def current_actualisatie(project: Project) -> Actualisatie | None:
    """The project's latest actualisatie, open or completed."""
    return Actualisatie.objects.filter(project=project).order_by("-started_at", "-id").first()


def theme_choices(project: Project) -> tuple[list[AnalysisTheme], list[AnalysisTheme]]:
    """(the current priorities, the other themes of the analysis that could be added)."""
    priorities = list(products.priorities(project))
    ids = {theme.id for theme in priorities}
    others = [
        theme
        for theme in AnalysisTheme.objects.filter(
            field__project=project, field__hidden=False, hidden=False
        ).order_by("field__position", "position")
        if theme.id not in ids
    ]
    return priorities, others


@transaction.atomic
def actualisatie_start(*, actor, project: Project) -> Actualisatie:
    """The open actualisatie, started now when there is none."""
    open_one = Actualisatie.objects.filter(project=project, completed_at__isnull=True).first()
    if open_one is not None:
        return open_one
    actualisatie = Actualisatie.objects.create(project=project, started_by=actor)
    audit_record(actor=actor, action="actualisatie gestart", obj=actualisatie, project=project)
    return actualisatie


@transaction.atomic
def actualisatie_priorities_set(
    *,
    actor,
    actualisatie: Actualisatie,
    mode: str,
    reason: str,
    changes: list[tuple[AnalysisTheme, str, str]],
) -> None:
    """Store how the raad deals with it, the occasion, and per theme what happens with a
    reason (required for changed, added and dropped). Themes not named are not stored; a
    priority not named stays as it is. All or nothing: one bad line changes nothing."""
    if mode not in ActualisatieMode.values:
        raise ValidationError({"mode": "Kies of de raad besluit of kennisneemt."})
    priorities, _others = theme_choices(actualisatie.project)
    priority_ids = {theme.id for theme in priorities}
    errors = []
    for theme, change, text in changes:
        if change not in PriorityChangeKind.values:
            errors.append(f"Kies wat er met ‘{theme.name}’ gebeurt.")
        elif change == PriorityChangeKind.ADDED and theme.id in priority_ids:
            errors.append(ALREADY_A_PRIORITY.format(theme=theme.name))
        elif change != PriorityChangeKind.ADDED and theme.id not in priority_ids:
            errors.append(NOT_A_PRIORITY.format(theme=theme.name))
        elif change in WHAT and not text.strip():
            errors.append(REASON_NEEDED.format(what=WHAT[change], theme=theme.name))
    if errors:
        raise ValidationError(errors)
    actualisatie.mode = mode
    actualisatie.reason = reason.strip()
    actualisatie.save(update_fields=["mode", "reason"])
    actualisatie.priority_changes.all().delete()
    PriorityChange.objects.bulk_create(
        PriorityChange(actualisatie=actualisatie, theme=theme, change=change, reason=text.strip())
        for theme, change, text in changes
    )
    audit_record(
        actor=actor,
        action="actualisatie: prioriteiten vastgelegd",
        obj=actualisatie,
        project=actualisatie.project,
        detail={
            "behandeling": actualisatie.get_mode_display(),
            **{theme.name: PriorityChangeKind(change).label for theme, change, _text in changes},
        },
    )


def _compared_with(project: Project):
    """The latest vastgestelde kadernota version, else the latest concept; None without any."""
    from reports.constants import DocumentKind
    from reports.models import ReportVersion

    versions = ReportVersion.objects.filter(
        project=project, document=DocumentKind.KADERNOTA, part="", edition=""
    ).order_by("-major", "-minor")
    final = next((v for v in versions if v.final), None)
    return final or versions.first()


@transaction.atomic
def actualisatie_version_make(*, actor, actualisatie: Actualisatie):
    """Make the kadernota version of the actualisatie (its snapshot carries the Actualisatie
    part) and remember the version it is compared with."""
    from reports.constants import DocumentKind
    from reports.services import version_for

    project = actualisatie.project
    compared_with = _compared_with(project)
    version = version_for(actor=actor, project=project, document=DocumentKind.KADERNOTA)
    if compared_with is not None and compared_with.pk == version.pk:
        compared_with = None  # nothing changed: there is nothing to compare
    actualisatie.version = version
    actualisatie.compared_with = compared_with
    actualisatie.save(update_fields=["version", "compared_with"])
    audit_record(
        actor=actor,
        action="actualisatieversie gemaakt",
        obj=actualisatie,
        project=project,
        detail={
            "versie": version.label,
            "vergeleken met": compared_with.label if compared_with else "",
        },
    )
    return version


@transaction.atomic
def actualisatie_raad_record(
    *,
    actor,
    actualisatie: Actualisatie,
    date: datetime.date | None,
    reference: str,
    outcome: str = "",
) -> Actualisatie:
    """How the raad dealt with it: a besluit (date, number, outcome) or a kennisname (date,
    kenmerk of the raadsinformatiebrief). Completes the actualisatie."""
    if actualisatie.version_id is None:
        raise ValidationError(NO_VERSION_YET)
    errors = {}
    if date is None:
        errors["raad_date"] = DATE_NEEDED
    if actualisatie.mode == ActualisatieMode.BESLUIT:
        if outcome not in Outcome.values:
            errors["raad_outcome"] = OUTCOME_NEEDED
    else:
        outcome = ""  # a kennisname has no outcome
    if errors:
        raise ValidationError(errors)
    actualisatie.raad_date = date
    actualisatie.raad_reference = reference.strip()
    actualisatie.raad_outcome = outcome
    actualisatie.completed_at = timezone.now()
    actualisatie.save(update_fields=["raad_date", "raad_reference", "raad_outcome", "completed_at"])
    audit_record(
        actor=actor,
        action="actualisatie afgerond",
        obj=actualisatie,
        project=actualisatie.project,
        detail={
            "behandeling": actualisatie.get_mode_display(),
            "datum": date.isoformat(),
            "kenmerk": actualisatie.raad_reference,
            "uitkomst": actualisatie.get_raad_outcome_display() if outcome else "",
        },
    )
    return actualisatie


def actualisatie_versions(project: Project) -> set[int]:
    """The ids of the kadernota versions made for an actualisatie (shown with a badge)."""
    return set(
        Actualisatie.objects.filter(project=project, version__isnull=False).values_list(
            "version_id", flat=True
        )
    )


def goals_so_far(project: Project) -> list[tuple]:
    """Per goal of the project: (goal, its latest measurement with a value, or None)."""
    from ..products.models import Goal
    from .models import GoalMeasurement

    goals = Goal.objects.filter(project=project).select_related(
        "theme", "indicator", "area", "own_series"
    )
    latest: dict[int, GoalMeasurement] = {}
    for measurement in GoalMeasurement.objects.filter(
        goal__project=project, value__isnull=False
    ).order_by("year"):
        latest[measurement.goal_id] = measurement
    return [(goal, latest.get(goal.pk)) for goal in goals]
