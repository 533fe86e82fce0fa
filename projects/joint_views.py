"""Pages of joint plans: inviting gemeenten, answering an invitation, leaving (issue 19)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from . import joint
from .confirm import Question, ask, confirmed
from .constants import JOINT_LEAVE_BEFORE_STEP
from .forms import add_validation_error_messages, apply_validation_error
from .joint_forms import InviteForm
from .models import ProjectParticipant
from .permissions import can_edit, gemeente_view, project_view, tenant_context


def _project_page(request):
    return redirect(
        "projects:project_gemeenten",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
    )


def _lead_only(request) -> None:
    """Only the lead's side invites and withdraws: the plan is the lead's to share."""
    if request.access.gemeente.pk != request.project.gemeente_id:
        raise PermissionDenied("Alleen de penvoerder nodigt gemeenten uit.")


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def project_gemeenten(request):
    """The plan's gemeenten: the lead, who joined, who was invited; the lead invites here."""
    project = request.project
    is_lead = request.access.gemeente.pk == project.gemeente_id
    form = None
    if is_lead and project.current_step < JOINT_LEAVE_BEFORE_STEP:
        form = InviteForm(
            request.POST if request.method == "POST" else None,
            user=request.user,
            project=project,
        )
    elif request.method == "POST":
        _lead_only(request)
        raise PermissionDenied("Na stap 4 kan er geen gemeente meer bij.")
    if request.method == "POST" and form.is_valid():
        gemeente = form.cleaned_data["gemeente"]
        try:
            joint.participant_invite(actor=request.user, project=project, gemeente=gemeente)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"{gemeente.name} is uitgenodigd. Een ambtenaar van {gemeente.name} neemt de "
                "uitnodiging aan op de pagina van de gemeente.",
            )
            return _project_page(request)
    return render(
        request,
        "projects/project_gemeenten.html",
        tenant_context(
            request,
            is_lead=is_lead,
            form=form,
            participants=joint.participants(project) if is_lead else [],
            plan_gemeenten=joint.plan_gemeenten(project),
            own=joint.own_participation(project, request.access.gemeente),
            can_leave=project.current_step < JOINT_LEAVE_BEFORE_STEP,
        ),
    )


@project_view(require=can_edit)
@require_POST
def participant_withdraw(request, participant_uuid):
    _lead_only(request)
    participant = get_object_or_404(
        ProjectParticipant, project=request.project, uuid=participant_uuid
    )
    try:
        joint.participant_withdraw(actor=request.user, participant=participant)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, f"De uitnodiging aan {participant.gemeente.name} is ingetrokken.")
    return _project_page(request)


def _answer(request, participant_uuid, service, done: str):
    participant = joint.invitation_get(request.access.gemeente, participant_uuid)
    try:
        service(actor=request.user, participant=participant)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, done.format(plan=participant.project.name))
    return redirect("projects:gemeente_home", gemeente_slug=request.access.gemeente.slug)


@gemeente_view(require=can_edit)
@require_POST
def invitation_accept(request, participant_uuid):
    return _answer(
        request,
        participant_uuid,
        joint.participant_accept,
        "Uw gemeente doet mee aan ‘{plan}’. Uw collega's en raadsleden vinden het plan nu "
        "bij de projecten.",
    )


@gemeente_view(require=can_edit)
@require_POST
def invitation_decline(request, participant_uuid):
    return _answer(
        request,
        participant_uuid,
        joint.participant_decline,
        "U heeft de uitnodiging voor ‘{plan}’ afgewezen.",
    )


@gemeente_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def participation_leave(request, participant_uuid):
    gemeente = request.access.gemeente
    participant = joint.invitation_get(gemeente, participant_uuid)
    if not confirmed(request):
        return ask(
            request,
            Question(
                title="Stoppen met het gezamenlijke plan",
                question=f"Wilt u dat {gemeente.name} stopt met ‘{participant.project.name}’?",
                consequences=[
                    f"De leden van {gemeente.name} kunnen het plan niet meer openen.",
                    f"Het plan gaat verder met de andere gemeenten; penvoerder is "
                    f"{participant.project.gemeente.name}.",
                    "Wilt u later weer meedoen, dan nodigt de penvoerder u opnieuw uit.",
                ],
                confirm_label="Ja, stoppen",
                cancel_url=reverse("projects:gemeente_home", args=[gemeente.slug]),
            ),
        )
    return _answer(
        request,
        participant_uuid,
        joint.participant_leave,
        "Uw gemeente doet niet meer mee aan ‘{plan}’.",
    )
