"""Every project URL of the permission matrix, on a joint plan (issue 19).

The world's project becomes a joint plan that Rhenen joined. Rhenen's ambtenaar and raadslid
reach it under Rhenen's URL with what their role allows there: the same status as the lead's
ambtenaar and raadslid in the matrix. Under the lead's URL they are nobody (404), and an
ambtenaar of a gemeente outside the plan gets 404 under either URL.
"""

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from projects.constants import ParticipationStatus, Role
from projects.models import ProjectParticipant

from .factories import MembershipFactory, UserFactory, gemeente
from .test_permission_matrix import MATRIX


def _takes_project(name: str) -> bool:
    """Whether the URL pattern of this name has a project_uuid."""
    *namespaces, short = name.split(":")
    resolver = get_resolver()
    for namespace in namespaces:
        resolver = resolver.namespace_dict[namespace][1]
    return any(
        "project_uuid" in params
        for possibility, *_rest in resolver.reverse_dict.getlist(short)
        for _result, params in possibility
    )


PROJECT_URLS = sorted(name for name in MATRIX if _takes_project(name))

# Where a participant's ambtenaar may do less than the lead's, and why.
DIFFERENT = {
    # Only the lead invites gemeenten and withdraws invitations.
    ("projects:project_gemeenten", "POST"): 403,
    ("projects:participant_withdraw", "POST"): 403,
    # The lead's own areas are the lead's gemeente-owned data.
    ("analysis:own_area_edit", "GET"): 404,
    ("analysis:own_area_edit", "POST"): 404,
    ("analysis:own_area_delete", "GET"): 404,
    ("analysis:own_area_delete", "POST"): 404,
    # The matrix's goal is for the whole plan: only the lead changes or removes it
    # (kernbeleid/products/goal_scope.py); a participant its own local goals.
    ("kernbeleid:goal_remove", "GET"): 403,
    ("kernbeleid:goal_remove", "POST"): 403,
    ("kernbeleid:goal_budget", "POST"): 403,
    # Under its own URL the participant sees its own gemeente's figures; Rhenen has none
    # imported in this world, and the page says so.
    ("analysis:theme", "GET"): 404,
    ("analysis:indicator", "GET"): 404,
    # The lead's wijk is not one of the participant's own wijken.
    ("analysis:va_wijk", "GET"): 404,
    # The lead's import runs are the lead's gemeente-owned data; a participant reads in its
    # own under its own URL.
    **{
        (f"analysis:{name}", method): 404
        for name in (
            "import_detail",
            "import_mapping",
            "mapping_answers",
            "mapping_answers_show",
            "import_flag",
            "import_store",
            "import_back",
            "import_file_delete",
        )
        for method in ("GET", "POST")
    },
    # Which editions the plan uses is the lead's choice; a participant reads its own newest.
    ("analysis:editions_choose", "GET"): 403,
    ("analysis:editions_choose", "POST"): 403,
}


@pytest.fixture
def participant(world):
    rhenen = gemeente("GM0340")
    people = {
        "p_ambtenaar": UserFactory(email="ambtenaar@rhenen.nl"),
        "p_raadslid": UserFactory(email="raadslid@rhenen.nl"),
    }
    MembershipFactory(user=people["p_ambtenaar"], gemeente=rhenen)
    MembershipFactory(user=people["p_raadslid"], gemeente=rhenen, role=Role.RAADSLID)
    ProjectParticipant.objects.create(
        project=world.project, gemeente=rhenen, status=ParticipationStatus.DEELNEMER
    )
    world.project.joint = True
    world.project.save()
    return rhenen, people


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


CASES = [
    (name, method, who)
    for name in PROJECT_URLS
    for method in ("GET", "POST")
    for who in ("p_ambtenaar", "p_raadslid")
]


@pytest.mark.parametrize(("name", "method", "who"), CASES)
def test_a_participant_has_its_role_on_the_joint_plan(world, participant, name, method, who):
    rhenen, people = participant
    kwargs_for, expected = MATRIX[name]
    kwargs = kwargs_for(world)
    persona = {"p_ambtenaar": "ambtenaar", "p_raadslid": "raadslid"}[who]
    status = expected[method][persona]
    if kwargs["project_uuid"] != world.project.uuid:
        # The row builds a plan of the lead's own, not the joint plan: 404, unless the
        # role is refused first (the resolver checks the role before it looks up the plan).
        status = 403 if status == 403 else 404
    elif who == "p_ambtenaar" and status != 405:  # a wrong method is refused first
        status = DIFFERENT.get((name, method), status)
    client = _client(people[who])
    own = reverse(name, kwargs=kwargs | {"gemeente_slug": rhenen.slug})
    response = client.get(own) if method == "GET" else client.post(own, {})
    assert response.status_code == status, (
        f"{method} {own} as {who}: got {response.status_code}, expected {status}"
    )
    lead = reverse(name, kwargs=kwargs)
    assert (client.get(lead) if method == "GET" else client.post(lead, {})).status_code == 404


@pytest.mark.parametrize("name", PROJECT_URLS)
def test_an_outsider_gets_404_on_the_joint_plan(world, participant, name):
    rhenen, _people = participant
    kwargs_for, _expected = MATRIX[name]
    kwargs = kwargs_for(world)
    client = world.client("outsider")  # an ambtenaar of Almere, outside the plan
    for slug in (world.gemeente.slug, rhenen.slug):
        url = reverse(name, kwargs=kwargs | {"gemeente_slug": slug})
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404
