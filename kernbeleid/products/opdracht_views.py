"""The opdracht page of an analysis-only project: the opdracht, the agreed outline, the
delivery (after a confirmation that names the version) and the aftercare."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from projects.confirm import Question, ask, confirmed
from projects.constants import ProjectScope
from projects.forms import add_validation_error_messages, apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context
from reports.constants import DocumentKind
from reports.outline import day_text, outline_current

from . import opdracht as service
from .opdracht_forms import DeliveryConfirmForm, DeliveryForm, OpdrachtForm


def _back(request):
    return redirect(
        "kernbeleid:opdracht",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
    )


def _page(request, *, opdracht_form=None, delivery_form=None, status=200):
    project = request.project
    opdracht = service.opdracht_for(project)
    analyse_only = project.scope == ProjectScope.ANALYSE
    aftercare = service.aftercare_state(project)
    if analyse_only and opdracht_form is None:
        opdracht_form = OpdrachtForm(
            initial={
                "opdrachtgever": opdracht.opdrachtgever,
                "commissioned_on": opdracht.commissioned_on,
                "deliverables": opdracht.deliverables,
                "aftercare_months": opdracht.aftercare_months,
            }
        )
    can_deliver = (
        analyse_only
        and aftercare is None
        and project.current_step == service.DELIVERY_STEP
        and service.deliverable_versions(project).exists()
    )
    if can_deliver and delivery_form is None:
        delivery_form = DeliveryForm(project=project)
    context = tenant_context(
        request,
        analyse_only=analyse_only,
        opdracht=opdracht,
        opdracht_missing=service.opdracht_missing(opdracht) if opdracht.pk else None,
        outlines=[
            (kind, label, outline_current(project, kind))
            for kind, label in DocumentKind.choices
            if analyse_only is False or kind == DocumentKind.ANALYSE
        ],
        opdracht_form=opdracht_form if analyse_only else None,
        delivery_form=delivery_form if can_deliver else None,
        aftercare=aftercare,
        delivery_step=service.DELIVERY_STEP,
        not_analyse_only=service.NOT_ANALYSE_ONLY,
    )
    return render(request, "kernbeleid/opdracht/page.html", context, status=status)


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def opdracht(request):
    if request.method == "GET":
        return _page(request)
    form = OpdrachtForm(request.POST)
    if form.is_valid():
        try:
            service.opdracht_save(actor=request.user, project=request.project, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "De opdracht is vastgelegd.")
            return _back(request)
    return _page(request, opdracht_form=form)


@project_view(require=can_edit)
@require_POST
def deliver(request):
    """Two posts: the choice, then the confirmation that names the version."""
    project = request.project
    form = DeliveryForm(request.POST, project=project)
    if not form.is_valid():
        return _page(request, delivery_form=form)
    version = form.cleaned_data["version"]
    confirm = DeliveryConfirmForm(
        request.POST if "bevestigen" in request.POST else None, version=version
    )
    if not confirm.is_bound or not confirm.is_valid():
        return render(
            request,
            "kernbeleid/opdracht/confirm.html",
            tenant_context(request, form=form, confirm_form=confirm, version=version),
        )
    try:
        delivery = service.analysis_deliver(
            actor=request.user,
            project=project,
            version=version,
            delivered_on=form.cleaned_data["delivered_on"],
            delivered_to=form.cleaned_data["delivered_to"],
        )
    except ValidationError as error:
        apply_validation_error(form, error)
        return _page(request, delivery_form=form)
    messages.success(
        request,
        f"De analyse is opgeleverd als {delivery.version.label}. De nazorg loopt tot en met "
        f"{day_text(delivery.aftercare_until)}.",
    )
    return _back(request)


@project_view(require=can_edit)
@require_POST
def aftercare_end(request):
    state = service.aftercare_state(request.project)
    if state is not None and state.open and not confirmed(request):
        return ask(
            request,
            Question(
                title="Nazorg beëindigen",
                question="Wilt u de nazorg op de opgeleverde analyse nu beëindigen?",
                consequences=[
                    "De gemeente kan daarna geen nieuwe vragen meer stellen bij de opgeleverde "
                    f"versie ({state.delivery.version.label}).",
                    "Gestelde vragen en gegeven antwoorden blijven zichtbaar."
                    + (
                        f" Er {'staat' if state.unanswered == 1 else 'staan'} nog "
                        f"{state.unanswered} {'vraag' if state.unanswered == 1 else 'vragen'} "
                        "zonder antwoord."
                        if state.unanswered
                        else ""
                    ),
                    f"Zonder beëindigen loopt de nazorg tot en met {day_text(state.end)}.",
                ],
                confirm_label="Ja, nazorg beëindigen",
                cancel_url=_back(request).url,
            ),
        )
    try:
        delivery = service.aftercare_end_now(actor=request.user, project=request.project)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(
            request, f"De nazorg is beëindigd op {day_text(service.aftercare_end(delivery))}."
        )
    return _back(request)
