"""Single sign-on with a gemeente's own identity provider over OpenID Connect.

mozilla-django-oidc does the protocol (authorization code flow, state and nonce in the
session, the token request, the ID token's signature: RS256 through the provider's JWKS or
HS256 with the client secret). Its backend and views read their configuration from global
settings; here they are subclassed to take it from the ``OidcProvider`` row the login started
with, whose id is kept in the session between the redirect and the callback.

The rules on top of the library:

- Who goes where: the login page sends an address whose domain belongs to an enabled
  provider to that provider; everyone else logs in with a password as before.
- The ID token must come from the provider's issuer and be meant for our client id (the
  library checks neither), and the userinfo must be about the same subject.
- The e-mail address the provider vouches for must lie in one of its domains: a gemeente's
  provider cannot log anyone in as a consultant or as another gemeente's official.
- No accounts are made here: only a user who already has an active membership in the
  provider's gemeente logs in. Anyone else is refused with a Dutch message.
- The second factor: the organisation's identity provider is where its people prove who they
  are, MFA included (gemeenten require it on their own accounts). A login through it is not
  asked for our TOTP code as well (``logged_in_via_provider``, read by the second-factor
  middleware); a password login still is.
"""

import logging

import requests
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from .models import OidcProvider

logger = logging.getLogger(__name__)

SESSION_PROVIDER = "oidc_provider_id"  # the provider this login started with
SESSION_LOGGED_IN_VIA = "oidc_logged_in_via"  # set once a provider logged the user in

REFUSED_GENERIC = (
    "Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw; lukt het dan nog niet, "
    "neem contact op met uw gemeente."
)


def provider_for_email(email: str) -> OidcProvider | None:
    """The enabled provider whose e-mail domains include this address's domain."""
    domain = (email or "").rsplit("@", 1)[-1].strip().lower()
    if not domain or "@" not in (email or ""):
        return None
    for provider in OidcProvider.objects.filter(enabled=True).select_related("gemeente"):
        if domain in provider.domains:
            return provider
    return None


def logged_in_via_provider(request) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SESSION_LOGGED_IN_VIA))


def _refused_no_access(provider: OidcProvider) -> str:
    return (
        f"U bent bij uw organisatie ingelogd, maar met dit account heeft u geen toegang tot "
        f"gemeente {provider.gemeente.name} in Integraal, of uw toegang is verlopen. Vraag een "
        f"ambtenaar van de gemeente om u toe te voegen."
    )


# The library's settings this integration fixes, whatever the global settings say.
_FIXED_SETTINGS = {
    "OIDC_CREATE_USER": False,
    "OIDC_USE_NONCE": True,
    "OIDC_ALLOW_UNSECURED_JWT": False,
    "OIDC_STORE_ACCESS_TOKEN": False,
    "OIDC_STORE_ID_TOKEN": False,
    "OIDC_TOKEN_USE_BASIC_AUTH": False,
    "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:oidc_callback",
    "OIDC_REDIRECT_FIELD_NAME": "next",
    "OIDC_VERIFY_SSL": True,
    "OIDC_TIMEOUT": 15,
    "OIDC_PROXY": None,
}


def _setting(provider: OidcProvider | None, attr: str, *args):
    if attr == "OIDC_RP_SCOPES" and provider is not None:
        return provider.scopes
    if attr in _FIXED_SETTINGS:
        return _FIXED_SETTINGS[attr]
    return import_from_settings(attr, *args)


class ProviderBackend(OIDCAuthenticationBackend):
    """Authenticates the callback of a login that started with an ``OidcProvider``."""

    def __init__(self, *args, **kwargs):
        # The library reads its endpoints from settings here; ours come per request.
        self.UserModel = get_user_model()
        self.provider: OidcProvider | None = None

    def get_settings(self, attr, *args):  # an instance method: the provider decides
        return _setting(self.provider, attr, *args)

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET or "state" not in request.GET:
            return None  # a password login, or anything else: not ours
        provider = (
            OidcProvider.objects.filter(pk=request.session.get(SESSION_PROVIDER), enabled=True)
            .select_related("gemeente")
            .first()
        )
        if provider is None:
            return None
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_uri or None
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = provider.sign_algorithm
        self.OIDC_RP_IDP_SIGN_KEY = None
        if provider.sign_algorithm.startswith("RS") and not provider.jwks_uri:
            logger.error("OIDC provider %s has RS256 without a JWKS address", provider.pk)
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The library checks the signature, expiry and nonce; also the issuer and the
        audience, which it leaves out."""
        payload = super().verify_token(token, **kwargs)
        issuer = (payload.get("iss") or "").rstrip("/")
        if issuer != self.provider.issuer.rstrip("/"):
            raise SuspiciousOperation("ID token from another issuer.")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token meant for another client.")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        claims = super().get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("Userinfo about another subject than the ID token.")
        return claims

    def verify_claims(self, claims):
        email = (claims.get("email") or "").strip().lower()
        if not email or claims.get("email_verified") is False:
            return False
        return email.rsplit("@", 1)[-1] in self.provider.domains

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip().lower()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def get_or_create_user(self, access_token, id_token, payload):
        """Only an existing user with an active membership in the provider's gemeente."""
        from projects.models import Membership

        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            self._refuse(
                "Uw organisatie gaf geen e-mailadres van de gemeente door. Neem contact op met "
                "uw gemeente."
            )
            return None
        users = list(self.filter_users_by_claims(claims)[:2])
        user = users[0] if len(users) == 1 else None
        if user is None or not (
            Membership.objects.active().filter(user=user, gemeente=self.provider.gemeente).exists()
        ):
            self._refuse(_refused_no_access(self.provider))
            return None
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        name = " ".join(str(claims.get("name") or "").split())[:150]
        if name and not user.full_name:
            user.full_name = name
            user.save(update_fields=["full_name"])
        return user

    def get_user(self, user_id):
        """The session's user on later requests: like Django's ModelBackend, never an
        account that has been made inactive since."""
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    def _refuse(self, message: str) -> None:
        self.request.oidc_refusal = message


class ProviderLoginView(OIDCAuthenticationRequestView):
    """GET /account/sso/<gemeente>/: sends the browser to the gemeente's provider, with a
    fresh state and nonce in the session."""

    provider: OidcProvider | None = None

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the library reads global settings here

    def get_settings(self, attr, *args):
        return _setting(self.provider, attr, *args)

    def get(self, request, gemeente_slug):
        self.provider = get_object_or_404(OidcProvider, gemeente__slug=gemeente_slug, enabled=True)
        self.OIDC_OP_AUTH_ENDPOINT = self.provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        request.session[SESSION_PROVIDER] = self.provider.pk
        return super().get(request)

    def get_extra_params(self, request):
        email = request.GET.get("email", "").strip()
        return {"login_hint": email} if email else {}


class ProviderCallbackView(OIDCAuthenticationCallbackView):
    """GET /account/sso/terug/: the provider's redirect back. Logs the user in, or returns to
    the login page with a Dutch message saying why not."""

    def get_settings(self, attr, *args):
        return _setting(None, attr, *args)

    @property
    def failure_url(self):
        return reverse("accounts:login")

    def get(self, request):
        if "code" not in request.GET and "error" not in request.GET:
            return HttpResponseRedirect(self.failure_url)  # not a provider's answer
        try:
            return super().get(request)
        except (SuspiciousOperation, requests.RequestException, ValueError, KeyError) as exc:
            # A wrong state, nonce, signature, issuer or audience, or a provider that cannot
            # be reached: refused, and logged for the platform staff.
            logger.warning("OIDC login refused: %s", exc)
            return self.login_failure()

    def login_failure(self):
        message = getattr(self.request, "oidc_refusal", None) or REFUSED_GENERIC
        messages.error(self.request, message)
        self.request.session.pop(SESSION_PROVIDER, None)
        return HttpResponseRedirect(self.failure_url)

    def login_success(self):
        response = super().login_success()
        provider_id = self.request.session.pop(SESSION_PROVIDER, None)
        self.request.session[SESSION_LOGGED_IN_VIA] = provider_id or True
        return response
