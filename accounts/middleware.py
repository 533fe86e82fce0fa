"""Users who turned on a second factor must present it before they reach anything else."""

from django.shortcuts import redirect
from django.urls import reverse

from .services import user_has_second_factor

_ALLOWED_PREFIXES = ("/account/", "/static/", "/healthz")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and user_has_second_factor(user)
        ):
            verify_url = reverse("accounts:otp_verify")
            return redirect(f"{verify_url}?next={request.get_full_path()}")
        return self.get_response(request)
