"""Access that ends (issue 14): a membership whose last day has passed counts as none at all.

The day is the Dutch local date: access runs through ``ends_on``, and ends at midnight in
Amsterdam, not in UTC."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kernbeleid.models import WerkgroepMember
from projects import access, selectors, services
from projects.constants import Role
from projects.models import AuditEntry, Membership
from reports import services as report_services
from reports.constants import RenderStatus
from reports.mails import publication_readers
from reports.models import RenderRun
from reports.selectors import partner_users
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.reports.publication_helpers import at, reports_url, stored_version


def _end(world, persona: str, day: datetime.date) -> None:
    Membership.objects.filter(pk=world.memberships[persona].pk).update(ends_on=day)


@pytest.fixture
def published(world):
    """A version published to the raad, with a finished PDF."""
    version = stored_version(world.project, marker="Gepubliceerde tekst")
    report_services.publish(
        actor=world.users["ambtenaar"], version=version, audience="raad", purpose="informatie"
    )
    run = RenderRun.objects.create(
        version=version, format="pdf", variant="pdf/ua-1", status=RenderStatus.DONE
    )
    run.file.save("analyse.pdf", ContentFile(b"%PDF-1.7\n%stub\n"), save=True)
    return version, run


def test_an_expired_raadslid_gets_404_on_every_page_and_file(world, published):
    version, run = published
    project = world.project
    urls = [
        world.gemeente.get_absolute_url(),
        project.get_absolute_url(),
        reports_url(project, "overview"),
        reports_url(project, "version", version_uuid=version.uuid),
        reports_url(project, "download", run_uuid=run.uuid),
    ]
    # On the last day, late in the evening (23:30 in Amsterdam is 22:30 UTC), all still opens.
    _end(world, "raadslid", datetime.date(2027, 3, 17))
    evening = datetime.datetime(2027, 3, 17, 22, 30, tzinfo=datetime.UTC)
    with time_machine.travel(evening, tick=False):
        client = world.client("raadslid")
        assert [client.get(url).status_code for url in urls] == [200, 200, 200, 200, 200]
    # Just after midnight in Amsterdam (23:05 UTC the day before) it is over.
    after_midnight = datetime.datetime(2027, 3, 17, 23, 5, tzinfo=datetime.UTC)
    with time_machine.travel(after_midnight, tick=False):
        client = world.client("raadslid")
        assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404, 404]
        # The portfolio no longer lists the gemeente.
        assert list(selectors.gemeenten_for_user(world.users["raadslid"])) == []


def test_an_expired_editor_and_bureau_adviseur_get_404(world):
    yesterday = timezone.localdate() - datetime.timedelta(days=2)
    _end(world, "ambtenaar", yesterday)
    _end(world, "adviseur", yesterday)  # the bureau's membership ends: all its gemeenten go
    for persona in ("ambtenaar", "adviseur"):
        client = world.client(persona)
        assert client.get(world.gemeente.get_absolute_url()).status_code == 404
        assert client.get(world.project.get_absolute_url()).status_code == 404
        assert selectors.role_in_gemeente(world.users[persona], world.gemeente) is None


def test_expired_readers_get_no_publication_mails_and_are_no_partners(world, published):
    version, _run = published
    publication = version.publications.get()
    assert list(publication_readers(publication)) == [world.users["raadslid"]]
    assert list(partner_users(world.gemeente)) == [world.users["partner"]]
    past = timezone.localdate() - datetime.timedelta(days=2)
    _end(world, "raadslid", past)
    _end(world, "partner", past)
    assert list(publication_readers(publication)) == []
    assert list(partner_users(world.gemeente)) == []
    # Nor do they appear among the members shown on the project page and used for reminders;
    # the members page shows them to editors, marked.
    emails = [row["user"].email for row in selectors.gemeente_members(world.gemeente)]
    assert "raadslid@example.nl" not in emails and "partner@example.nl" not in emails
    page = world.client("ambtenaar").get(
        reverse("projects:gemeente_members", args=[world.gemeente.slug])
    )
    assert "verlopen: geen toegang meer" in page.content.decode()


# --- Where end dates come from ----------------------------------------------------------


def test_a_new_raadslid_ends_with_the_term_and_follows_a_new_term_end(world):
    gemeente = world.gemeente
    actor = world.users["ambtenaar"]
    gemeente.raadsperiode_ends_on = datetime.date(2030, 3, 31)
    gemeente.save()
    new, _ = services.membership_add(
        actor=actor, gemeente=gemeente, email="nieuw.raadslid@example.nl", role=Role.RAADSLID
    )
    partner, _ = services.membership_add(
        actor=actor,
        gemeente=gemeente,
        email="wijkagent@example.nl",
        role=Role.PARTNER,
        organisation="Politie",
    )
    assert new.ends_on == datetime.date(2030, 3, 31)
    assert partner.ends_on is None
    # One raadslid leaves the raad early: an editor set their end by hand.
    early = MembershipFactory(
        gemeente=gemeente, role=Role.RAADSLID, ends_on=datetime.date(2028, 6, 30)
    )

    services.gemeente_update_settings(
        actor=actor,
        gemeente=gemeente,
        inhabitants=gemeente.inhabitants,
        house_colour=gemeente.house_colour,
        raadsperiode_ends_on=datetime.date(2030, 4, 1),
    )

    ends = {m.user.email: m.ends_on for m in Membership.objects.filter(gemeente=gemeente)}
    assert ends["nieuw.raadslid@example.nl"] == datetime.date(2030, 4, 1)  # followed the term
    assert ends["raadslid@example.nl"] == datetime.date(2030, 4, 1)  # had none: now the term
    assert ends[early.user.email] == datetime.date(2028, 6, 30)  # by hand: kept
    assert ends["wijkagent@example.nl"] is None and ends["ambtenaar@example.nl"] is None
    assert AuditEntry.objects.filter(action="einde toegang raadsleden gewijzigd").count() == 1


def test_the_settings_page_sets_the_term_end(world):
    client = world.client("ambtenaar")
    url = reverse("projects:gemeente_settings", args=[world.gemeente.slug])
    assert "Einde raadsperiode" in client.get(url).content.decode()
    response = client.post(url, {"house_colour": "#1f4e79", "raadsperiode_ends_on": "2030-03-31"})
    assert response.status_code == 302
    world.memberships["raadslid"].refresh_from_db()
    assert world.memberships["raadslid"].ends_on == datetime.date(2030, 3, 31)


def test_a_partner_ends_when_their_last_werkgroep_closes(world):
    project, partner = world.project, world.users["partner"]
    WerkgroepMember.objects.create(
        project=project, name="P. Agent", organisation="politie", user=partner
    )
    unlinked = MembershipFactory(gemeente=world.gemeente, role=Role.PARTNER, organisation="OM")
    other_project = ProjectFactory(gemeente=world.gemeente)
    WerkgroepMember.objects.create(
        project=other_project, name="P. Agent", organisation="politie", user=partner
    )
    actor = world.users["ambtenaar"]

    # The other werkgroep is still open: closing this one does not end the access.
    services.project_update(
        actor=actor, project=project, werkgroep_ends_on=datetime.date(2027, 12, 31)
    )
    world.memberships["partner"].refresh_from_db()
    assert world.memberships["partner"].ends_on is None

    # Once both have closed, access ends with the later of the two.
    services.project_update(
        actor=actor, project=other_project, werkgroep_ends_on=datetime.date(2027, 11, 30)
    )
    world.memberships["partner"].refresh_from_db()
    assert world.memberships["partner"].ends_on == datetime.date(2027, 12, 31)
    unlinked.refresh_from_db()
    assert unlinked.ends_on is None  # not in the werkgroep: untouched

    # Reopening a werkgroep (no closing date) lifts the end that followed it.
    services.project_update(actor=actor, project=project, werkgroep_ends_on=None)
    world.memberships["partner"].refresh_from_db()
    assert world.memberships["partner"].ends_on is None


def test_the_project_form_sets_the_werkgroep_closing_date(world):
    WerkgroepMember.objects.create(
        project=world.project, name="P. Agent", organisation="politie", user=world.users["partner"]
    )
    project = world.project
    response = world.client("ambtenaar").post(
        reverse("projects:project_edit", args=[world.gemeente.slug, project.uuid]),
        {
            "name": project.name,
            "scope": project.scope,
            "period_start": project.period_start,
            "period_end": project.period_end,
            "werkgroep_ends_on": "2027-06-30",
        },
    )
    assert response.status_code == 302
    world.memberships["partner"].refresh_from_db()
    assert world.memberships["partner"].ends_on == datetime.date(2027, 6, 30)


def test_editors_set_and_clear_an_end_date_on_the_members_page(world):
    partner = world.memberships["partner"]
    url = reverse("projects:member_end", args=[world.gemeente.slug, partner.uuid])
    client = world.client("ambtenaar")
    page = client.get(reverse("projects:gemeente_members", args=[world.gemeente.slug]))
    assert "Toegang tot en met" in page.content.decode()

    response = client.post(url, {"ends_on": "2031-01-15"}, follow=True)
    assert "partner@example.nl heeft toegang tot en met 15 januari 2031." in (
        response.content.decode()
    )
    partner.refresh_from_db()
    assert partner.ends_on == datetime.date(2031, 1, 15)
    entry = AuditEntry.objects.get(action="einde toegang gewijzigd")
    assert entry.detail["naar"] == "2031-01-15"

    # A day in the past is refused and changes nothing.
    response = client.post(url, {"ends_on": "2001-01-01"}, follow=True)
    assert "Kies vandaag of een latere datum" in response.content.decode()
    partner.refresh_from_db()
    assert partner.ends_on == datetime.date(2031, 1, 15)

    client.post(url, {"ends_on": ""})
    partner.refresh_from_db()
    assert partner.ends_on is None
    # Readers may not.
    assert world.client("raadslid").post(url, {"ends_on": "2031-01-15"}).status_code == 403


# --- The warning ------------------------------------------------------------------------


def test_the_warning_goes_once_14_days_before(world):
    _end(world, "partner", datetime.date(2027, 4, 30))
    _end(world, "raadslid", datetime.date(2027, 6, 30))  # far off: not yet
    with time_machine.travel(at(2027, 4, 15), tick=False):  # 15 days before
        assert access.access_warnings_send(datetime.date(2027, 4, 15)) == 0
    with time_machine.travel(at(2027, 4, 16), tick=False):  # 14 days before
        call_command("warn_access_ending", datum="2027-04-16")
        call_command("warn_access_ending", datum="2027-04-16")  # again: nothing doubled
        assert access.access_warnings_send(datetime.date(2027, 4, 17)) == 0
    to = sorted(tuple(m.to) for m in mail.outbox)
    assert to == [("ambtenaar@example.nl",), ("partner@example.nl",)]
    personal = next(m for m in mail.outbox if m.to == ["partner@example.nl"])
    assert personal.subject == (
        "Uw toegang tot Integraal voor gemeente Amsterdam eindigt op 30 april 2027"
    )
    assert "loopt tot en met vrijdag 30 april 2027" in personal.body
    assert "ambtenaar@example.nl" in personal.body  # whom to contact
    assert "sluit de werkgroep" in personal.body
    editors = next(m for m in mail.outbox if m.to == ["ambtenaar@example.nl"])
    name = world.users["partner"].full_name
    line = f"- {name}, partner@example.nl – partner (werkgroep), Politie: tot en met 30 april 2027"
    assert line in editors.body
    assert "tot en met 30 april 2027" in editors.body
    world.memberships["partner"].refresh_from_db()
    assert world.memberships["partner"].end_warned_at is not None


def test_a_new_end_date_is_warned_about_again(world):
    partner = world.memberships["partner"]
    _end(world, "partner", datetime.date(2027, 4, 30))
    with time_machine.travel(at(2027, 4, 16), tick=False):
        access.access_warnings_send(datetime.date(2027, 4, 16))
        partner.refresh_from_db()
        access.membership_end_set(
            actor=world.users["ambtenaar"], membership=partner, ends_on=datetime.date(2027, 5, 31)
        )
        mail.outbox.clear()
        assert access.access_warnings_send(datetime.date(2027, 4, 16)) == 0  # too early now
    with time_machine.travel(at(2027, 5, 17), tick=False):
        access.access_warnings_send(datetime.date(2027, 5, 17))
    assert [m.to for m in mail.outbox if "eindigt op" in m.subject] == [["partner@example.nl"]]


def test_the_daily_task_is_scheduled():
    from django.conf import settings

    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "projects.tasks.warn_access_ending" in tasks


def test_an_end_date_set_at_short_notice_is_warned_at_the_next_run(world):
    user = UserFactory(email="kort@example.nl")
    MembershipFactory(
        user=user, gemeente=world.gemeente, role=Role.PARTNER, ends_on=datetime.date(2027, 4, 20)
    )
    with time_machine.travel(at(2027, 4, 16), tick=False):
        access.access_warnings_send(datetime.date(2027, 4, 16))
    assert ["kort@example.nl"] in [m.to for m in mail.outbox]


def test_deadline_reminders_skip_an_expired_ambtenaar(world):
    from kernbeleid.cycle.services import reminder_recipients

    assert "ambtenaar@example.nl" in reminder_recipients(world.gemeente)
    _end(world, "ambtenaar", timezone.localdate() - datetime.timedelta(days=1))
    assert "ambtenaar@example.nl" not in reminder_recipients(world.gemeente)
    assert reminder_recipients(world.gemeente) == ["adviseur@example.nl"]
