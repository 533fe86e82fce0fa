"""The werkgroep of a joint plan (issue 19, item 3): a member works for one gemeente or for
the whole plan (the partners usually work for the whole basisteam); a plan of one gemeente
has no such choice."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kernbeleid.models import WerkgroepMember
from kernbeleid.products import services
from tests.factories import gemeente, join_plan


@pytest.fixture
def diemen(world):
    diemen = gemeente("GM0384")
    join_plan(world.project, diemen)
    return diemen


def _url(world):
    return reverse(
        "kernbeleid:werkgroep",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


def test_a_member_of_a_joint_plan_works_for_one_gemeente_or_the_whole_plan(world, diemen):
    client = world.client("ambtenaar")
    assert "Voor gemeente" in client.get(_url(world)).content.decode()
    member = {"organisation": "politie", "role": "wijkagent"}
    client.post(_url(world), member | {"name": "Wijkagent Diemen", "gemeente": diemen.cbs_code})
    client.post(_url(world), member | {"name": "Teamchef basisteam", "gemeente": ""})
    members = {m.name: m.gemeente for m in WerkgroepMember.objects.all()}
    assert members == {"Wijkagent Diemen": diemen, "Teamchef basisteam": None}
    page = client.get(_url(world)).content.decode()
    assert "voor Diemen" in page and "hele plan" in page


def test_a_gemeente_outside_the_plan_is_refused(world, diemen):
    with pytest.raises(ValidationError):
        services.werkgroep_member_add(
            actor=world.users["ambtenaar"],
            project=world.project,
            name="Iemand",
            organisation="politie",
            gemeente=world.other,
        )


def test_a_plan_of_one_gemeente_has_no_choice(world):
    assert "Voor gemeente" not in world.client("ambtenaar").get(_url(world)).content.decode()
