"""The upload of BBV figures from waarstaatjegemeente.nl (a gemeente without a 47018NED file)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from projects.forms import apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context

from .bbv import bbv_definitions
from .bbv_forms import BbvUploadForm
from .services.bbv_figures import bbv_figures_import


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def bbv_upload(request):
    project = request.project
    posted = request.method == "POST"
    form = BbvUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            summary = bbv_figures_import(
                actor=request.user, project=project, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            years = ", ".join(str(year) for year in summary["years"])
            messages.success(request, f"{summary['figures']} BBV-cijfers ingelezen ({years}).")
            for note in summary["notes"]:
                messages.info(request, note)
            return redirect(
                "analysis:crime",
                gemeente_slug=request.access.gemeente.slug,
                project_uuid=project.uuid,
            )
    context = tenant_context(request, form=form, definitions=bbv_definitions().values())
    return render(request, "analysis/figures/bbv_upload.html", context)
