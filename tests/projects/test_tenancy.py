"""Who reaches which gemeente, and with which role."""

import pytest
from django.http import Http404

from projects.constants import Role
from projects.selectors import (
    gemeente_access_for_user,
    gemeente_members,
    gemeenten_for_user,
    projects_for_user,
    role_in_gemeente,
)
from tests.factories import BureauFactory, MembershipFactory, ProjectFactory, UserFactory, gemeente


def test_bureau_adviseur_reaches_every_gemeente_the_bureau_serves(world):
    extra = gemeente("GM0344")  # Utrecht
    bureau = world.memberships["adviseur"].bureau
    bureau.gemeenten.add(extra)
    adviseur = world.users["adviseur"]
    assert set(gemeenten_for_user(adviseur)) == {world.gemeente, extra}
    assert role_in_gemeente(adviseur, extra) == Role.ADVISEUR
    # ...and no gemeente the bureau does not serve.
    assert role_in_gemeente(adviseur, world.other) is None
    assert world.other_project not in projects_for_user(adviseur)


def test_outsider_gets_404_not_403(world):
    with pytest.raises(Http404):
        gemeente_access_for_user(world.users["outsider"], world.gemeente.slug)
    with pytest.raises(Http404):
        gemeente_access_for_user(world.users["ambtenaar"], "bestaat-niet")


def test_member_roles_and_what_they_allow(world):
    for persona, role in (
        ("ambtenaar", Role.AMBTENAAR),
        ("raadslid", Role.RAADSLID),
        ("partner", Role.PARTNER),
    ):
        access = gemeente_access_for_user(world.users[persona], world.gemeente.slug)
        assert access.role == role
        assert access.can_edit is (persona == "ambtenaar")


def test_direct_role_and_bureau_role_take_the_stronger(world):
    # An adviseur of the bureau who is also listed as partner keeps editing rights.
    MembershipFactory(user=world.users["adviseur"], gemeente=world.gemeente, role=Role.PARTNER)
    assert role_in_gemeente(world.users["adviseur"], world.gemeente) == Role.ADVISEUR


def test_members_list_includes_bureau_adviseurs(world):
    rows = gemeente_members(world.gemeente)
    emails = {row["user"].email for row in rows}
    assert emails == {f"{p}@example.nl" for p in ("adviseur", "ambtenaar", "raadslid", "partner")}
    bureau_row = next(row for row in rows if row["user"] == world.users["adviseur"])
    assert bureau_row["via"] == "Veilig Advies" and not bureau_row["removable"]


def test_portfolio_lists_projects_of_every_gemeente_of_an_adviseur(world, client):
    extra = gemeente("GM0344")
    world.memberships["adviseur"].bureau.gemeenten.add(extra)
    utrecht_project = ProjectFactory(gemeente=extra, name="IVP Utrecht 2027-2030")
    client.force_login(world.users["adviseur"])
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert utrecht_project.name in content and world.project.name in content
    assert world.other_project.name not in content
    assert "3. Startbijeenkomst werkgroep" in content


def test_user_without_membership_sees_no_gemeente(db, client):
    client.force_login(UserFactory())
    response = client.get("/")
    assert response.status_code == 200
    assert "nog geen toegang" in response.content.decode()


def test_bureau_membership_must_be_adviseur(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        MembershipFactory(bureau=BureauFactory(), role=Role.RAADSLID)
