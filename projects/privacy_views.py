"""The privacy statement (verwerkingsregister style): what Integraal keeps, why, on which
ground, for how long, who sees it, and the rights of the people it is about. One page for
every logged-in user, and one per gemeente with its own retention period."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import Gemeente
from .permissions import gemeente_view, tenant_context
from .selectors import gemeenten_for_user


def _context(gemeente: Gemeente | None) -> dict:
    retention_field = Gemeente._meta.get_field("raw_file_retention_days")
    return {
        "retention_days": (
            gemeente.raw_file_retention_days if gemeente else retention_field.default
        ),
        "privacy_contact": settings.PRIVACY_CONTACT_EMAIL,
    }


@login_required
@require_GET
def privacy(request):
    return render(
        request,
        "projects/privacy.html",
        _context(None) | {"own_gemeenten": gemeenten_for_user(request.user)},
    )


@gemeente_view()
@require_GET
def gemeente_privacy(request):
    return render(
        request,
        "projects/privacy.html",
        tenant_context(request, **_context(request.access.gemeente)),
    )
