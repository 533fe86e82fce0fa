"""Logging in with an email address, logging out, and the lockout after repeated failures."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

LOGIN = reverse("accounts:login")
WRONG = "Niet-het-wachtwoord-987"


def _login(client: Client, email: str, password: str, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def _session_user_id(client: Client) -> str | None:
    return client.session.get(SESSION_KEY)


@pytest.fixture
def user(db):
    return UserFactory(email="j.devries@example.nl")


# --- logging in ----------------------------------------------------------------------


def test_login_with_email_and_password_starts_a_session(user):
    client = Client()
    response = _login(client, "j.devries@example.nl", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:home")
    assert _session_user_id(client) == str(user.pk)


def test_login_ignores_the_case_of_the_email_address(user):
    client = Client()
    response = _login(client, "J.DeVries@Example.NL", PASSWORD)
    assert response.status_code == 302
    assert _session_user_id(client) == str(user.pk)


def test_login_follows_next_within_the_site(user):
    client = Client()
    response = client.post(
        LOGIN, {"username": user.email, "password": PASSWORD, "next": "/account/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/"


def test_login_does_not_follow_next_to_another_site(user):
    client = Client()
    response = client.post(
        LOGIN, {"username": user.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_wrong_password_shows_a_dutch_error_and_starts_no_session(user):
    client = Client()
    response = _login(client, user.email, WRONG)
    assert response.status_code == 200
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in response.content.decode()
    assert _session_user_id(client) is None


def test_unknown_email_gets_the_same_error_as_a_wrong_password(user):
    client = Client()
    unknown = _login(client, "niemand@example.nl", PASSWORD)
    wrong = _login(Client(), user.email, WRONG)
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].errors == wrong.context["form"].errors
    assert _session_user_id(client) is None


def test_the_password_is_case_sensitive(user):
    client = Client()
    response = _login(client, user.email, PASSWORD.upper())
    assert response.status_code == 200
    assert _session_user_id(client) is None


def test_an_inactive_user_cannot_log_in(db):
    inactive = UserFactory(email="vertrokken@example.nl", is_active=False)
    client = Client()
    response = _login(client, inactive.email, PASSWORD)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert _session_user_id(client) is None
    # Not logged in: a page behind login still sends the visitor to the login page.
    assert client.get(reverse("accounts:overview"))["Location"].startswith(LOGIN)


def test_a_logged_in_user_visiting_login_is_sent_on(user):
    client = Client()
    client.force_login(user)
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:home")


# --- logging out ---------------------------------------------------------------------


def test_logout_by_post_ends_the_session(user):
    client = Client()
    _login(client, user.email, PASSWORD)
    assert _session_user_id(client) == str(user.pk)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert _session_user_id(client) is None
    overview = client.get(reverse("accounts:overview"))
    assert overview.status_code == 302
    assert overview["Location"].startswith(LOGIN)


def test_logout_by_get_does_not_log_out(user):
    """A link (or an image on another site) must not be able to log someone out."""
    client = Client()
    client.force_login(user)
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert _session_user_id(client) == str(user.pk)


# --- lockout (django-axes) -----------------------------------------------------------

FAILURE_LIMIT = 5


def _fail(client: Client, email: str, times: int) -> list[int]:
    return [_login(client, email, WRONG).status_code for _ in range(times)]


def test_after_five_failures_even_the_right_password_is_refused(user):
    client = Client()
    # The first failures show the ordinary form error.
    assert _fail(client, user.email, FAILURE_LIMIT - 1) == [200] * (FAILURE_LIMIT - 1)
    _fail(client, user.email, 1)

    response = _login(client, user.email, PASSWORD)

    assert response.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()
    assert _session_user_id(client) is None


def test_the_lockout_page_tells_how_long_in_minutes(user):
    client = Client()
    _fail(client, user.email, FAILURE_LIMIT)
    content = _login(client, user.email, PASSWORD).content.decode()
    assert "30 minuten" in content
    assert "0:30:00" not in content


def test_lockout_cannot_be_sidestepped_by_changing_the_case_of_the_email(user):
    client = Client()
    _fail(client, user.email, FAILURE_LIMIT)

    response = _login(client, user.email.upper(), PASSWORD)

    assert response.status_code == 429
    assert _session_user_id(client) is None


def test_failures_spread_over_case_variants_still_lead_to_lockout(user):
    client = Client()
    variants = ["j.devries@example.nl", "J.devries@example.nl", "j.DEVRIES@example.nl"]
    for attempt in range(FAILURE_LIMIT):
        _login(client, variants[attempt % len(variants)], WRONG)

    response = _login(client, user.email, PASSWORD)

    assert response.status_code == 429
    assert _session_user_id(client) is None


def test_another_account_from_the_same_address_is_not_locked(user):
    colleague = UserFactory(email="collega@example.nl")
    client = Client()
    _fail(client, user.email, FAILURE_LIMIT)

    other = Client()
    response = _login(other, colleague.email, PASSWORD)

    assert response.status_code == 302
    assert _session_user_id(other) == str(colleague.pk)


def test_the_locked_account_can_still_log_in_from_another_address(user):
    """The lockout is per account and address, so an attacker cannot lock someone out."""
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    _fail(attacker, user.email, FAILURE_LIMIT)
    assert _login(attacker, user.email, PASSWORD).status_code == 429

    owner = Client(REMOTE_ADDR="198.51.100.7")
    response = _login(owner, user.email, PASSWORD)

    assert response.status_code == 302
    assert _session_user_id(owner) == str(user.pk)


def test_a_successful_login_resets_the_count(user):
    client = Client()
    _fail(client, user.email, FAILURE_LIMIT - 1)
    assert _login(client, user.email, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))

    # Four more failures: added to the earlier four they would pass the limit.
    _fail(client, user.email, FAILURE_LIMIT - 1)
    response = _login(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert _session_user_id(client) == str(user.pk)
