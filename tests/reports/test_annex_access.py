"""Who gets the besloten bijlage and who may be named: a named reader who can see the
version, and the gemeente's editors. Anyone else gets 404 and sees nothing of it on the
version page; naming someone who cannot read the version is refused in Dutch."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.constants import Role
from projects.models import AuditEntry
from reports import services
from reports.besloten_bijlage import (
    ACTION_DOWNLOADED,
    ACTION_SET,
    besloten_bijlage_set,
    reader_candidates,
)
from reports.models import BeslotenBijlage
from tests.factories import MembershipFactory, UserFactory

from .annex_helpers import SECRET_SECTION, confidential_version
from .publication_helpers import reports_url, stored_version

LINK = "Besloten bijlage (vertrouwelijk, op uw naam)"


def _urls(project, version) -> tuple[str, str]:
    return (
        reports_url(project, "version", version_uuid=version.uuid),
        reports_url(project, "annex_download", version_uuid=version.uuid),
    )


@pytest.fixture
def version(world):
    version = confidential_version(world.project)
    services.publish(actor=world.users["ambtenaar"], version=version, audience="raad")
    return version


def test_a_raadslid_who_is_not_named_gets_404_and_sees_nothing_of_it(world, version):
    other = UserFactory(email="raadslid2@example.nl")
    MembershipFactory(user=other, gemeente=world.gemeente, role=Role.RAADSLID)
    besloten_bijlage_set(actor=world.users["ambtenaar"], version=version, readers=[other])
    page, download = _urls(world.project, version)
    client = world.client("raadslid")

    shown = client.get(page).content.decode()

    assert client.get(download).status_code == 404
    assert "Besloten bijlage" not in shown and "besloten-bijlage" not in shown
    assert SECRET_SECTION not in shown
    assert "Dit onderdeel is vertrouwelijk en ter inzage bij de griffie." in shown
    # The named one sees the link on the same page.
    named = world.client("raadslid")
    named.force_login(other)
    assert LINK in named.get(page).content.decode()
    assert not AuditEntry.objects.filter(action=ACTION_DOWNLOADED).exists()


def test_a_member_of_another_gemeente_gets_404_even_when_named_by_hand(world, version):
    bijlage = besloten_bijlage_set(actor=world.users["ambtenaar"], version=version, readers=[])
    bijlage.readers.add(world.users["outsider"])  # past every check: still nothing
    page, download = _urls(world.project, version)

    assert world.client("outsider").get(download).status_code == 404
    assert world.client("outsider").get(page).status_code == 404
    with pytest.raises(ValidationError, match="kan deze versie niet lezen"):
        besloten_bijlage_set(
            actor=world.users["ambtenaar"], version=version, readers=[world.users["outsider"]]
        )


def test_a_named_raadslid_gets_404_for_a_version_not_published_to_the_raad(world):
    version = confidential_version(world.project, minor=3)
    services.publish(actor=world.users["ambtenaar"], version=version, audience="werkgroep")
    raadslid = world.users["raadslid"]
    with pytest.raises(ValidationError, match="kan deze versie niet lezen") as refused:
        besloten_bijlage_set(actor=world.users["ambtenaar"], version=version, readers=[raadslid])
    assert raadslid.full_name in str(refused.value)
    assert not BeslotenBijlage.objects.exists()  # nothing changed
    bijlage = besloten_bijlage_set(actor=world.users["ambtenaar"], version=version, readers=[])
    bijlage.readers.add(raadslid)  # named by hand, or the version was withdrawn since
    page, download = _urls(world.project, version)

    assert world.client("raadslid").get(download).status_code == 404
    assert world.client("raadslid").get(page).status_code == 404


def test_who_may_be_named_follows_who_reads_the_version(world, version):
    candidates = reader_candidates(version)

    # Published to the raad: the raadslid and the editors (the adviseur through the bureau);
    # not the partner (the werkgroep was not sent it) nor the other gemeente's ambtenaar.
    expected = {world.users[p] for p in ("adviseur", "ambtenaar", "raadslid")}
    assert set(candidates) == expected
    with pytest.raises(ValidationError, match="kan deze versie niet lezen"):
        besloten_bijlage_set(
            actor=world.users["ambtenaar"], version=version, readers=[world.users["partner"]]
        )
    services.publish(actor=world.users["ambtenaar"], version=version, audience="werkgroep")
    assert world.users["partner"] in reader_candidates(version)


def test_only_editors_set_it_and_only_for_a_version_with_confidential_parts(world, version):
    with pytest.raises(PermissionDenied):
        besloten_bijlage_set(actor=world.users["raadslid"], version=version, readers=[])
    plain = stored_version(world.project, minor=5)
    with pytest.raises(ValidationError, match="geen vertrouwelijke onderdelen"):
        besloten_bijlage_set(actor=world.users["ambtenaar"], version=plain, readers=[])
    with pytest.raises(ValidationError, match="2.000 tekens"):
        besloten_bijlage_set(
            actor=world.users["ambtenaar"], version=version, readers=[], note="x" * 2001
        )
    assert not BeslotenBijlage.objects.exists()

    bijlage = besloten_bijlage_set(
        actor=world.users["adviseur"],
        version=version,
        readers=[world.users["raadslid"]],
        note="  Ter inzage in de besloten raadsvergadering.  ",
    )
    assert bijlage.note == "Ter inzage in de besloten raadsvergadering."
    assert bijlage.created_by == world.users["adviseur"]
    entry = AuditEntry.objects.get(action=ACTION_SET)
    assert entry.detail["toegevoegd"] == [world.users["raadslid"].full_name]
    # The same again changes nothing and records nothing.
    besloten_bijlage_set(
        actor=world.users["adviseur"],
        version=version,
        readers=[world.users["raadslid"]],
        note="Ter inzage in de besloten raadsvergadering.",
    )
    assert AuditEntry.objects.filter(action=ACTION_SET).count() == 1
    besloten_bijlage_set(actor=world.users["ambtenaar"], version=version, readers=[])
    assert AuditEntry.objects.filter(action=ACTION_SET).first().detail["verwijderd"] == [
        world.users["raadslid"].full_name
    ]


def test_a_partner_named_for_a_werkgroep_version_downloads_it(world):
    version = confidential_version(world.project, minor=4)
    services.publish(actor=world.users["ambtenaar"], version=version, audience="werkgroep")
    besloten_bijlage_set(
        actor=world.users["ambtenaar"], version=version, readers=[world.users["partner"]]
    )
    page, download = _urls(world.project, version)

    assert LINK in world.client("partner").get(page).content.decode()
    response = world.client("partner").get(download)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action=ACTION_DOWNLOADED).count() == 1


def test_a_failed_render_says_so_and_records_nothing(world, version, monkeypatch):
    from reports import pdf

    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint crashed")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    besloten_bijlage_set(
        actor=world.users["ambtenaar"], version=version, readers=[world.users["raadslid"]]
    )
    page, download = _urls(world.project, version)

    response = world.client("raadslid").get(download, follow=True)

    assert response.redirect_chain[-1][0] == page
    assert "kon nu niet worden gemaakt" in response.content.decode()
    assert not AuditEntry.objects.filter(action=ACTION_DOWNLOADED).exists()
