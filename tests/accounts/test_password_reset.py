"""Choosing a new password by mail, and changing it while logged in."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory, gemeente

NEW_PASSWORD = "Nieuw-geheim-wachtwoord-42"
LINK = re.compile(r"https?://testserver(/\S+)")


def _request_link(client: Client, email: str):
    """The mail is queued once the request commits; tasks run in-process in tests, so
    running the on-commit callbacks sends it (tests/security/test_password_reset_timing.py
    checks that nothing is sent inside the request)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email})


def _link_from(message) -> str:
    paths = LINK.findall(message.body)
    assert len(paths) == 1, message.body
    return paths[0]


def _choose_password(client: Client, link: str, password1: str, password2: str | None = None):
    """Follow the link from the mail as a browser does and submit the form it shows."""
    landing = client.get(link, follow=True)
    assert landing.status_code == 200
    assert landing.context["validlink"]
    form_url = landing.redirect_chain[-1][0] if landing.redirect_chain else link
    return client.post(
        form_url,
        {"new_password1": password1, "new_password2": password2 or password1},
    )


def _can_log_in(email: str, password: str) -> bool:
    client = Client()
    client.post(reverse("accounts:login"), {"username": email, "password": password})
    return SESSION_KEY in client.session


@pytest.fixture
def user(db):
    return UserFactory(email="m.jansen@example.nl")


def test_reset_mails_a_dutch_link_to_the_account(user):
    response = _request_link(Client(), "M.Jansen@Example.nl")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "wachtwoord" in message.subject.lower()
    assert "Kies een nieuw wachtwoord via deze link" in message.body
    assert _link_from(message).startswith("/account/wachtwoord/nieuw/")


def test_the_link_sets_a_new_password_that_logs_in(user):
    _request_link(Client(), user.email)
    link = _link_from(mail.outbox[0])
    client = Client()

    response = _choose_password(client, link, NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert _can_log_in(user.email, NEW_PASSWORD)
    assert not _can_log_in(user.email, PASSWORD)


def test_the_link_works_only_once(user):
    _request_link(Client(), user.email)
    link = _link_from(mail.outbox[0])
    _choose_password(Client(), link, NEW_PASSWORD)

    again = Client().get(link, follow=True)

    assert again.status_code == 200
    assert not again.context["validlink"]
    assert "Deze link is niet (meer) geldig." in again.content.decode()


def test_a_tampered_link_is_refused(user):
    _request_link(Client(), user.email)
    link = _link_from(mail.outbox[0])
    last = link[-2]  # the link ends in "<token>/"
    tampered = link[:-2] + ("a" if last != "a" else "b") + "/"

    response = Client().get(tampered, follow=True)

    assert not response.context["validlink"]
    assert "Deze link is niet (meer) geldig." in response.content.decode()


def test_unknown_email_gets_the_same_page_and_no_mail(user):
    known = _request_link(Client(), user.email)
    mail.outbox.clear()

    unknown = _request_link(Client(), "onbekend@example.nl")

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert mail.outbox == []
    done = Client().get(unknown["Location"])
    assert "Als er een account bij dit e-mailadres hoort" in done.content.decode()


def test_an_inactive_account_gets_no_mail(db):
    UserFactory(email="vertrokken@example.nl", is_active=False)
    response = _request_link(Client(), "vertrokken@example.nl")
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_provisioned_user_without_password_chooses_one_through_the_link(db):
    gemeente("GM0363")
    call_command("create_user", "nieuw@example.nl", "--role", "ambtenaar", "--gemeente", "GM0363")
    assert not User.objects.get(email="nieuw@example.nl").has_usable_password()

    _request_link(Client(), "nieuw@example.nl")

    assert len(mail.outbox) == 1
    response = _choose_password(Client(), _link_from(mail.outbox[0]), NEW_PASSWORD)
    assert response.status_code == 302
    assert _can_log_in("nieuw@example.nl", NEW_PASSWORD)


def test_mismatched_new_passwords_are_refused_in_dutch(user):
    _request_link(Client(), user.email)
    client = Client()

    response = _choose_password(
        client, _link_from(mail.outbox[0]), NEW_PASSWORD, NEW_PASSWORD + "x"
    )

    assert response.status_code == 200
    assert "De twee wachtwoordvelden komen niet overeen." in response.content.decode()
    assert _can_log_in(user.email, PASSWORD)
    assert not _can_log_in(user.email, NEW_PASSWORD)


def test_a_weak_new_password_is_refused_in_dutch(user):
    _request_link(Client(), user.email)

    response = _choose_password(Client(), _link_from(mail.outbox[0]), "kort")

    assert response.status_code == 200
    assert "Dit wachtwoord is te kort." in response.content.decode()
    assert _can_log_in(user.email, PASSWORD)


# --- changing the password while logged in -------------------------------------------


def _change(client: Client, old: str, new1: str, new2: str | None = None):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2 or new1},
    )


def test_change_with_the_right_old_password_keeps_the_user_logged_in(user):
    client = Client()
    client.force_login(user)

    response = _change(client, PASSWORD, NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:overview")
    overview = client.get(response["Location"])
    assert overview.status_code == 200
    assert "Uw wachtwoord is gewijzigd." in overview.content.decode()
    assert _can_log_in(user.email, NEW_PASSWORD)
    assert not _can_log_in(user.email, PASSWORD)


def test_change_with_a_wrong_old_password_is_refused_in_dutch(user):
    client = Client()
    client.force_login(user)

    response = _change(client, "Niet-het-oude-wachtwoord", NEW_PASSWORD)

    assert response.status_code == 200
    assert "Uw oude wachtwoord is niet juist ingevoerd." in response.content.decode()
    assert _can_log_in(user.email, PASSWORD)
    assert not _can_log_in(user.email, NEW_PASSWORD)


def test_change_needs_a_login(db):
    response = Client().get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
