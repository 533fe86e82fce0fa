"""The login lockout behind the TLS proxy, and forged X-Forwarded-For headers.

Behind the proxy every request arrives from the proxy's address. The lockout (django-axes,
per account and address) must count each client by the address the proxy saw, and must not
believe what a client writes into X-Forwarded-For itself.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]
LOGIN = reverse("accounts:login")
WRONG = "Niet-het-wachtwoord-987"
FAILURE_LIMIT = 5
LOCKED_OUT = "Inloggen tijdelijk geblokkeerd"

PROXY = "172.18.0.5"  # the TLS proxy in front of gunicorn (a docker network address)
CLIENT_A = "203.0.113.10"
CLIENT_B = "198.51.100.20"
ATTACKER = "192.0.2.66"

# What a client can put in X-Forwarded-For itself. Behind the proxy it arrives with the
# address the proxy saw appended; a direct client's header arrives as it was sent.
FORGED_HEADERS = [
    CLIENT_B,
    f"{CLIENT_B}, {CLIENT_A}",
    "8.8.8.8",
    "127.0.0.1",
    "10.0.0.1, 10.0.0.2, 10.0.0.3",
    "unknown",
    "not-an-address, 1.1.1.1",
    "[2001:db8::1]:4711",
    "::ffff:9.9.9.9",
    "",
]


def _login(client: Client, email: str, password: str):
    return client.post(LOGIN, {"username": email, "password": password})


def _behind_proxy(client_address: str, forged: str | None = None) -> Client:
    """A browser at `client_address` reaching the app through the proxy, which appends
    the address it saw to whatever X-Forwarded-For the browser sent (nginx's
    $proxy_add_x_forwarded_for, Caddy, Traefik)."""
    header = f"{forged}, {client_address}" if forged else client_address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)


def _direct(client_address: str, forged: str | None = None) -> Client:
    """A client talking to the app without the proxy, sending whatever header it likes."""
    extra = {"HTTP_X_FORWARDED_FOR": forged} if forged is not None else {}
    return Client(REMOTE_ADDR=client_address, **extra)


def _logged_in(client: Client) -> bool:
    return SESSION_KEY in client.session


@pytest.fixture
def user(db):
    return UserFactory(email="j.devries@example.nl")


@pytest.fixture
def one_proxy(settings):
    """The production shape: one TLS proxy in front of the app."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_IPS = []
    return settings


@pytest.fixture
def known_proxy(one_proxy):
    """As above, and only the proxy's own address may speak for a client."""
    one_proxy.TRUSTED_PROXY_IPS = ["172.18.0.0/16"]
    return one_proxy


# --- behind the proxy ------------------------------------------------------------------


@pytest.mark.parametrize("proxies", ["one_proxy", "known_proxy"])
def test_failures_behind_the_proxy_lock_only_that_client(user, proxies, request):
    request.getfixturevalue(proxies)
    a = _behind_proxy(CLIENT_A)
    statuses = [_login(a, user.email, WRONG).status_code for _ in range(FAILURE_LIMIT)]
    assert statuses == [200] * (FAILURE_LIMIT - 1) + [429]

    locked = _login(a, user.email, PASSWORD)
    assert locked.status_code == 429
    assert LOCKED_OUT in locked.content.decode()
    assert not _logged_in(a)

    b = _behind_proxy(CLIENT_B)
    response = _login(b, user.email, PASSWORD)
    assert response.status_code == 302
    assert _logged_in(b)
    # The failures are on record under the client's own address, not the proxy's.
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT_A]


@pytest.mark.parametrize("forged", [h for h in FORGED_HEADERS if h])
def test_a_client_behind_the_proxy_cannot_escape_its_lockout_with_a_forged_header(
    user, one_proxy, forged
):
    a = _behind_proxy(CLIENT_A)
    for _ in range(FAILURE_LIMIT):
        _login(a, user.email, WRONG)

    escaping = _behind_proxy(CLIENT_A, forged=forged)
    response = _login(escaping, user.email, PASSWORD)

    assert response.status_code == 429
    assert not _logged_in(escaping)


def test_a_client_behind_the_proxy_cannot_lock_another_address(user, one_proxy):
    for forged in FORGED_HEADERS:
        attacker = _behind_proxy(ATTACKER, forged=forged or CLIENT_B)
        for _ in range(FAILURE_LIMIT):
            _login(attacker, user.email, WRONG)

    victim = _behind_proxy(CLIENT_B)
    response = _login(victim, user.email, PASSWORD)

    assert response.status_code == 302
    assert _logged_in(victim)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


# --- without a trusted proxy -----------------------------------------------------------


@pytest.fixture(params=["no_proxy", "untrusted_sender"])
def untrusted(request, settings):
    """Either no proxy is configured (the default), or there is one but this request did
    not come from it (someone reaching gunicorn's port directly)."""
    if request.param == "no_proxy":
        settings.TRUSTED_PROXY_COUNT = 0
        settings.TRUSTED_PROXY_IPS = []
    else:
        settings.TRUSTED_PROXY_COUNT = 1
        settings.TRUSTED_PROXY_IPS = [PROXY]
    return request.param


def test_a_direct_client_cannot_escape_its_lockout_with_a_forged_header(user, untrusted):
    for forged in FORGED_HEADERS:
        _login(_direct(ATTACKER, forged=forged), user.email, WRONG)
    assert AccessAttempt.objects.get().failures_since_start >= FAILURE_LIMIT

    for forged in [*FORGED_HEADERS, None]:
        client = _direct(ATTACKER, forged=forged)
        response = _login(client, user.email, PASSWORD)
        assert response.status_code == 429, forged
        assert not _logged_in(client)


def test_a_direct_client_cannot_lock_another_address_with_a_forged_header(user, untrusted):
    for _ in range(FAILURE_LIMIT):
        _login(_direct(ATTACKER, forged=CLIENT_B), user.email, WRONG)

    victim = _direct(CLIENT_B)
    response = _login(victim, user.email, PASSWORD)
    assert response.status_code == 302
    assert _logged_in(victim)
    # The same holds for a victim behind the proxy, when one is configured.
    if untrusted == "untrusted_sender":
        victim = _behind_proxy(CLIENT_B)
        assert _login(victim, user.email, PASSWORD).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


# --- configuration ---------------------------------------------------------------------


def _settings_in_subprocess(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTED_PROXY")}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings.production"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_bare_deployment_trusts_no_proxy_and_the_environment_sets_the_count():
    show = (
        "from django.conf import settings as s; print(s.TRUSTED_PROXY_COUNT, s.TRUSTED_PROXY_IPS)"
    )
    bare = _settings_in_subprocess(show, SECRET_KEY="x" * 60)
    behind = _settings_in_subprocess(
        show, SECRET_KEY="x" * 60, TRUSTED_PROXY_COUNT="1", TRUSTED_PROXY_IPS="172.18.0.0/16"
    )
    assert bare.returncode == 0, bare.stderr
    assert bare.stdout.split() == ["0", "[]"]
    assert behind.returncode == 0, behind.stderr
    assert behind.stdout.split() == ["1", "['172.18.0.0/16']"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"TRUSTED_PROXY_COUNT": "1", "TRUSTED_PROXY_IPS": "172.18.0.0/16,proxy.local"},
            "proxy.local",
        ),
        ({"TRUSTED_PROXY_COUNT": "-1"}, "TRUSTED_PROXY_COUNT"),
        ({"TRUSTED_PROXY_IPS": "172.18.0.5"}, "TRUSTED_PROXY_COUNT"),
    ],
)
def test_a_wrong_proxy_setting_fails_at_start(env, message):
    result = _settings_in_subprocess("", SECRET_KEY="x" * 60, **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_the_lockout_checks_stay_clean(settings, one_proxy):
    # Axes' own checks (the callable must resolve) and Django's: fail on any warning.
    call_command("check", "--fail-level", "WARNING")
