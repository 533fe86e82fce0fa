"""The page "Vertrouwelijke onderdelen": every part of a project that can be marked, its
mark, and the forms to mark and unmark. Editors only; the marks count for new versions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from projects.confidentiality import confidential_marks
from projects.confidentiality_services import (
    confidential_mark_clear,
    confidential_mark_set,
    markable_parts,
)
from projects.constants import CONFIDENTIAL_PLACEHOLDER, ConfidentialReason
from projects.forms import apply_validation_error
from projects.permissions import can_edit, project_view, tenant_context

from .confidential_forms import ConfidentialClearForm, ConfidentialMarkForm
from .models import ReportVersion


def _page(request, *, failed: ConfidentialMarkForm | None = None, status: int = 200):
    project = request.project
    marks = confidential_marks(project)
    groups: list[dict] = []
    listed: list[dict] = []
    failed_row = None
    for part in markable_parts(project):
        failed_here = failed is not None and failed.data.get("key") == part.key
        if not (part.filled or part.key in marks or failed_here):
            continue  # a theme text nobody wrote: nothing to hide yet
        if not groups or groups[-1]["title"] != part.group:
            groups.append({"title": part.group, "rows": []})
        groups[-1]["rows"].append(
            {
                "part": part,
                "anchor": _anchor(part.key),
                "mark": marks.get(part.key),
                "form": failed if failed_here else None,
            }
        )
        if part.key in marks:
            listed.append(groups[-1]["rows"][-1])
        if failed_here:
            failed_row = groups[-1]["rows"][-1]
    # A version keeps the content it was made with: one made before the newest mark and put
    # before readers still shows them what is marked now. The editor is told which.
    newest = max((mark.marked_at for mark in marks.values()), default=None)
    published_before = (
        ReportVersion.objects.filter(
            project=project, publications__isnull=False, created_at__lt=newest
        )
        .distinct()
        .order_by("document", "-major", "-minor")
        if newest
        else []
    )
    return render(
        request,
        "reports/confidential/parts.html",
        tenant_context(
            request,
            groups=groups,
            marked=len(marks),
            marked_rows=listed,
            published_before=published_before,
            reasons=ConfidentialReason.choices,
            placeholder=CONFIDENTIAL_PLACEHOLDER,
            failed=failed,
            failed_row=failed_row,
        ),
        status=status,
    )


def _anchor(key: str) -> str:
    return "deel-" + key.replace(":", "-")


def _back(request, key: str = ""):
    response = redirect(
        "reports:confidential",
        gemeente_slug=request.access.gemeente.slug,
        project_uuid=request.project.uuid,
    )
    if key:
        response["Location"] += f"#{_anchor(key)}"
    return response


@project_view(require=can_edit)
@require_GET
def parts(request):
    return _page(request)


@project_view(require=can_edit)
@require_POST
def mark(request):
    form = ConfidentialMarkForm(request.POST)
    if form.is_valid():
        try:
            confidential_mark_set(
                actor=request.user,
                project=request.project,
                key=form.cleaned_data["key"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                "Het onderdeel is als vertrouwelijk gemarkeerd. Dat geldt voor nieuwe versies: "
                "maak een nieuwe versie voordat u publiceert.",
            )
            return _back(request, form.cleaned_data["key"])
    return _page(request, failed=form, status=400)


@project_view(require=can_edit)
@require_POST
def clear(request):
    form = ConfidentialClearForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Kies het onderdeel waarvan u de markering wilt opheffen.")
        return _back(request)
    try:
        confidential_mark_clear(
            actor=request.user, project=request.project, key=form.cleaned_data["key"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _back(request)
    messages.success(
        request, "De markering is opgeheven. Nieuwe versies tonen dit onderdeel aan iedere lezer."
    )
    return _back(request, form.cleaned_data["key"])
