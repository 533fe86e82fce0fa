"""The plans one user reaches across their gemeenten: the portfolio and the deadlines page.

Each plan once, a joint plan too (issue 19), with the gemeente under whose URL the user opens
it. A member of a participating gemeente reaches a joint plan only under their own gemeente's
URL (``/g/<own gemeente>/p/<uuid>/``; the lead's gives them 404), so every link these pages
draw to a plan goes through ``ReachedPlan.via``.

Worked example: the bureau serves Veenendaal (lead) and Rhenen, which joined. Its adviseur
reaches the plan in both and opens it under Veenendaal. An ambtenaar of Rhenen opens it under
Rhenen. An ambtenaar of Renswoude, which left, no longer sees it at all.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.urls import reverse

from .constants import Role
from .models import Gemeente, Project
from .selectors import roles_in_gemeenten


@dataclass(frozen=True)
class ReachedPlan:
    """One plan as one user reaches it."""

    project: Project
    gemeenten: tuple[Gemeente, ...]  # the lead (penvoerder) first, then those that joined
    via: Gemeente  # the gemeente whose URL the user opens the plan under
    role: Role  # their role there: what the pages behind the links let them do

    @property
    def joint(self) -> bool:
        """A plan of more than one gemeente; a joint plan whose participants all left reads
        as its lead's own plan."""
        return len(self.gemeenten) > 1

    @property
    def gemeenten_label(self) -> str:
        """'Veenendaal (penvoerder), Rhenen, Renswoude'; a single gemeente's plan: its name."""
        lead, *others = self.gemeenten
        if not others:
            return lead.name
        return ", ".join([f"{lead.name} (penvoerder)", *(g.name for g in others)])

    @property
    def url(self) -> str:
        return plan_url(self.project, self.via)


def plan_url(project: Project, gemeente: Gemeente, name: str = "projects:project_home") -> str:
    """A page of the plan under this gemeente's URL (``Project.get_absolute_url`` is the
    lead's, which a participant's member cannot open)."""
    return reverse(name, kwargs={"gemeente_slug": gemeente.slug, "project_uuid": project.uuid})


def plan_url_gemeente(
    gemeenten: Sequence[Gemeente], roles: Mapping[int, Role | None]
) -> Gemeente | None:
    """Under which of a plan's gemeenten (the lead first) a user opens it: one where their
    role may edit if there is one, else one where they read; the lead before a participant.
    None when they reach none of them.

    Editing first because the page under that URL grants the role the user has in that
    gemeente: an adviseur who reads along as raadslid in the lead but works for a
    participant opens the plan where they can work on it."""
    reached = [g for g in gemeenten if roles.get(g.pk) is not None]
    if not reached:
        return None
    return max(reached, key=lambda g: roles[g.pk].can_edit)  # max keeps the first of equals


def reached_plans(user, projects: Iterable[Project]) -> list[ReachedPlan]:
    """The plans among ``projects`` that the user reaches, in their order, each with its
    gemeenten and where the user opens it: three queries however many plans (the joint
    plans' participants, and two for the user's roles)."""
    from kernbeleid.workflow.raden import plan_gemeenten_for  # kernbeleid builds on projects

    projects = list(projects)
    gemeenten = plan_gemeenten_for(projects)
    roles = roles_in_gemeenten(user, {g.pk for found in gemeenten.values() for g in found})
    plans = []
    for project in projects:
        via = plan_url_gemeente(gemeenten[project.pk], roles)
        if via is not None:
            plans.append(
                ReachedPlan(
                    project=project,
                    gemeenten=tuple(gemeenten[project.pk]),
                    via=via,
                    role=roles[via.pk],
                )
            )
    return plans
