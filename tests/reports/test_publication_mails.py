"""Readers are told: one e-mail when something is published to them, and one reminder two
days before a consultation closes; never twice, and never to a reader who turned them off."""

import re
from datetime import date

import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse

from projects.constants import Role
from reports import mails, services, tasks
from reports.models import Publication
from tests.factories import MembershipFactory, UserFactory

from .publication_helpers import at, reports_url, stored_version


def _second_raadslid(world, *, mails_on: bool):
    user = UserFactory(email="wethouder-af@example.nl", publication_mails=mails_on)
    MembershipFactory(user=user, gemeente=world.gemeente, role=Role.RAADSLID)
    return user


def test_the_publication_mail_goes_once_to_each_reader_who_wants_it(
    world, django_capture_on_commit_callbacks
):
    project = world.project
    _second_raadslid(world, mails_on=False)
    version = stored_version(project, minor=4, marker="Geheime werkaantekening")
    with time_machine.travel(at(2027, 3, 2), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            publication = services.publish(
                actor=world.users["ambtenaar"],
                version=version,
                audience="raad",
                purpose="consultatie",
                closes_on=date(2027, 3, 16),
            )
    assert [message.to for message in mail.outbox] == [["raadslid@example.nl"]]
    message = mail.outbox[0]
    assert message.subject == (
        "Veiligheidsanalyse concept 0.4 ter consultatie – gemeente Amsterdam"
    )
    assert "Ter consultatie voor de raad" in message.body
    assert "tot en met dinsdag 16 maart 2027" in message.body
    link = settings.SITE_URL.rstrip("/") + reports_url(
        project, "version", version_uuid=version.uuid
    )
    assert f"Lees het stuk: {link}" in message.body
    assert "Geheime werkaantekening" not in message.body  # no draft content by e-mail
    publication.refresh_from_db()
    assert publication.notified_at is not None

    # Publishing the same again, or the task running again, mails nobody.
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(
            actor=world.users["ambtenaar"],
            version=version,
            audience="raad",
            purpose="consultatie",
            closes_on=date(2027, 3, 16),
        )
    assert tasks.send_publication_mails(publication.pk) == 0
    assert len(mail.outbox) == 1


def test_partners_added_later_get_their_own_mail_only(world, django_capture_on_commit_callbacks):
    brandweer = UserFactory(email="brandweer@example.nl")
    MembershipFactory(user=brandweer, gemeente=world.gemeente, role=Role.PARTNER)
    version = stored_version(world.project, document="kadernota")
    for recipients in ([brandweer], [brandweer, world.users["partner"]]):
        with django_capture_on_commit_callbacks(execute=True):
            services.publish(
                actor=world.users["ambtenaar"],
                version=version,
                audience="partners",
                recipients=recipients,
            )
    assert [message.to for message in mail.outbox] == [
        ["brandweer@example.nl"],
        ["partner@example.nl"],
    ]
    assert mail.outbox[1].subject.startswith(
        "Kadernota integrale veiligheid concept 0.1 ter informatie"
    )


def test_the_reminder_goes_once_two_days_before_the_consultation_closes(world):
    version = stored_version(world.project)
    _second_raadslid(world, mails_on=False)
    with time_machine.travel(at(2027, 3, 2), tick=False):
        publication = services.publish(
            actor=world.users["ambtenaar"],
            version=version,
            audience="raad",
            purpose="consultatie",
            closes_on=date(2027, 3, 16),
        )
    with time_machine.travel(at(2027, 3, 13), tick=False):  # three days before: not yet
        assert tasks.send_consultation_reminders() == 0
    with time_machine.travel(at(2027, 3, 14), tick=False):  # two days before: once
        assert tasks.send_consultation_reminders() == 1
        assert tasks.send_consultation_reminders() == 0
    with time_machine.travel(at(2027, 3, 15), tick=False):
        assert mails.consultation_reminders_send(date(2027, 3, 15)) == 0
    assert [message.to for message in mail.outbox] == [["raadslid@example.nl"]]
    reminder = mail.outbox[0]
    assert reminder.subject == (
        "Herinnering: vragen over Veiligheidsanalyse concept 0.1 tot en met 16 maart"
    )
    assert "sluit over twee dagen" in reminder.body and "dinsdag 16 maart 2027" in reminder.body
    publication.refresh_from_db()
    assert publication.reminder_sent_at.date() == date(2027, 3, 14)


def test_a_reader_turns_the_mails_off_on_the_account_page(
    world, django_capture_on_commit_callbacks
):
    client = world.client("partner")
    page = client.get(reverse("accounts:overview")).content.decode()
    assert "E-mail bij publicaties" in page and "checked" in page
    done = client.post(reverse("accounts:publication_mails"), {}, follow=True)
    assert "U krijgt geen e-mail meer bij publicaties." in done.content.decode()
    world.users["partner"].refresh_from_db()
    assert world.users["partner"].publication_mails is False
    page = client.get(reverse("accounts:overview")).content.decode()
    assert "checked" not in re.search(r'<input[^>]*name="publication_mails"[^>]*>', page).group(0)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(
            actor=world.users["ambtenaar"],
            version=stored_version(world.project),
            audience="werkgroep",
        )
    assert mail.outbox == []
    assert Publication.objects.get().notified_at is not None  # told everyone who wanted it
    client.post(reverse("accounts:publication_mails"), {"publication_mails": "on"})
    world.users["partner"].refresh_from_db()
    assert world.users["partner"].publication_mails is True
