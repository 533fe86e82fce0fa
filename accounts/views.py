from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token

from . import oidc, services
from .forms import (
    AccountPasswordResetForm,
    ConfirmPasswordForm,
    EmailAuthenticationForm,
    PublicationMailsForm,
    TokenForm,
)


class LoginView(auth_views.LoginView):
    """The password login; an address of a gemeente with its own identity provider is sent
    there instead (accounts/oidc.py), whatever was typed as password."""

    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        email = request.POST.get("username", "").strip().lower()
        provider = oidc.provider_for_email(email)
        if provider is not None:
            query = {"email": email}
            next_url = self.get_redirect_url()
            if next_url:
                query["next"] = next_url
            start = reverse("accounts:oidc_login", args=[provider.gemeente.slug])
            return redirect(f"{start}?{urlencode(query)}")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        # A password login is asked for its own second factor, even in a session that
        # once came through a provider.
        self.request.session.pop(oidc.SESSION_LOGGED_IN_VIA, None)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = AccountPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Queued alike for every address; the task looks it up and mails (see the service).
        services.password_reset_request(
            email=form.cleaned_data["email"],
            domain=self.request.get_host(),
            use_https=self.request.is_secure(),
        )
        return redirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:overview")

    def form_valid(self, form):
        messages.success(self.request, "Uw wachtwoord is gewijzigd.")
        return super().form_valid(form)


@login_required
@require_GET
def overview(request):
    return render(
        request,
        "accounts/overview.html",
        {
            "has_second_factor": services.user_has_second_factor(request.user),
            "may_use_second_factor": services.user_may_use_second_factor(request.user),
            "memberships": request.user.memberships.active().select_related("gemeente", "bureau"),
            "mails_form": PublicationMailsForm(
                initial={"publication_mails": request.user.publication_mails}
            ),
        },
    )


@login_required
@require_POST
def publication_mails(request):
    """Every user decides for themselves whether publications reach them by e-mail."""
    form = PublicationMailsForm(request.POST)
    form.is_valid()  # a checkbox: absent is off, anything else is on
    enabled = form.cleaned_data.get("publication_mails", False)
    services.publication_mails_set(user=request.user, enabled=enabled)
    messages.success(
        request,
        "U krijgt e-mail bij publicaties."
        if enabled
        else "U krijgt geen e-mail meer bij publicaties.",
    )
    return redirect("accounts:overview")


TOTP_SETUP_KEY = "totp_setup_key"


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    user = request.user
    if not services.user_may_use_second_factor(user):
        raise PermissionDenied("Tweestapsverificatie is er voor adviseurs en ambtenaren.")
    if services.user_has_second_factor(user):
        messages.info(request, "Tweestapsverificatie staat al aan.")
        return redirect("accounts:overview")
    # The key waits in the session until a right code confirms it: GET stores nothing.
    key = request.session.get(TOTP_SETUP_KEY) if request.method == "POST" else None
    if key is None:
        key = request.session[TOTP_SETUP_KEY] = services.totp_key_new()
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = services.totp_device_confirm(user=user, key=key, token=form.cleaned_data["token"])
        if device is not None:
            del request.session[TOTP_SETUP_KEY]
            otp_login(request, device)
            messages.success(request, "Tweestapsverificatie staat aan.")
            return redirect("accounts:overview")
        form.add_error("token", "Deze code klopt niet. Controleer de tijd op uw telefoon.")
    device = services.totp_device_unsaved(user=user, key=key)
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_data_uri(scale=5, dark="#000", light="#fff"),
            "secret": _base32_secret(device),
        },
    )


def _base32_secret(device) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode().rstrip("=")


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Ask before trying: every wrong code makes django-otp wait longer, and a right
        # code typed in that wait is refused too, which must not read as 'wrong code'.
        throttled = services.second_factor_throttled(user=request.user)
        device = None if throttled else match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(next_url or "projects:home")
        form.add_error(
            "token",
            "Er zijn te veel onjuiste codes achter elkaar ingevuld. Wacht een halve minuut en "
            "probeer dan de nieuwste code."
            if throttled
            else "Deze code klopt niet of is verlopen. Probeer de nieuwste code.",
        )
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


@login_required
@require_http_methods(["GET", "POST"])
def otp_disable(request):
    form = ConfirmPasswordForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        services.totp_disable(user=request.user)
        messages.success(request, "Tweestapsverificatie staat uit.")
        return redirect("accounts:overview")
    return render(request, "accounts/otp_disable.html", {"form": form})
