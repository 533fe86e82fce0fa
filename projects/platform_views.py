"""Pages for platform staff (User.is_staff, not a role in a gemeente): ending a gemeente's
use of Integraal. First an export (a ZIP kept in private storage for download), then the
erase after typing the gemeente's name (projects/offboarding.py).

Tenant users get 404 here: the pages do not exist for them. The pages span gemeenten, so,
like the admin, they run outside the tenant scope.
"""

import hashlib
import tempfile
from functools import wraps
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scopes_disabled

from .forms import apply_validation_error
from .models import AuditEntry, Gemeente, private_storage
from .offboarding import gemeente_erase, gemeente_export
from .services import audit_record

EXPORT_FOLDER = "platform-exports"


def staff_view(view):
    """Login required; anyone but platform staff gets 404; runs outside the tenant scope."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise Http404("Deze pagina bestaat niet.")
        with scopes_disabled():  # platform staff manage every gemeente, as in the admin
            return view(request, *args, **kwargs)

    return wrapper


def _exports(cbs_code: str) -> list[str]:
    storage, folder = private_storage(), f"{EXPORT_FOLDER}/{cbs_code}"
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    return sorted((name for name in files if name.endswith(".zip")), reverse=True)


def _export_path(cbs_code: str, name: str) -> str:
    if name not in _exports(cbs_code):  # only a name listed there: no path tricks
        raise Http404("Deze export bestaat niet.")
    return f"{EXPORT_FOLDER}/{cbs_code}/{name}"


def _gemeente(cbs_code: str) -> Gemeente:
    return get_object_or_404(Gemeente, cbs_code=cbs_code.upper())


class EraseForm(forms.Form):
    export = forms.ChoiceField(label="Export die is overgedragen")
    confirm_name = forms.CharField(
        label="Naam van de gemeente",
        max_length=100,
        help_text="Typ de naam van de gemeente voluit. Wissen kan niet ongedaan worden gemaakt.",
    )

    def __init__(self, *args, exports: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["export"].choices = [(name, name) for name in exports]


@staff_view
@require_GET
def gemeenten(request):
    """The gemeenten that have data here, and the exports kept for those already erased."""
    active = (
        Gemeente.objects.annotate(
            project_count=Count("projects", distinct=True),
            member_count=Count("memberships", distinct=True),
        )
        .filter(Q(project_count__gt=0) | Q(member_count__gt=0))
        .order_by("name")
    )
    storage = private_storage()
    try:
        folders, _files = storage.listdir(EXPORT_FOLDER)
    except FileNotFoundError:
        folders = []
    exports = [(code, name) for code in sorted(folders) for name in _exports(code)]
    return render(
        request, "projects/platform/gemeenten.html", {"gemeenten": active, "exports": exports}
    )


@staff_view
@require_http_methods(["GET", "POST"])
def gemeente_end(request, cbs_code):
    """Step 1: make the export (POST export). Step 2: erase (POST with the form)."""
    gemeente = _gemeente(cbs_code)
    exports = _exports(gemeente.cbs_code)
    if request.method == "POST" and "maak_export" in request.POST:
        name, sha256 = _export_store(request, gemeente)
        messages.success(
            request, f"De export {name} is klaar (controlegetal {sha256}). Download hem hieronder."
        )
        return redirect("projects:platform_gemeente_end", cbs_code=gemeente.cbs_code)
    form = EraseForm(request.POST if request.method == "POST" else None, exports=exports)
    if form.is_bound and form.is_valid():
        path = _export_path(gemeente.cbs_code, form.cleaned_data["export"])
        made_at = private_storage().get_modified_time(path)
        if AuditEntry.objects.filter(gemeente=gemeente, at__gt=made_at).exists():
            # Every change is audited: a change after the export is missing from it.
            form.add_error(
                "export",
                "Na deze export is er nog iets gewijzigd; maak een nieuwe export en kies die.",
            )
    if form.is_bound and form.is_valid():
        try:
            result = gemeente_erase(
                actor=request.user,
                gemeente=gemeente,
                confirm_name=form.cleaned_data["confirm_name"],
                export_sha256=_stored_sha256(path),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"Gemeente {result.gemeente} ({result.cbs_code}) is gewist: "
                f"{sum(result.counts.values())} rijen, {result.files_removed} bestanden, "
                f"{result.users_deleted} gebruikers zonder ander lidmaatschap. De export blijft "
                "hieronder staan tot u hem verwijdert.",
            )
            return redirect("projects:platform_gemeenten")
    return render(
        request,
        "projects/platform/gemeente_end.html",
        {
            "target": gemeente,
            "exports": exports,
            "form": form,
            "projects": gemeente.projects.order_by("period_start"),
            "members": gemeente.memberships.count(),
        },
    )


def _export_store(request, gemeente: Gemeente) -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        result = gemeente_export(gemeente=gemeente, out=Path(folder) / "export.zip")
        name = f"{gemeente.cbs_code}-{timezone.localtime():%Y%m%d-%H%M%S}-{result.sha256[:8]}.zip"
        with result.path.open("rb") as handle:
            private_storage().save(f"{EXPORT_FOLDER}/{gemeente.cbs_code}/{name}", File(handle))
    audit_record(
        actor=request.user,
        action="export gemaakt",
        detail={"gemeente": gemeente.name, "cbs-code": gemeente.cbs_code, "export": name}
        | {"export (SHA-256)": result.sha256},
    )
    return name, result.sha256


def _stored_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with private_storage().open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


@staff_view
@require_GET
def export_download(request, cbs_code, name):
    path = _export_path(cbs_code.upper(), name)
    response = FileResponse(private_storage().open(path, "rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


@staff_view
@require_POST
def export_delete(request, cbs_code, name):
    """Once the export is handed over, it goes from the server too (it holds personal data)."""
    path = _export_path(cbs_code.upper(), name)
    private_storage().delete(path)
    audit_record(
        actor=request.user,
        action="export verwijderd",
        detail={"cbs-code": cbs_code.upper(), "export": name},
    )
    messages.success(request, f"De export {name} is van de server verwijderd.")
    return redirect("projects:platform_gemeenten")
