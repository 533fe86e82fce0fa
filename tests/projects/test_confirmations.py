"""Every destructive or irreversible action asks first (projects/confirm.py, issue 17).

For each: opening the URL, or posting to it without the confirmation, shows the question
with what will happen and changes nothing (an old form or a crafted POST included); the
confirmed POST does it; a raadslid gets 403 and changes nothing."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from analysis.figures.services.own_areas import own_area_define
from analysis.models import AnalysisTheme, Area, AreaLink
from analysis.narrative import services as va_services
from kernbeleid.constants import Organisation
from kernbeleid.models import (
    BovenlokalePrioriteit,
    Goal,
    OwnSeries,
    OwnSeriesPoint,
    WerkgroepMember,
)
from projects.models import Membership
from reports.constants import SectionSource
from reports.models import ReportStructure, StructureChoice, StructureSection
from tests.factories import ProjectFactory

CONFIRMED = {"confirmed": "1"}


@dataclass
class Action:
    url: str  # the destructive URL (a GET shows the question when `get` is set)
    data: dict  # what the form posts, without the confirmation
    exists: Callable[[], bool]  # whether the thing is still there
    question: str  # a phrase of the question
    get: str | None = None  # the query string for the GET question page, "" for none


def _project_url(project, name: str, **kwargs: Any) -> str:
    return reverse(
        name,
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid, **kwargs},
    )


def _member_remove(world) -> Action:
    membership = world.memberships["partner"]
    url = reverse(
        "projects:member_remove",
        kwargs={"gemeente_slug": world.gemeente.slug, "membership_uuid": membership.uuid},
    )
    return Action(
        url,
        {},
        lambda: Membership.objects.filter(pk=membership.pk).exists(),
        "Wilt u de toegang van",
        get="",
    )


def _werkgroep_remove(world) -> Action:
    member = WerkgroepMember.objects.create(
        project=world.project, name="Agent Jansen", organisation=Organisation.POLITIE
    )
    return Action(
        _project_url(world.project, "kernbeleid:werkgroep_remove", member_uuid=member.uuid),
        {},
        lambda: WerkgroepMember.objects.filter(pk=member.pk).exists(),
        "Wilt u Agent Jansen uit de werkgroep verwijderen?",
        get="",
    )


def _goal_remove(world) -> Action:
    va_services.analysis_ensure(project=world.project)
    theme = AnalysisTheme.objects.get(field__project=world.project, code="1.4")
    goal = Goal.objects.create(project=world.project, theme=theme, description="Minder inbraken")
    return Action(
        _project_url(world.project, "kernbeleid:goal_remove", goal_uuid=goal.uuid),
        {},
        lambda: Goal.objects.filter(pk=goal.pk).exists(),
        "Wilt u het doel ‘Minder inbraken’ verwijderen?",
        get="",
    )


def _bovenlokaal_remove(world) -> Action:
    from kernbeleid.products.services import bovenlokale_prioriteit_add

    prioriteit = bovenlokale_prioriteit_add(
        actor=None, project=world.project, niveau="riec", title="Ondermijning", source="RIEC"
    )
    return Action(
        _project_url(
            world.project, "kernbeleid:bovenlokaal_remove", prioriteit_uuid=prioriteit.uuid
        ),
        {},
        lambda: BovenlokalePrioriteit.objects.filter(pk=prioriteit.pk).exists(),
        "Wilt u de bovenlokale prioriteit ‘Ondermijning’ verwijderen?",
        get="",
    )


def _section_remove(world) -> Action:
    structure = ReportStructure.objects.create(
        name="Eigen indeling", document="analyse", gemeente=world.gemeente
    )
    StructureChoice.objects.create(project=world.project, document="analyse", structure=structure)
    section = StructureSection.objects.create(
        structure=structure, position=1, title="Voorwoord", source=SectionSource.FIXED
    )
    return Action(
        _project_url(world.project, "reports:section_remove", document="analyse"),
        {"section": str(section.uuid)},
        lambda: structure.sections.filter(pk=section.pk).exists(),
        "Wilt u het hoofdstuk ‘Voorwoord’ uit de structuur ‘Eigen indeling’ verwijderen?",
        get=f"?section={section.uuid}",
    )


def _own_area_delete(world) -> Action:
    area = own_area_define(
        actor=None, project=world.project, name="Noord", kind="wijkgroep", members_text="WK036300"
    )
    return Action(
        _project_url(world.project, "analysis:own_area_delete", code=area.code),
        {},
        lambda: Area.objects.filter(pk=area.pk).exists(),
        "Wilt u",
        get="",
    )


def _own_series_point_remove(world) -> Action:
    series = OwnSeries.objects.create(gemeente=world.gemeente, name="Meldingen", source="MOR")
    OwnSeriesPoint.objects.create(series=series, year=2024, value=12)
    return Action(
        _project_url(
            world.project, "kernbeleid:own_series_point_remove", series_uuid=series.uuid, year=2024
        ),
        {},
        lambda: OwnSeriesPoint.objects.filter(series=series, year=2024).exists(),
        "Wilt u de waarde van 2024 uit ‘Meldingen’ verwijderen?",
        get="",
    )


def _area_link_delete(world) -> Action:
    old = Area.objects.create(gemeente=world.gemeente, code="WK036301", name="Centrum", kind="wijk")
    new = Area.objects.create(gemeente=world.gemeente, code="WK036311", name="Kern", kind="wijk")
    AreaLink.objects.create(
        gemeente=world.gemeente, old_area=old, new_area=new, kind=AreaLink.Kind.SAME
    )
    return Action(
        _project_url(world.project, "analysis:area_link_delete"),
        {"old": "WK036301", "new": "WK036311"},
        lambda: AreaLink.objects.filter(old_area=old).exists(),
        "Wilt u deze wijziging van de wijkindeling verwijderen",
    )


def _send_back(world) -> Action:
    project = ProjectFactory(gemeente=world.gemeente, step=4)
    project.refresh_from_db()
    return Action(
        _project_url(project, "kernbeleid:send_back"),
        {"expected_step": "4", "to_step": "2", "reason": "De werkgroep wil opnieuw kijken"},
        lambda: type(project).objects.get(pk=project.pk).current_step == 4,
        "Wilt u het project terugzetten van stap 4 naar stap 2",
    )


ACTIONS = {
    "member_remove": _member_remove,
    "werkgroep_remove": _werkgroep_remove,
    "goal_remove": _goal_remove,
    "bovenlokaal_remove": _bovenlokaal_remove,
    "section_remove": _section_remove,
    "own_area_delete": _own_area_delete,
    "own_series_point_remove": _own_series_point_remove,
    "area_link_delete": _area_link_delete,
    "send_back": _send_back,
}


# The form names the thing (the link, the step and reason): asked on the POST only.
POST_ONLY = ("area_link_delete", "send_back")


def _is_question(response, action: Action) -> None:
    page = response.content.decode()
    assert response.status_code == 200
    assert action.question in page
    assert "Wat er gebeurt" in page and ">Annuleren</a>" in page
    assert 'name="confirmed" value="1"' in page
    for name in action.data:  # the form's own fields are posted again with the answer
        assert f'name="{name}"' in page


@pytest.mark.parametrize("name", ACTIONS)
def test_a_post_without_the_confirmation_asks_and_changes_nothing(world, name):
    action = ACTIONS[name](world)
    response = world.client("ambtenaar").post(action.url, action.data)
    _is_question(response, action)
    assert action.exists()


@pytest.mark.parametrize("name", [name for name in ACTIONS if name not in POST_ONLY])
def test_opening_the_url_shows_the_question(world, name):
    action = ACTIONS[name](world)
    response = world.client("ambtenaar").get(action.url + action.get)
    _is_question(response, action)
    assert action.exists()


@pytest.mark.parametrize("name", ACTIONS)
def test_the_confirmed_post_does_it(world, name):
    action = ACTIONS[name](world)
    response = world.client("ambtenaar").post(action.url, action.data | CONFIRMED)
    assert response.status_code == 302
    assert not action.exists()


@pytest.mark.parametrize("name", ACTIONS)
def test_a_raadslid_may_not_even_when_confirming(world, name):
    action = ACTIONS[name](world)
    client = world.client("raadslid")
    assert client.post(action.url, action.data | CONFIRMED).status_code == 403
    assert client.post(action.url, action.data).status_code == 403
    assert action.exists()


def test_the_question_escapes_what_a_user_typed(world):
    member = WerkgroepMember.objects.create(
        project=world.project, name="<b>Jansen</b>", organisation=Organisation.POLITIE
    )
    url = _project_url(world.project, "kernbeleid:werkgroep_remove", member_uuid=member.uuid)
    page = world.client("ambtenaar").get(url).content.decode()
    assert "<b>Jansen</b>" not in page and "&lt;b&gt;Jansen&lt;/b&gt;" in page


def test_the_lists_link_to_the_question_instead_of_deleting(world):
    member = WerkgroepMember.objects.create(
        project=world.project, name="Agent Jansen", organisation=Organisation.POLITIE
    )
    page = world.client("ambtenaar").get(_project_url(world.project, "kernbeleid:werkgroep"))
    remove = _project_url(world.project, "kernbeleid:werkgroep_remove", member_uuid=member.uuid)
    assert f'href="{remove}" data-confirm' in page.content.decode()
