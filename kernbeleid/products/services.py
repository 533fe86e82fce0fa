"""Writes of what each Kernbeleid step produces: startnotitie, werkgroep, meetings,
beleidsvragen, kadernota with goals, draagvlak and the uitvoeringsprogramma.

Each service checks its own rules (so a caller other than the page cannot break them), runs in
one transaction and writes an audit entry on the project.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from analysis.models import AnalysisTheme, Indicator
from projects.models import Project
from projects.services import audit_record
from projects.updates import audit_changes, audit_value, model_update

from ..constants import ActionStatus, BeleidsvraagGroup, KadernotaSection, Organisation, Verdict
from . import selectors
from .models import (
    Action,
    ActionProgress,
    BeleidsvraagAnswer,
    DraagvlakResponse,
    Goal,
    Kadernota,
    Meeting,
    Startnotitie,
    WerkgroepMember,
)

# A short starting list per group in the spirit of KBV (2nd edition headings); the werkgroep
# adds its own. [U] The handreiking's exact questions were not available.
DEFAULT_BELEIDSVRAGEN: dict[str, tuple[str, ...]] = {
    BeleidsvraagGroup.VISIE: (
        "Wat wil de gemeente met het veiligheidsbeleid bereiken en waarom?",
        "Welke rol neemt de gemeente en welke rol vraagt zij van partners en inwoners?",
    ),
    BeleidsvraagGroup.ANALYSE: (
        "Wat laten de cijfers zien over de veiligheid en de veiligheidsbeleving in de gemeente "
        "en haar wijken?",
        "Wat weten de partners uit hun eigen praktijk dat niet in de cijfers staat?",
        "Wat heeft het vorige veiligheidsbeleid opgeleverd?",
    ),
    BeleidsvraagGroup.PRIORITEITEN: (
        "Welke thema's moeten de komende vier jaar voorrang krijgen, en waarom?",
        "Waar kan de gemeente met haar partners het meeste verschil maken?",
    ),
    BeleidsvraagGroup.AANPAK: (
        "Welke doelen en maatregelen horen bij elke prioriteit, en welke partners zijn nodig?",
        "Hoe meten we of de doelen worden gehaald (indicator, nulmeting en streefwaarde)?",
    ),
    BeleidsvraagGroup.BORGING: (
        "Hoe zijn regie, coördinatie, monitoring, communicatie en financiën geregeld?",
        "Hoe en wanneer worden de raad en de partners over de voortgang geïnformeerd?",
    ),
}

STARTNOTITIE_FIELDS = ("scope", "planning", "budget", "proposed_werkgroep")
KADERNOTA_FIELDS = ("visie", "aanpak", "borging", "budget")
ACTION_FIELDS = ("year", "title", "owner", "partners", "budget", "start", "end", "goal", "status")


def _text(value: str | None) -> str:
    return (value or "").strip()


def _period_check(project: Project, year: int, field: str, what: str) -> None:
    if not project.period_start <= year <= project.period_end:
        raise ValidationError(
            {
                field: f"{what} {year} valt buiten de beleidsperiode "
                f"({project.period_start}-{project.period_end})."
            }
        )


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
    startnotitie, created = Startnotitie.objects.select_for_update().get_or_create(project=project)
    values = {
        "scope": _text(scope),
        "planning": _text(planning),
        "budget": _text(budget),
        "proposed_werkgroep": _text(proposed_werkgroep),
    }
    changes = audit_changes(startnotitie, values)
    startnotitie, _updated = model_update(instance=startnotitie, data=values)
    if changes or created:
        audit_record(
            actor=actor,
            action="startnotitie opgeslagen",
            obj=startnotitie,
            project=project,
            detail={"velden": sorted(changes)},
        )
    return startnotitie


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
) -> WerkgroepMember:
    name, organisation_name = _text(name), _text(organisation_name)
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
        role=_text(role),
    )
    member.full_clean()
    member.save()
    audit_record(
        actor=actor,
        action="werkgroeplid toegevoegd",
        obj=member,
        project=project,
        detail={"organisatie": member.get_organisation_display(), "rol": member.role},
    )
    return member


@transaction.atomic
def werkgroep_member_remove(*, actor, project: Project, member: WerkgroepMember) -> None:
    if member.project_id != project.pk:
        raise ValidationError("Dit werkgroeplid hoort niet bij dit project.")
    audit_record(
        actor=actor,
        action="werkgroeplid verwijderd",
        obj=member,
        project=project,
        detail={"organisatie": member.get_organisation_display()},
    )
    member.delete()


# --- meetings (step 3 and on) ---------------------------------------------------------------


def _meeting_values(**fields: Any) -> dict[str, Any]:
    values = {
        "date": fields["date"],
        "title": _text(fields["title"]),
        "is_startbijeenkomst": bool(fields.get("is_startbijeenkomst", False)),
        "agenda": _text(fields.get("agenda")),
        "minutes": _text(fields.get("minutes")),
        "decisions": _text(fields.get("decisions")),
    }
    if values["date"] is None:
        raise ValidationError({"date": "Geef de datum van de bijeenkomst."})
    if not values["title"]:
        raise ValidationError({"title": "Geef de bijeenkomst een titel."})
    return values


def _one_startbijeenkomst(project: Project, *, exclude_uuid=None) -> None:
    # Lock the project row so two editors cannot both add the startbijeenkomst.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    existing = selectors.startbijeenkomst(project, exclude_uuid=exclude_uuid)
    if existing is not None:
        raise ValidationError(
            {
                "is_startbijeenkomst": "Er is al een startbijeenkomst: "
                f"‘{existing.title}’ op {existing.date:%d-%m-%Y}. Een traject heeft één "
                "startbijeenkomst; maak hiervan een gewone bijeenkomst of pas de bestaande aan."
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
    values = _meeting_values(
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
    meeting.full_clean()
    meeting.save()
    audit_record(
        actor=actor,
        action="bijeenkomst toegevoegd",
        obj=meeting,
        project=project,
        detail={"datum": meeting.date.isoformat(), "startbijeenkomst": meeting.is_startbijeenkomst},
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor,
    project: Project,
    meeting: Meeting,
    date: date,
    title: str,
    is_startbijeenkomst: bool = False,
    agenda: str = "",
    minutes: str = "",
    decisions: str = "",
) -> Meeting:
    if meeting.project_id != project.pk:
        raise ValidationError("Deze bijeenkomst hoort niet bij dit project.")
    values = _meeting_values(
        date=date,
        title=title,
        is_startbijeenkomst=is_startbijeenkomst,
        agenda=agenda,
        minutes=minutes,
        decisions=decisions,
    )
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
def beleidsvragen_ensure(project: Project, *, actor=None) -> int:
    """Give each group that has no questions yet the default list. Idempotent; returns how
    many questions were added."""
    present = set(
        BeleidsvraagAnswer.objects.filter(project=project).values_list("group", flat=True)
    )
    new = [
        BeleidsvraagAnswer(project=project, group=group, question=question)
        for group, questions in DEFAULT_BELEIDSVRAGEN.items()
        if group not in present
        for question in questions
    ]
    if new:
        BeleidsvraagAnswer.objects.bulk_create(new)
        audit_record(
            actor=actor,
            action="standaard beleidsvragen klaargezet",
            obj=project,
            project=project,
            detail={"groepen": sorted({str(answer.group) for answer in new}), "aantal": len(new)},
        )
    return len(new)


@transaction.atomic
def beleidsvraag_add(*, actor, project: Project, group: str, question: str) -> BeleidsvraagAnswer:
    question = _text(question)
    if group not in BeleidsvraagGroup.values:
        raise ValidationError({"group": "Kies een groep beleidsvragen."})
    if not question:
        raise ValidationError({"question": "Schrijf de beleidsvraag op."})
    if BeleidsvraagAnswer.objects.filter(
        project=project, group=group, question__iexact=question
    ).exists():
        raise ValidationError({"question": "Deze vraag staat al in deze groep."})
    answer = BeleidsvraagAnswer(project=project, group=group, question=question)
    answer.full_clean()
    answer.save()
    audit_record(
        actor=actor,
        action="beleidsvraag toegevoegd",
        obj=answer,
        project=project,
        detail={"groep": answer.get_group_display()},
    )
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
        if answer.answer != _text(text):
            answer.answer = _text(text)
            answer.save(update_fields=["answer"])
            changed.append(answer.question)
    if changed:
        audit_record(
            actor=actor,
            action="beleidsvragen beantwoord",
            obj=project,
            project=project,
            detail={"vragen": changed},
        )
    return len(changed)


# --- kadernota and goals (step 7) -------------------------------------------------------------


@transaction.atomic
def kadernota_save(
    *, actor, project: Project, visie: str, aanpak: str, borging: str, budget: str
) -> Kadernota:
    kadernota, created = Kadernota.objects.select_for_update().get_or_create(project=project)
    values = {
        "visie": _text(visie),
        "aanpak": _text(aanpak),
        "borging": _text(borging),
        "budget": _text(budget),
    }
    changes = audit_changes(kadernota, values)
    kadernota, _updated = model_update(instance=kadernota, data=values)
    if changes or created:
        audit_record(
            actor=actor,
            action="kadernota opgeslagen",
            obj=kadernota,
            project=project,
            detail={"velden": sorted(changes)},
        )
    return kadernota


def _baseline_from_results(project: Project, indicator: Indicator) -> tuple[float, int]:
    result = selectors.baseline_result(project, indicator)
    if result is None:
        raise ValidationError(
            {
                "baseline_value": f"Er is nog geen uitkomst van ‘{indicator.name}’ voor de "
                "gemeente als geheel. Vul de nulmeting zelf in."
            }
        )
    if result.suppressed or result.estimate is None:
        raise ValidationError(
            {
                "baseline_value": f"De laatste uitkomst van ‘{indicator.name}’ "
                f"({result.edition.year}) wordt niet getoond: te weinig respondenten. Vul de "
                "nulmeting zelf in of kies een andere indicator."
            }
        )
    return result.estimate, result.edition.year


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
) -> Goal:
    """A goal under a proposed priority. With an indicator it needs a target value and year
    (within the period); an empty baseline is taken from the latest stored result for the
    gemeente as a whole."""
    description = _text(description)
    if not selectors.priorities(project).filter(pk=theme.pk).exists():
        raise ValidationError({"theme": "Kies een van de prioriteiten van dit project."})
    if not description:
        raise ValidationError({"description": "Beschrijf het doel."})
    if indicator is None:
        if any(v is not None for v in (baseline_value, baseline_year, target_value, target_year)):
            raise ValidationError(
                {
                    "indicator": "Een nulmeting of streefwaarde hoort bij een indicator; kies "
                    "de indicator of laat die velden leeg."
                }
            )
    else:
        if not selectors.indicators_with_results(project).filter(pk=indicator.pk).exists():
            raise ValidationError(
                {"indicator": "Kies een indicator waarvan dit project cijfers heeft."}
            )
        errors = {}
        if target_value is None:
            errors["target_value"] = "Geef de streefwaarde bij deze indicator."
        if target_year is None:
            errors["target_year"] = "Geef het jaar waarin de streefwaarde gehaald moet zijn."
        if errors:
            raise ValidationError(errors)
        _period_check(project, target_year, "target_year", "Streefjaar")
        if baseline_value is None:
            if baseline_year is not None:
                raise ValidationError(
                    {"baseline_value": "Geef de nulmeting bij het jaar, of laat beide leeg."}
                )
            baseline_value, baseline_year = _baseline_from_results(project, indicator)
        elif baseline_year is None:
            raise ValidationError({"baseline_year": "Geef het jaar van de nulmeting."})
        if baseline_year > target_year:
            raise ValidationError(
                {"baseline_year": "De nulmeting ligt na het streefjaar; dat kan niet."}
            )
    goal = Goal(
        project=project,
        theme=theme,
        description=description,
        indicator=indicator,
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        target_value=target_value,
        target_year=target_year,
        maatregelen=_text(maatregelen),
        partners=_text(partners),
    )
    goal.full_clean()
    goal.save()
    audit_record(
        actor=actor,
        action="doel toegevoegd",
        obj=goal,
        project=project,
        detail={
            "prioriteit": theme.name,
            "indicator": indicator.code if indicator else "",
            "nulmeting": [baseline_value, baseline_year],
            "streefwaarde": [target_value, target_year],
        },
    )
    from ..cycle.services import goals_measure  # a new goal is measured against editions at once

    goals_measure(project=project)
    return goal


@transaction.atomic
def goal_remove(*, actor, project: Project, goal: Goal) -> None:
    if goal.project_id != project.pk:
        raise ValidationError("Dit doel hoort niet bij dit project.")
    audit_record(
        actor=actor,
        action="doel verwijderd",
        obj=goal,
        project=project,
        detail={"prioriteit": goal.theme.name, "acties": goal.actions.count()},
    )
    goal.delete()


# --- draagvlak (step 8) -------------------------------------------------------------------


@transaction.atomic
def draagvlak_save(*, actor, project: Project, entries: list[tuple[str, str, str, str]]) -> int:
    """Record the verdict and response per (organisation, section). An empty verdict removes
    an earlier one; a response without a verdict is refused. Returns how many changed."""
    partners = selectors.werkgroep_external_organisations(project)
    changed = []
    for organisation, section, verdict, response in entries:
        response = _text(response)
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
    if changed:
        audit_record(
            actor=actor,
            action="draagvlak vastgelegd",
            obj=project,
            project=project,
            detail={"reacties": changed},
        )
    return len(changed)


# --- uitvoeringsprogramma (steps 10-12) -------------------------------------------------------


def _action_values(project: Project, fields: dict[str, Any]) -> dict[str, Any]:
    values = {
        "year": fields["year"],
        "title": _text(fields["title"]),
        "owner": _text(fields["owner"]),
        "partners": _text(fields.get("partners")),
        "budget": fields.get("budget"),
        "start": fields.get("start"),
        "end": fields.get("end"),
        "goal": fields.get("goal"),
        "status": fields.get("status") or ActionStatus.GEPLAND,
    }
    if not values["title"]:
        raise ValidationError({"title": "Beschrijf de actie."})
    if not values["owner"]:
        raise ValidationError({"owner": "Wie trekt deze actie?"})
    if values["year"] is None:
        raise ValidationError({"year": "Geef het jaar van de actie."})
    _period_check(project, values["year"], "year", "Jaar")
    if values["budget"] is not None and values["budget"] < 0:
        raise ValidationError({"budget": "Het budget is 0 of meer."})
    if values["start"] and values["end"] and values["end"] < values["start"]:
        raise ValidationError({"end": "De actie is gereed op of na de startdatum."})
    if values["goal"] is not None and values["goal"].project_id != project.pk:
        raise ValidationError({"goal": "Kies een doel van dit project."})
    if values["status"] not in ActionStatus.values:
        raise ValidationError({"status": "Kies een status uit de lijst."})
    return values


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
) -> Action:
    values = _action_values(
        project,
        {
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
    action.full_clean()
    action.save()
    audit_record(
        actor=actor,
        action="actie toegevoegd",
        obj=action,
        project=project,
        detail={"jaar": action.year, "budget": audit_value(action.budget), "trekker": action.owner},
    )
    return action


@transaction.atomic
def action_update(*, actor, project: Project, action: Action, **fields: Any) -> Action:
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Cannot update {sorted(unknown)} here.")
    if action.project_id != project.pk:
        raise ValidationError("Deze actie hoort niet bij dit project.")
    current = {name: getattr(action, name) for name in ACTION_FIELDS}
    values = _action_values(project, current | fields)
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
    text = _text(text)
    if action.project_id != project.pk:
        raise ValidationError("Deze actie hoort niet bij dit project.")
    if year is None:
        raise ValidationError({"year": "Geef het jaar van de rapportage."})
    _period_check(project, year, "year", "Rapportagejaar")
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
