"""The page where an editor links the old wijk codes of a gemeente to its new ones after a
herindeling. Only editors reach it; the broken series are on the theme and police pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from projects.confirm import Question, ask, confirmed
from projects.forms import add_validation_error_messages, apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context

from . import area_link_selectors as selectors
from .area_link_forms import AreaLinkForm
from .services import area_links as services


def _form(request, state: selectors.Indeling, data=None) -> AreaLinkForm:
    """Old candidates first, then every other wijk: a code can also continue unchanged."""
    wijken = [row.area for row in state.wijken]

    def first(areas):
        return areas + [area for area in wijken if area not in areas]

    return AreaLinkForm(data, old=first(state.old_unlinked), new=first(state.new_unlinked))


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def area_links(request):
    gemeente = request.access.gemeente
    state = selectors.indeling(gemeente)
    form = _form(request, state, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.area_links_create(
                actor=request.user,
                project=request.project,
                kind=form.cleaned_data["kind"],
                old_codes=form.cleaned_data["old"],
                new_codes=form.cleaned_data["new"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, "De koppeling is opgeslagen; reeksen over deze wijken tonen nu een breuk."
            )
            return _redirect(request)
    return render(
        request,
        "analysis/figures/area_links.html",
        tenant_context(request, state=state, changes=selectors.area_changes(gemeente), form=form),
    )


@project_view(require=can_edit)
@require_POST
def area_link_delete(request):
    old, new = request.POST.get("old", "")[:10], request.POST.get("new", "")[:10]
    change = selectors.area_change_of(request.access.gemeente, old, new)
    if change is None:
        messages.error(request, "Deze koppeling bestaat niet (meer).")
        return _redirect(request)
    if not confirmed(request):
        return ask(
            request,
            Question(
                title="Koppeling verwijderen",
                question=f"Wilt u deze wijziging van de wijkindeling verwijderen: {change.what}?",
                consequences=[
                    f"Alle koppelingen van deze wijziging ({len(change.links)}) verdwijnen.",
                    "Cijfers over de jaren volgen deze wijken dan niet meer van de oude naar "
                    "de nieuwe indeling.",
                ],
                confirm_label="Ja, verwijderen",
                cancel_url=_redirect(request).url,
                fields={"old": old, "new": new},
            ),
        )
    try:
        count = services.area_link_delete(
            actor=request.user,
            project=request.project,
            old_code=request.POST.get("old", "")[:10],
            new_code=request.POST.get("new", "")[:10],
        )
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(
            request, f"De koppeling is verwijderd ({count} {'regel' if count == 1 else 'regels'})."
        )
    return _redirect(request)


def _redirect(request):
    return redirect(
        "analysis:area_links",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
    )
