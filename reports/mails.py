"""The e-mails that tell readers something was published to them, and the reminder two days
before a consultation closes. Each reader gets a mail of their own (no one sees the other
addresses); a reader who turned publication mails off on their account page gets none. The
mails name the document, version, purpose and closing date, and link to the version: no
draft content travels by e-mail."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from projects.constants import KERNBELEID_STEPS, Role
from projects.models import Membership
from projects.scopes import project_gemeente_ids

from .constants import Audience, PublicationPurpose
from .editions import edition_label, edition_labels
from .models import Publication

REMINDER_DAYS_BEFORE = 2

AUDIENCE_ROLE = {Audience.RAAD: Role.RAADSLID, Audience.WERKGROEP: Role.PARTNER}


def publication_readers(publication: Publication) -> QuerySet[User]:
    """Who the publication reaches today: the raadsleden of its raad, the partners (the
    werkgroep), or the named partners who are still partners of the plan's gemeenten."""
    project = publication.version.project
    if publication.audience == Audience.RAAD:
        gemeenten = [publication.gemeente_id or project.gemeente_id]  # that raad only
    else:  # the werkgroep of a joint plan has partners of each of its gemeenten
        gemeenten = project_gemeente_ids(project)
    members = Membership.objects.active().filter(gemeente_id__in=gemeenten)
    if publication.audience == Audience.PARTNERS:
        users = publication.recipients.filter(
            pk__in=members.filter(role=Role.PARTNER).values("user")
        )
    else:
        role = AUDIENCE_ROLE[Audience(publication.audience)]
        users = User.objects.filter(pk__in=members.filter(role=role).values("user"))
    return users.filter(is_active=True).exclude(email="").distinct().order_by("email")


def mail_readers(publication: Publication, user_ids: list[int] | None = None) -> list[User]:
    """The readers who want these mails (publication_mails on), optionally only `user_ids`."""
    readers = publication_readers(publication).filter(publication_mails=True)
    if user_ids is not None:
        readers = readers.filter(pk__in=user_ids)
    return list(readers)


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _reader_gemeente(publication: Publication, user: User):
    """The gemeente under whose URL this reader opens the plan: the raad's own, or (a joint
    plan's werkgroep) a gemeente of the plan the reader is a member of."""
    project = publication.version.project
    if publication.gemeente is not None:
        return publication.gemeente
    if not project.joint:
        return project.gemeente
    mine = Membership.objects.active().filter(
        user=user, gemeente_id__in=project_gemeente_ids(project)
    )
    found = mine.select_related("gemeente").order_by("gemeente__name").first()
    return found.gemeente if found else project.gemeente


def _messages(publication: Publication, users, kind: str) -> list[EmailMessage]:
    """One mail per reader; the edition's label is read once for them all."""
    edition = edition_label(publication.version, edition_labels(publication.version.project))
    return [_message(publication, user, kind, edition) for user in users]


def _message(publication: Publication, user: User, kind: str, edition: str) -> EmailMessage:
    version = publication.version
    project = version.project
    gemeente = _reader_gemeente(publication, user)
    context = {
        "publication": publication,
        "version": version,
        # A joint plan's edition or the whole plan: the reader must know which they get.
        "edition": edition,
        "project": project,
        "gemeente": gemeente,
        "reader": user,
        "consultation": publication.purpose == PublicationPurpose.CONSULTATIE,
        "decision": publication.purpose == PublicationPurpose.BESLUITVORMING,
        "decision_step_name": dict(KERNBELEID_STEPS).get(publication.decision_step or 0, ""),
        "link": _link(
            reverse(
                "reports:version",
                kwargs={
                    "gemeente_slug": gemeente.slug,
                    "project_uuid": project.uuid,
                    "version_uuid": version.uuid,
                },
            )
        ),
        "account_link": _link(reverse("accounts:overview")),
    }
    with translation.override("nl"):
        subject = render_to_string(f"reports/email/{kind}_subject.txt", context)
        body = render_to_string(f"reports/email/{kind}.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email])


def _send(messages: list[EmailMessage]) -> int:
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def publication_mails_send(publication_id: int, user_ids: list[int] | None = None) -> int:
    """The mail that something was published: to every reader once (the first call claims
    notified_at; a later call sends nothing), or, for partners added to a publication later,
    to those `user_ids` only. A failed send gives the claim back, so a retry sends again."""
    publication = (
        Publication.objects.select_related("version__project__gemeente")
        .filter(pk=publication_id)
        .first()
    )
    if publication is None:
        return 0
    if user_ids is not None:
        return _send(_messages(publication, mail_readers(publication, user_ids), "publication"))
    now = timezone.now()
    if not Publication.objects.filter(pk=publication.pk, notified_at=None).update(notified_at=now):
        return 0
    try:
        return _send(_messages(publication, mail_readers(publication), "publication"))
    except Exception:
        Publication.objects.filter(pk=publication.pk, notified_at=now).update(notified_at=None)
        raise


def consultation_reminders_send(today: datetime.date) -> int:
    """The daily run: every consultation that closes in two days reminds its readers, once
    (reminder_sent_at). Returns how many mails went out."""
    due = Publication.objects.filter(
        purpose=PublicationPurpose.CONSULTATIE,
        closes_on=today + datetime.timedelta(days=REMINDER_DAYS_BEFORE),
        reminder_sent_at=None,
    ).select_related("version__project__gemeente")
    sent = 0
    for publication in due:
        now = timezone.now()
        with transaction.atomic():
            claimed = Publication.objects.filter(pk=publication.pk, reminder_sent_at=None).update(
                reminder_sent_at=now
            )
        if not claimed:
            continue  # another run got it first
        try:
            sent += _send(_messages(publication, mail_readers(publication), "reminder"))
        except Exception:
            Publication.objects.filter(pk=publication.pk, reminder_sent_at=now).update(
                reminder_sent_at=None
            )
            raise
    return sent
