from dataclasses import dataclass

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from projects.constants import Role
from projects.models import Gemeente, Membership, Project

from .factories import BureauFactory, MembershipFactory, ProjectFactory, UserFactory, gemeente

PERSONAS = ("adviseur", "ambtenaar", "raadslid", "partner", "outsider", "anonymous")


@dataclass
class World:
    """Two real gemeenten: the bureau serves `gemeente`; `other` is someone else's."""

    gemeente: Gemeente
    other: Gemeente
    project: Project
    other_project: Project
    users: dict
    memberships: dict[str, Membership]

    def client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client


@pytest.fixture
def world(db) -> World:
    home, other = gemeente("GM0363"), gemeente("GM0034")
    bureau = BureauFactory(name="Veilig Advies")
    bureau.gemeenten.add(home)
    users = {
        persona: UserFactory(email=f"{persona}@example.nl")
        for persona in PERSONAS
        if persona != "anonymous"
    }
    memberships = {
        "adviseur": MembershipFactory(user=users["adviseur"], bureau=bureau, role=Role.ADVISEUR),
        "ambtenaar": MembershipFactory(user=users["ambtenaar"], gemeente=home),
        "raadslid": MembershipFactory(user=users["raadslid"], gemeente=home, role=Role.RAADSLID),
        "partner": MembershipFactory(
            user=users["partner"], gemeente=home, role=Role.PARTNER, organisation="Politie"
        ),
        # An ambtenaar elsewhere: can edit there, must see nothing here.
        "outsider": MembershipFactory(user=users["outsider"], gemeente=other),
    }
    return World(
        gemeente=home,
        other=other,
        project=ProjectFactory(gemeente=home, current_step=3),
        other_project=ProjectFactory(gemeente=other),
        users=users,
        memberships=memberships,
    )


@pytest.fixture(autouse=True)
def scopes_off_in_the_test_body():
    """Tests set up and inspect data across gemeenten freely. Requests through the test
    client still run in the real scope: the middleware and the resolver turn it on."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test writes its files to a fresh folder (the storages follow MEDIA_ROOT)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def celery_mode(request, settings):
    """Tasks run in-process in tests, except those marked `services`, which go through
    Redis to a real worker (see tests/test_worker.py)."""
    from config.celery import app

    eager = request.node.get_closest_marker("services") is None
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    settings.CELERY_TASK_ALWAYS_EAGER = eager
    yield
    app.conf.task_always_eager = previous
