"""Single sign-on per gemeente over OpenID Connect, against a local stub provider
(tests/accounts/oidc_stub.py: a real HTTP server on 127.0.0.1).

The Django test client cannot reach another host, so each test walks the redirects by
hand: our start URL sends the browser to the stub's /authorize, which the test asks with
`requests`; the stub sends it back to our callback, which the test client opens. Our server
asks the stub's /token, /userinfo and /jwks itself, over HTTP.
"""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import OidcProvider
from projects.constants import Role
from tests.factories import PASSWORD, MembershipFactory, UserFactory

from .oidc_stub import StubProvider

LOGIN = reverse("accounts:login")
EMAIL = "p.jansen@almere.example"


@pytest.fixture
def stub():
    provider = StubProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def provider(world, stub):
    return OidcProvider.objects.create(
        gemeente=world.gemeente,
        label="Inloggen met uw gemeente-account",
        email_domains="almere.example, gemeente-almere.example",
        **stub.provider_fields(),
    )


@pytest.fixture
def official(world):
    user = UserFactory(email=EMAIL, full_name="")
    MembershipFactory(user=user, gemeente=world.gemeente, role=Role.AMBTENAAR)
    return user


def _start(client: Client, email: str = EMAIL, next_url: str = "") -> str:
    """Type the address on the login page; returns the stub's authorize URL we are sent to."""
    data = {"username": email, "password": ""}
    if next_url:
        data["next"] = next_url
    response = client.post(LOGIN, data)
    assert response.status_code == 302
    start = response["Location"]
    assert start.startswith("/account/sso/")
    response = client.get(start)
    assert response.status_code == 302
    return response["Location"]


def _through_stub(authorize_url: str) -> str:
    """The stub's answer to the browser: the callback path with code and state."""
    answer = requests.get(authorize_url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert back.netloc == "testserver"
    return f"{back.path}?{back.query}"


def _round_trip(client: Client, **kwargs):
    return client.get(_through_stub(_start(client, **kwargs)))


def _logged_in_user_id(client: Client):
    return client.session.get(SESSION_KEY)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_full_login_through_the_stub_logs_in_the_right_user(world, stub, provider, official):
    # Someone else exists too: the address decides who is logged in.
    UserFactory(email="j.devries@almere.example")
    client = Client()
    authorize = _start(client, next_url=world.gemeente.get_absolute_url())
    query = parse_qs(urlsplit(authorize).query)
    assert authorize.startswith(f"{stub.url}/authorize?")
    assert query["client_id"] == ["integraal"]
    assert query["redirect_uri"] == ["http://testserver/account/sso/terug/"]
    assert query["login_hint"] == [EMAIL]
    assert query["nonce"] and query["state"]

    response = client.get(_through_stub(authorize))

    assert response.status_code == 302
    assert response["Location"] == world.gemeente.get_absolute_url()
    assert str(_logged_in_user_id(client)) == str(official.pk)
    assert stub.requests.count("POST /token") == 1 and "GET /jwks" in stub.requests
    assert client.get(world.gemeente.get_absolute_url()).status_code == 200
    official.refresh_from_db()
    assert official.full_name == "Petra Jansen"  # an empty name is taken from the provider


def test_hs256_provider_signs_with_the_client_secret(world, stub, provider, official):
    stub.algorithm = "HS256"
    provider.sign_algorithm = "HS256"
    provider.jwks_uri = ""
    provider.save()
    response = _round_trip(Client())
    assert response.status_code == 302
    assert "GET /jwks" not in stub.requests


def _assert_refused(client, response, text="Inloggen via uw organisatie is niet gelukt"):
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert _logged_in_user_id(client) is None
    assert any(text in message for message in _messages(response))


def test_a_wrong_nonce_is_refused(world, stub, provider, official):
    stub.nonce = "een-andere-nonce"
    client = Client()
    _assert_refused(client, _round_trip(client))


def test_a_token_signed_with_another_key_is_refused(world, stub, provider, official):
    stub.sign_with_other_key = True
    client = Client()
    _assert_refused(client, _round_trip(client))


def test_a_token_from_another_issuer_or_for_another_client_is_refused(
    world, stub, provider, official
):
    stub.issuer = "https://idp.elders.example"
    client = Client()
    _assert_refused(client, _round_trip(client))
    stub.issuer, stub.audience = None, "een-andere-client"
    client = Client()
    _assert_refused(client, _round_trip(client))


def test_a_wrong_state_is_refused_and_the_code_not_used(world, stub, provider, official):
    client = Client()
    callback = _through_stub(_start(client))
    path, query = callback.split("?")
    params = parse_qs(query)
    forged = f"{path}?code={params['code'][0]}&state=vervalst"
    _assert_refused(client, client.get(forged))
    assert "POST /token" not in stub.requests


def test_a_callback_without_a_started_login_is_refused(world, stub, provider, official):
    client = Client()
    response = client.get(reverse("accounts:oidc_callback") + "?code=abc&state=def")
    assert response.status_code == 302
    assert _logged_in_user_id(client) is None


def test_a_user_without_membership_is_refused_in_dutch(world, stub, provider):
    UserFactory(email=EMAIL)  # an account, but no membership in this gemeente
    client = Client()
    response = _round_trip(client)
    _assert_refused(client, response, text="geen toegang tot gemeente Amsterdam")
    page = client.get(LOGIN)
    assert "geen toegang tot gemeente Amsterdam in Integraal" in page.content.decode()


def test_no_account_is_created_for_an_unknown_address(world, stub, provider):
    from accounts.models import User

    client = Client()
    _assert_refused(client, _round_trip(client), text="geen toegang")
    assert not User.objects.filter(email=EMAIL).exists()


def test_a_member_of_another_gemeente_is_refused(world, stub, provider):
    user = UserFactory(email=EMAIL)
    MembershipFactory(user=user, gemeente=world.other, role=Role.AMBTENAAR)
    client = Client()
    _assert_refused(client, _round_trip(client), text="geen toegang")


def test_an_expired_membership_is_refused(world, stub, provider, official):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    official.memberships.update(ends_on=yesterday)
    client = Client()
    _assert_refused(client, _round_trip(client), text="uw toegang is verlopen")


def test_membership_ending_today_still_logs_in(world, stub, provider, official):
    official.memberships.update(ends_on=timezone.localdate())
    client = Client()
    _round_trip(client)
    assert str(_logged_in_user_id(client)) == str(official.pk)


def test_an_address_outside_the_providers_domains_is_refused(world, stub, provider):
    # The provider vouches for a consultant's address: it may not log in as them.
    stub.email = "adviseur@example.nl"
    client = Client()
    _assert_refused(client, _round_trip(client), text="geen e-mailadres van de gemeente")


def test_a_disabled_provider_leaves_the_password_login(world, stub, provider, official):
    provider.enabled = False
    provider.save()
    client = Client()
    response = client.post(LOGIN, {"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:home")
    assert client.get(reverse("accounts:oidc_login", args=[world.gemeente.slug])).status_code == 404


def test_a_gemeente_without_provider_uses_the_password_login(world, stub, provider):
    # The world's ambtenaar has an address without a provider: password login as today.
    client = Client()
    response = client.post(LOGIN, {"username": "ambtenaar@example.nl", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:home")
    assert str(_logged_in_user_id(client)) == str(world.users["ambtenaar"].pk)
    assert stub.requests == []
    # A wrong password there is still refused as before.
    response = Client().post(LOGIN, {"username": "ambtenaar@example.nl", "password": "fout"})
    assert response.status_code == 200
    assert "horen niet bij elkaar" in response.content.decode()


def test_the_providers_login_is_not_asked_for_the_totp_code(world, stub, provider, official):
    TOTPDevice.objects.create(user=official, name="Authenticator-app", confirmed=True)
    # With the password, the code is asked.
    password_client = Client()
    TOTPDevice.objects.create(user=world.users["ambtenaar"], name="app", confirmed=True)
    password_client.post(LOGIN, {"username": "ambtenaar@example.nl", "password": PASSWORD})
    response = password_client.get(world.gemeente.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    # Through the provider (which does the organisation's MFA), not again.
    sso_client = Client()
    _round_trip(sso_client)
    assert sso_client.get(world.gemeente.get_absolute_url()).status_code == 200


def test_an_account_made_inactive_loses_its_provider_session(world, stub, provider, official):
    client = Client()
    _round_trip(client)
    assert client.get(world.gemeente.get_absolute_url()).status_code == 200
    official.is_active = False
    official.save()
    response = client.get(world.gemeente.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_platform_staff_set_up_a_provider_in_the_admin(world):
    staff = UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)
    add = reverse("admin:accounts_oidcprovider_add")
    response = client.post(
        add,
        {
            "gemeente": world.gemeente.pk,
            "enabled": "on",
            "label": "Inloggen met uw Amsterdam-account",
            "email_domains": "amsterdam.example",
            "issuer": "https://idp.amsterdam.example",
            "authorization_endpoint": "https://idp.amsterdam.example/authorize",
            "token_endpoint": "https://idp.amsterdam.example/token",
            "userinfo_endpoint": "https://idp.amsterdam.example/userinfo",
            "jwks_uri": "https://idp.amsterdam.example/jwks",
            "sign_algorithm": "RS256",
            "scopes": "openid email profile",
            "client_id": "integraal",
            "client_secret": "zeer-geheim",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    provider = OidcProvider.objects.get(gemeente=world.gemeente)
    assert provider.domains == ["amsterdam.example"]
    change = client.get(reverse("admin:accounts_oidcprovider_change", args=[provider.pk]))
    assert 'type="password"' in change.content.decode()
    # From now on, whoever types an address of that domain is sent to the provider.
    response = Client().post(LOGIN, {"username": "iemand@amsterdam.example", "password": ""})
    assert response["Location"].startswith(
        reverse("accounts:oidc_login", args=[world.gemeente.slug])
    )


def test_a_next_address_on_another_site_is_dropped(world, stub, provider, official):
    client = Client()
    response = client.get(
        reverse("accounts:oidc_login", args=[world.gemeente.slug])
        + "?next=https://kwaadwillend.example/&email="
        + EMAIL
    )
    response = client.get(_through_stub(response["Location"]))
    assert response["Location"] == reverse("projects:home")
