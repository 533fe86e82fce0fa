"""Pages for the werkgroep partners ("Mijn inbreng": input per theme, beleidsvragen put to
them, draagvlak per concept version) and the editors' partner tools (linking or inviting a
werkgroep member, putting a beleidsvraag to a partner). Partner pages are for the role
partner only: a raadslid gets 403 on each of them, a member of another gemeente 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects.constants import Role
from projects.forms import add_validation_error_messages, apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context

from ..products import selectors as products
from . import selectors, services
from .forms import (
    AssignForm,
    MemberInviteForm,
    MemberLinkForm,
    PartnerAnswerForm,
    PartnerInputForm,
    ReactionForm,
)

GET_POST = ["GET", "POST"]


def is_partner(role: Role) -> bool:
    return role == Role.PARTNER


partner_view = project_view(require=is_partner, post_allowed_for=is_partner)


def _to(request, name: str, **kwargs):
    return redirect(
        f"kernbeleid:{name}",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
        **kwargs,
    )


def _call(request, form, service, **arguments) -> bool:
    """Hand a valid form to `service`; a refusal lands on the form (what was typed stays)."""
    if not form.is_valid():
        return False
    try:
        service(actor=request.user, project=request.project, **arguments, **form.cleaned_data)
    except ValidationError as error:
        apply_validation_error(form, error)
        return False
    return True


# --- the partner's own pages -------------------------------------------------------------


@partner_view
@require_GET
def partner_home(request):
    project, user = request.project, request.user
    inputs = selectors.partner_inputs_by_theme(project, user)
    themes = [(theme, inputs.get(theme.pk)) for theme in selectors.partner_themes(project)]
    return render(
        request,
        "kernbeleid/partners/home.html",
        tenant_context(
            request,
            member=selectors.linked_member(project, user),
            organisation=selectors.organisation_label(project, user),
            themes=themes,
            questions=selectors.assigned_questions(project, user),
            versions=selectors.partner_versions(project, user),
        ),
    )


@partner_view
@require_http_methods(GET_POST)
def partner_theme_input(request, theme_uuid):
    project = request.project
    theme = selectors.partner_theme_get(project, theme_uuid)
    current = selectors.partner_input_for(theme, request.user)
    initial = (
        {name: getattr(current, name) for name in ("signals", "figures", "approach")}
        if current
        else {}
    )
    form = PartnerInputForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if _call(request, form, services.partner_input_save, theme=theme):
            messages.success(
                request, f"Uw inbreng over ‘{theme.name}’ is opgeslagen. De gemeente ziet hem."
            )
            return _to(request, "partner_home")
        messages.error(request, "Uw inbreng is niet opgeslagen; zie de melding bij het formulier.")
    return render(
        request,
        "kernbeleid/partners/theme_input.html",
        tenant_context(
            request,
            theme=theme,
            form=form,
            current=current,
            adoptions=current.adoptions.order_by("adopted_at") if current else [],
            organisation=selectors.organisation_label(project, request.user),
        ),
    )


@partner_view
@require_http_methods(GET_POST)
def partner_beleidsvraag(request, question_uuid):
    question = selectors.assigned_question_get(request.project, request.user, question_uuid)
    # The werkgroep's working answer stays theirs; the partner sees the answer they gave.
    own = question.answer if question.answered_by_id == request.user.pk else ""
    form = PartnerAnswerForm(
        request.POST if request.method == "POST" else None, initial={"answer": own}
    )
    if request.method == "POST":
        if _call(request, form, services.beleidsvraag_answer_by_partner, question=question):
            messages.success(request, "Uw antwoord is opgeslagen. De werkgroep ziet het.")
            return _to(request, "partner_home")
        messages.error(request, "Uw antwoord is niet opgeslagen; zie de melding bij het formulier.")
    return render(
        request,
        "kernbeleid/partners/beleidsvraag.html",
        tenant_context(request, question=question, form=form),
    )


@partner_view
@require_http_methods(GET_POST)
def partner_draagvlak(request, version_uuid):
    project = request.project
    version = selectors.reaction_version_get(project, request.user, version_uuid)
    reaction = selectors.reaction_for(version, request.user)
    closed = selectors.reaction_closed_reason(version, request.user)
    initial = {"verdict": reaction.verdict, "text": reaction.text} if reaction else {}
    form = ReactionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if _call(request, form, services.draagvlak_reaction_save, version=version):
            messages.success(
                request, f"Uw draagvlakreactie op {version} is vastgelegd. De gemeente ziet hem."
            )
            return _to(request, "partner_home")
        messages.error(request, "Uw reactie is niet vastgelegd; zie de melding bij het formulier.")
    return render(
        request,
        "kernbeleid/partners/draagvlak.html",
        tenant_context(
            request,
            version=version,
            reaction=reaction,
            closed=closed,
            form=None if closed else form,
            organisation=selectors.organisation_label(project, request.user),
        ),
    )


# --- the editors' tools --------------------------------------------------------------------


def assignable_partners(project):
    """The gemeente's partner accounts as users, for the choices of link and assign."""
    from accounts.models import User

    ids = selectors.partner_memberships(project).values_list("user", flat=True)
    return User.objects.filter(pk__in=ids).order_by("full_name", "email")


def _enqueue_invitation(request, membership) -> None:
    """Mail the invitation once the account is committed (projects' own invitation task)."""
    from projects import tasks

    uuid, domain, https = str(membership.uuid), request.get_host(), request.is_secure()
    transaction.on_commit(lambda: tasks.membership_send_invitation.delay(uuid, domain, https))


@project_view(require=can_edit)
@require_http_methods(GET_POST)
def werkgroep_account(request, member_uuid):
    """Link a werkgroep member to an existing partner account, or invite them (which makes
    the account, with the member's organisation, and mails the invitation)."""
    project = request.project
    member = products.werkgroep_member_get(project, member_uuid)
    accounts = assignable_partners(project)
    action = request.POST.get("action") if request.method == "POST" else None
    link_form = MemberLinkForm(request.POST if action == "link" else None, partners=accounts)
    invite_form = MemberInviteForm(request.POST if action == "invite" else None)
    if action == "link" and _call(
        request, link_form, services.werkgroep_member_link, member=member
    ):
        messages.success(request, f"{member.name} is gekoppeld aan een partneraccount.")
        return _to(request, "werkgroep")
    if action == "invite" and invite_form.is_valid():
        try:
            membership, created = services.werkgroep_member_invite(
                actor=request.user,
                project=project,
                member=member,
                email=invite_form.cleaned_data["email"],
            )
        except ValidationError as error:
            apply_validation_error(invite_form, error)
        else:
            if created:
                _enqueue_invitation(request, membership)
                messages.success(
                    request,
                    f"{member.name} is uitgenodigd: het partneraccount is aangemaakt en "
                    f"{membership.user.email} krijgt een e-mail om een wachtwoord te kiezen.",
                )
            else:
                messages.success(
                    request, f"{member.name} is gekoppeld aan {membership.user.email}."
                )
            return _to(request, "werkgroep")
    if request.method == "POST" and action not in ("link", "invite"):
        messages.error(request, "Kies koppelen aan een bestaand account of uitnodigen.")
    return render(
        request,
        "kernbeleid/partners/werkgroep_account.html",
        tenant_context(
            request,
            member=member,
            link_form=link_form,
            invite_form=invite_form,
            has_accounts=accounts.exists(),
        ),
    )


@project_view(require=can_edit)
@require_POST
def werkgroep_from_account(request, membership_uuid):
    """Put a partner account that is not in the werkgroep yet into it, linked."""
    membership = selectors.partner_memberships(request.project).filter(uuid=membership_uuid).first()
    if membership is None:
        messages.error(request, "Dit partneraccount bestaat niet (meer) in deze gemeente.")
        return _to(request, "werkgroep")
    try:
        member = services.werkgroep_member_from_account(
            actor=request.user, project=request.project, membership=membership
        )
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, f"{member.name} staat nu in de werkgroep.")
    return _to(request, "werkgroep")


@project_view(require=can_edit)
@require_POST
def beleidsvraag_assign(request, question_uuid):
    project = request.project
    question = selectors.question_get(project, question_uuid)
    form = AssignForm(request.POST, partners=assignable_partners(project), question=question)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("user", ["Kies een partner."])))
        return _to(request, "beleidsvragen")
    try:
        changed = services.beleidsvraag_assign(
            actor=request.user, project=project, question=question, **form.cleaned_data
        )
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        user = form.cleaned_data["user"]
        if not changed:
            messages.info(request, "Er is niets gewijzigd.")
        elif user:
            messages.success(
                request,
                f"De vraag is voorgelegd aan {user.display_name(request.access.gemeente)}.",
            )
        else:
            messages.success(request, "De vraag ligt weer bij de werkgroep.")
    return _to(request, "beleidsvragen")


def assign_context(project, groups) -> dict:
    """For the beleidsvragen page: per question the form to put it to a partner (editors)."""
    partners = assignable_partners(project)
    if not partners.exists():
        return {"assign_rows": [], "has_partner_accounts": False}
    rows = [
        (
            question,
            AssignForm(
                partners=partners, question=question, initial={"user": question.assigned_to_id}
            ),
        )
        for group in groups
        for question in group.questions
    ]
    return {"assign_rows": rows, "has_partner_accounts": True}
