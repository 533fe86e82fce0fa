"""`manage.py create_user`: provisioning a user with a role in a gemeente or a bureau."""

import io
import sys

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from projects.constants import Role
from projects.models import Membership
from tests.factories import BureauFactory, UserFactory, gemeente

STRONG = "Sterk-en-lang-wachtwoord-2025"


@pytest.fixture
def amsterdam(db):
    return gemeente("GM0363")


def _run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("create_user", *args, stdout=out)
    return out.getvalue()


def _can_log_in(email: str, password: str) -> bool:
    client = Client()
    client.post(reverse("accounts:login"), {"username": email, "password": password})
    return SESSION_KEY in client.session


def _nothing_changed(users_before: int, memberships_before: int) -> bool:
    return User.objects.count() == users_before and Membership.objects.count() == memberships_before


def test_creates_a_user_with_a_role_in_a_gemeente(amsterdam):
    out = _run("l.bakker@example.nl", "--role", "ambtenaar", "--gemeente", "GM0363")

    user = User.objects.get(email="l.bakker@example.nl")
    membership = user.memberships.get()
    assert membership.gemeente == amsterdam
    assert membership.bureau is None
    assert membership.role == Role.AMBTENAAR
    assert "l.bakker@example.nl" in out
    assert amsterdam.name in out


def test_without_a_password_the_user_chooses_one_by_mail(amsterdam):
    out = _run("l.bakker@example.nl", "--role", "raadslid", "--gemeente", "GM0363")

    user = User.objects.get(email="l.bakker@example.nl")
    assert not user.has_usable_password()
    assert "Wachtwoord vergeten" in out
    assert not _can_log_in("l.bakker@example.nl", "")


def test_the_email_address_is_stored_in_lower_case_and_the_code_is_case_insensitive(amsterdam):
    _run("L.Bakker@Example.NL", "--role", "ambtenaar", "--gemeente", "gm0363")

    user = User.objects.get(email="l.bakker@example.nl")
    assert user.memberships.get().gemeente == amsterdam


def test_password_stdin_sets_a_password_that_logs_in(amsterdam, monkeypatch):
    out = _run(
        "l.bakker@example.nl",
        "--role",
        "ambtenaar",
        "--gemeente",
        "GM0363",
        "--name",
        "Lotte Bakker",
        "--password-stdin",
        stdin=STRONG + "\n",
        monkeypatch=monkeypatch,
    )

    user = User.objects.get(email="l.bakker@example.nl")
    assert user.full_name == "Lotte Bakker"
    assert _can_log_in("l.bakker@example.nl", STRONG)
    assert "Wachtwoord vergeten" not in out


def test_an_empty_password_on_stdin_is_refused(amsterdam, monkeypatch):
    with pytest.raises(CommandError, match="geen wachtwoord"):
        _run(
            "l.bakker@example.nl",
            "--role",
            "ambtenaar",
            "--gemeente",
            "GM0363",
            "--password-stdin",
            stdin="\n",
            monkeypatch=monkeypatch,
        )
    assert not User.objects.filter(email="l.bakker@example.nl").exists()


def test_running_it_twice_does_not_duplicate(amsterdam):
    args = ("l.bakker@example.nl", "--role", "ambtenaar", "--gemeente", "GM0363")
    _run(*args)
    _run(*args)

    assert User.objects.filter(email="l.bakker@example.nl").count() == 1
    assert Membership.objects.filter(user__email="l.bakker@example.nl").count() == 1


def test_running_it_again_changes_the_role(amsterdam):
    _run("l.bakker@example.nl", "--role", "partner", "--gemeente", "GM0363")
    _run("l.bakker@example.nl", "--role", "ambtenaar", "--gemeente", "GM0363")

    membership = Membership.objects.get(user__email="l.bakker@example.nl")
    assert membership.role == Role.AMBTENAAR


def test_running_it_again_without_password_keeps_the_existing_password(amsterdam, monkeypatch):
    existing = UserFactory(email="l.bakker@example.nl")
    existing.set_password(STRONG)
    existing.save()

    _run("l.bakker@example.nl", "--role", "ambtenaar", "--gemeente", "GM0363")

    assert _can_log_in("l.bakker@example.nl", STRONG)


def test_a_second_gemeente_adds_a_membership(amsterdam):
    other = gemeente("GM0034")
    _run("l.bakker@example.nl", "--role", "ambtenaar", "--gemeente", "GM0363")
    _run("l.bakker@example.nl", "--role", "raadslid", "--gemeente", other.cbs_code)

    user = User.objects.get(email="l.bakker@example.nl")
    assert {(m.gemeente, m.role) for m in user.memberships.all()} == {
        (amsterdam, Role.AMBTENAAR),
        (other, Role.RAADSLID),
    }


def test_creates_an_adviseur_in_a_bureau(db):
    bureau = BureauFactory(name="Veilig Advies", slug="veilig-advies")

    out = _run("adviseur@example.nl", "--role", "adviseur", "--bureau", "veilig-advies")

    membership = Membership.objects.get(user__email="adviseur@example.nl")
    assert membership.bureau == bureau
    assert membership.gemeente is None
    assert membership.role == Role.ADVISEUR
    assert "Veilig Advies" in out


# --- refusals: a Dutch CommandError, and nothing changes -----------------------------


def test_unknown_gemeente_code_is_refused(amsterdam):
    users, memberships = User.objects.count(), Membership.objects.count()

    with pytest.raises(CommandError, match="Geen gemeente met CBS-code GM9999"):
        _run("l.bakker@example.nl", "--role", "ambtenaar", "--gemeente", "GM9999")

    assert _nothing_changed(users, memberships)


def test_unknown_bureau_is_refused(db):
    users, memberships = User.objects.count(), Membership.objects.count()

    with pytest.raises(CommandError, match="Geen bureau"):
        _run("l.bakker@example.nl", "--role", "adviseur", "--bureau", "bestaat-niet")

    assert _nothing_changed(users, memberships)


@pytest.mark.parametrize("role", [Role.AMBTENAAR, Role.RAADSLID, Role.PARTNER])
def test_a_bureau_member_must_be_adviseur(db, role):
    BureauFactory(slug="veilig-advies")
    users, memberships = User.objects.count(), Membership.objects.count()

    with pytest.raises(CommandError, match="altijd adviseur"):
        _run("l.bakker@example.nl", "--role", role, "--bureau", "veilig-advies")

    assert _nothing_changed(users, memberships)


@pytest.mark.parametrize("email", ["geen-adres", "twee@@example.nl", "spatie in@example.nl"])
def test_an_invalid_email_address_is_refused(amsterdam, email):
    users, memberships = User.objects.count(), Membership.objects.count()

    with pytest.raises(CommandError, match="Ongeldig e-mailadres"):
        _run(email, "--role", "ambtenaar", "--gemeente", "GM0363")

    assert _nothing_changed(users, memberships)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort", "te kort"),
        ("password1234", "te algemeen"),
        ("8437261950173", "alleen cijfers"),
    ],
)
def test_a_weak_password_is_refused_in_dutch(amsterdam, monkeypatch, password, message):
    users, memberships = User.objects.count(), Membership.objects.count()

    with pytest.raises(CommandError, match=message):
        _run(
            "l.bakker@example.nl",
            "--role",
            "ambtenaar",
            "--gemeente",
            "GM0363",
            "--password-stdin",
            stdin=password + "\n",
            monkeypatch=monkeypatch,
        )

    assert _nothing_changed(users, memberships)


def test_a_weak_password_leaves_an_existing_user_as_it_was(amsterdam, monkeypatch):
    existing = UserFactory(email="l.bakker@example.nl")
    existing.set_password(STRONG)
    existing.save()

    with pytest.raises(CommandError):
        _run(
            "l.bakker@example.nl",
            "--role",
            "ambtenaar",
            "--gemeente",
            "GM0363",
            "--password-stdin",
            stdin="kort\n",
            monkeypatch=monkeypatch,
        )

    assert not Membership.objects.filter(user=existing).exists()
    assert _can_log_in("l.bakker@example.nl", STRONG)


def test_gemeente_and_bureau_together_are_refused(amsterdam):
    BureauFactory(slug="veilig-advies")
    with pytest.raises(CommandError):
        _run(
            "l.bakker@example.nl",
            "--role",
            "adviseur",
            "--gemeente",
            "GM0363",
            "--bureau",
            "veilig-advies",
        )
    assert not User.objects.filter(email="l.bakker@example.nl").exists()
