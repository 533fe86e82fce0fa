"""Pages of participatie in the veiligheidsanalyse: the list, add, edit and remove (with a
confirmation). Live pages for editors only; readers see participatie in published versions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from projects.forms import apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context

from . import participation as services
from .participation_forms import ParticipationForm


def _to_list(request):
    return redirect(
        "analysis:va_participatie",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
    )


def _form(request, **kwargs) -> ParticipationForm:
    project = request.project
    data = request.POST if request.method == "POST" else None
    return ParticipationForm(
        data,
        themes=services.theme_choices(project),
        areas=services.area_choices(project),
        **kwargs,
    )


def _saved(request, form, save) -> bool:
    """Validate, then save through the service; a refusal lands on the form's fields."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.values())
    except ValidationError as error:
        apply_validation_error(form, error)
        return False
    return True


@project_view(require=can_edit)
@require_GET
def participatie(request):
    return render(
        request,
        "analysis/narrative/participatie.html",
        tenant_context(request, participations=services.participations(request.project)),
    )


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def participatie_add(request):
    form = _form(request)
    if _saved(
        request,
        form,
        lambda values: services.participation_create(
            actor=request.user, project=request.project, **values
        ),
    ):
        messages.success(request, f"De participatie ‘{form.cleaned_data['title']}’ is vastgelegd.")
        return _to_list(request)
    return render(
        request,
        "analysis/narrative/participatie_form.html",
        tenant_context(request, form=form, participation=None),
    )


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def participatie_edit(request, participation_uuid):
    participation = services.participation_get(request.project, participation_uuid)
    form = _form(request, initial=ParticipationForm.initial_of(participation))
    if _saved(
        request,
        form,
        lambda values: services.participation_update(
            actor=request.user, project=request.project, participation=participation, **values
        ),
    ):
        messages.success(request, "De participatie is opgeslagen.")
        return _to_list(request)
    return render(
        request,
        "analysis/narrative/participatie_form.html",
        tenant_context(request, form=form, participation=participation),
    )


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def participatie_delete(request, participation_uuid):
    """GET asks for confirmation; POST removes."""
    participation = services.participation_get(request.project, participation_uuid)
    if request.method == "POST":
        services.participation_delete(
            actor=request.user, project=request.project, participation=participation
        )
        messages.success(request, f"De participatie ‘{participation.title}’ is verwijderd.")
        return _to_list(request)
    return render(
        request,
        "analysis/narrative/participatie_delete.html",
        tenant_context(request, participation=participation),
    )
