"""Reads of the traject: the timeline with planned and actual dates, and the guards that say
what keeps the current step from closing."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from analysis.models import AnalysisTheme
from analysis.narrative.completion import project_completion
from analysis.narrative.constants import AnalysisStatus
from projects.constants import ANALYSE_LAST_STEP, ProjectScope, step_name
from projects.models import Project
from reports.models import Publication, ReportVersion

from ..constants import BeleidsvraagGroup
from ..products import opdracht as analyse_only
from ..products import selectors as products
from . import controle_selectors as controle
from .models import Motie, RaadDecision, StepRecord, StepTransition, Traject
from .transitions import Blocker, actor_for, raad_steps_for, steps_for


def traject_for(project: Project) -> Traject:
    """The project's traject; an unsaved default for a project that has none (reading
    creates nothing: a project gets its traject when it is created)."""
    return Traject.objects.filter(project=project).first() or Traject(project=project)


def route_of(project: Project, traject: Traject | None = None) -> list[int]:
    """The steps of the project's own route: 1 and 4 for an analysis-only commission, the
    light route without the project's skips, else all twelve."""
    traject = traject or traject_for(project)
    return steps_for(scope=project.scope, light_route=traject.light_route, skips=traject.skipped)


def route_choices(project: Project, traject: Traject | None = None) -> list[tuple[int, str]]:
    """The route's steps with the names the project uses, for forms."""
    return [(step, step_name(step, project.scope)) for step in route_of(project, traject)]


@dataclass
class TimelineStep:
    number: int
    name: str
    actor: str
    record: StepRecord
    state: str  # done | current | todo | skipped | not_applicable (analysis-only)
    decisions: list[RaadDecision]  # newest first; superseded ones too, marked as such
    moties: list[Motie]  # every motie of the step, with a decision or a kennisname
    scope: str = ProjectScope.KERNBELEID

    @property
    def controle_moties(self) -> list[Motie]:
        """Moties that came with the raad's controle (a kennisname), not with a decision."""
        return [motie for motie in self.moties if motie.decision_id is None]

    @property
    def raad_step(self) -> bool:
        return self.number in raad_steps_for(self.scope)

    @property
    def late(self) -> bool:
        today = timezone.localdate()
        if self.record.planned_end is None:
            return False
        if self.record.completed_at is not None:
            return timezone.localtime(self.record.completed_at).date() > self.record.planned_end
        return self.state == "current" and self.record.planned_end < today


def timeline(
    project: Project, traject: Traject, known_decisions: list[RaadDecision] | None = None
) -> list[TimelineStep]:
    """`known_decisions`: decisions_of(project), when the caller has read them already."""
    active = set(route_of(project, traject))
    records = {record.step: record for record in project.step_records.all()}
    decisions: dict[int, list[RaadDecision]] = {}
    if known_decisions is None:
        known_decisions = decisions_of(project)
    for decision in known_decisions:
        decisions.setdefault(decision.step, []).append(decision)
    moties: dict[int, list[Motie]] = {}
    for motie in Motie.objects.filter(project=project).select_related("decision"):
        moties.setdefault(motie.step, []).append(motie)
    steps = []
    last = ANALYSE_LAST_STEP if project.scope == ProjectScope.ANALYSE else 12
    for number in range(1, last + 1):
        if number not in active:
            # The name says why (projects.constants.step_name).
            state = "not_applicable" if project.scope == ProjectScope.ANALYSE else "skipped"
        elif number < project.current_step:
            state = "done"
        elif number == project.current_step:
            state = "current"
        else:
            state = "todo"
        steps.append(
            TimelineStep(
                number=number,
                name=step_name(number, project.scope),
                actor=actor_for(number, project.scope),
                # A step that does not apply has no dates (moving 1 → 4 completes 2 and 3).
                record=(state != "not_applicable" and records.get(number))
                or StepRecord(project=project, step=number),
                state=state,
                decisions=decisions.get(number, []),
                moties=moties.get(number, []),
                scope=project.scope,
            )
        )
    return steps


def decisions_of(project: Project) -> list[RaadDecision]:
    """The project's raad decisions, newest first, with what the timeline shows of them."""
    return list(
        RaadDecision.objects.filter(project=project)
        .select_related("superseded_by", "gemeente")
        .prefetch_related(
            "amendments",
            "moties",
            # A version's snapshot is the whole document (100+ kB of JSON); lists never show it.
            Prefetch("final_versions", queryset=ReportVersion.objects.defer("snapshot")),
            Prefetch(
                "publications",
                queryset=Publication.objects.select_related("version").defer("version__snapshot"),
            ),
        )
        .order_by("-date", "-recorded_at", "-id")
    )


def open_motie_tasks(project: Project) -> list[Motie]:
    """Adopted moties that ask the college for something and are not done, by deadline."""
    return list(
        Motie.objects.filter(
            project=project,
            asks_action=True,
            outcome="aangenomen",
            task_done_at__isnull=True,
        ).order_by("task_deadline", "id")
    )


def transitions(project: Project) -> list[StepTransition]:
    return list(StepTransition.objects.filter(project=project).select_related("actor")[:50])


# --- guards: what keeps the current step from closing ---------------------------------------
#
# One guard per step reads the step's product and says what is missing, and who can resolve
# it. A raad step also waits for the raad's decision (blockers(with_decision=...)).

WHO_OFFICIAL = "ambtenaar of adviseur"
WHO_WERKGROEP = "werkgroep"

Guard = Callable[[Project, date], list[Blocker]]


def _startnotitie_written(project: Project, today: date) -> list[Blocker]:
    if products.startnotitie_for(project).scope.strip():
        return []
    return [Blocker("De startnotitie heeft nog geen reikwijdte en doel.", WHO_OFFICIAL)]


def _werkgroep_has_partners(project: Project, today: date) -> list[Blocker]:
    if products.werkgroep_external_organisations(project):
        return []
    message = (
        "De werkgroep heeft nog geen partners van buiten de gemeente (zoals politie of brandweer)."
    )
    from ..partners.selectors import partner_presence

    unlinked = partner_presence(project).unlinked_accounts
    if unlinked:
        names = ", ".join(a.user.full_name or a.user.email for a in unlinked)
        message = (
            f"De gemeente heeft partneraccounts ({names}), maar die staan nog niet in de "
            "werkgroep; zet ze erin bij Werkgroep."
        )
    return [Blocker(message, WHO_OFFICIAL)]


def _startbijeenkomst_held(project: Project, today: date) -> list[Blocker]:
    if products.startbijeenkomst_held(project, today):
        return []
    message = "De startbijeenkomst is nog niet gehouden of heeft nog geen verslag."
    return [Blocker(message, WHO_WERKGROEP)]


def _priorities_proposed(project: Project) -> bool:
    return AnalysisTheme.objects.filter(field__project=project, proposed_priority=True).exists()


def _analysis_final(project: Project, today: date) -> list[Blocker]:
    """Every field definitief and complete, by the one rule of analysis completion (the
    overview counts with it and the field status refuses definitief without it)."""
    found = []
    fields = project_completion(project)
    open_fields = [
        item.field.name for item in fields if item.field.status != AnalysisStatus.DEFINITIEF
    ]
    emptied = [
        f"{item.field.name} ({item.incomplete_names})"
        for item in fields
        if item.field.status == AnalysisStatus.DEFINITIEF and not item.is_complete
    ]
    if not fields:
        found.append(Blocker("De veiligheidsanalyse is nog niet begonnen.", WHO_WERKGROEP))
    elif open_fields:
        message = f"Nog niet definitief in de veiligheidsanalyse: {', '.join(open_fields)}."
        found.append(Blocker(message, WHO_WERKGROEP))
    if emptied:
        message = (
            "Definitief, maar niet meer compleet (een thema zonder knelpunten): "
            f"{', '.join(emptied)}."
        )
        found.append(Blocker(message, WHO_WERKGROEP))
    if not _priorities_proposed(project):
        found.append(Blocker("Er is nog geen voorstel voor prioriteiten.", WHO_WERKGROEP))
    return found


def _priorities_for_the_raad(project: Project, today: date) -> list[Blocker]:
    if _priorities_proposed(project):
        return []
    message = "Er is geen prioriteitenvoorstel om aan de raad voor te leggen."
    return [Blocker(message, WHO_WERKGROEP)]


def _aanpak_and_borging_answered(project: Project, today: date) -> list[Blocker]:
    if products.beleidsvragen_answered(
        project, [BeleidsvraagGroup.AANPAK, BeleidsvraagGroup.BORGING]
    ):
        return []
    message = "De beleidsvragen over aanpak en borging zijn nog niet beantwoord."
    return [Blocker(message, WHO_WERKGROEP)]


def _kadernota_ready(project: Project, today: date) -> list[Blocker]:
    return [
        Blocker(f"Kadernota: {missing}", "werkgroep (ambtelijk)")
        for missing in products.kadernota_ready(project)
    ]


def _draagvlak_complete(project: Project, today: date) -> list[Blocker]:
    missing = products.draagvlak_missing(project)
    if not missing:
        return []
    message = "Nog geen reactie van: " + ", ".join(missing) + "."
    return [Blocker(message, "partners in de werkgroep")]


def _programme_written_and_adopted(project: Project, today: date) -> list[Blocker]:
    found = []
    if not project.actions.exists():
        message = "Het uitvoeringsprogramma heeft nog geen acties."
        found.append(Blocker(message, "het college (ambtelijk voorbereid)"))
    return found + controle.programme_adopted(project)


# Step 12 (the yearly cycle) has no guard: it is the last step.
GUARDS: dict[int, Guard] = {
    1: _startnotitie_written,
    2: _werkgroep_has_partners,
    3: _startbijeenkomst_held,
    4: _analysis_final,
    5: _priorities_for_the_raad,
    6: _aanpak_and_borging_answered,
    7: _kadernota_ready,
    8: _draagvlak_complete,
    9: _kadernota_ready,
    10: _programme_written_and_adopted,
    11: controle.controle_blockers,
}

# An analysis-only commission: the opdracht with its agreed outline, then the delivery.
ANALYSE_GUARDS: dict[int, Guard] = {
    1: analyse_only.opdracht_blockers,
    4: analyse_only.delivery_blockers,
}

RAAD_DECISION_MISSING = Blocker(
    "Deze stap sluit met een raadsbesluit (in stap 1 en 5 mag dat ook een "
    "raadsinformatiebrief, consultatie of bijeenkomst zijn); leg dat vast.",
    "ambtenaar of adviseur, na het besluit van de raad",
)


def blockers(
    project: Project, *, today: date | None = None, with_decision: bool = True
) -> list[Blocker]:
    """What keeps the current step from closing. For a raad step the missing decision is
    itself a blocker, unless `with_decision` is False (when that decision is being recorded)."""
    step = project.current_step
    guards = ANALYSE_GUARDS if project.scope == ProjectScope.ANALYSE else GUARDS
    guard = guards.get(step)
    found = guard(project, today or timezone.localdate()) if guard else []
    if with_decision and step in raad_steps_for(project.scope):
        found.append(RAAD_DECISION_MISSING)
    return found
