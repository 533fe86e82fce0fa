"""Shared and local goals of a joint plan (issue 19).

A joint plan's goal is for the whole plan (``Goal.gemeente`` empty: "Gedeeld") or for one of
its gemeenten only ("Lokaal: Vaals"). The rules follow the local chapters (local.py): the
lead's (penvoerder's) editors set and change every goal; a participant's editors only the
goals of their own gemeente, so a shared goal, which every raad adopts, stays with the lead.
A plan of one gemeente has only shared goals.

`access_gemeente` is the gemeente whose URL the request came in on
(``request.access.gemeente``); None in scripts and the demo, which act as the lead.
"""

from django.core.exceptions import PermissionDenied, ValidationError

from projects.joint import plan_gemeenten
from projects.models import Gemeente, Project

from .models import Goal

SHARED = ""  # the form's value for "Voor het hele plan"


def _is_lead(project: Project, access_gemeente: Gemeente | None) -> bool:
    return access_gemeente is None or access_gemeente.pk == project.gemeente_id


def scope_choices(project: Project, access_gemeente: Gemeente) -> list[tuple[str, str]]:
    """The form's choices: the lead every one, a participant only its own gemeente."""
    if not _is_lead(project, access_gemeente):
        return [(access_gemeente.slug, f"Alleen voor {access_gemeente.name}")]
    return [
        (SHARED, "Voor het hele plan"),
        *((g.slug, f"Alleen voor {g.name}") for g in plan_gemeenten(project)),
    ]


def may_edit_goal(*, access_gemeente: Gemeente | None, project: Project, goal: Goal) -> bool:
    """The lead's editors change every goal; a participant's only its own local goals."""
    if _is_lead(project, access_gemeente):
        return True
    return goal.gemeente_id is not None and goal.gemeente_id == access_gemeente.pk


def goal_editable(*, access_gemeente: Gemeente, project: Project, goal: Goal) -> Goal:
    """The goal, or 403 as for another gemeente's local chapter (the goal itself is on the
    plan's pages for everyone in it, so refusing reveals nothing)."""
    if not may_edit_goal(access_gemeente=access_gemeente, project=project, goal=goal):
        raise PermissionDenied(
            "Dit doel is van het hele plan of van een andere gemeente; alleen de penvoerder "
            "of die gemeente wijzigt het."
        )
    return goal


def scope_check(
    *, project: Project, access_gemeente: Gemeente | None, gemeente: Gemeente | None
) -> None:
    """Whether this requester may give a goal this scope (None: the whole plan). Raises a
    ValidationError on the scope field; the services call it before they write anything."""
    if gemeente is not None and not project.joint:
        raise ValidationError(
            {"gemeente": "Een plan van één gemeente heeft alleen doelen voor het hele plan."}
        )
    if gemeente is not None and gemeente.pk not in {g.pk for g in plan_gemeenten(project)}:
        raise ValidationError({"gemeente": f"{gemeente.name} doet niet mee aan dit plan."})
    if _is_lead(project, access_gemeente):
        return
    if gemeente is None or gemeente.pk != access_gemeente.pk:
        raise ValidationError(
            {
                "gemeente": f"U kunt alleen doelen voor {access_gemeente.name} zelf vastleggen; "
                "doelen voor het hele plan of voor een andere gemeente legt de penvoerder vast."
            }
        )


def measure_check(*, project: Project, gemeente: Gemeente | None, area, own_series) -> None:
    """A participant's local goal is measured on that gemeente as a whole (goal_series.py):
    the wijken and own registrations the form offers are the lead's."""
    if gemeente is None or gemeente.pk == project.gemeente_id:
        return
    if area is not None or own_series is not None:
        field = "area" if area is not None else "own_series"
        raise ValidationError(
            {
                field: f"Een doel alleen voor {gemeente.name} wordt gemeten op de cijfers van "
                f"{gemeente.name} als geheel; de wijken en eigen registraties in de keuzelijst "
                f"zijn van {project.gemeente.name}."
            }
        )


def goal_check(*, project: Project, access_gemeente: Gemeente | None, goal: Goal) -> None:
    """Whether this requester may change or remove this existing goal (ValidationError)."""
    try:
        scope_check(project=project, access_gemeente=access_gemeente, gemeente=goal.gemeente)
    except ValidationError as error:
        raise ValidationError(
            f"Het doel ‘{goal.description}’ kunt u niet wijzigen of verwijderen. "
            + " ".join(error.messages)
        ) from error


def action_goal_check(
    *, project: Project, access_gemeente: Gemeente | None, goal: Goal | None
) -> None:
    """An action may serve a shared goal or the requester's own local goal; another
    gemeente's local goal is that gemeente's to carry out (ValidationError on the field)."""
    if goal is None or goal.gemeente_id is None or _is_lead(project, access_gemeente):
        return
    if goal.gemeente_id != access_gemeente.pk:
        raise ValidationError(
            {
                "goal": f"Dit doel is van {goal.gemeente.name}; kies een doel van het hele "
                f"plan of van {access_gemeente.name}."
            }
        )
