"""The deadline reminders of a joint plan (issue 19) reach the ambtenaren and adviseurs of
every gemeente of the plan, each gemeente its own mail with links under its own URL (a
participant's member cannot open the lead's), once per deadline and moment."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from kernbeleid.cycle import services
from kernbeleid.cycle.models import ReminderSent
from kernbeleid.models import Action
from projects.constants import ParticipationStatus, Role
from projects.models import Project, ProjectParticipant
from tests.factories import MembershipFactory, UserFactory, gemeente

DAY = date(2027, 6, 1)  # 14 days before the action's end


@pytest.fixture
def joint(world, settings):
    settings.SITE_URL = "https://integraal.example.nl/"
    diemen = gemeente("GM0384")
    ProjectParticipant.objects.create(
        project=world.project, gemeente=diemen, status=ParticipationStatus.DEELNEMER
    )
    Project.objects.filter(pk=world.project.pk).update(joint=True)
    MembershipFactory(user=UserFactory(email="ambtenaar@diemen.nl"), gemeente=diemen)
    MembershipFactory(
        user=UserFactory(email="raadslid@diemen.nl"), gemeente=diemen, role=Role.RAADSLID
    )
    Action.objects.create(
        project=world.project, year=2027, title="Buurtpreventie", owner="OOV", end=date(2027, 6, 15)
    )
    return diemen


def _progress(gemeente, project) -> str:
    path = reverse(
        "kernbeleid:progress",
        kwargs={"gemeente_slug": gemeente.slug, "project_uuid": project.uuid},
    )
    return f"https://integraal.example.nl{path}"


def test_every_gemeente_of_the_plan_gets_its_own_reminder(world, joint):
    diemen = joint
    assert services.reminders_send(DAY) == 2
    by_gemeente = {tuple(message.to): message for message in mail.outbox}
    lead = by_gemeente[("adviseur@example.nl", "ambtenaar@example.nl")]
    own = by_gemeente[("ambtenaar@diemen.nl",)]
    assert "Buurtpreventie" in own.subject and "Diemen" in own.subject
    assert _progress(diemen, world.project) in own.body
    assert _progress(world.gemeente, world.project) not in own.body
    assert _progress(world.gemeente, world.project) in lead.body
    # Never twice: the second run the same day sends nothing.
    assert services.reminders_send(DAY) == 0
    assert ReminderSent.objects.filter(project=world.project).count() == 2
