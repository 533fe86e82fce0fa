"""Users who turned on a second factor must present it before they reach anything else.

A login through the gemeente's own identity provider is not asked for it: that provider does
the organisation's multi-factor check (accounts/oidc.py)."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from .oidc import logged_in_via_provider
from .services import user_has_second_factor

_ALLOWED_PREFIXES = ("/static/", "/healthz")
# Reachable with the password alone: signing in and out, entering the code, and choosing a
# new password by mail (which leaves the second factor in place). Everything else under
# /account/ waits for the code: with the password alone one could otherwise turn the second
# factor off or change the password.
_ALLOWED_VIEWS = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:oidc_login",
        "accounts:oidc_callback",
        "accounts:otp_verify",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
    }
)


def _allowed_before_second_factor(request) -> bool:
    if request.path.startswith(_ALLOWED_PREFIXES):
        return True
    try:
        return resolve(request.path_info).view_name in _ALLOWED_VIEWS
    except Resolver404:
        return False


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not logged_in_via_provider(request)
            and not _allowed_before_second_factor(request)
            and user_has_second_factor(user)
        ):
            verify_url = reverse("accounts:otp_verify")
            return redirect(f"{verify_url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
