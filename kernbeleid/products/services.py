"""Writes of what each Kernbeleid step produces: startnotitie, werkgroep, meetings,
beleidsvragen, kadernota with goals, draagvlak and the uitvoeringsprogramma.

Each service checks its own rules (rules.py, so a caller other than the page cannot break
them), runs in one transaction and writes an audit entry on the project.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format

from analysis.models import AnalysisTheme, Indicator
from projects import removal
from projects.joint import plan_gemeenten
from projects.models import Gemeente, Project
from projects.services import audit_record
from projects.updates import audit_changes, audit_value, model_update

from ..constants import (
    DEFAULT_BELEIDSVRAGEN,
    ActionStatus,
    BeleidsvraagGroup,
    GoalSource,
    KadernotaSection,
    Organisation,
    Verdict,
)
from . import goal_scope, selectors
from .goal_sources import source_check
from .models import (
    Action,
    ActionProgress,
    BeleidsvraagAnswer,
    BovenlokalePrioriteit,
    DraagvlakResponse,
    Goal,
    Kadernota,
    Meeting,
    Startnotitie,
    WerkgroepMember,
)
from .rules import (
    action_values,
    begroting_values,
    belongs_to,
    bovenlokaal_values,
    goal_budget_values,
    goal_measure_check,
    meeting_values,
    period_check,
    stripped,
)

STARTNOTITIE_FIELDS = ("scope", "planning", "budget", "proposed_werkgroep")
# In the order of the kadernota's chapters (reports/constants.py, the standaardindeling).
KADERNOTA_FIELDS = (
    "aanleiding",
    "evaluatie",
    "trends",
    "visie",
    "aanpak",
    "borging",
    "communicatie",
    "budget",
    "monitoring",
)
MEETING_FIELDS = ("date", "title", "is_startbijeenkomst", "agenda", "minutes", "decisions")
ACTION_FIELDS = (
    "year",
    "title",
    "owner",
    "partners",
    "budget",
    "start",
    "end",
    "goal",
    "status",
    "begroting_programma",
    "taakveld",
)


def _audited_count(*, actor, project: Project, action: str, detail: dict[str, list[str]]) -> int:
    """One audit entry on the project for a batch of changes (none when nothing changed);
    returns how many changed. `detail` holds the one list of what changed."""
    (changed,) = detail.values()
    if changed:
        audit_record(actor=actor, action=action, obj=project, project=project, detail=detail)
    return len(changed)


def _with_current(obj, names: tuple[str, ...], fields: dict[str, Any]) -> dict[str, Any]:
    """The fields to change, and the current value of the others an update may change."""
    unknown = set(fields) - set(names)
    if unknown:
        raise TypeError(f"Cannot update {sorted(unknown)} here.")
    return {name: getattr(obj, name) for name in names} | fields


def _audited_create(actor, project: Project, obj, action: str, detail: dict) -> None:
    obj.full_clean()
    obj.save()
    audit_record(actor=actor, action=action, obj=obj, project=project, detail=detail)


def _audited_delete(actor, project: Project, obj, action: str, detail: dict) -> None:
    audit_record(actor=actor, action=action, obj=obj, project=project, detail=detail)
    obj.delete()


def _project_text_save(*, actor, project: Project, model, values: dict[str, str]):
    """Save the texts of a project's one startnotitie or kadernota (made on its first save),
    with an audit entry naming the fields that changed."""
    document, created = model.objects.select_for_update().get_or_create(project=project)
    values = {name: stripped(value) for name, value in values.items()}
    changes = audit_changes(document, values)
    document, _updated = model_update(instance=document, data=values)
    if changes or created:
        audit_record(
            actor=actor,
            action=f"{model._meta.verbose_name} opgeslagen",
            obj=document,
            project=project,
            detail={"velden": sorted(changes)},
        )
    return document


# --- startnotitie (step 1) ------------------------------------------------------------------


@transaction.atomic
def startnotitie_save(
    *,
    actor,
    project: Project,
    scope: str,
    planning: str,
    budget: str,
    proposed_werkgroep: str,
) -> Startnotitie:
    values = {
        "scope": scope,
        "planning": planning,
        "budget": budget,
        "proposed_werkgroep": proposed_werkgroep,
    }
    return _project_text_save(actor=actor, project=project, model=Startnotitie, values=values)


# --- werkgroep (step 2) ---------------------------------------------------------------------


@transaction.atomic
def werkgroep_member_add(
    *,
    actor,
    project: Project,
    name: str,
    organisation: str,
    organisation_name: str = "",
    role: str = "",
    gemeente: Gemeente | None = None,
) -> WerkgroepMember:
    """A werkgroep member; in a joint plan for one of its gemeenten or (None) the whole."""
    name, organisation_name = stripped(name), stripped(organisation_name)
    if gemeente is not None and (
        not project.joint or gemeente.pk not in {g.pk for g in plan_gemeenten(project)}
    ):
        raise ValidationError({"gemeente": "Kies een gemeente van het plan."})
    if not name:
        raise ValidationError({"name": "Geef de naam van het werkgroeplid."})
    if organisation not in Organisation.values:
        raise ValidationError({"organisation": "Kies een organisatie uit de lijst."})
    if organisation == Organisation.OVERIG and not organisation_name:
        raise ValidationError(
            {"organisation_name": "Geef de naam van de organisatie bij ‘overig’."}
        )
    member = WerkgroepMember(
        project=project,
        name=name,
        organisation=organisation,
        organisation_name=organisation_name,
        role=stripped(role),
        gemeente=gemeente,
    )
    detail = {"organisatie": member.get_organisation_display(), "rol": member.role}
    if gemeente is not None:
        detail["gemeente"] = gemeente.name
    _audited_create(actor, project, member, "werkgroeplid toegevoegd", detail)
    return member


@transaction.atomic
def werkgroep_member_remove(*, actor, project: Project, member: WerkgroepMember) -> None:
    """Take a member out of the werkgroep: marked removed, so the one who removed them can
    put them back for a short while (projects/removal.py). From then on every page, count
    and check leaves them out, and a linked partner account no longer counts as werkgroep."""
    belongs_to(project, member, "Dit werkgroeplid")
    removal.purge_removed(WerkgroepMember.with_removed.filter(project=project))
    detail = {"naam": member.name, "organisatie": member.get_organisation_display()}
    audit_record(
        actor=actor, action="werkgroeplid verwijderd", obj=member, project=project, detail=detail
    )
    removal.mark_removed(member, actor=actor)


@transaction.atomic
def werkgroep_member_restore(*, actor, project: Project, member: WerkgroepMember) -> None:
    """Undo a removal, within the undo window and only by whoever removed the member. When
    their account was linked to another member meanwhile, the member comes back unlinked."""
    belongs_to(project, member, "Dit werkgroeplid")
    removal.undo_refusal(member, actor=actor)
    detail = {"naam": member.name, "organisatie": member.get_organisation_display()}
    if member.user_id and project.werkgroep.filter(user_id=member.user_id).exists():
        member.user = None
        member.save(update_fields=["user"])
        detail["account"] = "niet meer gekoppeld (intussen aan een ander lid gekoppeld)"
    removal.mark_restored(member)
    audit_record(
        actor=actor,
        action="verwijderen werkgroeplid ongedaan gemaakt",
        obj=member,
        project=project,
        detail=detail,
    )


# --- meetings (step 3 and on) ---------------------------------------------------------------


def _one_startbijeenkomst(project: Project, *, exclude_uuid=None) -> None:
    # Lock the project row so two editors cannot both add the startbijeenkomst.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    existing = selectors.startbijeenkomst(project, exclude_uuid=exclude_uuid)
    if existing is not None:
        raise ValidationError(
            {
                "is_startbijeenkomst": "Er is al een startbijeenkomst: "
                f"‘{existing.title}’ op {date_format(existing.date, 'j F Y')}. "
                "Een traject heeft één startbijeenkomst; maak hiervan een gewone bijeenkomst of "
                "pas de bestaande aan."
            }
        )


@transaction.atomic
def meeting_add(
    *,
    actor,
    project: Project,
    date: date,
    title: str,
    is_startbijeenkomst: bool = False,
    agenda: str = "",
    minutes: str = "",
    decisions: str = "",
) -> Meeting:
    values = meeting_values(
        date=date,
        title=title,
        is_startbijeenkomst=is_startbijeenkomst,
        agenda=agenda,
        minutes=minutes,
        decisions=decisions,
    )
    if values["is_startbijeenkomst"]:
        _one_startbijeenkomst(project)
    meeting = Meeting(project=project, **values)
    detail = {"datum": meeting.date.isoformat(), "startbijeenkomst": meeting.is_startbijeenkomst}
    _audited_create(actor, project, meeting, "bijeenkomst toegevoegd", detail)
    return meeting


@transaction.atomic
def meeting_update(*, actor, project: Project, meeting: Meeting, **fields: Any) -> Meeting:
    """Change the fields given (those of meeting_add); the others keep their value."""
    belongs_to(project, meeting, "Deze bijeenkomst")
    values = meeting_values(**_with_current(meeting, MEETING_FIELDS, fields))
    if values["is_startbijeenkomst"]:
        _one_startbijeenkomst(project, exclude_uuid=meeting.uuid)
    changes = audit_changes(meeting, values)
    meeting, updated = model_update(instance=meeting, data=values)
    if not updated:
        return meeting
    audit_record(
        actor=actor,
        action="bijeenkomst gewijzigd",
        obj=meeting,
        project=project,
        detail={"velden": sorted(changes)},
    )
    return meeting


# --- beleidsvragen (steps 4 and 6) ------------------------------------------------------------


@transaction.atomic
def beleidsvragen_ensure(project: Project) -> int:
    """Give each group that has no questions yet the default list. Idempotent; returns how
    many questions were added. A new project gets them as part of its creation (no audit
    entry of their own: "project aangemaakt" covers them)."""
    present = set(
        BeleidsvraagAnswer.objects.filter(project=project).values_list("group", flat=True)
    )
    new = [
        BeleidsvraagAnswer(project=project, group=group, question=question)
        for group, questions in DEFAULT_BELEIDSVRAGEN.items()
        if group not in present
        for question in questions
    ]
    BeleidsvraagAnswer.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def beleidsvraag_add(*, actor, project: Project, group: str, question: str) -> BeleidsvraagAnswer:
    question = stripped(question)
    if group not in BeleidsvraagGroup.values:
        raise ValidationError({"group": "Kies een groep beleidsvragen."})
    if not question:
        raise ValidationError({"question": "Schrijf de beleidsvraag op."})
    if BeleidsvraagAnswer.objects.filter(
        project=project, group=group, question__iexact=question
    ).exists():
        raise ValidationError({"question": "Deze vraag staat al in deze groep."})
    answer = BeleidsvraagAnswer(project=project, group=group, question=question)
    detail = {"groep": answer.get_group_display()}
    _audited_create(actor, project, answer, "beleidsvraag toegevoegd", detail)
    return answer


@transaction.atomic
def beleidsvragen_answer(*, actor, project: Project, answers: dict[str, str]) -> int:
    """Store the werkgroep's answers, keyed by the question's uuid (as text). Only the
    questions given change; returns how many did."""
    questions = {
        str(answer.uuid): answer
        for answer in BeleidsvraagAnswer.objects.select_for_update().filter(
            project=project, uuid__in=list(answers)
        )
    }
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValidationError("Een van de vragen hoort niet bij dit project.")
    changed = []
    for key, text in answers.items():
        answer = questions[key]
        if answer.answer != stripped(text):
            answer.answer = stripped(text)
            answer.save(update_fields=["answer"])
            changed.append(answer.question)
    return _audited_count(
        actor=actor, project=project, action="beleidsvragen beantwoord", detail={"vragen": changed}
    )


# --- kadernota and goals (step 7) -------------------------------------------------------------


def text_digest(text: str | None) -> str:
    """A short fingerprint of a text as stored: the page sends it back with the text, so a
    save can tell whether someone else changed that text after the page was opened."""
    return hashlib.sha256(stripped(text).encode()).hexdigest()[:16]


@dataclass
class KadernotaConflict(Exception):
    """Someone else changed chapters of the kadernota since this writer opened the page.
    `clashes`: chapters both changed (nothing was saved; both texts go back to the writer);
    `theirs`: chapters only the other person changed (this writer's page shows them now)."""

    current: Kadernota
    clashes: list[str]
    theirs: list[str] = field(default_factory=list)


@dataclass
class KadernotaSaved:
    kadernota: Kadernota
    kept: list[str]  # chapters someone else changed meanwhile and this save left alone


@transaction.atomic
def kadernota_save(
    *, actor, project: Project, bases: Mapping[str, str] | None = None, **texts: str
) -> KadernotaSaved:
    """Save the chapters given (names in KADERNOTA_FIELDS); the others keep their text.

    `bases` holds, per chapter, the text_digest of the text the writer started from. A
    chapter that someone else saved in the meantime is never overwritten unseen: when this
    writer left it as it was, the other's text stays (reported in `kept`); when both changed
    it, KadernotaConflict is raised and nothing is saved. Without a base a chapter is saved
    as given (scripts, the demo)."""
    unknown = set(texts) - set(KADERNOTA_FIELDS)
    if unknown:
        raise TypeError(f"Not a chapter of the kadernota: {sorted(unknown)}.")
    document = Kadernota.objects.select_for_update().filter(project=project).first()
    values = {name: stripped(value) for name, value in texts.items()}
    bases = bases or {}
    kept, clashes = [], []
    for name, value in list(values.items()):
        current = getattr(document, name) if document else ""
        base = bases.get(name)
        if base is None or value == current or text_digest(current) == base:
            continue  # nobody else changed this chapter since the page was opened
        if text_digest(value) == base:
            kept.append(name)  # only the other person changed it: theirs stays
            del values[name]
        else:
            clashes.append(name)
    if clashes:
        raise KadernotaConflict(current=document, clashes=clashes, theirs=kept)
    document = _project_text_save(actor=actor, project=project, model=Kadernota, values=values)
    return KadernotaSaved(kadernota=document, kept=kept)


@transaction.atomic
def goal_add(
    *,
    actor,
    project: Project,
    theme: AnalysisTheme,
    description: str,
    indicator: Indicator | None = None,
    baseline_value: float | None = None,
    baseline_year: int | None = None,
    target_value: float | None = None,
    target_year: int | None = None,
    maatregelen: str = "",
    partners: str = "",
    budget: Decimal | None = None,
    funding: str = "",
    source_kind: str = GoalSource.VM,
    crime_code: str = "",
    bbv_indicator: Indicator | None = None,
    own_series=None,
    area=None,
    gemeente: Gemeente | None = None,
    access_gemeente: Gemeente | None = None,
) -> Goal:
    """A goal under a proposed priority, measured on its source (goal_sources.py), for the
    gemeente or one of its areas. With a measure it needs a target value and year (within the
    period); an empty baseline is taken from the latest stored figure of that source and area.
    `budget` is whole euro per year (0 or more), `funding` its dekking. In a joint plan
    `gemeente` makes it that gemeente's own goal (None: for the whole plan); who may choose
    which is goal_scope's rule, with `access_gemeente` the requester's gemeente."""
    goal_scope.scope_check(project=project, access_gemeente=access_gemeente, gemeente=gemeente)
    goal_scope.measure_check(project=project, gemeente=gemeente, area=area, own_series=own_series)
    description = stripped(description)
    if not selectors.priorities(project).filter(pk=theme.pk).exists():
        raise ValidationError({"theme": "Kies een van de prioriteiten van dit project."})
    if not description:
        raise ValidationError({"description": "Beschrijf het doel."})
    source = source_check(
        project,
        source_kind=source_kind,
        indicator=indicator,
        crime_code=stripped(crime_code),
        bbv_indicator=bbv_indicator,
        own_series=own_series,
        area=area,
    )
    indicator = source["indicator"]
    baseline_value, baseline_year = goal_measure_check(
        project,
        indicator=indicator,
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        target_value=target_value,
        target_year=target_year,
        source=source | {"gemeente": gemeente},  # a local goal: its gemeente's figures
    )
    money = goal_budget_values(budget, funding)
    goal = Goal(
        project=project,
        theme=theme,
        description=description,
        **source,
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        target_value=target_value,
        target_year=target_year,
        maatregelen=stripped(maatregelen),
        partners=stripped(partners),
        **money,
        gemeente=gemeente,
    )
    detail = {
        "prioriteit": theme.name,
        "voor": goal.scope_label,
        "indicator": indicator.name if indicator else "",  # the log is read by people
        "gemeten op": source["source_kind"],
        "soort misdrijf": source["crime_code"],
        "eigen registratie": source["own_series"].name if source["own_series"] else "",
        "gebied": source["area"].name if source["area"] else "gemeente",
        "nulmeting": [baseline_value, baseline_year],
        "streefwaarde": [target_value, target_year],
        "budget": audit_value(goal.budget),
    }
    _audited_create(actor, project, goal, "doel toegevoegd", detail)
    from ..cycle.services import goals_measure  # a new goal is measured against editions at once

    goals_measure(project=project)
    return goal


@transaction.atomic
def goal_remove(
    *, actor, project: Project, goal: Goal, access_gemeente: Gemeente | None = None
) -> None:
    belongs_to(project, goal, "Dit doel")
    goal_scope.goal_check(project=project, access_gemeente=access_gemeente, goal=goal)
    detail = {
        "prioriteit": goal.theme.name,
        "voor": goal.scope_label,
        "acties": goal.actions.count(),
    }
    _audited_delete(actor, project, goal, "doel verwijderd", detail)


@transaction.atomic
def goal_budget_set(
    *,
    actor,
    project: Project,
    goal: Goal,
    budget: Decimal | None,
    funding: str = "",
    begroting_programma: str | None = None,
    taakveld: str | None = None,
    access_gemeente: Gemeente | None = None,
) -> Goal:
    """Set a goal's budget per year and its dekking (goals added before they had one), and
    where it sits in the begroting (programme, taakveld; None keeps what it has)."""
    belongs_to(project, goal, "Dit doel")
    goal_scope.goal_check(project=project, access_gemeente=access_gemeente, goal=goal)
    values = goal_budget_values(budget, funding)
    values |= begroting_values(
        {
            "begroting_programma": goal.begroting_programma
            if begroting_programma is None
            else begroting_programma,
            "taakveld": goal.taakveld if taakveld is None else taakveld,
        }
    )
    changes = audit_changes(goal, values)
    goal, updated = model_update(instance=goal, data=values)
    if updated:
        audit_record(
            actor=actor, action="budget doel gewijzigd", obj=goal, project=project, detail=changes
        )
    return goal


# --- bovenlokale kaders (step 7) ------------------------------------------------------------

BOVENLOKAAL_FIELDS = ("niveau", "title", "description", "source")


def _bovenlokaal_renumber(project: Project, ordered: list[BovenlokalePrioriteit]) -> None:
    for position, prioriteit in enumerate(ordered, start=1):
        if prioriteit.position != position:
            prioriteit.position = position
            prioriteit.save(update_fields=["position"])


def _bovenlokaal_locked(project: Project) -> list[BovenlokalePrioriteit]:
    return list(BovenlokalePrioriteit.objects.select_for_update().filter(project=project))


@transaction.atomic
def bovenlokale_prioriteit_add(
    *,
    actor,
    project: Project,
    niveau: str,
    title: str,
    source: str,
    description: str = "",
) -> BovenlokalePrioriteit:
    """A priority set above the gemeente (regionaal beleidsplan, basisteam, RIEC), always with
    its source; it goes at the end of the list."""
    values = bovenlokaal_values(
        {"niveau": niveau, "title": title, "source": source, "description": description}
    )
    existing = _bovenlokaal_locked(project)
    prioriteit = BovenlokalePrioriteit(project=project, position=len(existing) + 1, **values)
    detail = {"niveau": prioriteit.get_niveau_display(), "bron": prioriteit.source}
    _audited_create(actor, project, prioriteit, "bovenlokale prioriteit toegevoegd", detail)
    return prioriteit


@transaction.atomic
def bovenlokale_prioriteit_update(
    *, actor, project: Project, prioriteit: BovenlokalePrioriteit, **fields: Any
) -> BovenlokalePrioriteit:
    """Change the fields given (those of bovenlokale_prioriteit_add); the others stay."""
    belongs_to(project, prioriteit, "Deze bovenlokale prioriteit")
    values = bovenlokaal_values(_with_current(prioriteit, BOVENLOKAAL_FIELDS, fields))
    changes = audit_changes(prioriteit, values)
    prioriteit, updated = model_update(instance=prioriteit, data=values)
    if updated:
        audit_record(
            actor=actor,
            action="bovenlokale prioriteit gewijzigd",
            obj=prioriteit,
            project=project,
            detail=changes,
        )
    return prioriteit


@transaction.atomic
def bovenlokale_prioriteit_remove(
    *, actor, project: Project, prioriteit: BovenlokalePrioriteit
) -> None:
    belongs_to(project, prioriteit, "Deze bovenlokale prioriteit")
    detail = {"prioriteit": prioriteit.title, "bron": prioriteit.source}
    _audited_delete(actor, project, prioriteit, "bovenlokale prioriteit verwijderd", detail)
    _bovenlokaal_renumber(project, _bovenlokaal_locked(project))


@transaction.atomic
def bovenlokale_prioriteit_move(
    *,
    actor,
    project: Project,
    prioriteit: BovenlokalePrioriteit,
    direction: Literal["up", "down"],
) -> bool:
    """Swap a priority with the one above or below it; False when it is already first or
    last (nothing changes). The list is locked, so two moves at once keep a clean order."""
    belongs_to(project, prioriteit, "Deze bovenlokale prioriteit")
    if direction not in ("up", "down"):
        raise ValidationError("Verplaats een prioriteit omhoog of omlaag.")
    ordered = _bovenlokaal_locked(project)
    index = next(i for i, item in enumerate(ordered) if item.pk == prioriteit.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    _bovenlokaal_renumber(project, ordered)
    audit_record(
        actor=actor,
        action="bovenlokale prioriteit verplaatst",
        obj=ordered[other],
        project=project,
        detail={"prioriteit": prioriteit.title, "positie": other + 1},
    )
    return True


# --- draagvlak (step 8) -------------------------------------------------------------------


@transaction.atomic
def draagvlak_save(*, actor, project: Project, entries: list[tuple[str, str, str, str]]) -> int:
    """Record the verdict and response per (organisation, section). An empty verdict removes
    an earlier one; a response without a verdict is refused. Returns how many changed."""
    partners = selectors.werkgroep_external_organisations(project)
    changed = []
    for organisation, section, verdict, response in entries:
        response = stripped(response)
        if organisation not in partners:
            raise ValidationError(
                "Alleen organisaties in de werkgroep (buiten de gemeente) geven een reactie."
            )
        if section not in KadernotaSection.values:
            raise ValidationError("Onbekend onderdeel van de kadernota.")
        label = f"{Organisation(organisation).label} over {KadernotaSection(section).label}"
        if not verdict:
            if response:
                raise ValidationError(f"Kies een oordeel bij de reactie van {label}.")
            deleted, _ = DraagvlakResponse.objects.filter(
                project=project, organisation=organisation, section=section
            ).delete()
            if deleted:
                changed.append(f"{label}: verwijderd")
            continue
        if verdict not in Verdict.values:
            raise ValidationError(
                f"Kies akkoord, akkoord met opmerkingen of niet akkoord ({label})."
            )
        existing = DraagvlakResponse.objects.filter(
            project=project, organisation=organisation, section=section
        ).first()
        if existing and existing.verdict == verdict and existing.response == response:
            continue
        DraagvlakResponse.objects.update_or_create(
            project=project,
            organisation=organisation,
            section=section,
            defaults={"verdict": verdict, "response": response},
        )
        changed.append(f"{label}: {Verdict(verdict).label}")
    return _audited_count(
        actor=actor, project=project, action="draagvlak vastgelegd", detail={"reacties": changed}
    )


# --- uitvoeringsprogramma (steps 10-12) -------------------------------------------------------


@transaction.atomic
def action_add(
    *,
    actor,
    project: Project,
    year: int,
    title: str,
    owner: str,
    partners: str = "",
    budget: Decimal | None = None,
    start: date | None = None,
    end: date | None = None,
    goal: Goal | None = None,
    status: str = ActionStatus.GEPLAND,
    begroting_programma: str = "",
    taakveld: str = "",
    access_gemeente: Gemeente | None = None,
) -> Action:
    """`access_gemeente`: the gemeente whose URL the request came in on (goal_scope.py)."""
    goal_scope.action_goal_check(project=project, access_gemeente=access_gemeente, goal=goal)
    values = action_values(
        project,
        {
            "begroting_programma": begroting_programma,
            "taakveld": taakveld,
            "year": year,
            "title": title,
            "owner": owner,
            "partners": partners,
            "budget": budget,
            "start": start,
            "end": end,
            "goal": goal,
            "status": status,
        },
    )
    action = Action(project=project, **values)
    detail = {"jaar": action.year, "budget": audit_value(action.budget), "trekker": action.owner}
    _audited_create(actor, project, action, "actie toegevoegd", detail)
    return action


@transaction.atomic
def action_update(
    *,
    actor,
    project: Project,
    action: Action,
    access_gemeente: Gemeente | None = None,
    **fields: Any,
) -> Action:
    belongs_to(project, action, "Deze actie")
    if "goal" in fields:
        goal_scope.action_goal_check(
            project=project, access_gemeente=access_gemeente, goal=fields["goal"]
        )
    values = action_values(project, _with_current(action, ACTION_FIELDS, fields))
    changes = audit_changes(action, values)
    action, updated = model_update(instance=action, data=values)
    if not updated:
        return action
    audit_record(actor=actor, action="actie gewijzigd", obj=action, project=project, detail=changes)
    return action


@transaction.atomic
def action_progress_report(
    *, actor, project: Project, action: Action, year: int, text: str, status: str
) -> ActionProgress:
    """The yearly progress report on an action; a second report for the same year replaces
    the first. The action takes the report's status."""
    text = stripped(text)
    belongs_to(project, action, "Deze actie")
    if year is None:
        raise ValidationError({"year": "Geef het jaar van de rapportage."})
    period_check(project, year, "year", "Rapportagejaar")
    if not text:
        raise ValidationError({"text": "Beschrijf de voortgang."})
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Kies een status uit de lijst."})
    progress, created = ActionProgress.objects.update_or_create(
        action=action, year=year, defaults={"text": text, "status": status}
    )
    before = action.status
    if action.status != status:
        action.status = status
        action.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="voortgang gerapporteerd" if created else "voortgang bijgewerkt",
        obj=action,
        project=project,
        detail={"jaar": year, "status": {"van": before, "naar": status}},
    )
    return progress
