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


@pytest.fixture
def content(world):
    """The world's project with a 2023 survey and a text in theme 1.4 (the reports' tests and
    their browser test)."""
    from analysis.figures.services import survey_import_now
    from analysis.models import AnalysisTheme
    from analysis.narrative.services import theme_save
    from tests.analysis.conftest import MAPPING, csv_upload

    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    survey_import_now(actor=None, project=project, upload=csv_upload(), year=2023, mapping=MAPPING)
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    theme_save(
        actor=world.users["ambtenaar"],
        theme=theme,
        base_version=1,
        texts={"knelpunten": "<p>Onveiligheid in het centrum</p>"},
    )
    return project


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty local cache (drawn figures): what one test drew is
    never what another sees. A Redis cache (tests marked `services`) is left alone: clearing
    it would flush the Celery broker's database too; its keys name their whole input."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    cache = caches["default"]
    local = isinstance(cache, LocMemCache)
    if local:
        cache.clear()
    yield
    if local:
        cache.clear()
