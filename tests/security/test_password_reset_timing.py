"""Asking for a new password must not tell which addresses have an account.

With a real mail server, sending inside the request made it slower exactly for the
addresses that exist. The request now does the same for every address: it queues one task
with the address (through transaction.on_commit, the house pattern) and answers. The task,
on a worker, looks the address up and mails.
"""

import json
import re
from unittest import mock

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.celery_worker import needs_redis, running_worker
from tests.factories import PASSWORD, UserFactory

RESET = reverse("accounts:password_reset")
KNOWN = "m.jansen@example.nl"
NEW_PASSWORD = "Nieuw-geheim-wachtwoord-42"

# What an outsider types into the form, each with whether a mail may go out.
ADDRESSES = [
    (KNOWN, True),
    ("M.Jansen@Example.NL", True),
    ("onbekend@example.nl", False),
    ("m.jansen@example.nl.evil.example", False),
    ("vertrokken@example.nl", False),  # an inactive account
]


@pytest.fixture
def accounts(db):
    UserFactory(email="vertrokken@example.nl", is_active=False)
    return UserFactory(email=KNOWN)


def _ask(email: str, capture) -> tuple:
    """POST the form; return the response, the SQL the request ran and the callbacks it
    left for after the commit (not yet run)."""
    with capture(execute=False) as callbacks, CaptureQueriesContext(connection) as queries:
        response = Client().post(RESET, {"email": email})
    return response, [q["sql"] for q in queries.captured_queries], callbacks


@pytest.mark.parametrize(("email", "has_account"), ADDRESSES)
def test_the_request_sends_nothing_and_only_queues(
    accounts, email, has_account, django_capture_on_commit_callbacks
):
    response, _sql, callbacks = _ask(email, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
    assert len(callbacks) == 1

    from accounts import tasks

    with mock.patch.object(tasks.password_reset_send, "delay") as delay:
        callbacks[0]()
    # One task, with the address as typed and where the link must point; JSON only, as
    # the broker carries it.
    delay.assert_called_once_with(email, "testserver", False)
    json.dumps(delay.call_args.args)
    assert mail.outbox == []


def test_known_and_unknown_addresses_do_the_same_work_in_the_request(
    accounts, django_capture_on_commit_callbacks
):
    runs = {
        email: _ask(email, django_capture_on_commit_callbacks) for email, _has_account in ADDRESSES
    }

    statements = {email: sql for email, (_response, sql, _callbacks) in runs.items()}
    assert all(sql == statements[KNOWN] for sql in statements.values()), statements
    # The request never looks the address up.
    assert not any("accounts_user" in query for query in statements[KNOWN])
    answers = {(r.status_code, r["Location"]) for r, _sql, _callbacks in runs.values()}
    assert len(answers) == 1


@pytest.mark.parametrize(("email", "has_account"), ADDRESSES)
def test_the_queued_task_mails_only_an_active_account(
    accounts, email, has_account, django_capture_on_commit_callbacks
):
    _response, _sql, callbacks = _ask(email, django_capture_on_commit_callbacks)

    callbacks[0]()  # tasks run in-process in tests (no REDIS_URL)

    assert [m.to for m in mail.outbox] == ([[KNOWN]] if has_account else [])


def test_the_mailed_link_sets_a_new_password(accounts, django_capture_on_commit_callbacks):
    _response, _sql, callbacks = _ask(KNOWN, django_capture_on_commit_callbacks)
    callbacks[0]()
    (message,) = mail.outbox
    assert "Kies een nieuw wachtwoord via deze link" in message.body
    (link,) = re.findall(r"http://testserver(/\S+)", message.body)

    browser = Client()
    landing = browser.get(link, follow=True)
    assert landing.context["validlink"]
    form_url = landing.redirect_chain[-1][0]
    done = browser.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")

    for password, works in [(NEW_PASSWORD, True), (PASSWORD, False)]:
        client = Client()
        client.post(reverse("accounts:login"), {"username": KNOWN, "password": password})
        assert (SESSION_KEY in client.session) is works


def test_the_task_builds_the_link_for_the_site_it_was_asked_on(accounts):
    from accounts import tasks

    tasks.password_reset_send.delay(KNOWN, "integraal.example.nl", True)

    (message,) = mail.outbox
    assert re.search(r"https://integraal\.example\.nl/account/wachtwoord/nieuw/\S+/", message.body)


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("geen-adres", "Voer een geldig e-mailadres in."),
        ("", "Dit veld is verplicht."),
        ("a" * 250 + "@example.nl", "Zorg dat deze waarde niet meer dan 254 tekens bevat"),
    ],
)
def test_a_malformed_address_is_refused_in_dutch_and_queues_nothing(
    accounts, email, message, django_capture_on_commit_callbacks
):
    response, _sql, callbacks = _ask(email, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert callbacks == []
    assert mail.outbox == []


# --- on a real worker (make test-services) ----------------------------------------------


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("reset-media")
    with running_worker(django_db_blocker, media, queues="default", name="reset-worker") as p:
        yield p


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@needs_redis
def test_the_reset_mail_goes_through_the_broker_to_a_worker(worker):
    from accounts import tasks

    UserFactory(email=KNOWN)
    queued = []
    enqueue = tasks.password_reset_send.delay

    def spy(*args):
        queued.append(enqueue(*args))
        return queued[-1]

    with mock.patch.object(tasks.password_reset_send, "delay", side_effect=spy):
        response = Client().post(RESET, {"email": KNOWN})
    assert response.status_code == 302
    # Outside a transaction the task is queued at once; the worker, reading the same
    # database, finds the account and mails it; the request itself sent nothing.
    assert mail.outbox == []
    (result,) = queued
    assert result.get(timeout=60) == 1
    unknown = tasks.password_reset_send.delay("onbekend@example.nl", "testserver", False)
    assert unknown.get(timeout=60) == 0
