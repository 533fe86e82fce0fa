"""Writes of the werkgroep partners: linking a werkgroep member to a partner account (or
inviting them, which makes the account), the partner's own input per theme, beleidsvragen put
to a partner and answered by them, and a partner's draagvlak reaction to a concept version.
Each checks its own rules, runs in one transaction and audits itself."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from analysis.models import AnalysisTheme, PartnerInput
from analysis.narrative.constants import PartnerInputField
from projects.constants import Role
from projects.models import Membership, Project
from projects.services import audit_record, membership_add
from reports.models import ReportVersion

from ..constants import Verdict
from ..products.models import BeleidsvraagAnswer, DraagvlakReaction, WerkgroepMember
from . import selectors

INPUT_MAX = 10_000
ANSWER_MAX = 10_000
REACTION_MAX = 10_000


def _partner_membership(project: Project, user) -> Membership | None:
    return Membership.objects.filter(
        user=user, gemeente=project.gemeente, role=Role.PARTNER
    ).first()


def _label(project: Project, user) -> str:
    return user.display_name(project.gemeente)


# --- the werkgroep and accounts --------------------------------------------------------------


@transaction.atomic
def werkgroep_member_link(
    *, actor, project: Project, member: WerkgroepMember, user
) -> WerkgroepMember:
    """Link a werkgroep member to one of the gemeente's partner accounts."""
    if member.project_id != project.pk:
        raise ValidationError("Dit werkgroeplid hoort niet bij dit project.")
    if user is None or _partner_membership(project, user) is None:
        raise ValidationError({"user": "Kies een partneraccount van deze gemeente."})
    other = project.werkgroep.filter(user=user).exclude(pk=member.pk).first()
    if other is not None:
        raise ValidationError(
            {"user": f"Dit account is al gekoppeld aan {other.name} in deze werkgroep."}
        )
    if member.user_id == user.pk:
        return member
    member.user = user
    member.save(update_fields=["user"])
    audit_record(
        actor=actor,
        action="werkgroeplid gekoppeld aan account",
        obj=member,
        project=project,
        detail={"lid": member.name, "account": user.email},
    )
    return member


@transaction.atomic
def werkgroep_member_invite(
    *, actor, project: Project, member: WerkgroepMember, email: str
) -> tuple[Membership, bool]:
    """Invite a werkgroep member: make their partner account in the gemeente (with the
    member's organisation), and link the member. Returns the membership and whether the
    account is new; the caller mails the invitation after the commit."""
    if member.project_id != project.pk:
        raise ValidationError("Dit werkgroeplid hoort niet bij dit project.")
    if member.user_id:
        raise ValidationError("Dit werkgroeplid heeft al een account.")
    organisation = member.organisation_name.strip() or member.get_organisation_display()
    membership, created = membership_add(
        actor=actor,
        gemeente=project.gemeente,
        email=email,
        role=Role.PARTNER,
        organisation=organisation[:100],
        full_name=member.name,
    )
    werkgroep_member_link(actor=actor, project=project, member=member, user=membership.user)
    return membership, created


@transaction.atomic
def werkgroep_member_from_account(
    *, actor, project: Project, membership: Membership
) -> WerkgroepMember:
    """Put a partner account that is not in the werkgroep yet into it, linked."""
    if membership.gemeente_id != project.gemeente_id or membership.role != Role.PARTNER:
        raise ValidationError("Kies een partneraccount van deze gemeente.")
    if project.werkgroep.filter(user=membership.user).exists():
        raise ValidationError("Dit account staat al in de werkgroep.")
    organisation, own_name = selectors.organisation_for_account(membership.organisation)
    member = WerkgroepMember.objects.create(
        project=project,
        name=(membership.user.full_name or membership.user.email)[:150],
        organisation=organisation,
        organisation_name=own_name[:150],
        user=membership.user,
    )
    audit_record(
        actor=actor,
        action="werkgroeplid toegevoegd",
        obj=member,
        project=project,
        detail={"naam": member.name, "account": membership.user.email},
    )
    return member


# --- a partner's input per theme -----------------------------------------------------------


def _plain(value: str, label: str, limit: int) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise ValidationError(
            {label: f"Houd dit op hooguit {limit} tekens (nu {len(text)}); kort het in."}
        )
    return text


@transaction.atomic
def partner_input_save(
    *,
    actor,
    project: Project,
    theme: AnalysisTheme,
    signals: str = "",
    figures: str = "",
    approach: str = "",
) -> PartnerInput:
    """The partner's own input on a theme, in their organisation's name (plain text)."""
    if _partner_membership(project, actor) is None:
        raise PermissionDenied("Alleen partners in de werkgroep geven inbreng.")
    if theme.field.project_id != project.pk:
        raise ValidationError("Dit thema hoort niet bij dit project.")
    values = {
        name: _plain(value, name, INPUT_MAX)
        for name, value in (("signals", signals), ("figures", figures), ("approach", approach))
    }
    current = PartnerInput.objects.select_for_update().filter(theme=theme, author=actor).first()
    if current is None and not any(values.values()):
        raise ValidationError(
            "Vul ten minste één van signalen, eigen cijfers of huidige aanpak in."
        )
    organisation = selectors.organisation_label(project, actor)[:150]
    if current is None:
        current = PartnerInput.objects.create(
            theme=theme,
            author=actor,
            author_label=_label(project, actor),
            organisation=organisation,
            **values,
        )
        changed = [name for name, value in values.items() if value]
    else:
        changed = [name for name, value in values.items() if getattr(current, name) != value]
        if not changed:
            return current
        for name, value in values.items():
            setattr(current, name, value)
        current.organisation = organisation
        current.author_label = _label(project, actor)
        current.save()
    audit_record(
        actor=actor,
        action="inbreng partner opgeslagen",
        obj=current,
        project=project,
        detail={
            "thema": theme.name,
            "velden": [PartnerInputField(name).label for name in changed],
        },
    )
    return current


# --- beleidsvragen put to a partner ---------------------------------------------------------


@transaction.atomic
def beleidsvraag_assign(
    *, actor, project: Project, question: BeleidsvraagAnswer, user=None
) -> bool:
    """Put a beleidsvraag to a partner (or take it back with None); True when it changed."""
    if question.project_id != project.pk:
        raise ValidationError("Deze beleidsvraag hoort niet bij dit project.")
    if user is not None and _partner_membership(project, user) is None:
        raise ValidationError({"user": "Kies een partner van deze gemeente."})
    if question.assigned_to_id == (user.pk if user else None):
        return False
    before = question.assigned_to.email if question.assigned_to_id else ""
    question.assigned_to = user
    question.save(update_fields=["assigned_to"])
    audit_record(
        actor=actor,
        action="beleidsvraag voorgelegd aan partner" if user else "beleidsvraag teruggenomen",
        obj=question,
        project=project,
        detail={"vraag": question.question, "van": before, "naar": user.email if user else ""},
    )
    return True


@transaction.atomic
def beleidsvraag_answer_by_partner(
    *, actor, project: Project, question: BeleidsvraagAnswer, answer: str
) -> BeleidsvraagAnswer:
    """The partner's answer to a question put to them: who and when are kept beside it."""
    current = BeleidsvraagAnswer.objects.select_for_update().get(pk=question.pk)
    if current.project_id != project.pk or current.assigned_to_id != actor.pk:
        raise PermissionDenied("Deze beleidsvraag is niet aan u voorgelegd.")
    text = _plain(answer, "answer", ANSWER_MAX)
    if not text:
        raise ValidationError({"answer": "Schrijf uw antwoord."})
    if text == current.answer and current.answered_by_id == actor.pk:
        return current
    current.answer = text
    current.answered_by = actor
    current.answered_at = timezone.now()
    current.save(update_fields=["answer", "answered_by", "answered_at"])
    audit_record(
        actor=actor,
        action="beleidsvraag beantwoord door partner",
        obj=current,
        project=project,
        detail={"vraag": current.question},
    )
    return current


# --- draagvlak per concept version (step 8) --------------------------------------------------


@transaction.atomic
def draagvlak_reaction_save(
    *, actor, project: Project, version: ReportVersion, verdict: str, text: str = ""
) -> DraagvlakReaction:
    """The partner's own reaction to a concept version published to them; one per partner
    per version, changeable while the version is the latest concept and its consultation
    (if any) is open."""
    if _partner_membership(project, actor) is None:
        raise PermissionDenied("Alleen partners geven een draagvlakreactie.")
    selectors.reaction_version_get(project, actor, version.uuid)  # published to them
    closed = selectors.reaction_closed_reason(version, actor)
    if closed:
        raise ValidationError(closed)
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": "Kies akkoord, akkoord met opmerkingen of niet akkoord."})
    text = _plain(text, "text", REACTION_MAX)
    if verdict != Verdict.AKKOORD and not text:
        raise ValidationError(
            {
                "text": f"Bij ‘{Verdict(verdict).label}’ hoort een toelichting: schrijf uw "
                "opmerkingen of bezwaren."
            }
        )
    reaction = (
        DraagvlakReaction.objects.select_for_update().filter(version=version, author=actor).first()
    )
    before = reaction.get_verdict_display() if reaction else ""
    if reaction is None:
        reaction = DraagvlakReaction(version=version, author=actor)
    elif (reaction.verdict, reaction.text) == (verdict, text):
        return reaction
    reaction.author_label = _label(project, actor)
    reaction.organisation = selectors.organisation_label(project, actor)[:150]
    reaction.verdict = verdict
    reaction.text = text
    reaction.save()
    audit_record(
        actor=actor,
        action="draagvlakreactie vastgelegd",
        obj=reaction,
        project=project,
        detail={"versie": str(version), "van": before, "naar": Verdict(verdict).label},
    )
    return reaction
