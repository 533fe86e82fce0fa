"""The traject page: timeline, next step, raad decisions, planning."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects.forms import add_validation_error_messages, apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context

from . import selectors, services, transitions
from .forms import AdvanceForm, DecisionForm, LightRouteForm, PlanningForm, SendBackForm
from .models import RaadDecision


def _run(request, call, success) -> None:
    """Call a workflow service; its refusal becomes messages on the timeline, its result the
    success message (a text, or a function of what the service returned)."""
    try:
        result = call()
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, success(result) if callable(success) else success)


def _back(request, project):
    return redirect(
        "kernbeleid:timeline", gemeente_slug=request.access.gemeente.slug, project_uuid=project.uuid
    )


@project_view(require=can_edit)
@require_GET
def timeline(request):
    return render(
        request, "kernbeleid/workflow/timeline.html", _timeline_context(request, request.project)
    )


def _timeline_context(request, project, **extra):
    step = project.current_step
    traject = selectors.traject_for(project)
    context = tenant_context(
        request,
        traject=traject,
        steps=selectors.timeline(project, traject),
        blockers=selectors.blockers(project),
        transitions=selectors.transitions(project),
        raad_step=step in transitions.RAAD_STEPS,
        next_step=transitions.next_step(step, scope=project.scope, light_route=traject.light_route),
        step_names=transitions.STEP_NAMES,
    )
    if request.access.can_edit:
        context.update(
            advance_form=AdvanceForm(initial={"expected_step": step}),
            decision_form=DecisionForm(initial={"expected_step": step}),
            back_form=SendBackForm(initial={"expected_step": step}),
            planning_form=PlanningForm(records=project.step_records.all()),
            light_form=LightRouteForm(initial={"light_route": traject.light_route}),
        )
    context.update(extra)
    return context


@project_view(require=can_edit)
@require_POST
def advance(request):
    project = request.project
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vernieuw de pagina en probeer het opnieuw.")
        return _back(request, project)
    _run(
        request,
        lambda: services.project_advance(
            actor=request.user, project=project, expected_step=form.cleaned_data["expected_step"]
        ),
        lambda target: f"Het project staat nu op stap {target}: {transitions.STEP_NAMES[target]}.",
    )
    return _back(request, project)


@project_view(require=can_edit)
@require_POST
def send_back(request):
    project = request.project
    form = SendBackForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Kies een eerdere stap en geef een reden.")
        return _back(request, project)
    _run(
        request,
        lambda: services.project_send_back(
            actor=request.user, project=project, **form.cleaned_data
        ),
        f"Het project is terug naar stap {form.cleaned_data['to_step']}.",
    )
    return _back(request, project)


@project_view(require=can_edit)
@require_POST
def decision_record(request):
    project = request.project
    form = DecisionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            decision = services.raad_decision_record(
                actor=request.user,
                project=project,
                expected_step=form.cleaned_data["expected_step"],
                decision_date=form.cleaned_data["decision_date"],
                number=form.cleaned_data["number"],
                outcome=form.cleaned_data["outcome"],
                notes=form.cleaned_data["notes"],
                document=form.cleaned_data.get("document"),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"Raadsbesluit {decision.number} is vastgelegd ({decision.get_outcome_display()}).",
            )
            return _back(request, project)
    project.refresh_from_db()
    context = _timeline_context(request, project, decision_form=form)
    return render(request, "kernbeleid/workflow/timeline.html", context, status=200)


@project_view()
@require_GET
def decision_document(request, decision_uuid):
    project = request.project
    decision = get_object_or_404(RaadDecision, project=project, uuid=decision_uuid)
    if not decision.document:
        raise Http404("Bij dit besluit is geen document vastgelegd.")
    return FileResponse(
        decision.document.open("rb"),
        as_attachment=True,
        filename=f"raadsbesluit-{decision.number}.{decision.document.name.rsplit('.', 1)[-1]}",
    )


@project_view(require=can_edit)
@require_http_methods(["POST"])
def planning(request):
    project = request.project
    form = PlanningForm(request.POST, records=project.step_records.all())
    if form.is_valid():
        _run(
            request,
            lambda: services.planning_save(
                actor=request.user, project=project, planned=form.planned()
            ),
            "De planning is opgeslagen.",
        )
    else:
        messages.error(request, "Vul geldige datums in (dd-mm-jjjj).")
    return _back(request, project)


@project_view(require=can_edit)
@require_POST
def light_route(request):
    project = request.project
    form = LightRouteForm(request.POST)
    form.is_valid()
    _run(
        request,
        lambda: services.light_route_set(
            actor=request.user,
            project=project,
            light_route=form.cleaned_data.get("light_route", False),
        ),
        "De route is opgeslagen.",
    )
    return _back(request, project)
