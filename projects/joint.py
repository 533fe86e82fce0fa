"""Joint plans: one integraal veiligheidsplan for several gemeenten (issue 19).

The lead gemeente (penvoerder) owns the project: ``project.gemeente``, its URL for the lead's
members and every row of its content. Other gemeenten take part through a
``ProjectParticipant``: the lead invites them, an ambtenaar of the invited gemeente accepts
(or declines), and a participant can leave until the raad decides on the priorities (step 5).

Who reaches a joint plan: the members of the lead and of every gemeente that joined, each
under their own gemeente's URL (``/g/<own gemeente>/p/<uuid>/``) with their own role there.
Their request then runs in the scope of all the plan's gemeenten (projects/permissions.py),
because the plan's figures come from each of them. What stays a gemeente's own: its other
projects, its members and its audit log; those pages sit under the gemeente URL, which
another participant cannot reach.

``ProjectParticipant`` has no scoped manager (a row belongs to two tenants), so every read
here filters on the project or the gemeente explicitly.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django_scopes import scopes_disabled

from .constants import JOINT_LEAVE_BEFORE_STEP, ParticipationStatus, Role
from .models import Bureau, Gemeente, Membership, Project, ProjectParticipant

JOINED = ParticipationStatus.DEELNEMER
OPEN = ParticipationStatus.UITGENODIGD


# --- Reads ------------------------------------------------------------------------------


def joined_gemeente_ids(project: Project) -> frozenset[int]:
    """The lead and every gemeente that joined: the scope of the plan's work."""
    if not project.joint:
        return frozenset({project.gemeente_id})
    joined = ProjectParticipant.objects.filter(project=project, status=JOINED).values_list(
        "gemeente_id", flat=True
    )
    return frozenset({project.gemeente_id, *joined})


def plan_gemeenten(project: Project) -> list[Gemeente]:
    """The plan's gemeenten, the lead first, then the participants by name."""
    if not project.joint:
        return [project.gemeente]
    others = Gemeente.objects.filter(
        joint_participations__project=project, joint_participations__status=JOINED
    ).order_by("name")
    return [project.gemeente, *others]


def participants(project: Project) -> list[ProjectParticipant]:
    """Every invitation of the plan, whatever became of it (the project page lists them)."""
    return list(
        ProjectParticipant.objects.filter(project=project)
        .select_related("gemeente", "invited_by", "answered_by")
        .order_by("gemeente__name")
    )


def joined_by(gemeente_ids) -> Q:
    """A filter on Project: the plan was joined by one of these gemeenten."""
    return Q(
        Exists(
            ProjectParticipant.objects.filter(
                project=OuterRef("pk"), gemeente_id__in=gemeente_ids, status=JOINED
            )
        )
    )


def reachable_project(gemeente_ids, project_uuid) -> Project | None:
    """The project with this uuid if one of these gemeenten leads it or joined it.

    Outside the tenant scope on purpose: a joint plan's row belongs to its lead, while the
    participant's request runs in the participant's scope; the filter here is the check.
    """
    with scopes_disabled():
        return (
            Project.objects.filter(uuid=project_uuid)
            .filter(Q(gemeente_id__in=gemeente_ids) | joined_by(gemeente_ids))
            .select_related("gemeente")
            .first()
        )


def projects_of_gemeente(gemeente: Gemeente) -> QuerySet[Project]:
    """The gemeente's own plans and the joint plans it joined (its home page lists both)."""
    with scopes_disabled():
        return (
            Project.objects.filter(Q(gemeente=gemeente) | joined_by([gemeente.pk]))
            .select_related("gemeente")
            .order_by("-period_start", "name")
        )


def invitations_for(gemeente: Gemeente) -> list[ProjectParticipant]:
    """Open invitations to this gemeente, for its home page."""
    return list(
        ProjectParticipant.objects.filter(gemeente=gemeente, status=OPEN)
        .select_related("project", "project__gemeente", "invited_by")
        .order_by("-invited_at")
    )


def own_participation(project: Project, gemeente: Gemeente) -> ProjectParticipant | None:
    """This gemeente's joined participation in the plan; None for the lead or an outsider."""
    if not project.joint or gemeente.pk == project.gemeente_id:
        return None
    return ProjectParticipant.objects.filter(
        project=project, gemeente=gemeente, status=JOINED
    ).first()


def invitation_get(gemeente: Gemeente, participant_uuid) -> ProjectParticipant:
    """One participation of this gemeente; another gemeente's is not found (404)."""
    from django.http import Http404

    found = (
        ProjectParticipant.objects.filter(gemeente=gemeente, uuid=participant_uuid)
        .select_related("project", "project__gemeente")
        .first()
    )
    if found is None:
        raise Http404("Deze uitnodiging bestaat niet of is niet voor uw gemeente.")
    return found


def invite_candidates(*, user, project: Project) -> QuerySet[Gemeente]:
    """Whom this user may invite: an ambtenaar of the lead any gemeente; an adviseur the
    gemeenten their bureau serves (the bureau that runs the joint traject)."""
    taken = ProjectParticipant.objects.filter(project=project, status__in=[OPEN, JOINED]).values(
        "gemeente"
    )
    candidates = Gemeente.objects.exclude(pk=project.gemeente_id).exclude(pk__in=taken)
    if _direct_role(user, project.gemeente) == Role.AMBTENAAR:
        return candidates.order_by("name")
    bureaus = Bureau.objects.filter(
        memberships__in=Membership.objects.active().filter(user=user, role=Role.ADVISEUR)
    )
    return candidates.filter(bureaus__in=bureaus).distinct().order_by("name")


@dataclass(frozen=True)
class RaadStatus:
    """How far the raden of a joint plan are, for the project page and the portfolio."""

    adopted: int
    total: int

    def __str__(self) -> str:
        return f"aangenomen in {self.adopted} van {self.total} raden"


# --- Writes -----------------------------------------------------------------------------


def _direct_role(user, gemeente: Gemeente) -> Role | None:
    role = (
        Membership.objects.active()
        .filter(user=user, gemeente=gemeente)
        .values_list("role", flat=True)
        .first()
    )
    return Role(role) if role else None


def _audit(**kwargs) -> None:
    from .services import audit_record  # services builds on this module's reads

    audit_record(**kwargs)


@transaction.atomic
def participant_invite(*, actor, project: Project, gemeente: Gemeente) -> ProjectParticipant:
    """The lead invites a gemeente to the plan. Only from the lead's side, before step 5."""
    if gemeente.pk == project.gemeente_id:
        raise ValidationError({"gemeente": "Dit is de penvoerder van het plan zelf."})
    if project.current_step >= JOINT_LEAVE_BEFORE_STEP:
        raise ValidationError(
            "Na de vaststelling van de prioriteiten (stap 5) kan er geen gemeente meer "
            "bij: haar raad heeft niet over het plan besloten."
        )
    if not invite_candidates(user=actor, project=project).filter(pk=gemeente.pk).exists():
        raise ValidationError(
            {
                "gemeente": f"U kunt {gemeente.name} niet uitnodigen: de gemeente doet al mee, "
                "is al uitgenodigd, of uw bureau werkt niet voor haar."
            }
        )
    participant, _ = ProjectParticipant.objects.update_or_create(
        project=project,
        gemeente=gemeente,
        defaults={
            "status": OPEN,
            "invited_by": actor,
            "invited_at": timezone.now(),
            "answered_by": None,
            "answered_at": None,
            "left_at": None,
        },
    )
    if not project.joint:
        Project.objects.filter(pk=project.pk).update(joint=True)
        project.joint = True
    _audit(
        actor=actor,
        action="gemeente uitgenodigd voor gezamenlijk plan",
        obj=participant,
        project=project,
        detail={"gemeente": gemeente.name},
    )
    return participant


def _audit_both(actor, participant: ProjectParticipant, action: str) -> None:
    """Joining and leaving are recorded in the plan's log and in the participant's own."""
    project = participant.project
    detail = {"gemeente": participant.gemeente.name, "plan": project.name}
    _audit(actor=actor, action=action, obj=participant, project=project, detail=detail)
    _audit(
        actor=actor, action=action, obj=participant, gemeente=participant.gemeente, detail=detail
    )


def _answerable(actor, participant: ProjectParticipant) -> None:
    if _direct_role(actor, participant.gemeente) != Role.AMBTENAAR:
        raise PermissionDenied("Alleen een ambtenaar van de gemeente zelf beslist of zij meedoet.")


def _set_status(participant: ProjectParticipant, old: str, new: str, **fields) -> None:
    """Compare-and-set: two people answering at once cannot both win."""
    changed = ProjectParticipant.objects.filter(pk=participant.pk, status=old).update(
        status=new, **fields
    )
    if not changed:
        raise ValidationError("Deze uitnodiging is intussen al beantwoord of gewijzigd.")
    participant.refresh_from_db()


@transaction.atomic
def participant_accept(*, actor, participant: ProjectParticipant) -> ProjectParticipant:
    """An ambtenaar of the invited gemeente accepts: from now on its members reach the plan."""
    _answerable(actor, participant)
    if participant.project.current_step >= JOINT_LEAVE_BEFORE_STEP:
        raise ValidationError(
            "Het plan is voorbij de vaststelling van de prioriteiten (stap 5): meedoen kan "
            "niet meer."
        )
    _set_status(participant, OPEN, JOINED, answered_by=actor, answered_at=timezone.now())
    _audit_both(actor, participant, "meedoen aan gezamenlijk plan")
    return participant


@transaction.atomic
def participant_decline(*, actor, participant: ProjectParticipant) -> ProjectParticipant:
    _answerable(actor, participant)
    _set_status(
        participant,
        OPEN,
        ParticipationStatus.AFGEWEZEN,
        answered_by=actor,
        answered_at=timezone.now(),
    )
    _audit(
        actor=actor,
        action="uitnodiging gezamenlijk plan afgewezen",
        obj=participant,
        project=participant.project,
        detail={"gemeente": participant.gemeente.name},
    )
    return participant


@transaction.atomic
def participant_leave(*, actor, participant: ProjectParticipant) -> ProjectParticipant:
    """A participant stops before step 5; its members no longer reach the plan."""
    _answerable(actor, participant)
    if participant.project.current_step >= JOINT_LEAVE_BEFORE_STEP:
        raise ValidationError(
            "Stoppen kan alleen tot de raad de prioriteiten vaststelt (stap 5); daarna "
            "heeft uw raad over het gezamenlijke plan besloten."
        )
    _set_status(participant, JOINED, ParticipationStatus.VERTROKKEN, left_at=timezone.now())
    _audit_both(actor, participant, "gestopt met gezamenlijk plan")
    return participant


@transaction.atomic
def participant_withdraw(*, actor, participant: ProjectParticipant) -> ProjectParticipant:
    """The lead takes back an invitation nobody answered yet."""
    _set_status(participant, OPEN, ParticipationStatus.INGETROKKEN, answered_at=timezone.now())
    _audit(
        actor=actor,
        action="uitnodiging gezamenlijk plan ingetrokken",
        obj=participant,
        project=participant.project,
        detail={"gemeente": participant.gemeente.name},
    )
    return participant
