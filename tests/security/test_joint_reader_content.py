"""The content check of the raad issue on a joint plan (issue 19): lead, participant and
outsider. The world's project (full draft, the analysis published to the lead's raad and the
werkgroep, the kadernota to the werkgroep) becomes a joint plan that Diemen joined. Diemen's
raadslid crawls everything under Diemen's URL: no draft text anywhere, and not the analysis,
which went to the raad of Amsterdam only, until it is published to the raad of Diemen."""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from projects.constants import ParticipationStatus, Role
from projects.models import ProjectParticipant
from reports import services
from reports.constants import Audience
from tests.factories import MembershipFactory, UserFactory, gemeente
from tests.test_permission_matrix import MATRIX

from .reader_world import MARKER, body_of, crawl, full_draft, poison_drafts, publish, texts_in


@pytest.fixture
def joint_drafted(content, world, django_capture_on_commit_callbacks):
    full_draft(content)
    published = publish(
        content,
        render_pdf=False,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        actor=world.users["ambtenaar"],
    )
    diemen = gemeente("GM0384")
    ProjectParticipant.objects.create(
        project=world.project, gemeente=diemen, status=ParticipationStatus.DEELNEMER
    )
    world.project.joint = True
    world.project.save()
    raadslid = UserFactory(email="raadslid@diemen.nl")
    MembershipFactory(user=raadslid, gemeente=diemen, role=Role.RAADSLID)
    urls = [
        reverse(name, kwargs=kwargs_for(world) | {"gemeente_slug": diemen.slug})
        for name, (kwargs_for, _) in sorted(MATRIX.items())
        if "project_uuid" in kwargs_for(world)
    ]
    assert poison_drafts() > 100
    return published, diemen, raadslid, urls


def _shown(pages, text) -> list[str]:
    return sorted(
        {
            resolve(urlsplit(url).path).view_name
            for url, (status, data) in pages.items()
            if status == 200 and any(text in part for part in texts_in(data))
        }
    )


def test_a_participants_raadslid_sees_no_draft_and_only_its_own_raads_versions(
    joint_drafted, world
):
    published, diemen, raadslid, urls = joint_drafted
    client = world.client("anonymous")
    client.force_login(raadslid)
    project_page = reverse("projects:project_home", args=[diemen.slug, world.project.uuid])
    pages = crawl(client, ["/", project_page])
    for url in urls:
        if url not in pages:
            response = client.get(url)
            pages[url] = (response.status_code, body_of(response))
    assert pages[project_page][0] == 200
    assert _shown(pages, MARKER) == []
    # The analysis went to the raad of Amsterdam: Diemen's raad does not have it.
    analysis = str(published.for_both.uuid)
    assert _shown(pages, analysis) == []
    version_page = reverse(
        "reports:version", args=[diemen.slug, world.project.uuid, published.for_both.uuid]
    )
    assert client.get(version_page).status_code == 404
    # Amsterdam's own raadslid still reads it under Amsterdam.
    lead_page = reverse(
        "reports:version",
        args=[world.gemeente.slug, world.project.uuid, published.for_both.uuid],
    )
    assert world.client("raadslid").get(lead_page).status_code == 200

    # Published to the raad of Diemen as well: now Diemen's raadslid reads it, still
    # without any draft text.
    services.publish(
        actor=world.users["ambtenaar"],
        version=published.for_both,
        audience=Audience.RAAD,
        gemeente=diemen,
    )
    response = client.get(version_page)
    assert response.status_code == 200
    assert MARKER not in response.content.decode()


def test_an_outsider_reaches_no_page_of_the_joint_plan(joint_drafted, world):
    _published, _diemen, _raadslid, urls = joint_drafted
    client = world.client("outsider")  # an ambtenaar of Almere, outside the plan
    statuses = {client.get(url).status_code for url in urls}
    assert statuses == {404}
