"""Issue 19, item 6: the portfolio and the deadlines show a joint plan once, with its gemeenten
and where each raad stands; every link to it opens under a gemeente the user reaches; and the
portfolio's query count does not grow with the gemeenten and joint plans a bureau serves."""

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kernbeleid.constants import Outcome
from kernbeleid.cycle.deadlines import KIND_MEMBERSHIP, deadline_overview, project_deadlines
from kernbeleid.models import Action, RaadDecision, StepRecord
from kernbeleid.workflow.raden import raad_status
from projects.constants import ParticipationStatus, Role
from projects.models import Gemeente, Project, ProjectParticipant
from projects.portfolio import plan_url_gemeente
from projects.selectors import projects_for_user
from tests.factories import BureauFactory, MembershipFactory, ProjectFactory, UserFactory, gemeente

PORTFOLIO = reverse("projects:home") + "?overzicht=1"
DEADLINES = reverse("kernbeleid:deadlines")

# What the portfolio of a bureau's adviseur makes at the small size (2 gemeenten, 1 joint
# plan), on SQLite and PostgreSQL alike: the session, the user and their second factor (3),
# the ids of their gemeenten for the scope and the gemeenten themselves (2), the plans (1),
# the joint plans' gemeenten (1), the user's roles (2), the plans' steps, actions, moties and
# college decisions (4), the consultations (1), the ending memberships (1), for the raden
# the decisions (1; the plans' gemeenten are those read already), and the navigation's
# roles (1). Without joint plans the two joint reads fall away: the 15 of
# tests/test_query_counts.py.
PORTFOLIO_MAX = 17
# The deadlines page: the same without the gemeenten list, the raden and the navigation.
DEADLINES_MAX = 14

# The first 40 gemeenten of CBS's 2023 list, in its order (Groningen's province first).
with (Path(settings.BASE_DIR) / "projects/data/gemeenten_2023.csv").open(encoding="utf-8-sig") as f:
    CODES = [row["gemeentCode"] for row in csv.DictReader(f, delimiter=";")][:40]


@dataclass
class Bureau:
    adviseur: object
    gemeenten: list[Gemeente]
    plans: list[Project]

    def client(self) -> Client:
        client = Client()
        client.force_login(self.adviseur)
        return client


def _decide(project: Project, gemeente_: Gemeente, step: int, outcome=Outcome.AANGENOMEN):
    RaadDecision.objects.create(
        project=project, gemeente=gemeente_, step=step, date=date(2027, 2, 1), outcome=outcome
    )


def _joint_plan(name: str, lead: Gemeente, others: list[Gemeente], step: int) -> Project:
    project = ProjectFactory(gemeente=lead, name=name, joint=True, current_step=step)
    for other in others:
        ProjectParticipant.objects.create(
            project=project, gemeente=other, status=ParticipationStatus.DEELNEMER
        )
    return project


def _bureau(n_gemeenten: int, n_plans: int) -> Bureau:
    """A bureau serving the first ``n_gemeenten`` gemeenten with ``n_plans`` joint plans.

    Plan i is led by gemeente 2i with gemeente 2i+1; every odd plan also has gemeente 2i+2
    (the next plan's lead), stands on step 5 and has two of its three raden adopted; every
    even plan stands on step 1 with its lead's raad adopted. Each plan also has a gemeente
    that left and one still invited: neither is one of its gemeenten."""
    gemeenten = [gemeente(code) for code in CODES[:n_gemeenten]]
    bureau = BureauFactory()
    bureau.gemeenten.add(*gemeenten)
    adviseur = UserFactory(email=f"adviseur{n_gemeenten}@bureau.nl")
    MembershipFactory(user=adviseur, bureau=bureau, role=Role.ADVISEUR)
    elsewhere = [gemeente("GM0339"), gemeente("GM0340")]  # Renswoude, Rhenen: not served
    plans = []
    for i in range(n_plans):
        lead, second = gemeenten[2 * i], gemeenten[2 * i + 1]
        odd = i % 2 == 1
        others = [second, gemeenten[(2 * i + 2) % n_gemeenten]] if odd else [second]
        project = _joint_plan(f"Gezamenlijk IVP {i:02d}", lead, others, step=5 if odd else 1)
        ProjectParticipant.objects.create(
            project=project, gemeente=elsewhere[0], status=ParticipationStatus.VERTROKKEN
        )
        ProjectParticipant.objects.create(
            project=project, gemeente=elsewhere[1], status=ParticipationStatus.UITGENODIGD
        )
        _decide(project, lead, 5 if odd else 1)
        if odd:
            _decide(project, second, 5, Outcome.GEAMENDEERD)
        plans.append(project)
    return Bureau(adviseur, gemeenten, plans)


def _label(project: Project) -> str:
    lead, *others = [project.gemeente] + sorted(
        (p.gemeente for p in project.participants.filter(status=ParticipationStatus.DEELNEMER)),
        key=lambda g: g.name,
    )
    return ", ".join([f"{lead.name} (penvoerder)", *(g.name for g in others)])


def _rows(html: str, project: Project) -> int:
    return html.count(f'data-project="{project.uuid}"')


def test_the_portfolio_is_constant_in_queries_for_40_gemeenten_with_20_joint_plans(
    db, django_assert_max_num_queries
):
    small = _bureau(2, 1)
    client = small.client()
    client.get(PORTFOLIO)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PORTFOLIO).status_code == 200
    # Counted now: Django keeps only the last 9000 queries, and building the large size
    # moves the log past these.
    measured = len(queries)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DEADLINES).status_code == 200
    measured_deadlines = len(queries)
    assert measured <= PORTFOLIO_MAX
    assert measured_deadlines <= DEADLINES_MAX

    large = _bureau(40, 20)
    client = large.client()
    client.get(PORTFOLIO)
    with django_assert_max_num_queries(measured):
        response = client.get(PORTFOLIO)
    html = response.content.decode()
    with django_assert_max_num_queries(measured_deadlines):
        deadlines = client.get(DEADLINES).content.decode()

    assert "Renswoude" not in html and "Rhenen" not in html  # left, or only invited
    for i, project in enumerate(large.plans):
        assert _rows(html, project) == 1, project.name
        assert f"Gezamenlijk plan: {_label(project)}" in html
        status = raad_status(project)
        expected = (
            "stap 5: aangenomen in 2 van 3 raden"
            if i % 2
            else "stap 1: aangenomen in 1 van 2 raden"
        )
        assert str(status) == expected
        assert expected in html
        assert f'href="/g/{project.gemeente.slug}/p/{project.uuid}/"' in html  # the lead's
        # Each of its deadlines once on the deadlines page, though the bureau reaches the
        # plan through every one of its gemeenten.
        assert deadlines.count(f'data-deadline-key="nota_end:{project.uuid}"') == 1
    odd = large.plans[1]
    # Per raad its own label: the lead adopted, the second amended, the third not yet.
    lead, second, third = [row.gemeente for row in raad_status(odd).rows]
    assert f"<li>{lead.name}: <span>aangenomen</span></li>" in html
    assert f"<li>{second.name}: <span>aangenomen met amendementen</span></li>" in html
    assert f'<li>{third.name}: <span class="text-body-secondary">nog geen besluit</span></li>' in (
        html
    )


@dataclass
class Trio:
    """Veenendaal leads a plan that Rhenen joined and Renswoude left; Utrecht is elsewhere."""

    project: Project
    own: Project
    lead: Gemeente
    participant: Gemeente
    left: Gemeente
    people: dict

    def client(self, who: str) -> Client:
        client = Client()
        client.force_login(self.people[who])
        return client


def build_trio() -> Trio:
    lead, participant, left = gemeente("GM0345"), gemeente("GM0340"), gemeente("GM0339")
    project = _joint_plan("IVP Foodvalley-Oost 2027-2030", lead, [participant], step=3)
    ProjectParticipant.objects.create(
        project=project, gemeente=left, status=ParticipationStatus.VERTROKKEN
    )
    # Rows of the plan, which belong to the lead: outside a participant's own scope.
    StepRecord.objects.filter(project=project, step=4).update(planned_end=date(2027, 4, 1))
    Action.objects.create(
        project=project, year=2027, title="Buurtpreventie", owner="OOV", end=date(2027, 8, 1)
    )
    project.next_deadline = date(2027, 9, 1)
    project.next_deadline_label = "Concept-kadernota naar de werkgroep"
    project.werkgroep_ends_on = date(2028, 1, 31)
    project.save()
    people = {
        "lead": UserFactory(email="ambtenaar@veenendaal.nl"),
        "participant": UserFactory(email="ambtenaar@rhenen.nl"),
        "raadslid": UserFactory(email="raadslid@rhenen.nl"),
        "left": UserFactory(email="ambtenaar@renswoude.nl"),
        "outsider": UserFactory(email="ambtenaar@utrecht.nl"),
    }
    MembershipFactory(user=people["lead"], gemeente=lead)
    MembershipFactory(user=people["participant"], gemeente=participant)
    MembershipFactory(
        user=people["raadslid"], gemeente=participant, role=Role.RAADSLID, ends_on=date(2030, 1, 1)
    )
    MembershipFactory(user=people["left"], gemeente=left)
    MembershipFactory(user=people["outsider"], gemeente=gemeente("GM0344"))
    own = ProjectFactory(gemeente=participant, name="Eigen plan Rhenen")
    return Trio(project, own, lead, participant, left, people)


@pytest.fixture
def trio(db) -> Trio:
    return build_trio()


def _plan_links(html: str) -> set[str]:
    return set(re.findall(r'href="(/g/[^"]+)"', html))


@pytest.mark.parametrize("who", ["participant", "raadslid"])
def test_a_participants_member_sees_the_plan_with_links_under_their_own_gemeente(trio, who):
    client = trio.client(who)
    portfolio = client.get(PORTFOLIO).content.decode()
    deadlines = client.get(DEADLINES).content.decode()

    assert _rows(portfolio, trio.project) == 1
    assert "Gezamenlijk plan: Veenendaal (penvoerder), Rhenen" in portfolio
    assert "Renswoude" not in portfolio
    assert "stap 1: aangenomen in 0 van 2 raden" in portfolio
    assert f'data-deadline-key="nota_end:{trio.project.uuid}"' in deadlines
    assert "Veenendaal (penvoerder), Rhenen" in deadlines

    links = _plan_links(portfolio) | _plan_links(deadlines)
    assert any(f"/p/{trio.project.uuid}/" in link for link in links)
    assert all(link.startswith(f"/g/{trio.participant.slug}/") for link in links), links
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_a_participant_sees_the_plans_deadlines_as_the_lead_does(trio):
    """The plan's steps and actions are rows of the lead's: read for the participant too."""
    html = trio.client("participant").get(DEADLINES).content.decode()
    shown = set(re.findall(r'data-deadline-key="([^"]+)"', html))
    plan = {d.key for d in project_deadlines(trio.project) if d.kind != KIND_MEMBERSHIP}
    assert f"step:{trio.project.uuid}:4" in plan
    assert any(key.startswith("action:") for key in plan)
    assert plan <= shown
    # The ending access listed is the participant's own members', not the lead's.
    raadslid = f"membership:{trio.people['raadslid'].memberships.get().uuid}"
    assert raadslid in shown


def test_the_lead_opens_it_under_the_lead(trio):
    portfolio = trio.client("lead").get(PORTFOLIO).content.decode()
    assert f'href="/g/{trio.lead.slug}/p/{trio.project.uuid}/"' in portfolio
    assert _rows(portfolio, trio.project) == 1


def test_an_outsider_and_a_gemeente_that_left_see_nothing_of_it(trio):
    for who in ("outsider", "left"):
        client = trio.client(who)
        for page in (PORTFOLIO, DEADLINES):
            html = client.get(page).content.decode()
            assert "IVP Foodvalley-Oost" not in html, (who, page)
            assert str(trio.project.uuid) not in html, (who, page)
        assert trio.project not in projects_for_user(trio.people[who])
        assert deadline_overview(trio.people[who]) == []


def test_the_participant_reaches_the_joint_plan_and_its_own_each_once(trio):
    reached = list(projects_for_user(trio.people["participant"]))
    assert sorted(p.name for p in reached) == ["Eigen plan Rhenen", "IVP Foodvalley-Oost 2027-2030"]
    overview = deadline_overview(trio.people["participant"])
    keys = [d.key for d in overview]
    assert len(keys) == len(set(keys))
    assert {d.plan.via for d in overview} == {trio.participant}


def test_the_project_page_of_a_participant_links_its_deadlines_under_its_own_gemeente(trio):
    client = trio.client("participant")
    url = reverse(
        "projects:project_home",
        kwargs={"gemeente_slug": trio.participant.slug, "project_uuid": trio.project.uuid},
    )
    html = client.get(url).content.decode()
    deadline_links = set(
        re.findall(r'data-deadline-key="[^"]+"[^>]*>.*?href="([^"]+)"', html, re.S)
    )
    assert deadline_links
    assert all(link.startswith(f"/g/{trio.participant.slug}/") for link in deadline_links)


def test_the_link_goes_where_the_user_may_edit_the_lead_first():
    lead, other = Gemeente(pk=1, name="Veenendaal"), Gemeente(pk=2, name="Rhenen")
    assert plan_url_gemeente([lead, other], {1: Role.ADVISEUR, 2: Role.AMBTENAAR}) == lead
    assert plan_url_gemeente([lead, other], {1: None, 2: Role.RAADSLID}) == other
    assert plan_url_gemeente([lead, other], {1: Role.RAADSLID, 2: Role.AMBTENAAR}) == other
    assert plan_url_gemeente([lead, other], {1: Role.RAADSLID, 2: Role.PARTNER}) == lead
    assert plan_url_gemeente([lead, other], {1: None, 2: None}) is None


def test_an_analysis_only_joint_plan_has_no_raden_to_show(trio):
    Project.objects.filter(pk=trio.project.pk).update(scope="analyse")
    html = trio.client("participant").get(PORTFOLIO).content.decode()
    assert "Gezamenlijk plan: Veenendaal (penvoerder), Rhenen" in html
    assert "Raadsbesluit" not in html and "van 2 raden" not in html
