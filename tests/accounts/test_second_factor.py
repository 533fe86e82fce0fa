"""The optional second factor (TOTP): setting it up, presenting it after login, turning it off."""

import re
from base64 import b32decode
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from projects.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

SETUP = reverse("accounts:otp_setup")
VERIFY = reverse("accounts:otp_verify")
DISABLE = reverse("accounts:otp_disable")


def _code_from_secret(secret: str) -> str:
    """What an authenticator app shows for the key typed in by hand (30 s, 6 digits)."""
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key, step=30, t0=0, digits=6).token():06d}"


def _code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{totp.token():0{device.digits}d}"


def _other_code(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def _shown_secret(response) -> str:
    match = re.search(r"<code>([A-Z2-7]+)</code>", response.content.decode())
    assert match, "the setup page shows the key for typing in by hand"
    return match.group(1)


def _password_login(user) -> Client:
    """A fresh browser that logged in with the password only."""
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def _is_sent_to_verify(response, expected_next: str) -> bool:
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"])
    return location.path == VERIFY and parse_qs(location.query).get("next") == [expected_next]


@pytest.fixture
def ambtenaar(world):
    return world.users["ambtenaar"]


@pytest.fixture
def device(ambtenaar):
    """The ambtenaar already has a confirmed second factor."""
    return TOTPDevice.objects.create(user=ambtenaar, name="Authenticator-app", confirmed=True)


def _project_url(world) -> str:
    return reverse(
        "projects:project_home",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


# --- setting it up -------------------------------------------------------------------


def test_setup_shows_a_qr_code_and_the_key(world, ambtenaar):
    response = world.client("ambtenaar").get(SETUP)

    assert response.status_code == 200
    assert re.search(r'<img[^>]+src="data:image/svg\+xml', response.content.decode())
    assert _shown_secret(response)
    assert not TOTPDevice.objects.filter(user=ambtenaar, confirmed=True).exists()


def test_opening_the_setup_page_stores_nothing(world, ambtenaar):
    client = world.client("ambtenaar")
    first, second = _shown_secret(client.get(SETUP)), _shown_secret(client.get(SETUP))
    assert not TOTPDevice.objects.filter(user=ambtenaar).exists()
    assert first != second  # a reload starts afresh, as a new scan is expected then


def test_a_wrong_code_is_refused_in_dutch_and_the_key_stays(world, ambtenaar):
    client = world.client("ambtenaar")
    secret = _shown_secret(client.get(SETUP))

    response = client.post(SETUP, {"token": _other_code(_code_from_secret(secret))})

    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=ambtenaar, confirmed=True).exists()
    # The app already holds the key: a second try must not need a new scan.
    assert _shown_secret(response) == secret


def test_a_code_that_is_not_six_digits_is_refused_in_dutch(world, ambtenaar):
    client = world.client("ambtenaar")
    client.get(SETUP)

    response = client.post(SETUP, {"token": "12ab"})

    assert response.status_code == 200
    assert "Vul de zes cijfers uit uw authenticator-app in." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=ambtenaar, confirmed=True).exists()


def test_the_code_from_the_app_turns_it_on_and_is_audited(world, ambtenaar):
    client = world.client("ambtenaar")
    secret = _shown_secret(client.get(SETUP))
    audited_before = AuditEntry.objects.filter(actor=ambtenaar).count()

    response = client.post(SETUP, {"token": _code_from_secret(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:overview")
    assert TOTPDevice.objects.filter(user=ambtenaar, confirmed=True).count() == 1
    entries = AuditEntry.objects.filter(actor=ambtenaar)
    assert entries.count() == audited_before + 1
    assert "tweestapsverificatie" in entries.latest("at").action
    # This session presented the code, so it carries on without being asked again.
    assert client.get(_project_url(world)).status_code == 200


def test_setup_when_already_on_changes_nothing(world, ambtenaar, device):
    client = world.client("ambtenaar")
    client.post(VERIFY, {"token": _code_for(device)})

    response = client.get(SETUP)

    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=ambtenaar)) == [device]


@pytest.mark.parametrize("persona", ["raadslid", "partner"])
def test_readers_may_not_set_it_up(world, persona):
    client = world.client(persona)
    assert client.get(SETUP).status_code == 403
    assert client.post(SETUP, {"token": "123456"}).status_code == 403
    assert not TOTPDevice.objects.filter(user=world.users[persona]).exists()


def test_adviseur_may_set_it_up(world):
    assert world.client("adviseur").get(SETUP).status_code == 200


# --- presenting it after login -------------------------------------------------------


def test_after_a_password_login_every_page_asks_for_the_code(world, device):
    client = _password_login(world.users["ambtenaar"])
    pages = [
        reverse("projects:home"),
        reverse("projects:gemeente_home", kwargs={"gemeente_slug": world.gemeente.slug}),
        _project_url(world),
        reverse("accounts:overview"),
        reverse("accounts:password_change"),
        DISABLE,
    ]
    for page in pages:
        assert _is_sent_to_verify(client.get(page), page), page


def test_the_way_back_keeps_the_query_string(world, device):
    client = _password_login(world.users["ambtenaar"])
    page = _project_url(world) + "?a=1&b=2"

    response = client.get(page)

    assert _is_sent_to_verify(response, page)


def test_the_code_page_itself_and_logout_stay_reachable(world, device):
    client = _password_login(world.users["ambtenaar"])
    assert client.get(VERIFY).status_code == 200
    client.post(reverse("accounts:logout"))
    assert SESSION_KEY not in client.session


def test_a_wrong_code_is_refused_in_dutch(world, device):
    client = _password_login(world.users["ambtenaar"])
    page = _project_url(world)

    response = client.post(VERIFY, {"token": _other_code(_code_for(device)), "next": page})

    assert response.status_code == 200
    assert "Deze code klopt niet of is verlopen." in response.content.decode()
    assert _is_sent_to_verify(client.get(page), page)


def test_the_right_code_leads_on_to_the_page_asked_for(world, device):
    client = _password_login(world.users["ambtenaar"])
    page = _project_url(world) + "?a=1&b=2"
    verify_url = client.get(page)["Location"]
    assert client.get(verify_url).status_code == 200

    response = client.post(verify_url, {"token": _code_for(device), "next": page})

    assert response.status_code == 302
    assert response["Location"] == page
    assert client.get(_project_url(world)).status_code == 200
    assert client.get(reverse("accounts:overview")).status_code == 200


def test_the_right_code_does_not_lead_to_another_site(world, device):
    client = _password_login(world.users["ambtenaar"])

    response = client.post(VERIFY, {"token": _code_for(device), "next": "https://evil.example/"})

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_a_code_cannot_be_used_twice(world, device):
    code = _code_for(device)
    first = _password_login(world.users["ambtenaar"])
    assert first.post(VERIFY, {"token": code}).status_code == 302

    second = _password_login(world.users["ambtenaar"])
    response = second.post(VERIFY, {"token": code})

    assert response.status_code == 200
    assert _is_sent_to_verify(second.get(_project_url(world)), _project_url(world))


def test_users_without_a_second_factor_are_not_asked(world):
    client = _password_login(world.users["raadslid"])
    assert client.get(_project_url(world)).status_code == 200


# --- turning it off ------------------------------------------------------------------


def _verified_client(user, device) -> Client:
    client = _password_login(user)
    assert client.post(VERIFY, {"token": _code_for(device)}).status_code == 302
    return client


def test_turning_off_with_a_wrong_password_is_refused_in_dutch(world, ambtenaar, device):
    client = _verified_client(ambtenaar, device)

    response = client.post(DISABLE, {"password": "Niet-mijn-wachtwoord"})

    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet." in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


def test_turning_off_with_the_right_password(world, ambtenaar, device):
    client = _verified_client(ambtenaar, device)
    audited_before = AuditEntry.objects.filter(actor=ambtenaar).count()

    response = client.post(DISABLE, {"password": PASSWORD})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=ambtenaar).exists()
    assert AuditEntry.objects.filter(actor=ambtenaar).count() == audited_before + 1
    # The next login needs the password only.
    fresh = _password_login(ambtenaar)
    assert fresh.get(_project_url(world)).status_code == 200


def test_the_password_alone_cannot_turn_it_off(world, ambtenaar, device):
    """Someone who only knows the password must not be able to remove the second factor."""
    client = _password_login(ambtenaar)

    response = client.post(DISABLE, {"password": PASSWORD})

    assert _is_sent_to_verify(response, DISABLE)
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


def test_the_password_alone_cannot_change_the_password(world, ambtenaar, device):
    client = _password_login(ambtenaar)
    new = "Overgenomen-wachtwoord-77"

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert _is_sent_to_verify(response, reverse("accounts:password_change"))
    ambtenaar.refresh_from_db()
    assert ambtenaar.check_password(PASSWORD)


def test_staff_with_a_second_factor_must_present_it_for_the_admin(db):
    staff = UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=staff, name="Authenticator-app", confirmed=True)
    client = _password_login(staff)

    response = client.get("/beheer/")

    assert _is_sent_to_verify(response, "/beheer/")


def test_after_several_wrong_codes_the_user_is_told_to_wait(world, device):
    from django.utils import timezone

    # Three failures just now: django-otp refuses every code for 2**3 seconds.
    device.throttling_failure_count = 3
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    client = _password_login(world.users["ambtenaar"])

    response = client.post(VERIFY, {"token": _code_for(device)})

    assert response.status_code == 200
    content = response.content.decode()
    assert "te veel onjuiste codes" in content and "klopt niet" not in content
    assert _is_sent_to_verify(client.get(_project_url(world)), _project_url(world))
