"""Pages where an editor keeps the gemeente's own survey areas: kernen, wijkgroepen and
buurtgroepen. Only editors reach them; the figures per area are on the theme and indicator
pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from projects.confirm import Question, ask, confirmed
from projects.forms import add_validation_error_messages, apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context

from ..params import OWN_AREA_CODE, well_formed
from . import selectors
from .area_forms import OwnAreaForm
from .services import own_areas as services
from .services.own_area_figures import own_area_figures_request

NOT_FOUND = "Dit eigen gebied bestaat niet."


def _list_redirect(request):
    return redirect(
        "analysis:own_areas",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
    )


def _area(request, code: str):
    return selectors.own_area_get(
        request.access.gemeente, well_formed(code, OWN_AREA_CODE, NOT_FOUND)
    )


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def own_areas(request):
    form = OwnAreaForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            area = services.own_area_define(
                actor=request.user, project=request.project, **form.service_arguments()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"{_capital(area.label)} is vastgelegd. {_when(request)}")
            return _list_redirect(request)
    return render(
        request,
        "analysis/figures/own_areas.html",
        tenant_context(
            request,
            rows=selectors.own_areas_with_years(request.project, request.access.gemeente),
            has_editions=request.project.editions.exists(),
            # Recomputing reads each edition's raw file; deleted ones are skipped (raw_files).
            deleted_editions=request.project.editions.filter(
                import_run__file_deleted_at__isnull=False
            ).select_related("import_run"),
            form=form,
        ),
    )


def _when(request) -> str:
    """When the figures of a new or redefined area come (services.own_areas starts it)."""
    if request.project.editions.exists():
        return (
            "De cijfers van de ingelezen edities worden nu op de achtergrond berekend; ververs "
            "deze pagina over een ogenblik."
        )
    return "De cijfers worden berekend wanneer een editie wordt ingelezen."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@project_view(require=can_edit)
@require_POST
def own_area_figures(request):
    own_area_figures_request(actor=request.user, project=request.project)
    messages.success(
        request,
        "De cijfers van de eigen gebieden worden opnieuw berekend uit de ingelezen bestanden. "
        "Ververs deze pagina over een ogenblik.",
    )
    return _list_redirect(request)


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def own_area_edit(request, code):
    area = _area(request, code)
    initial = {"name": area.name, "kind": area.kind, "members": "\n".join(area.members)}
    form = OwnAreaForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            removed = services.own_area_update(
                actor=request.user, project=request.project, area=area, **form.service_arguments()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "Het gebied is opgeslagen.")
            if removed:
                messages.warning(
                    request,
                    "De cijfers van dit gebied hoorden bij de oude indeling en zijn verwijderd. "
                    + _when(request),
                )
            return _list_redirect(request)
    return render(
        request,
        "analysis/figures/own_area_edit.html",
        tenant_context(request, area=area, form=form),
    )


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def own_area_delete(request, code):
    area = _area(request, code)
    label = area.label
    if not confirmed(request):
        return ask(
            request,
            Question(
                title="Eigen gebied verwijderen",
                question=f"Wilt u {label} verwijderen?",
                consequences=[
                    "Het gebied en zijn berekende cijfers verdwijnen uit alle projecten van "
                    "de gemeente.",
                    "Eerder gemaakte versies van rapporten houden ze.",
                ],
                confirm_label="Ja, verwijderen",
                cancel_url=_list_redirect(request).url,
            ),
        )
    try:
        services.own_area_delete(actor=request.user, project=request.project, area=area)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(request, f"{_capital(label)} is verwijderd, met de cijfers.")
    return _list_redirect(request)
