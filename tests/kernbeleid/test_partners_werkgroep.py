"""Werkgroep members linked to accounts (issue 14, partners contribute): a member is linked to
a partner account of the gemeente or invited, which makes the account with the member's
organisation and mails the invitation; and every page that says whether there are partners
counts the werkgroep members and the partner accounts alike."""

import pytest
from django.urls import reverse

from kernbeleid.constants import Organisation
from kernbeleid.models import WerkgroepMember
from kernbeleid.workflow import selectors as workflow
from projects.constants import Role
from projects.models import AuditEntry, Membership
from tests.factories import MembershipFactory, UserFactory, gemeente


def _url(world, name, **kwargs):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid} | kwargs,
    )


@pytest.fixture
def member(world):
    return WerkgroepMember.objects.create(
        project=world.project,
        name="Sanne Bakker",
        organisation=Organisation.BRANDWEER,
        organisation_name="Veiligheidsregio Utrecht",
    )


def test_inviting_a_member_makes_the_partner_account_with_the_organisation_and_mails(
    world, member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("ambtenaar").post(
            _url(world, "werkgroep_account", member_uuid=member.uuid),
            {"action": "invite", "uitnodig-email": "S.Bakker@VRU.nl"},
            follow=True,
        )
    assert "Sanne Bakker is uitgenodigd" in response.content.decode()
    membership = Membership.objects.get(user__email="s.bakker@vru.nl")
    assert membership.gemeente == world.gemeente
    assert membership.role == Role.PARTNER
    assert membership.organisation == "Veiligheidsregio Utrecht"
    assert membership.user.full_name == "Sanne Bakker"
    assert not membership.user.has_usable_password()
    member.refresh_from_db()
    assert member.user == membership.user
    assert [mail.to for mail in mailoutbox] == [["s.bakker@vru.nl"]]
    assert AuditEntry.objects.filter(action="werkgroeplid gekoppeld aan account").count() == 1


def test_a_refused_invitation_keeps_the_address_and_changes_nothing(world, member):
    response = world.client("ambtenaar").post(
        _url(world, "werkgroep_account", member_uuid=member.uuid),
        # Already a member of this gemeente (as raadslid): membership_add refuses.
        {"action": "invite", "uitnodig-email": "raadslid@example.nl"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Deze persoon is al lid van deze gemeente." in page
    assert 'value="raadslid@example.nl"' in page
    member.refresh_from_db()
    assert member.user is None


def test_linking_takes_only_a_partner_account_of_this_gemeente(world, member):
    page = _url(world, "werkgroep_account", member_uuid=member.uuid)
    client = world.client("ambtenaar")
    refused = client.post(page, {"action": "link", "koppel-user": world.users["raadslid"].pk})
    assert "Kies een partneraccount uit de lijst." in refused.content.decode()
    member.refresh_from_db()
    assert member.user is None

    client.post(page, {"action": "link", "koppel-user": world.users["partner"].pk})
    member.refresh_from_db()
    assert member.user == world.users["partner"]


def test_a_politie_account_is_not_called_no_partners_and_joins_the_werkgroep(world):
    """The bug: 'nog geen partners' while a politie partner account existed."""
    client = world.client("ambtenaar")
    page = client.get(_url(world, "werkgroep")).content.decode()
    assert "nog geen partners" not in page
    assert "De gemeente heeft partneraccounts, maar die staan nog niet in de werkgroep" in page
    draagvlak = client.get(_url(world, "draagvlak")).content.decode()
    assert "nog geen partners" not in draagvlak
    (blocker,) = workflow.GUARDS[2](world.project, None)
    assert "partneraccounts" in blocker.message and "nog geen partners" not in blocker.message

    client.post(
        _url(world, "werkgroep_from_account", membership_uuid=world.memberships["partner"].uuid)
    )
    joined = WerkgroepMember.objects.get(project=world.project)
    assert joined.user == world.users["partner"]
    assert joined.organisation == Organisation.POLITIE  # from the account's "Politie"
    assert workflow.GUARDS[2](world.project, None) == []
    assert "nog niet in de werkgroep" not in client.get(_url(world, "werkgroep")).content.decode()


def test_with_no_partners_at_all_the_pages_say_so(world):
    world.memberships["partner"].delete()
    page = world.client("ambtenaar").get(_url(world, "werkgroep")).content.decode()
    assert "Er zijn nog geen partners" in page


def test_werkgroep_tools_are_for_editors_only(world, member):
    link = _url(world, "werkgroep_account", member_uuid=member.uuid)
    for persona in ("raadslid", "partner"):
        client = world.client(persona)
        assert client.get(link).status_code == 403
        invite = {"action": "invite", "uitnodig-email": "x@y.nl"}
        assert client.post(link, invite).status_code == 403
    assert not Membership.objects.filter(user__email="x@y.nl").exists()
    other_partner = UserFactory(email="politie@elders.nl")
    MembershipFactory(user=other_partner, gemeente=gemeente("GM0034"), role=Role.PARTNER)
    client = world.client("ambtenaar")
    client.force_login(other_partner)
    assert client.get(link).status_code == 404
