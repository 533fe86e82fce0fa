"""The griffie bundle of a raadsvoorstel version: a page that says what the bundle holds
(GET, writes nothing) and its download (POST, audited). Editors (the griffie works with the
gemeente's editing accounts) may always have it; a raadslid only once the version is published
to the raad (``selectors.version_get``), and then with only the bijlagen published to them too.
Partners get 403: the bundle is for the raad."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from projects.constants import Role
from projects.permissions import project_view, tenant_context
from projects.services import audit_record

from . import griffie_bundle, selectors
from .constants import DocumentKind

logger = logging.getLogger(__name__)


def _may_have(role: Role) -> bool:
    return role.can_edit or role == Role.RAADSLID


def _bundle_version(request, version_uuid):
    """The raadsvoorstel version and the bijlagen this user may have with it."""
    project = request.project
    role = request.access.role
    version = selectors.version_get(project, role, request.user, version_uuid)
    if version.document != DocumentKind.RAADSVOORSTEL:
        raise Http404("Alleen een raadsvoorstel heeft een griffiebundel.")
    if not _may_have(role):
        raise PermissionDenied("De griffiebundel is voor de raad en de griffie.")
    bijlagen = griffie_bundle.bijlage_versions(version)
    if not role.can_edit:
        visible = selectors.versions_visible(project, role, request.user)
        bijlagen = [b for b in bijlagen if visible.filter(pk=b.pk).exists()]
    return version, bijlagen


def _page_url(request, version) -> str:
    return reverse(
        "reports:griffie_bundle",
        kwargs={
            "gemeente_slug": request.access.gemeente.slug,
            "project_uuid": request.project.uuid,
            "version_uuid": version.uuid,
        },
    )


@project_view(post_allowed_for=_may_have)
@require_http_methods(["GET", "POST"])
def griffie_bundle_download(request, version_uuid):
    version, bijlagen = _bundle_version(request, version_uuid)
    if request.method == "GET":
        return render(
            request,
            "reports/griffie_bundle.html",
            tenant_context(request, report=version, bijlagen=bijlagen),
        )
    try:
        spool, rows = griffie_bundle.bundle_write(version, bijlagen=bijlagen)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_page_url(request, version))
    except Exception:  # a failed render: say so, record nothing, keep the page working
        logger.exception("Griffie bundle of version %s could not be made", version.uuid)
        messages.error(
            request, "De griffiebundel kon nu niet worden gemaakt. Probeer het later opnieuw."
        )
        return redirect(_page_url(request, version))
    audit_record(
        actor=request.user,
        action="griffiebundel gedownload",
        obj=version,
        project=request.project,
        detail={"versie": version.label, "bestanden": [row.bestandsnaam for row in rows]},
    )
    response = FileResponse(
        spool, as_attachment=True, filename=griffie_bundle.bundle_filename(version)
    )
    response["Cache-Control"] = "private, no-store"
    return response
