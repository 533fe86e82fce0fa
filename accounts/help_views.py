"""The help pages "Zo werkt Integraal" (per role) and "De methode Kernbeleid Veiligheid" (per
step and per veiligheidsveld), and the two POSTs that close and reopen the first-run panel.
Opening a page writes nothing: only the explicit POSTs change User.tour_seen_at."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from analysis.catalogue import catalogue_fields
from kernbeleid.help import FIELD_HELP, STEP_HELP

from . import services
from .tour import REOPENED_PARAM, ROLE_ORDER, ROLE_TOURS, roles_of

# tour.js closes the panel in place and asks for no page back.
IN_PLACE_HEADER = "X-Tour-In-Place"


@login_required
@require_GET
def index(request):
    held = roles_of(request.user)
    # The user's own roles first, then the others: everyone may read what the others do.
    order = held + [role for role in ROLE_ORDER if role not in held]
    return render(
        request,
        "accounts/help_index.html",
        {
            "tours": [ROLE_TOURS[role] for role in order],
            "held": held,
            "tour_open": request.user.tour_seen_at is None,
        },
    )


@login_required
@require_GET
def method(request):
    fields = [
        {"help": FIELD_HELP[field.code], "name": field.name, "themes": field.themes}
        for field in catalogue_fields()
        if field.code in FIELD_HELP
    ]
    return render(
        request,
        "accounts/help_method.html",
        {"steps": list(STEP_HELP.values()), "fields": fields},
    )


def _back(request, fragment: str, *, query: dict[str, str] | None = None):
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = resolve_url("projects:home")
    parts = urlsplit(next_url.split("#")[0])
    params = [(k, v) for k, v in parse_qsl(parts.query) if k not in (query or {})]
    params += list((query or {}).items())
    target = urlunsplit(parts._replace(query=urlencode(params), fragment=fragment))
    return redirect(target)


@login_required
@require_POST
def tour_close(request):
    services.tour_close(user=request.user)
    if request.headers.get(IN_PLACE_HEADER):
        return HttpResponse(status=204)
    # Back to the page, at its content: the panel is gone and reading starts there.
    return _back(request, "inhoud")


@login_required
@require_POST
def tour_reopen(request):
    services.tour_reopen(user=request.user)
    return _back(request, "rondleiding", query={REOPENED_PARAM: "1"})
