"""Deleting the raw respondent file of one import now, after a confirmation page. The run,
its figures and the file's checksum stay (services/raw_files.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from projects.forms import add_validation_error_messages
from projects.permissions import can_edit, project_view, tenant_context

from . import selectors
from .models import SurveyEdition
from .services.raw_files import raw_file_deletable, raw_file_delete


def _run_url(request, run) -> str:
    return reverse(
        "analysis:import_detail",
        kwargs={
            "gemeente_slug": request.access.gemeente.slug,
            "project_uuid": request.project.uuid,
            "run_uuid": run.uuid,
        },
    )


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def import_file_delete(request, run_uuid):
    """GET: what goes and what stays, and a button. POST: delete, then back to the import."""
    run = selectors.import_run_get(request.project, run_uuid, request.access.gemeente)
    if not raw_file_deletable(run):
        messages.info(
            request,
            "Het ruwe bestand van deze import is al verwijderd."
            if run.file_deleted_at
            else "Dit bestand kan nu niet verwijderd worden (het wordt verwerkt, of het is "
            "geen respondentenbestand).",
        )
        return redirect(_run_url(request, run))
    if request.method == "POST":
        try:
            raw_file_delete(actor=request.user, run=run)
        except ValidationError as error:
            add_validation_error_messages(request, error)
        else:
            messages.success(request, f"Het ruwe bestand ‘{run.original_name}’ is verwijderd.")
        return redirect(_run_url(request, run))
    return render(
        request,
        "analysis/figures/import_file_delete.html",
        tenant_context(request, run=run, editions=SurveyEdition.objects.filter(import_run=run)),
    )
