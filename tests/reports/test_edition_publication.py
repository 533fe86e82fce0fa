"""A joint plan's editions in the version lists and before the raden (issue 19): every list
of versions tells "Editie Diemen" from "Gezamenlijk plan"; an edition goes only to its own
gemeente's raad, so Diemen's raadslid reads Diemen's edition and Amsterdam's raadslid does
not."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.constants import Role
from reports import services
from reports.constants import Audience, DocumentKind, PublicationPurpose
from reports.models import Publication
from tests.factories import MembershipFactory, UserFactory, gemeente, join_plan

KN = DocumentKind.KADERNOTA


@pytest.fixture
def plan(world):
    """Amsterdam leads, Diemen joined; the whole plan's kadernota and Diemen's edition."""
    diemen = gemeente("GM0384")
    join_plan(world.project, diemen)
    actor = world.users["ambtenaar"]
    whole = services.version_for(actor=actor, project=world.project, document=KN)
    edition = services.version_for(
        actor=actor, project=world.project, document=KN, edition_gemeente=diemen
    )
    raadslid = UserFactory(email="raadslid@diemen.nl")
    MembershipFactory(user=raadslid, gemeente=diemen, role=Role.RAADSLID)
    return world.project, diemen, whole, edition, raadslid


def _url(name, gemeente, project, **kwargs) -> str:
    return reverse(
        name, kwargs={"gemeente_slug": gemeente.slug, "project_uuid": project.uuid} | kwargs
    )


def test_the_version_lists_name_the_edition_and_the_whole_plan(world, plan):
    project, diemen, whole, edition, _raadslid = plan
    client = world.client("ambtenaar")
    page = client.get(_url("reports:overview", world.gemeente, project)).content.decode()
    assert "Editie Diemen" in page and "Gezamenlijk plan" in page
    version_page = _url("reports:version", world.gemeente, project, version_uuid=edition.uuid)
    assert "Editie Diemen" in client.get(version_page).content.decode()
    publish_page = _url("reports:publish", world.gemeente, project, version_uuid=whole.uuid)
    assert "Gezamenlijk plan" in client.get(publish_page).content.decode()

    # The raadslid's reading list on the project page.
    services.publish(
        actor=world.users["ambtenaar"], version=whole, audience=Audience.RAAD, gemeente=None
    )
    reader = world.client("raadslid")
    home = reader.get(_url("projects:project_home", world.gemeente, project)).content.decode()
    assert "Gezamenlijk plan" in home and "Editie" not in home


def test_a_plan_of_one_gemeente_lists_no_edition_label(world):
    services.version_for(actor=world.users["ambtenaar"], project=world.project, document=KN)
    client = world.client("ambtenaar")
    page = client.get(_url("reports:overview", world.gemeente, world.project)).content.decode()
    assert "Gezamenlijk plan" not in page and "Editie" not in page


def test_an_edition_goes_to_its_own_raad_only(world, plan):
    project, diemen, whole, edition, raadslid = plan
    actor = world.users["ambtenaar"]
    with pytest.raises(ValidationError) as refused:
        services.publish(
            actor=actor, version=edition, audience=Audience.RAAD, gemeente=world.gemeente
        )
    assert "alleen naar de raad van Diemen" in str(refused.value)
    with pytest.raises(ValidationError):  # the default raad is the lead's: refused too
        services.publish(actor=actor, version=edition, audience=Audience.RAAD)
    assert not Publication.objects.exists()

    services.publish(actor=actor, version=edition, audience=Audience.RAAD, gemeente=diemen)
    diemen_reader = world.client("anonymous")
    diemen_reader.force_login(raadslid)
    own = _url("reports:version", diemen, project, version_uuid=edition.uuid)
    assert diemen_reader.get(own).status_code == 200
    lead = _url("reports:version", world.gemeente, project, version_uuid=edition.uuid)
    assert world.client("raadslid").get(lead).status_code == 404
    # The whole plan still goes to whichever raad of the plan is chosen.
    services.publish(actor=actor, version=whole, audience=Audience.RAAD, gemeente=diemen)
    services.publish(actor=actor, version=whole, audience=Audience.RAAD, gemeente=None)
    assert Publication.objects.filter(version=whole).count() == 2


def test_an_edition_does_not_go_ter_besluitvorming(world, plan):
    _project, diemen, _whole, edition, _raadslid = plan
    with pytest.raises(ValidationError) as refused:
        services.publish(
            actor=world.users["ambtenaar"],
            version=edition,
            audience=Audience.RAAD,
            purpose=PublicationPurpose.BESLUITVORMING,
            gemeente=diemen,
        )
    assert "hele plan" in str(refused.value)


def test_the_publish_form_offers_the_editions_raad_and_refuses_another(world, plan):
    project, diemen, _whole, edition, _raadslid = plan
    client = world.client("ambtenaar")
    url = _url("reports:publish", world.gemeente, project, version_uuid=edition.uuid)
    page = client.get(url).content.decode()
    assert f'<option value="{diemen.cbs_code}" selected>Diemen</option>' in page
    data = {"audience": Audience.RAAD, "purpose": PublicationPurpose.INFORMATIE}
    response = client.post(url, data | {"raad": world.gemeente.cbs_code})
    assert response.status_code == 200
    assert "alleen naar de raad van Diemen" in response.content.decode()
    assert not Publication.objects.exists()
    response = client.post(url, data | {"raad": diemen.cbs_code})
    assert response.status_code == 302
    assert Publication.objects.get().gemeente == diemen


def test_the_mail_to_the_raad_names_the_edition(world, plan, mailoutbox):
    from reports.mails import publication_mails_send

    project, diemen, _whole, edition, raadslid = plan
    publication = services.publish(
        actor=world.users["ambtenaar"], version=edition, audience=Audience.RAAD, gemeente=diemen
    )
    mailoutbox.clear()
    assert publication_mails_send(publication.pk) == 1
    (mail,) = mailoutbox
    assert mail.to == [raadslid.email]
    assert "(Editie Diemen)" in mail.subject
    assert "(Editie Diemen)" in mail.body
    assert f"/g/{diemen.slug}/p/{project.uuid}/" in mail.body
