"""The analysis-only commission: the opdracht, the delivery of the analysis and the aftercare.

As research bureaus offer it (shared/domain §2.1): the gemeente commissions the analysis and
agrees its outline (reports.outline), the bureau delivers it as a final version "opgeleverd"
(with its PDF and DOCX), and during the aftercare period that follows the gemeente's people
ask questions per section of the delivered version, which the adviseur answers. No raad step.

Step 1 of such a project closes on the opdracht with its agreed outline, step 4 on the
delivery (the guards below, used by kernbeleid.workflow.selectors).
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from projects.constants import ProjectScope, Role
from projects.models import Project
from projects.selectors import role_in_project
from projects.services import audit_record
from reports.constants import AgreementStatus, DocumentKind, FinalKind
from reports.models import Delivery, ReportVersion, ReviewComment
from reports.outline import day_text, outline_current
from reports.selectors import final_of

from ..workflow.models import StepRecord
from ..workflow.transitions import Blocker
from .models import Opdracht

DELIVERY_STEP = 4
MAX_AFTERCARE_MONTHS = 24
WHO_GEMEENTE = "de gemeente (opdrachtgever) met de adviseur"
WHO_ADVISEUR = "de adviseur"
NOT_ANALYSE_ONLY = (
    "Een opdracht, oplevering en nazorg horen bij een project voor alleen de "
    "veiligheidsanalyse; dit project is het hele traject."
)


# --- reads -----------------------------------------------------------------------------------


def opdracht_for(project: Project) -> Opdracht:
    """The recorded opdracht, or an unsaved empty one (reading creates nothing)."""
    return Opdracht.objects.filter(project=project).first() or Opdracht(project=project)


def opdracht_missing(opdracht: Opdracht) -> list[str]:
    missing = []
    if not opdracht.opdrachtgever.strip():
        missing.append("wie de opdracht gaf")
    if opdracht.commissioned_on is None:
        missing.append("de datum van de opdracht")
    if not opdracht.deliverables.strip():
        missing.append("wat wordt opgeleverd")
    return missing


def delivery_for(project: Project) -> Delivery | None:
    return Delivery.objects.filter(project=project).select_related("version").first()


def deliverable_versions(project: Project) -> QuerySet[ReportVersion]:
    """The concept versions of the analysis, newest first: what can be delivered."""
    return ReportVersion.objects.filter(project=project, document=DocumentKind.ANALYSE).exclude(
        major__gte=1, minor=0
    )


def aftercare_end(delivery: Delivery) -> date:
    """The last day of aftercare: the end of the period, or the day it was ended early."""
    if delivery.ended_at is not None:
        return min(timezone.localtime(delivery.ended_at).date(), delivery.aftercare_until)
    return delivery.aftercare_until


def aftercare_open(delivery: Delivery, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return delivery.ended_at is None and today <= delivery.aftercare_until


@dataclass(frozen=True)
class Aftercare:
    """The aftercare of a delivery as the pages show it."""

    delivery: Delivery
    open: bool
    end: date
    questions: int
    unanswered: int


def aftercare_state(project: Project, today: date | None = None) -> Aftercare | None:
    delivery = delivery_for(project)
    if delivery is None:
        return None
    questions = ReviewComment.objects.filter(version=delivery.version, parent=None)
    return Aftercare(
        delivery=delivery,
        open=aftercare_open(delivery, today),
        end=aftercare_end(delivery),
        questions=questions.count(),
        unanswered=questions.filter(answers__isnull=True).count(),
    )


def aftercare_for_version(version: ReportVersion, today: date | None = None) -> Aftercare | None:
    """The aftercare of `version` if it is a delivered version (the version page shows it)."""
    delivery = Delivery.objects.filter(version=version).first()
    return aftercare_state(delivery.project, today) if delivery is not None else None


# --- guards of the analysis-only route (kernbeleid.workflow.selectors.ANALYSE_GUARDS) --------


def opdracht_blockers(project: Project, today: date) -> list[Blocker]:
    found = []
    missing = opdracht_missing(opdracht_for(project))
    if missing:
        message = "De opdracht is nog niet vastgelegd: " + ", ".join(missing) + "."
        found.append(Blocker(message, WHO_GEMEENTE))
    outline = outline_current(project, DocumentKind.ANALYSE)
    if outline is None:
        found.append(Blocker("De opzet van de analyse is nog niet afgesproken.", WHO_GEMEENTE))
    elif outline.status != AgreementStatus.AGREED:
        message = "De voorgestelde wijziging van de opzet is nog niet afgesproken."
        found.append(Blocker(message, WHO_GEMEENTE))
    return found


def delivery_blockers(project: Project, today: date) -> list[Blocker]:
    if delivery_for(project) is not None:
        return []
    return [Blocker("De veiligheidsanalyse is nog niet opgeleverd.", WHO_ADVISEUR)]


# --- writes ----------------------------------------------------------------------------------


def _analyse_only(project: Project) -> None:
    if project.scope != ProjectScope.ANALYSE:
        raise ValidationError(NOT_ANALYSE_ONLY)


@transaction.atomic
def opdracht_save(
    *,
    actor,
    project: Project,
    opdrachtgever: str,
    commissioned_on: date | None,
    deliverables: str,
    aftercare_months: int,
) -> Opdracht:
    """Record or correct the opdracht. The aftercare period is fixed once delivered."""
    _analyse_only(project)
    values = {
        "opdrachtgever": opdrachtgever.strip(),
        "commissioned_on": commissioned_on,
        "deliverables": deliverables.strip(),
        "aftercare_months": aftercare_months,
    }
    if not values["opdrachtgever"]:
        raise ValidationError({"opdrachtgever": "Vul in wie de opdracht gaf."})
    if commissioned_on is None:
        raise ValidationError({"commissioned_on": "Vul de datum van de opdracht in."})
    if commissioned_on > timezone.localdate():
        raise ValidationError({"commissioned_on": "De opdracht ligt niet in de toekomst."})
    if not values["deliverables"]:
        raise ValidationError({"deliverables": "Beschrijf wat wordt opgeleverd."})
    if not 0 <= aftercare_months <= MAX_AFTERCARE_MONTHS:
        message = f"Kies een nazorg van 0 tot en met {MAX_AFTERCARE_MONTHS} maanden."
        raise ValidationError({"aftercare_months": message})
    Project.objects.select_for_update().filter(pk=project.pk).first()
    opdracht, created = Opdracht.objects.get_or_create(project=project)
    if delivery_for(project) is not None and aftercare_months != opdracht.aftercare_months:
        raise ValidationError(
            {"aftercare_months": "De analyse is al opgeleverd; de nazorgperiode ligt vast."}
        )
    changed = [name for name, value in values.items() if getattr(opdracht, name) != value]
    for name in changed:
        setattr(opdracht, name, values[name])
    if changed:
        opdracht.save()
    if changed or created:
        audit_record(
            actor=actor,
            action="opdracht vastgelegd" if created else "opdracht gewijzigd",
            obj=opdracht,
            project=project,
            detail={
                "opdrachtgever": opdracht.opdrachtgever,
                "datum": day_text(commissioned_on),
                "nazorg (maanden)": aftercare_months,
            },
        )
    return opdracht


def aftercare_until_for(delivered_on: date, months: int) -> date:
    """The last day of aftercare: `months` calendar months after delivery; a day that month
    lacks becomes its last day (31 January + 1 month: 28 or 29 February)."""
    return delivered_on + relativedelta(months=months)


@transaction.atomic
def analysis_deliver(
    *,
    actor,
    project: Project,
    version: ReportVersion,
    delivered_on: date,
    delivered_to: str,
) -> Delivery:
    """Deliver a concept of the analysis: it becomes final as "opgeleverd" (with its PDF and
    DOCX), step 4 closes, and the aftercare period starts."""
    _analyse_only(project)
    delivered_to = delivered_to.strip()
    if not delivered_to:
        raise ValidationError({"delivered_to": "Vul in aan wie de analyse is opgeleverd."})
    if delivered_on is None:
        raise ValidationError({"delivered_on": "Vul de datum van de oplevering in."})
    if delivered_on > timezone.localdate():
        raise ValidationError({"delivered_on": "Een oplevering ligt niet in de toekomst."})
    # One at a time: a double click or two tabs find the first one's delivery.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    project.refresh_from_db()
    earlier = delivery_for(project)
    if earlier is not None:
        raise ValidationError(
            f"De analyse is al opgeleverd ({earlier.version.label}, "
            f"{day_text(earlier.delivered_on)})."
        )
    if project.current_step != DELIVERY_STEP:
        raise ValidationError(
            "Opleveren kan in stap 4; rond eerst stap 1 af (opdracht en afgesproken opzet)."
        )
    outline = outline_current(project, DocumentKind.ANALYSE)
    if outline is None or outline.status != AgreementStatus.AGREED:
        raise ValidationError(
            "Er ligt een voorgestelde wijziging van de opzet; leg eerst het akkoord vast."
        )
    if version.project_id != project.pk or version.document != DocumentKind.ANALYSE:
        raise ValidationError({"version": "Kies een versie van de veiligheidsanalyse."})
    if version.final:
        raise ValidationError({"version": "Kies een conceptversie; deze is al definitief."})
    already = final_of(version)
    if already is not None:
        raise ValidationError(
            {"version": f"Van deze versie is al {already.label} gemaakt; kies een andere."}
        )
    opdracht = opdracht_for(project)
    if opdracht.commissioned_on and delivered_on < opdracht.commissioned_on:
        raise ValidationError({"delivered_on": "De oplevering ligt vóór de datum van de opdracht."})
    from reports.services import version_finalize

    final = version_finalize(actor=actor, version=version, finalized_as=FinalKind.OPGELEVERD)
    delivery = Delivery.objects.create(
        project=project,
        version=final,
        delivered_on=delivered_on,
        delivered_to=delivered_to,
        aftercare_until=aftercare_until_for(delivered_on, opdracht.aftercare_months),
        recorded_by=actor,
    )
    StepRecord.objects.filter(
        project=project, step=DELIVERY_STEP, completed_at__isnull=True
    ).update(completed_at=timezone.now())
    audit_record(
        actor=actor,
        action="analyse opgeleverd",
        obj=delivery,
        project=project,
        detail={
            "versie": final.label,
            "van": version.label,
            "aan": delivered_to,
            "op": day_text(delivered_on),
            "nazorg tot en met": day_text(delivery.aftercare_until),
        },
    )
    return delivery


@transaction.atomic
def aftercare_end_now(*, actor, project: Project) -> Delivery:
    """End the aftercare before its period is over (the gemeente has no more questions)."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    delivery = delivery_for(project)
    if delivery is None:
        raise ValidationError("De analyse is nog niet opgeleverd.")
    if not aftercare_open(delivery):
        raise ValidationError(
            f"De nazorgperiode is op {day_text(aftercare_end(delivery))} al geëindigd."
        )
    delivery.ended_at = timezone.now()
    delivery.save(update_fields=["ended_at"])
    audit_record(
        actor=actor,
        action="nazorg beëindigd",
        obj=delivery,
        project=project,
        detail={"gepland tot en met": day_text(delivery.aftercare_until)},
    )
    return delivery


def aftercare_ended_text(delivery: Delivery) -> str:
    return f"De nazorgperiode is op {day_text(aftercare_end(delivery))} geëindigd."


def aftercare_check(*, actor, version: ReportVersion, parent: ReviewComment | None) -> None:
    """For a question or answer on a delivered version (reports.services.comment_add): new
    questions only during the aftercare period; answers only from the adviseur, also after
    the end, so that a question asked in time never stays unanswered."""
    delivery = Delivery.objects.filter(version=version).first()
    if delivery is None:
        return
    if parent is None and not aftercare_open(delivery):
        raise ValidationError(aftercare_ended_text(delivery))
    if parent is not None and role_in_project(actor, version.project) != Role.ADVISEUR:
        raise ValidationError("Vragen in de nazorg beantwoordt de adviseur.")


@dataclass(frozen=True)
class AftercareRights:
    """What the page of a delivered version offers a user (the same rules aftercare_check
    enforces): `ended` is the sentence that replaces the forms once the period is over."""

    ask: bool
    answer: bool
    ended: str


def aftercare_rights(
    version: ReportVersion, role: Role, today: date | None = None
) -> AftercareRights | None:
    """None for a version that was not delivered: the usual comment rules apply there."""
    delivery = Delivery.objects.filter(version=version).first()
    if delivery is None:
        return None
    if not aftercare_open(delivery, today):
        # Questions asked in time are still answered after the end.
        return AftercareRights(
            ask=False, answer=role == Role.ADVISEUR, ended=aftercare_ended_text(delivery)
        )
    return AftercareRights(ask=True, answer=role == Role.ADVISEUR, ended="")
