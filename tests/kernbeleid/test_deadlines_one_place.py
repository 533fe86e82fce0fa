"""Issue 15, part 5: every deadline comes from one place (kernbeleid/cycle/deadlines.py).

The project home, the portfolio, the deadlines page and the reminder mails show the same set
of deadlines; each role sees only what it may; the reminder for a new kadernota comes the
project's lead time before the end (a year unless set otherwise)."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from kernbeleid.cycle.deadlines import (
    KIND_CONSULTATION,
    KIND_MEMBERSHIP,
    READER_KINDS,
    deadline_overview,
    next_deadline,
    project_deadlines,
)
from kernbeleid.models import CollegeBesluit, Motie, ReminderSent, StepRecord
from kernbeleid.tasks import send_deadline_reminders
from projects.constants import Role
from reports.models import Publication
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.kernbeleid.deadline_scene import Scene, build_scene

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = date(2027, 3, 10)
KEY = re.compile(r'data-deadline-key="([^"]+)" data-deadline-date="(\d{4}-\d\d-\d\d)"')


@pytest.fixture
def scene(world) -> Scene:
    return build_scene(world)


def at(day: date, hour: int = 12):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM), tick=False
    )


def keys_in(html: str) -> set[tuple[str, str]]:
    return set(KEY.findall(html))


def as_set(deadlines) -> set[tuple[str, str]]:
    return {(d.key, d.date.isoformat()) for d in deadlines}


def project_url(project, name="projects:project_home") -> str:
    return reverse(
        name, kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid}
    )


# --- the selector, against hand-set dates ---------------------------------------------------


def test_every_kind_appears_in_date_order_with_hand_set_dates(scene):
    deadlines = project_deadlines(scene.project, TODAY)
    uuid = scene.project.uuid
    partner = scene.world.users["partner"].full_name
    raadslid = scene.world.users["raadslid"].full_name
    assert [(d.date, d.kind, d.label) for d in deadlines] == [
        (date(2027, 3, 20), "own", "Veiligheidsanalyse definitief"),
        (
            date(2027, 3, 26),
            "consultation",
            "Consultatie Veiligheidsanalyse concept 0.2 sluit (de werkgroep)",
        ),
        (
            date(2027, 3, 30),
            "consultation",
            "Consultatie Veiligheidsanalyse concept 0.2 sluit (de raad)",
        ),
        (
            date(2027, 4, 1),
            "step",
            "Stap 4: Beleidsvragen visie, veiligheidsanalyse en prioriteiten klaar",
        ),
        (date(2027, 6, 1), "step", "Stap 5: Vaststelling prioriteiten door de raad klaar"),
        (date(2027, 7, 1), "motie", "Motie M-3 afgehandeld: Cameratoezicht evalueren"),
        (date(2027, 8, 1), "action", "Actie gereed: Buurtpreventie opzetten"),
        (date(2027, 9, 30), "membership", f"Toegang eindigt: {partner}, partner (werkgroep)"),
        (date(2027, 9, 30), "werkgroep", "Werkgroep stopt (toegang van de partners eindigt)"),
        (date(2027, 10, 31), "membership", f"Toegang eindigt: {raadslid}, raadslid"),
        (date(2027, 12, 31), "programme", "Uitvoeringsprogramma 2028 vastgesteld door het college"),
        (date(2028, 12, 31), "programme", "Uitvoeringsprogramma 2029 vastgesteld door het college"),
        (date(2029, 1, 1), "midterm", "Actualisatie kadernota (na 2 jaar)"),
        (
            date(2029, 12, 31),
            "new_nota",
            "Traject nieuwe kadernota starten (de kadernota loopt af op 31 december 2030): "
            "nieuw project met dit plan als vorig plan",
        ),
        (date(2029, 12, 31), "programme", "Uitvoeringsprogramma 2030 vastgesteld door het college"),
        (date(2030, 12, 31), "nota_end", "Nieuwe kadernota nodig (looptijd 4 jaar)"),
    ]
    # Keys name what the deadline is about, not its date: a moved date keeps its key.
    assert f"step:{uuid}:4" in {d.key for d in deadlines}
    assert f"action:{scene.action.uuid}" in {d.key for d in deadlines}
    assert len({d.key for d in deadlines}) == len(deadlines)
    assert not any(d.overdue for d in deadlines)
    assert [d.soon for d in deadlines[:4]] == [True, False, False, False]  # within 14 days


def test_overdue_done_and_adopted_items(scene):
    later = project_deadlines(scene.project, date(2027, 4, 2))
    by_kind = {d.key: d for d in later}
    assert by_kind[f"step:{scene.project.uuid}:4"].overdue  # planned 1 April, not done
    assert by_kind[f"own:{scene.project.uuid}"].overdue
    # Closed consultations leave the list; they are done, not late.
    assert not any(d.kind == KIND_CONSULTATION for d in later)
    # An adopted programme is no longer a deadline; a done motie neither.
    CollegeBesluit.objects.create(
        project=scene.project, year=2028, date=date(2027, 11, 1), number="1"
    )
    Motie.objects.filter(pk=scene.motie.pk).update(
        task_done_at=datetime(2027, 4, 1, tzinfo=AMSTERDAM)
    )
    keys = {d.key for d in project_deadlines(scene.project, date(2027, 4, 2))}
    assert f"programme:{scene.project.uuid}:2028" not in keys
    assert f"programme:{scene.project.uuid}:2029" in keys
    assert f"motie:{scene.motie.uuid}" not in keys
    # The nearest deadline is the first one not yet passed.
    assert next_deadline(later).date == date(2027, 6, 1)


@pytest.mark.parametrize(
    ("lead_days", "start"),
    [(365, date(2029, 12, 31)), (180, date(2030, 7, 4)), (540, date(2029, 7, 9))],
)
def test_the_lead_time_moves_the_new_kadernota_deadline(world, lead_days, start):
    # 31 December 2030 minus 180 days is 4 July 2030; minus 540 days is 9 July 2029.
    world.project.new_nota_lead_days = lead_days
    world.project.save()
    [new_nota] = [d for d in project_deadlines(world.project, TODAY) if d.kind == "new_nota"]
    assert new_nota.date == start


def test_the_new_kadernota_reminder_comes_the_lead_time_before_the_end(world):
    """Default: a year before the end, so 14 days before 31 December 2029 the staff hear."""
    CollegeBesluit.objects.create(
        project=world.project, year=2030, date=date(2029, 11, 1), number="1"
    )
    for project in (world.project, world.other_project):
        project.new_nota_lead_days = 365 if project == world.project else 400
        project.save()

    with at(date(2029, 12, 17), 7):
        send_deadline_reminders.delay()
    mails = [m for m in mail.outbox if world.gemeente.name in m.subject]
    assert [m.extra_headers["X-Integraal-Deadline"] for m in mails] == [
        f"new_nota:{world.project.uuid}"
    ]
    assert "Traject nieuwe kadernota starten" in mails[0].subject
    assert sorted(mails[0].to) == ["adviseur@example.nl", "ambtenaar@example.nl"]

    # Set to half a year: the reminder moves to 14 days before 4 July 2030.
    world.project.new_nota_lead_days = 180
    world.project.save()
    mail.outbox.clear()
    with at(date(2029, 12, 17), 7):
        send_deadline_reminders.delay()
    assert not [m for m in mail.outbox if world.gemeente.name in m.subject]
    with at(date(2030, 6, 20), 7):
        send_deadline_reminders.delay()
    assert [
        m.extra_headers["X-Integraal-Deadline"]
        for m in mail.outbox
        if world.gemeente.name in m.subject
    ] == [f"new_nota:{world.project.uuid}"]


def test_the_project_form_sets_the_lead_time(world):
    client = world.client("ambtenaar")
    url = project_url(world.project, "projects:project_edit")
    form = {
        "name": world.project.name,
        "scope": "kernbeleid",
        "period_start": "2027",
        "period_end": "2030",
    }
    refused = client.post(url, form | {"new_nota_lead_days": "10"})
    assert refused.status_code == 200
    assert "Zorg ervoor dat deze waarde minstens 30 is." in refused.content.decode()
    world.project.refresh_from_db()
    assert world.project.new_nota_lead_days == 365

    assert client.post(url, form | {"new_nota_lead_days": "200"}).status_code == 302
    world.project.refresh_from_db()
    assert world.project.new_nota_lead_days == 200
    assert "Start nieuw traject" in client.get(url).content.decode()


def test_planning_no_longer_overwrites_the_own_deadline(scene):
    from kernbeleid.workflow import services as workflow

    workflow.planning_save(
        actor=scene.world.users["ambtenaar"], project=scene.project, planned={4: date(2027, 3, 15)}
    )
    scene.project.refresh_from_db()
    assert (scene.project.next_deadline, scene.project.next_deadline_label) == (
        date(2027, 3, 20),
        "Veiligheidsanalyse definitief",
    )
    assert next_deadline(project_deadlines(scene.project, TODAY)).date == date(2027, 3, 15)


def test_the_migration_clears_only_copies_of_computed_deadlines(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "projects.migrations.0009_project_own_deadline_and_new_nota_lead"
    )
    StepRecord.objects.filter(project=world.project, step=4).update(planned_end=date(2027, 4, 1))
    world.project.next_deadline = date(2027, 4, 1)
    world.project.next_deadline_label = (
        "Stap 4: Beleidsvragen visie, veiligheidsanalyse en prioriteiten"
    )
    world.project.save()
    typed = ProjectFactory(gemeente=world.gemeente)
    typed.next_deadline, typed.next_deadline_label = date(2027, 4, 1), "Stap 4: eigen afspraak"
    typed.save()  # its step 4 has no planned date: typed by hand, kept

    migration.clear_computed_deadlines(apps, None)

    world.project.refresh_from_db()
    typed.refresh_from_db()
    assert (world.project.next_deadline, world.project.next_deadline_label) == (None, "")
    assert typed.next_deadline == date(2027, 4, 1)


# --- the same set everywhere ----------------------------------------------------------------


def mailed_keys(project, gemeente, deadlines) -> set[tuple[str, str]]:
    """Run the daily job on the day of each deadline's first reminder that lies ahead (14 or
    2 days before) and collect which deadlines the mails to this gemeente were about."""
    days = sorted(
        {
            d.date - timedelta(days=14)
            if d.date - timedelta(days=14) >= TODAY
            else d.date - timedelta(days=2)
            for d in deadlines
        }
    )
    mail.outbox.clear()
    for day in days:
        with at(day, 7):
            send_deadline_reminders.delay()
    found = set()
    for message in mail.outbox:
        if gemeente.name not in message.subject:
            continue
        key = message.extra_headers["X-Integraal-Deadline"]
        dated = re.search(r"Datum: \w+ (\d+ \w+ \d{4})", message.body).group(1)
        found.add((key, dated))
    return found


DUTCH_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def long_date(day: date) -> str:
    return f"{day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"


def test_home_portfolio_deadlines_page_and_mails_show_the_same_set(scene):
    world, project = scene.world, scene.project
    with at(TODAY):
        expected = project_deadlines(project, user=world.users["ambtenaar"])
        assert as_set(expected) == as_set(project_deadlines(project))  # editors see all
        client = world.client("ambtenaar")
        home = client.get(project_url(project)).content.decode()
        portfolio = client.get(reverse("projects:home") + "?overzicht=1").content.decode()
        page = client.get(reverse("kernbeleid:deadlines")).content.decode()

    assert len(expected) == 16 and len({d.kind for d in expected}) == 11
    assert keys_in(home) == as_set(expected)
    assert keys_in(portfolio) == as_set(expected)
    assert keys_in(page) == as_set(expected)
    mailed = mailed_keys(project, world.gemeente, expected)
    assert mailed == {(d.key, long_date(d.date)) for d in expected}

    # The nearest deadline (the analysis definitief) is on the deadlines page too.
    assert "Eerstvolgende deadline: 20 maart 2027 (Veiligheidsanalyse definitief)" in home
    assert "Veiligheidsanalyse definitief" in page
    assert "Eerstvolgende deadline: <strong>20 maart 2027</strong>" in page


def test_a_members_end_is_mailed_once_for_a_gemeente_with_two_projects(scene):
    ProjectFactory(gemeente=scene.world.gemeente, name="Tweede plan")
    key = f"membership:{scene.world.memberships['partner'].uuid}"
    with at(date(2027, 9, 16), 7):
        send_deadline_reminders.delay()
    about = [m for m in mail.outbox if m.extra_headers["X-Integraal-Deadline"] == key]
    assert len(about) == 1
    assert ReminderSent.objects.filter(key__startswith=key).count() == 1
    # Shown once on the deadlines page as well, not once per project.
    with at(TODAY):
        overview = deadline_overview(scene.world.users["ambtenaar"])
    assert [d.key for d in overview].count(key) == 1


# --- who sees what --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["raadslid", "partner"])
def test_readers_see_only_their_part_on_every_page(scene, persona):
    world, project = scene.world, scene.project
    user = world.users[persona]
    with at(TODAY):
        expected = project_deadlines(project, user=user)
        client = world.client(persona)
        home = client.get(project_url(project)).content.decode()
        portfolio = client.get(reverse("projects:home") + "?overzicht=1").content.decode()
        page = client.get(reverse("kernbeleid:deadlines")).content.decode()

    for html in (home, portfolio, page):
        assert keys_in(html) == as_set(expected)
        # Internal planning and the live programme stay with the editors.
        for hidden in (
            "Buurtpreventie",
            "Veiligheidsanalyse definitief",
            "Stap 4:",
            "Werkgroep stopt",
        ):
            assert hidden not in html
    kinds = {d.kind for d in expected}
    assert kinds <= READER_KINDS[Role(persona)]
    own = world.memberships[persona]
    other = world.memberships["partner" if persona == "raadslid" else "raadslid"]
    keys = {d.key for d in expected}
    assert f"membership:{own.uuid}" in keys  # their own access end ...
    assert f"membership:{other.uuid}" not in keys  # ... never someone else's
    assert "Uw toegang eindigt" in home
    if persona == "raadslid":
        assert {f"consultation:{scene.raad_consultation.pk}", f"motie:{scene.motie.uuid}"} <= keys
        assert f"consultation:{scene.werkgroep_consultation.pk}" not in keys
        assert f"midterm:{project.uuid}" in keys
    else:
        assert kinds == {KIND_CONSULTATION, KIND_MEMBERSHIP}
        assert f"consultation:{scene.werkgroep_consultation.pk}" in keys
        assert f"consultation:{scene.raad_consultation.pk}" not in keys
    # Links lead where the reader may go: the project page or the published version.
    for deadline in expected:
        assert "/traject/" not in deadline.url and "/leden/" not in deadline.url


def test_a_partner_named_on_a_publication_sees_its_closing_date(scene):
    version = scene.raad_consultation.version
    named = Publication.objects.create(
        version=version,
        audience="partners",
        purpose="consultatie",
        closes_on=date(2027, 4, 5),
        step=3,
    )
    named.recipients.add(scene.world.users["partner"])
    stranger = UserFactory(email="andere-partner@example.nl")
    MembershipFactory(user=stranger, gemeente=scene.world.gemeente, role=Role.PARTNER)
    key = f"consultation:{named.pk}"
    assert key in {
        d.key for d in project_deadlines(scene.project, TODAY, user=scene.world.users["partner"])
    }
    assert key not in {d.key for d in project_deadlines(scene.project, TODAY, user=stranger)}


def test_another_gemeente_sees_none_of_it(scene):
    outsider = scene.world.users["outsider"]
    assert project_deadlines(scene.project, TODAY, user=outsider) == []
    with at(TODAY):
        page = scene.world.client("outsider").get(reverse("kernbeleid:deadlines")).content.decode()
        portfolio = scene.world.client("outsider").get(reverse("projects:home") + "?overzicht=1")
    assert str(scene.project.uuid) not in page
    assert not any(str(scene.project.uuid) in key for key, _ in keys_in(portfolio.content.decode()))
    assert "Veiligheidsanalyse definitief" not in page
    stranger = UserFactory(email="niemand@example.nl")
    assert deadline_overview(stranger, TODAY) == []
