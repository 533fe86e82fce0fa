"""Decisions per raad in a joint plan (issue 19).

In a joint plan the raad of every gemeente that joined decides on steps 1, 5 and 9 on its own:
a raadsbesluit, or at steps 1 and 5 the raadsinformatiebrief (consultation, bijeenkomst) that
gemeente chooses. Each is a ``RaadDecision`` with ``gemeente`` set, with its own amendments and
moties. The plan moves on only when every raad has adopted; until then the project page says
how far it is ("aangenomen in 2 van 3 raden").

A decision of a single gemeente's plan (and one recorded before joint plans existed) has no
``gemeente``, or the project's own: both are the raad of ``project.gemeente``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django_scopes import scopes_disabled

from kernbeleid.constants import DecisionKind, Outcome
from projects.constants import ParticipationStatus, ProjectScope
from projects.models import Gemeente, Project, ProjectParticipant

from .models import RaadDecision
from .transitions import ADOPTED, raad_steps_for

# What goes back when one raad of a joint plan rejects: the shared text, on which every raad
# then decides again, or only that gemeente's local chapter.
REJECT_SHARED = "gedeeld"
REJECT_LOCAL = "lokaal"
REJECTION_CHOICES = (
    (
        REJECT_SHARED,
        "De gedeelde tekst gaat terug: alle raden besluiten opnieuw over een nieuwe versie",
    ),
    (
        REJECT_LOCAL,
        "Alleen het lokale hoofdstuk van deze gemeente gaat terug; de andere besluiten "
        "blijven staan",
    ),
)


def adopts(decision: RaadDecision) -> bool:
    """Whether the plan holds in this raad by this decision: adopted (amended too), or a
    brief, consultation or bijeenkomst at steps 1 and 5, which has no outcome."""
    if decision.kind != DecisionKind.RAADSBESLUIT:
        return True
    return decision.outcome in ADOPTED


def decision_gemeente_id(decision: RaadDecision, project: Project) -> int:
    return decision.gemeente_id or project.gemeente_id


@dataclass(frozen=True)
class RaadRow:
    """One raad on one step: its current decision, if any."""

    gemeente: Gemeente
    decision: RaadDecision | None

    @property
    def adopted(self) -> bool:
        return self.decision is not None and adopts(self.decision)

    @property
    def label(self) -> str:
        if self.decision is None:
            return "nog geen besluit"
        if self.decision.kind != DecisionKind.RAADSBESLUIT:
            return self.decision.get_kind_display()
        return self.decision.get_outcome_display()

    @property
    def rejected(self) -> bool:
        return self.decision is not None and self.decision.outcome == Outcome.VERWORPEN


@dataclass(frozen=True)
class RaadStatus:
    step: int
    rows: tuple[RaadRow, ...]

    @property
    def adopted(self) -> int:
        return sum(row.adopted for row in self.rows)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def complete(self) -> bool:
        return self.adopted == self.total

    def __str__(self) -> str:
        return f"stap {self.step}: aangenomen in {self.adopted} van {self.total} raden"


def status_step(project: Project) -> int | None:
    """The raad step the status is about: the current one if the raad decides there, else the
    last raad step the plan passed; None before step 1 is decided."""
    raad_steps = raad_steps_for(project.scope)  # none in an analysis-only commission
    passed = [step for step in sorted(raad_steps) if step <= project.current_step]
    return passed[-1] if passed else None


def _statuses(
    projects: list[Project],
    gemeenten: dict[int, list[Gemeente]],
    decisions: list[RaadDecision],
    step_for: Callable[[Project], int | None],
) -> dict[int, RaadStatus]:
    """Per plan, the newest current decision of each gemeente's raad on the plan's step."""
    latest: dict[tuple[int, int, int], RaadDecision] = {}
    projects_by_pk = {project.pk: project for project in projects}
    for decision in decisions:  # newest first
        gemeente_id = decision_gemeente_id(decision, projects_by_pk[decision.project_id])
        latest.setdefault((decision.project_id, decision.step, gemeente_id), decision)
    result = {}
    for project in projects:
        step = step_for(project)
        if step is None:
            continue
        result[project.pk] = RaadStatus(
            step=step,
            rows=tuple(
                RaadRow(gemeente=g, decision=latest.get((project.pk, step, g.pk)))
                for g in gemeenten[project.pk]
            ),
        )
    return result


def plan_gemeenten_for(projects: Iterable[Project]) -> dict[int, list[Gemeente]]:
    """The gemeenten of each plan, the lead first: one query for all joint plans."""
    projects = list(projects)
    found = {project.pk: [project.gemeente] for project in projects}
    joint = [project.pk for project in projects if project.joint]
    if joint:
        participants = (
            ProjectParticipant.objects.filter(
                project_id__in=joint, status=ParticipationStatus.DEELNEMER
            )
            .select_related("gemeente")
            .order_by("gemeente__name")
        )
        for participant in participants:
            found[participant.project_id].append(participant.gemeente)
    return found


def raad_status(project: Project, step: int | None = None) -> RaadStatus | None:
    """Where the raden of the plan stand on ``step`` (by default ``status_step``)."""
    return raad_statuses([project], step=step).get(project.pk)


def raad_statuses(
    projects: Iterable[Project],
    *,
    step: int | None = None,
    gemeenten: dict[int, list[Gemeente]] | None = None,
) -> dict[int, RaadStatus]:
    """``raad_status`` for many plans in two queries (the portfolio, the deadlines); in one
    when the caller already read each plan's gemeenten (``plan_gemeenten_for``)."""
    projects = list(projects)
    if not projects:
        return {}
    # The portfolio spans gemeenten; the plans were already limited to the user's.
    with scopes_disabled():
        if gemeenten is None:
            gemeenten = plan_gemeenten_for(projects)
        decisions = list(
            RaadDecision.objects.filter(
                project__in=projects,
                superseded_at__isnull=True,
                step__in=raad_steps_for(ProjectScope.KERNBELEID),
            ).order_by("-date", "-recorded_at", "-id")
        )
    return _statuses(
        projects, gemeenten, decisions, status_step if step is None else lambda _p: step
    )


def adoption_completes(project: Project, step: int, gemeente_id: int) -> bool:
    """Whether an adoption by this gemeente's raad would make every raad of the plan have
    adopted ``step``: all the others already did."""
    status = raad_status(project, step)
    return all(row.adopted for row in status.rows if row.gemeente.pk != gemeente_id)
