"""The besloten bijlage of a version: editors name its readers; each reader downloads a copy
made for them. Who may see the version is asked first (``selectors.version_get``), then
whether they may have its bijlage; anyone else gets 404, as if there were none."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from projects.forms import apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context

from . import besloten_bijlage as annexes
from . import selectors
from .annex_forms import annex_form
from .confidential import has_confidential

logger = logging.getLogger(__name__)


def _version_url(request, report) -> str:
    return reverse(
        "reports:version",
        kwargs={
            "gemeente_slug": request.access.gemeente.slug,
            "project_uuid": request.project.uuid,
            "version_uuid": report.uuid,
        },
    )


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def annex(request, version_uuid):
    """Name the readers of a version's besloten bijlage; see who downloaded it."""
    project = request.project
    report = selectors.version_get(project, request.access.role, request.user, version_uuid)
    data = request.POST if request.method == "POST" else None
    form = annex_form(report, request.access.gemeente, data)
    if data is not None and form.is_valid():
        try:
            bijlage = annexes.besloten_bijlage_set(
                actor=request.user,
                version=report,
                readers=list(form.cleaned_data["readers"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            count = bijlage.readers.count()
            messages.success(
                request,
                f"De besloten bijlage bij {report.label} is vastgelegd, met {count} "
                f"{'lezer' if count == 1 else 'lezers'}.",
            )
            return redirect(_version_url(request, report) + "#besloten-bijlage")
    bijlage = annexes.bijlage_of(report)
    return render(
        request,
        "reports/annex.html",
        tenant_context(
            request,
            report=report,
            form=form,
            confidential=has_confidential(report.snapshot),
            bijlage=bijlage,
            downloads=annexes.downloads(bijlage) if bijlage else [],
        ),
    )


@project_view()
@require_GET
def annex_download(request, version_uuid):
    """The bijlage as a PDF made for this reader, and one line in the audit log. Only for a
    named reader who can see the version, and for the gemeente's editors; 404 otherwise."""
    project = request.project
    role = request.access.role
    report = selectors.version_get(project, role, request.user, version_uuid)
    if not annexes.may_download(report, role, request.user):
        raise Http404("Deze versie heeft geen besloten bijlage voor u.")
    try:
        data = annexes.annex_download(actor=request.user, version=report)
    except Exception:  # a failed render: say so, record nothing, keep the page working
        logger.exception("Besloten bijlage of version %s could not be made", report.uuid)
        messages.error(
            request,
            "De besloten bijlage kon nu niet worden gemaakt. Probeer het later opnieuw; "
            "lukt het dan niet, meld het de ambtenaar.",
        )
        return redirect(_version_url(request, report))
    response = HttpResponse(data, content_type="application/pdf")
    filename = annexes.annex_filename(report)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
