"""Local chapters of a joint plan (issue 19, item 3): each gemeente writes its own local
priorities, themes and kernen under its own URL; the lead writes every chapter; a plan that
is not joint has none."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kernbeleid.models import LocalChapter
from kernbeleid.products import local
from projects.models import AuditEntry, Project
from tests.factories import MembershipFactory, UserFactory, gemeente, join_plan


@pytest.fixture
def joint(world):
    """Amsterdam (the world's gemeente) leads; Diemen and Ouder-Amstel joined."""
    others = [gemeente("GM0384"), gemeente("GM0437")]
    join_plan(world.project, *others)
    people = {}
    for g in others:
        people[g.slug] = UserFactory(email=f"ambtenaar@{g.slug}.nl")
        MembershipFactory(user=people[g.slug], gemeente=g)
    return world.project, others, people


def _url(g, project, document="kadernota", chapter=None):
    url = reverse(
        "kernbeleid:local_chapter",
        kwargs={"gemeente_slug": g.slug, "project_uuid": project.uuid, "document": document},
    )
    return f"{url}?gemeente={chapter.slug}" if chapter else url


TEXTS = {"priorities": "Drugsoverlast in de kern", "themes": "Ondermijning", "kernen": "Centrum"}


def test_a_participant_writes_its_own_chapter_under_its_own_url(world, joint, client):
    project, (diemen, _ouder), people = joint
    client.force_login(people[diemen.slug])
    page = client.get(_url(diemen, project))
    assert page.status_code == 200
    assert "Lokaal hoofdstuk Diemen" in page.content.decode()
    response = client.post(_url(diemen, project), TEXTS | {"gemeente": diemen.slug})
    assert response.status_code == 302
    chapter = LocalChapter.objects.get(project=project, gemeente=diemen)
    assert (chapter.document, chapter.priorities, chapter.kernen) == (
        "kadernota",
        "Drugsoverlast in de kern",
        "Centrum",
    )
    entry = AuditEntry.objects.get(action="lokaal hoofdstuk opgeslagen")
    assert entry.detail["gemeente"] == "Diemen"


def test_a_participant_may_not_write_another_gemeentes_chapter(world, joint, client):
    project, (diemen, ouder), people = joint
    client.force_login(people[diemen.slug])
    for other in (ouder, world.gemeente):
        assert client.get(_url(diemen, project, chapter=other)).status_code == 403
        response = client.post(_url(diemen, project), TEXTS | {"gemeente": other.slug})
        assert response.status_code == 403
    assert not LocalChapter.objects.exists()


def test_the_lead_writes_every_chapter(world, joint):
    project, (diemen, _ouder), _people = joint
    client = world.client("ambtenaar")
    page = client.get(_url(world.gemeente, project, "analyse", chapter=diemen))
    assert page.status_code == 200
    assert "Lokaal hoofdstuk Ouder-Amstel" in page.content.decode()  # the others, linked
    response = client.post(
        _url(world.gemeente, project, "analyse"), TEXTS | {"gemeente": diemen.slug}
    )
    assert response.status_code == 302
    assert LocalChapter.objects.get(gemeente=diemen).document == "analyse"


def test_a_gemeente_outside_the_plan_and_a_plan_not_joint_have_no_chapter(world, joint):
    project, _others, _people = joint
    client = world.client("ambtenaar")
    assert client.get(_url(world.gemeente, project, chapter=world.other)).status_code == 404
    assert client.get(_url(world.gemeente, project, document="voortgang")).status_code == 404
    Project.objects.filter(pk=project.pk).update(joint=False)
    assert client.get(_url(world.gemeente, project)).status_code == 404


def test_the_kadernota_page_links_the_chapters_for_a_joint_plan_only(world, joint, client):
    project, (diemen, ouder), people = joint
    kadernota = reverse(
        "kernbeleid:kadernota",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid},
    )
    page = world.client("ambtenaar").get(kadernota).content.decode()
    assert "Lokale hoofdstukken" in page
    assert f"?gemeente={ouder.slug}" in page
    client.force_login(people[diemen.slug])
    own = kadernota.replace(f"/g/{world.gemeente.slug}/", f"/g/{diemen.slug}/")
    page = client.get(own).content.decode()
    assert f"?gemeente={diemen.slug}" in page
    assert f"?gemeente={ouder.slug}" not in page  # only its own chapter
    Project.objects.filter(pk=project.pk).update(joint=False)
    assert "Lokale hoofdstukken" not in world.client("ambtenaar").get(kadernota).content.decode()


def test_the_service_refuses_a_gemeente_outside_the_plan(world, joint):
    project, _others, _people = joint
    with pytest.raises(PermissionDenied):
        local.local_chapter_save(
            actor=world.users["ambtenaar"],
            project=project,
            gemeente=world.other,
            document="kadernota",
            **TEXTS,
        )


def test_chapters_come_in_plan_order_with_the_lead_first(world, joint):
    project, (diemen, ouder), _people = joint
    local.local_chapter_save(
        actor=world.users["ambtenaar"],
        project=project,
        gemeente=ouder,
        document="kadernota",
        **TEXTS,
    )
    chapters = local.local_chapters(project, "kadernota")
    assert [c.gemeente for c in chapters] == [world.gemeente, diemen, ouder]
    assert [c.pk is not None for c in chapters] == [False, False, True]
