"""The traject page: timeline, next step, raad decisions with amendementen and moties,
planning."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects.confirm import Question, ask, confirmed
from projects.constants import KERNBELEID_STEPS
from projects.forms import add_validation_error_messages, apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context
from reports import vaststelling

from ..constants import DecisionKind
from . import selectors, services, transitions
from .forms import (
    AdvanceForm,
    AmendmentFormSet,
    DecisionForm,
    LightRouteForm,
    MotieDoneForm,
    MotieForm,
    PlanningForm,
    SendBackForm,
    amendments_from,
)
from .models import Motie, RaadDecision
from .raden import REJECT_SHARED, raad_status

AMENDMENT_PREFIX = "amendement"


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


def _awaiting(project, gemeente):
    """The version put to the raad (of ``gemeente``, whose URL this is) ter besluitvorming
    for the current step, and, when an adopted besluit would make it vastgesteld, the
    sentence the user must confirm."""
    step = project.current_step
    if step not in transitions.raad_steps_for(project.scope):
        return None, ""
    version = vaststelling.version_awaiting_decision(project, step, gemeente.pk)
    fixes = vaststelling.version_to_be_fixed(
        project,
        step=step,
        kind=DecisionKind.RAADSBESLUIT,
        outcome="aangenomen",
        gemeente_id=gemeente.pk,
    )
    if fixes is None:
        return version, ""
    label = vaststelling.next_final_label(fixes)
    return version, (
        f"Ik bevestig dat met dit raadsbesluit, als het is aangenomen (met of zonder "
        f"amendementen), {fixes} wordt vastgesteld als {label}. Dat is niet terug te draaien."
    )


def _decision_form(request, project, *args, **kwargs) -> DecisionForm:
    _version, confirm_label = _awaiting(project, request.access.gemeente)
    return DecisionForm(
        *args,
        step=project.current_step,
        confirm_label=confirm_label,
        joint=project.joint,
        **kwargs,
    )


def _timeline_context(request, project, **extra):
    step = project.current_step
    traject = selectors.traject_for(project)
    decisions = selectors.decisions_of(project)
    awaiting, _label = _awaiting(project, request.access.gemeente)
    context = tenant_context(
        request,
        traject=traject,
        steps=selectors.timeline(project, traject, decisions),
        blockers=selectors.blockers(project),
        transitions=selectors.transitions(project),
        raad_step=step in transitions.raad_steps_for(project.scope),
        next_step=transitions.next_step(
            step, scope=project.scope, light_route=traject.light_route, skips=traject.skipped
        ),
        awaiting_version=awaiting,
        raden=raad_status(project) if project.joint else None,
        vaststelling_step=step == vaststelling.VASTSTELLING_STEP,
        motie_tasks=selectors.open_motie_tasks(project),
        any_decisions=bool(decisions),
        can_edit=request.access.can_edit,
        today=timezone.localdate(),
    )
    if request.access.can_edit:
        context.update(
            advance_form=AdvanceForm(initial={"expected_step": step}),
            decision_form=_decision_form(request, project, initial={"expected_step": step}),
            amendment_formset=AmendmentFormSet(prefix=AMENDMENT_PREFIX),
            motie_form=MotieForm(decisions=decisions) if decisions else None,
            back_form=SendBackForm(
                initial={"expected_step": step},
                steps=selectors.route_choices(project, traject),
                before=step,
            ),
            planning_form=PlanningForm(
                records=project.step_records.all(),
                steps=selectors.route_choices(project, traject),
            ),
            light_form=LightRouteForm(
                initial={
                    "light_route": traject.light_route,
                    "skipped_steps": [str(step) for step in traject.skipped_steps or ()],
                }
            ),
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
        lambda target: f"Het project staat nu op stap {target}: {project.current_step_name}.",
    )
    return _back(request, project)


@project_view(require=can_edit)
@require_POST
def send_back(request):
    project = request.project
    # All twelve accepted here, so a step off the route gets the service's own refusal.
    form = SendBackForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Kies een eerdere stap en geef een reden.")
        return _back(request, project)
    if not confirmed(request):
        data = form.cleaned_data
        to_step = data["to_step"]
        return ask(
            request,
            Question(
                title="Terug naar een eerdere stap",
                question=f"Wilt u het project terugzetten van stap {data['expected_step']} "
                f"naar stap {to_step} ({dict(KERNBELEID_STEPS).get(to_step, '')})?",
                consequences=[
                    f"Het traject staat daarna op stap {to_step}; de stappen daarna worden "
                    "opnieuw doorlopen.",
                    f"De reden komt in het verloop van het traject: ‘{data['reason']}’.",
                    "Wat al geschreven, gemaakt of besloten is, blijft bewaard.",
                ],
                confirm_label="Ja, terugzetten",
                cancel_url=_back(request, project).url,
                undo_note="Vooruit gaat daarna weer stap voor stap, met de controles per stap.",
                fields={
                    "expected_step": str(data["expected_step"]),
                    "to_step": str(to_step),
                    "reason": data["reason"],
                },
            ),
        )
    _run(
        request,
        lambda: services.project_send_back(
            actor=request.user, project=project, **form.cleaned_data
        ),
        f"Het project is terug naar stap {form.cleaned_data['to_step']}.",
    )
    return _back(request, project)


def _decision_message(decision: RaadDecision) -> str:
    if decision.kind == DecisionKind.RAADSBESLUIT:
        text = f"Raadsbesluit {decision.number} is vastgelegd ({decision.get_outcome_display()})."
    else:
        text = f"{decision} is vastgelegd."
    final = decision.final_versions.first()
    if final is not None:
        text += f" {final} is gemaakt; de PDF en het Word-bestand worden aangemaakt."
    return text


@project_view(require=can_edit)
@require_POST
def decision_record(request):
    project = request.project
    form = _decision_form(request, project, request.POST, request.FILES)
    amendments = AmendmentFormSet(request.POST, prefix=AMENDMENT_PREFIX)
    if form.is_valid() and amendments.is_valid():
        data = form.cleaned_data
        try:
            decision = services.raad_decision_record(
                actor=request.user,
                project=project,
                expected_step=data["expected_step"],
                kind=data["kind"],
                decision_date=data["decision_date"],
                number=data["number"],
                outcome=data["outcome"],
                notes=data["notes"],
                document=data.get("document"),
                amendments=amendments_from(amendments),
                confirmed=data.get("confirmed", False),
                # In a joint plan each gemeente records its own raad's decision.
                gemeente=request.access.gemeente,
                rejection=data.get("rejection") or REJECT_SHARED,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _decision_message(decision))
            return _back(request, project)
    if request.FILES.get("document") and "document" not in form.errors:
        # A browser never sends a file again with a form shown again: say so.
        form.add_error("document", "Kies het besluitdocument opnieuw.")
    project.refresh_from_db()
    context = _timeline_context(request, project, decision_form=form, amendment_formset=amendments)
    return render(request, "kernbeleid/workflow/timeline.html", context, status=200)


@project_view(require=can_edit)
@require_POST
def motie_add(request):
    project = request.project
    decisions = selectors.decisions_of(project)
    form = MotieForm(request.POST, decisions=decisions)
    if form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("decision")
        decision = next(d for d in decisions if str(d.uuid) == chosen)
        try:
            motie = services.motie_add(actor=request.user, decision=decision, **data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            text = f"Motie {motie.number} is vastgelegd bij stap {motie.step}."
            if motie.is_task:
                deadline = date_format(motie.task_deadline, "j F Y")
                text += f" Het is een taak, uiterlijk klaar op {deadline}."
            messages.success(request, text)
            return _back(request, project)
    context = _timeline_context(request, project, motie_form=form)
    return render(request, "kernbeleid/workflow/timeline.html", context, status=200)


@project_view(require=can_edit)
@require_POST
def motie_done(request, motie_uuid):
    project = request.project
    motie = get_object_or_404(Motie, project=project, uuid=motie_uuid)
    form = MotieDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Schrijf op hoe de motie is afgehandeld.")
        return _back(request, project)
    _run(
        request,
        lambda: services.motie_task_done(
            actor=request.user, motie=motie, note=form.cleaned_data["note"]
        ),
        f"Motie {motie.number} is afgehandeld.",
    )
    return _back(request, project)


@project_view()
@require_GET
def decision_document(request, decision_uuid):
    project = request.project
    decision = get_object_or_404(RaadDecision, project=project, uuid=decision_uuid)
    if not decision.document:
        raise Http404("Bij dit besluit is geen document vastgelegd.")
    extension = decision.document.name.rsplit(".", 1)[-1]
    reference = decision.number or decision.date.isoformat()
    return FileResponse(
        decision.document.open("rb"),
        as_attachment=True,
        filename=f"{decision.kind}-{reference}.{extension}",
    )


@project_view(require=can_edit)
@require_http_methods(["POST"])
def planning(request):
    project = request.project
    form = PlanningForm(
        request.POST, records=project.step_records.all(), steps=selectors.route_choices(project)
    )
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
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request, project)
    _run(
        request,
        lambda: services.light_route_set(
            actor=request.user,
            project=project,
            light_route=form.cleaned_data.get("light_route", False),
            skipped_steps=[int(step) for step in form.cleaned_data.get("skipped_steps") or ()],
        ),
        "De route is opgeslagen.",
    )
    return _back(request, project)
