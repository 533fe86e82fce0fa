"""Pages of the raadsvoorstel: the four occasions with their status, and per occasion the
parts with the draft beside each. Editing roles only: a raadslid reads the voorstel once a
version of it is published to the raad (reports)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects.forms import add_validation_error_messages, apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context
from reports import services as report_services
from reports.constants import DocumentKind, RaadsvoorstelOccasion

from . import selectors, services
from .drafting import FIELDS
from .forms import RaadsvoorstelForm


def _occasion(occasion: str) -> RaadsvoorstelOccasion:
    if occasion not in RaadsvoorstelOccasion.values:
        raise Http404("Dit raadsvoorstel bestaat niet.")
    return RaadsvoorstelOccasion(occasion)


def _to_edit(request, occasion: str):
    return redirect(
        "kernbeleid:raadsvoorstel",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
        occasion=occasion,
    )


@project_view(require=can_edit)
@require_GET
def raadsvoorstel_list(request):
    return render(
        request,
        "kernbeleid/products/raadsvoorstel_list.html",
        tenant_context(request, rows=selectors.occasions(request.project)),
    )


def _page(request, occasion, form, status=200):
    voorstel = selectors.raadsvoorstel_for(request.project, occasion)
    draft = voorstel.draft or {}
    parts = [
        {
            "field": form[name],
            "name": name,
            "draft": draft.get(name, ""),
            "written": bool(getattr(voorstel, name).strip()),
        }
        for name in FIELDS
    ]
    return render(
        request,
        "kernbeleid/products/raadsvoorstel.html",
        tenant_context(
            request,
            occasion=occasion,
            voorstel=voorstel,
            form=form,
            college_fields=[form["college_date"], form["college_number"]],
            parts=parts,
            empty_with_draft=any(p["draft"] and not p["written"] for p in parts),
        ),
        status=status,
    )


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def raadsvoorstel(request, occasion):
    occasion = _occasion(occasion)
    if request.method == "GET":
        voorstel = selectors.raadsvoorstel_for(request.project, occasion)
        initial = model_to_dict(voorstel, fields=[*FIELDS, "college_date", "college_number"])
        return _page(request, occasion, RaadsvoorstelForm(initial=initial))
    form = RaadsvoorstelForm(request.POST)
    if form.is_valid():
        try:
            services.raadsvoorstel_save(
                actor=request.user,
                project=request.project,
                occasion=occasion,
                texts=form.texts(),
                college_date=form.cleaned_data["college_date"],
                college_number=form.cleaned_data["college_number"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "Het raadsvoorstel is opgeslagen.")
            return _to_edit(request, occasion)
    return _page(request, occasion, form, status=200)


@project_view(require=can_edit)
@require_POST
def raadsvoorstel_redraft(request, occasion):
    occasion = _occasion(occasion)
    try:
        services.raadsvoorstel_draft(request.project, occasion, actor=request.user)
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        messages.success(
            request, "Het concept is opnieuw opgesteld; wat u zelf schreef, is bewaard."
        )
    return _to_edit(request, occasion)


@project_view(require=can_edit)
@require_POST
def raadsvoorstel_adopt(request, occasion):
    """Take the draft over: of one part (``veld``), or of every empty part."""
    occasion = _occasion(occasion)
    field = request.POST.get("veld", "")
    if field and field not in FIELDS:
        messages.error(request, "Kies een onderdeel van het raadsvoorstel.")
        return _to_edit(request, occasion)
    try:
        taken = services.raadsvoorstel_adopt_draft(
            actor=request.user,
            project=request.project,
            occasion=occasion,
            fields=[field] if field else None,
        )
    except ValidationError as error:
        add_validation_error_messages(request, error)
    else:
        if taken:
            messages.success(request, "Het concept is overgenomen; u kunt het nu aanpassen.")
        else:
            messages.info(request, "Er was geen leeg onderdeel met een concept.")
    return _to_edit(request, occasion)


@project_view(require=can_edit)
@require_POST
def raadsvoorstel_version(request, occasion):
    """Make a version of the voorstel (the render pipeline's version_for) and go to it."""
    occasion = _occasion(occasion)
    try:
        version = report_services.version_for(
            actor=request.user,
            project=request.project,
            document=DocumentKind.RAADSVOORSTEL,
            part=occasion,
        )
    except ValidationError as error:
        add_validation_error_messages(request, error)
        return _to_edit(request, occasion)
    return redirect(
        "reports:version",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
        version_uuid=version.uuid,
    )
