"""Removing a werkgroep member or a report section can be undone for 30 seconds, by whoever
removed it (projects/removal.py, issue 17). A removed one is gone everywhere meanwhile: the
pages, the werkgroep's organisations, a partner's link, the report snapshot."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kernbeleid.constants import Organisation
from kernbeleid.models import WerkgroepMember
from kernbeleid.partners.selectors import linked_member
from kernbeleid.products import selectors as products
from projects.models import AuditEntry, Membership
from reports.constants import SectionSource
from reports.models import ReportStructure, StructureChoice, StructureSection
from reports.snapshot import build_snapshot

CONFIRMED = {"confirmed": "1"}
REFUSED = "Ongedaan maken kan tot 30 seconden na het verwijderen; die tijd is voorbij."


def _url(world, name, **kwargs):
    return reverse(
        name,
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


@pytest.fixture
def politie(world):
    return WerkgroepMember.objects.create(
        project=world.project,
        name="Agent Jansen",
        organisation=Organisation.POLITIE,
        user=world.users["partner"],
    )


@pytest.fixture
def voorwoord(world):
    structure = ReportStructure.objects.create(
        name="Eigen indeling", document="analyse", gemeente=world.gemeente
    )
    StructureChoice.objects.create(project=world.project, document="analyse", structure=structure)
    StructureSection.objects.create(
        structure=structure, position=1, title="Samenvatting", source=SectionSource.SAMENVATTING
    )
    return StructureSection.objects.create(
        structure=structure,
        position=2,
        title="Voorwoord van de burgemeester",
        source=SectionSource.FIXED,
        fixed_text="<p>Welkom.</p>",
    )


def _remove_member(world, member, persona="ambtenaar"):
    url = _url(world, "kernbeleid:werkgroep_remove", member_uuid=member.uuid)
    return world.client(persona).post(url, CONFIRMED)


def _remove_section(world, section, persona="ambtenaar"):
    url = _url(world, "reports:section_remove", document="analyse")
    return world.client(persona).post(url, {"section": section.uuid} | CONFIRMED)


def _titles(world) -> list[str]:
    structure = StructureChoice.objects.get(project=world.project, document="analyse").structure
    snapshot = build_snapshot(world.project, "analyse", structure)
    return [section["title"] for section in snapshot["sections"]]


# --- werkgroep members ---------------------------------------------------------------------


def test_a_removed_member_can_be_put_back_within_30_seconds(world, politie):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _remove_member(world, politie).status_code == 302
        page = world.client("ambtenaar").get(_url(world, "kernbeleid:werkgroep"))
        text = page.content.decode()
        assert "Agent Jansen is uit de werkgroep verwijderd." in text
        assert "Ongedaan maken" in text
        assert "Nog niemand in de werkgroep." in text  # gone from the list
    with time_machine.travel(start + datetime.timedelta(seconds=29), tick=False):
        undo = _url(world, "kernbeleid:werkgroep_undo", member_uuid=politie.uuid)
        response = world.client("ambtenaar").post(undo, follow=True)
    assert "Agent Jansen staat weer in de werkgroep." in response.content.decode()
    politie.refresh_from_db()
    assert politie.removed_at is None and politie.user == world.users["partner"]
    assert list(products.werkgroep(world.project)) == [politie]
    assert AuditEntry.objects.filter(action="verwijderen werkgroeplid ongedaan gemaakt").exists()


def test_after_30_seconds_the_undo_is_refused(world, politie):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _remove_member(world, politie)
    with time_machine.travel(start + datetime.timedelta(seconds=31), tick=False):
        page = world.client("ambtenaar").get(_url(world, "kernbeleid:werkgroep")).content.decode()
        assert "Ongedaan maken" not in page  # no longer offered
        undo = _url(world, "kernbeleid:werkgroep_undo", member_uuid=politie.uuid)
        response = world.client("ambtenaar").post(undo, follow=True)
    assert REFUSED in response.content.decode()
    assert not WerkgroepMember.objects.filter(pk=politie.pk).exists()


def test_only_who_removed_it_may_undo_and_outsiders_reach_nothing(world, politie):
    _remove_member(world, politie)
    undo = _url(world, "kernbeleid:werkgroep_undo", member_uuid=politie.uuid)
    colleague = world.client("adviseur").post(undo, follow=True)
    assert "Alleen wie dit verwijderde, kan het ongedaan maken." in colleague.content.decode()
    assert world.client("raadslid").post(undo).status_code == 403
    assert world.client("partner").post(undo).status_code == 403
    assert world.client("outsider").post(undo).status_code == 404
    assert not WerkgroepMember.objects.filter(pk=politie.pk).exists()


def test_a_removed_member_no_longer_counts_anywhere(world, politie):
    assert products.werkgroep_external_organisations(world.project) == {"politie"}
    assert linked_member(world.project, world.users["partner"]) == politie
    _remove_member(world, politie)
    assert products.werkgroep_external_organisations(world.project) == set()
    assert linked_member(world.project, world.users["partner"]) is None
    # The partner's home no longer names them as this werkgroep member.
    home = world.client("partner").get(_url(world, "kernbeleid:partner_home")).content.decode()
    assert "(Agent Jansen)" not in home
    # The werkgroep's closing date no longer sets the end of their access.
    from projects.access import werkgroep_end_apply

    world.project.werkgroep_ends_on = datetime.date(2027, 6, 30)
    world.project.save()
    changed = werkgroep_end_apply(
        actor=None, project=world.project, old=None, new=datetime.date(2027, 6, 30)
    )
    assert changed == 0
    partner = Membership.objects.get(pk=world.memberships["partner"].pk)
    assert partner.ends_on != datetime.date(2027, 6, 30)


def test_a_removed_members_account_may_be_linked_again_and_the_undo_keeps_one_link(world, politie):
    from kernbeleid.partners.services import werkgroep_member_link

    _remove_member(world, politie)
    other = WerkgroepMember.objects.create(
        project=world.project, name="Inspecteur Bakker", organisation=Organisation.POLITIE
    )
    werkgroep_member_link(
        actor=None, project=world.project, member=other, user=world.users["partner"]
    )
    undo = _url(world, "kernbeleid:werkgroep_undo", member_uuid=politie.uuid)
    world.client("ambtenaar").post(undo)
    politie.refresh_from_db()
    assert politie.removed_at is None and politie.user is None
    assert linked_member(world.project, world.users["partner"]) == other


def test_old_removals_are_purged_at_the_next_removal(world, politie):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _remove_member(world, politie)
    later = WerkgroepMember.objects.create(
        project=world.project, name="Brandweerman Smit", organisation=Organisation.BRANDWEER
    )
    with time_machine.travel(start + datetime.timedelta(days=2), tick=False):
        _remove_member(world, later)
    assert not WerkgroepMember.with_removed.filter(pk=politie.pk).exists()
    assert WerkgroepMember.with_removed.filter(pk=later.pk).exists()


# --- report sections -----------------------------------------------------------------------


def test_a_removed_section_leaves_the_snapshot_and_comes_back_with_the_undo(world, voorwoord):
    assert _titles(world) == ["Samenvatting", "Voorwoord van de burgemeester"]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _remove_section(world, voorwoord).status_code == 302
        assert _titles(world) == ["Samenvatting"]
        page = world.client("ambtenaar").get(_url(world, "reports:structure", document="analyse"))
        text = page.content.decode()
        assert "Het hoofdstuk ‘Voorwoord van de burgemeester’ is verwijderd." in text
        assert "Ongedaan maken" in text
    with time_machine.travel(start + datetime.timedelta(seconds=20), tick=False):
        undo = _url(world, "reports:section_undo", document="analyse", section_uuid=voorwoord.uuid)
        response = world.client("ambtenaar").post(undo, follow=True)
    assert "staat weer in de structuur" in response.content.decode()
    assert _titles(world) == ["Samenvatting", "Voorwoord van de burgemeester"]


def test_a_section_undo_after_30_seconds_is_refused(world, voorwoord):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _remove_section(world, voorwoord)
    undo = _url(world, "reports:section_undo", document="analyse", section_uuid=voorwoord.uuid)
    with time_machine.travel(start + datetime.timedelta(seconds=45), tick=False):
        response = world.client("ambtenaar").post(undo, follow=True)
    assert REFUSED in response.content.decode()
    assert _titles(world) == ["Samenvatting"]


def test_outsiders_and_readers_cannot_undo_a_section(world, voorwoord):
    _remove_section(world, voorwoord)
    undo = _url(world, "reports:section_undo", document="analyse", section_uuid=voorwoord.uuid)
    assert world.client("outsider").post(undo).status_code == 404
    assert world.client("raadslid").post(undo).status_code == 403
    colleague = world.client("adviseur").post(undo, follow=True)
    assert "Alleen wie dit verwijderde" in colleague.content.decode()
    assert _titles(world) == ["Samenvatting"]


def test_a_removed_section_is_not_in_a_copy_of_the_structure(world, voorwoord):
    from reports.services import structure_copy

    _remove_section(world, voorwoord)
    copy = structure_copy(
        actor=world.users["ambtenaar"],
        project=world.project,
        document="analyse",
        source=voorwoord.structure,
        name="Kopie",
    )
    assert [s.title for s in copy.sections.all()] == ["Samenvatting"]
