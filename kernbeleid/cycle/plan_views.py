"""Pages of the evaluation of the previous plan and of the actualisatie after two years:
editors only (a raadslid reads the kadernota versions once published, never these drafts)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from projects.permissions import project_view, tenant_context

from . import actualisatie as services
from .evaluation import current_evaluation, evaluation_draft
from .models import EvaluationDraft
from .plan_forms import (
    MODE_CHOICES,
    PRIORITY_CHOICES,
    ActualisatieRaadForm,
    priority_changes_from,
)


def _to(request, name):
    project = request.project
    return redirect(name, gemeente_slug=project.gemeente.slug, project_uuid=project.uuid)


@project_view(require=lambda role: role.can_edit)
@require_GET
def evaluation(request):
    project = request.project
    draft = EvaluationDraft.objects.filter(
        project=project, predecessor_id=project.predecessor_id
    ).first()
    return render(
        request,
        "kernbeleid/cycle/evaluation.html",
        tenant_context(request, content=current_evaluation(project), draft=draft),
    )


@project_view(require=lambda role: role.can_edit)
@require_POST
def evaluation_redraft(request):
    if evaluation_draft(project=request.project, actor=request.user) is None:
        messages.error(request, "Dit project noemt geen vorig plan: er is niets te evalueren.")
    else:
        messages.success(request, "De evaluatie van het vorige plan is opnieuw opgesteld.")
    return _to(request, "kernbeleid:evaluation")


def _actualisatie_page(request, *, raad_form=None, errors=None, posted=None):
    project = request.project
    actualisatie = services.current_actualisatie(project)
    priorities, others = services.theme_choices(project)
    stored = (
        {change.theme_id: change for change in actualisatie.priority_changes.all()}
        if actualisatie
        else {}
    )
    posted = posted or {}

    def line(theme):
        change = stored.get(theme.id)
        return {
            "theme": theme,
            "change": posted.get(f"change_{theme.uuid}") or (change.change if change else ""),
            "added": bool(posted.get(f"add_{theme.uuid}")) or bool(change),
            "reason": posted.get(f"reason_{theme.uuid}", change.reason if change else ""),
        }

    initial = {}
    if actualisatie is not None:
        initial = {
            "raad_date": actualisatie.raad_date,
            "raad_reference": actualisatie.raad_reference,
            "raad_outcome": actualisatie.raad_outcome,
        }
    return render(
        request,
        "kernbeleid/cycle/actualisatie.html",
        tenant_context(
            request,
            actualisatie=actualisatie,
            goals=services.goals_so_far(project),
            priority_lines=[line(theme) for theme in priorities],
            other_lines=[line(theme) for theme in others],
            priority_choices=PRIORITY_CHOICES,
            mode_choices=MODE_CHOICES,
            raad_form=raad_form or ActualisatieRaadForm(initial=initial),
            errors=errors or [],
        ),
        status=400 if errors else 200,
    )


@project_view(require=lambda role: role.can_edit)
@require_GET
def actualisatie(request):
    return _actualisatie_page(request)


@project_view(require=lambda role: role.can_edit)
@require_POST
def actualisatie_start(request):
    services.actualisatie_start(actor=request.user, project=request.project)
    messages.success(request, "De actualisatie is gestart.")
    return _to(request, "kernbeleid:actualisatie")


def _open(request):
    actualisatie = services.current_actualisatie(request.project)
    if actualisatie is None or actualisatie.completed_at is not None:
        return None
    return actualisatie


@project_view(require=lambda role: role.can_edit)
@require_POST
def actualisatie_priorities(request):
    actualisatie = _open(request)
    if actualisatie is None:
        messages.error(request, "Start eerst een actualisatie.")
        return _to(request, "kernbeleid:actualisatie")
    priorities, others = services.theme_choices(request.project)
    try:
        services.actualisatie_priorities_set(
            actor=request.user,
            actualisatie=actualisatie,
            mode=request.POST.get("mode", ""),
            reason=request.POST.get("reason", ""),
            changes=priority_changes_from(request.POST, priorities, others),
        )
    except ValidationError as error:
        return _actualisatie_page(request, errors=error.messages, posted=request.POST)
    messages.success(request, "De prioriteiten van de actualisatie zijn opgeslagen.")
    return _to(request, "kernbeleid:actualisatie")


@project_view(require=lambda role: role.can_edit)
@require_POST
def actualisatie_version(request):
    actualisatie = _open(request)
    if actualisatie is None:
        messages.error(request, "Start eerst een actualisatie.")
        return _to(request, "kernbeleid:actualisatie")
    version = services.actualisatie_version_make(actor=request.user, actualisatie=actualisatie)
    messages.success(request, f"De actualisatieversie is gemaakt: kadernota {version.label}.")
    return _to(request, "kernbeleid:actualisatie")


@project_view(require=lambda role: role.can_edit)
@require_POST
def actualisatie_raad(request):
    actualisatie = _open(request)
    form = ActualisatieRaadForm(request.POST)
    if actualisatie is None:
        messages.error(request, "Er is geen lopende actualisatie.")
        return _to(request, "kernbeleid:actualisatie")
    if form.is_valid():
        try:
            services.actualisatie_raad_record(
                actor=request.user,
                actualisatie=actualisatie,
                date=form.cleaned_data["raad_date"],
                reference=form.cleaned_data["raad_reference"],
                outcome=form.cleaned_data["raad_outcome"],
            )
        except ValidationError as error:
            return _actualisatie_page(request, raad_form=form, errors=error.messages)
        messages.success(request, "De behandeling door de raad is vastgelegd.")
        return _to(request, "kernbeleid:actualisatie")
    return _actualisatie_page(request, raad_form=form, errors=["Controleer de datum."])
