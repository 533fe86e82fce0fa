"""Joint plans (issue 19): inviting, joining, leaving, and strict tenancy for lead,
participant and outsider."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from projects import joint
from projects.constants import ParticipationStatus, Role
from projects.models import AuditEntry, Project, ProjectParticipant
from tests.factories import (
    BureauFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
    gemeente,
)


@dataclass
class Joint:
    lead: object
    participant: object
    outsider_gemeente: object
    project: object
    lead_other_project: object
    participant_own_project: object
    people: dict

    def client(self, who: str) -> Client:
        client = Client()
        client.force_login(self.people[who])
        return client


@pytest.fixture
def plan(db) -> Joint:
    """Veenendaal leads, Rhenen is invited (not yet joined), Utrecht is an outsider."""
    lead, participant, outsider = gemeente("GM0345"), gemeente("GM0340"), gemeente("GM0344")
    bureau = BureauFactory()
    bureau.gemeenten.add(lead, participant)
    people = {
        "adviseur": UserFactory(email="adviseur@bureau.nl"),
        "lead_ambtenaar": UserFactory(email="ambtenaar@veenendaal.nl"),
        "p_ambtenaar": UserFactory(email="ambtenaar@rhenen.nl"),
        "p_raadslid": UserFactory(email="raadslid@rhenen.nl"),
        "p_partner": UserFactory(email="politie@rhenen.nl"),
        "outsider": UserFactory(email="ambtenaar@utrecht.nl"),
    }
    MembershipFactory(user=people["adviseur"], bureau=bureau, role=Role.ADVISEUR)
    MembershipFactory(user=people["lead_ambtenaar"], gemeente=lead)
    MembershipFactory(user=people["p_ambtenaar"], gemeente=participant)
    MembershipFactory(user=people["p_raadslid"], gemeente=participant, role=Role.RAADSLID)
    MembershipFactory(
        user=people["p_partner"], gemeente=participant, role=Role.PARTNER, organisation="Politie"
    )
    MembershipFactory(user=people["outsider"], gemeente=outsider)
    return Joint(
        lead=lead,
        participant=participant,
        outsider_gemeente=outsider,
        project=ProjectFactory(gemeente=lead, name="IVP Foodvalley-Oost 2027-2030"),
        lead_other_project=ProjectFactory(gemeente=lead, name="Eigen plan Veenendaal"),
        participant_own_project=ProjectFactory(gemeente=participant, name="Eigen plan Rhenen"),
        people=people,
    )


def _url(name, g, project=None, **kwargs):
    args = {"gemeente_slug": g.slug} | ({"project_uuid": project.uuid} if project else {})
    return reverse(f"projects:{name}", kwargs=args | kwargs)


def _invite(plan, who="lead_ambtenaar"):
    return plan.client(who).post(
        _url("project_gemeenten", plan.lead, plan.project), {"gemeente": plan.participant.pk}
    )


def _join(plan) -> ProjectParticipant:
    _invite(plan)
    invitation = ProjectParticipant.objects.get(project=plan.project, gemeente=plan.participant)
    plan.client("p_ambtenaar").post(
        _url("invitation_accept", plan.participant, participant_uuid=invitation.uuid)
    )
    invitation.refresh_from_db()
    return invitation


def test_the_lead_invites_and_the_invited_gemeente_accepts(plan):
    response = _invite(plan)
    assert response.status_code == 302
    invitation = ProjectParticipant.objects.get(project=plan.project)
    assert invitation.status == ParticipationStatus.UITGENODIGD
    assert Project.objects.get(pk=plan.project.pk).joint

    # Invited is not joined: the participant's members do not reach the plan yet.
    home = _url("project_home", plan.participant, plan.project)
    assert plan.client("p_ambtenaar").get(home).status_code == 404
    page = plan.client("p_ambtenaar").get(_url("gemeente_home", plan.participant))
    assert "IVP Foodvalley-Oost 2027-2030" in page.content.decode()
    assert "Meedoen" in page.content.decode()

    accept = _url("invitation_accept", plan.participant, participant_uuid=invitation.uuid)
    assert plan.client("p_ambtenaar").post(accept).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == ParticipationStatus.DEELNEMER
    assert invitation.answered_by == plan.people["p_ambtenaar"]

    page = plan.client("p_ambtenaar").get(home)
    assert page.status_code == 200
    assert "Gezamenlijk plan van Veenendaal en Rhenen (penvoerder Veenendaal)" in (
        page.content.decode()
    )
    # The raadslid reads the reader's page of the plan, in their own gemeente's URL.
    assert plan.client("p_raadslid").get(home).status_code == 200
    assert joint.plan_gemeenten(Project.objects.get(pk=plan.project.pk)) == [
        plan.lead,
        plan.participant,
    ]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"gemeente uitgenodigd voor gezamenlijk plan", "meedoen aan gezamenlijk plan"} <= (
        actions
    )
    # Both gemeenten's logs hold the joining.
    assert AuditEntry.objects.filter(
        gemeente=plan.participant, action="meedoen aan gezamenlijk plan"
    ).exists()


def test_only_an_ambtenaar_of_the_invited_gemeente_accepts(plan):
    _invite(plan)
    invitation = ProjectParticipant.objects.get(project=plan.project)
    accept = _url("invitation_accept", plan.participant, participant_uuid=invitation.uuid)
    assert plan.client("p_raadslid").post(accept).status_code == 403
    assert plan.client("p_partner").post(accept).status_code == 403
    # The bureau's adviseur serves Rhenen too, but the gemeente itself decides.
    assert plan.client("adviseur").post(accept).status_code == 403
    # The lead cannot accept for Rhenen: the invitation is not found under Veenendaal.
    lead_accept = _url("invitation_accept", plan.lead, participant_uuid=invitation.uuid)
    assert plan.client("lead_ambtenaar").post(lead_accept).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == ParticipationStatus.UITGENODIGD


def test_a_declined_or_withdrawn_invitation_gives_no_access(plan):
    _invite(plan)
    invitation = ProjectParticipant.objects.get(project=plan.project)
    withdraw = _url(
        "participant_withdraw", plan.lead, plan.project, participant_uuid=invitation.uuid
    )
    assert plan.client("lead_ambtenaar").post(withdraw).status_code == 302
    accept = _url("invitation_accept", plan.participant, participant_uuid=invitation.uuid)
    response = plan.client("p_ambtenaar").post(accept, follow=True)
    assert "al beantwoord of gewijzigd" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == ParticipationStatus.INGETROKKEN
    home = _url("project_home", plan.participant, plan.project)
    assert plan.client("p_ambtenaar").get(home).status_code == 404

    _invite(plan)  # invited again after a withdrawal
    invitation.refresh_from_db()
    decline = _url("invitation_decline", plan.participant, participant_uuid=invitation.uuid)
    assert plan.client("p_ambtenaar").post(decline).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == ParticipationStatus.AFGEWEZEN
    assert plan.client("p_ambtenaar").get(home).status_code == 404


def test_the_adviseur_invites_only_gemeenten_the_bureau_serves(plan):
    candidates = joint.invite_candidates(user=plan.people["adviseur"], project=plan.project)
    assert list(candidates) == [plan.participant]
    response = plan.client("adviseur").post(
        _url("project_gemeenten", plan.lead, plan.project),
        {"gemeente": plan.outsider_gemeente.pk},
    )
    assert response.status_code == 200
    assert "Deze gemeente kunt u niet uitnodigen." in response.content.decode()
    assert not ProjectParticipant.objects.exists()
    assert not Project.objects.get(pk=plan.project.pk).joint
    # An ambtenaar of the lead may invite any gemeente, Utrecht included.
    lead = joint.invite_candidates(user=plan.people["lead_ambtenaar"], project=plan.project)
    assert plan.outsider_gemeente in lead
    assert plan.lead not in lead


def test_a_participant_cannot_invite_or_withdraw(plan):
    invitation = _join(plan)
    page = _url("project_gemeenten", plan.participant, plan.project)
    assert plan.client("p_ambtenaar").get(page).status_code == 200
    response = plan.client("p_ambtenaar").post(page, {"gemeente": plan.outsider_gemeente.pk})
    assert response.status_code == 403
    withdraw = _url(
        "participant_withdraw", plan.participant, plan.project, participant_uuid=invitation.uuid
    )
    assert plan.client("p_ambtenaar").post(withdraw).status_code == 403
    assert ProjectParticipant.objects.count() == 1


def test_a_participant_sees_the_plan_but_no_other_gemeente_only_data(plan):
    _join(plan)
    client = plan.client("p_ambtenaar")
    # Reached only through its own gemeente's URL.
    assert client.get(_url("project_home", plan.lead, plan.project)).status_code == 404
    # The lead's other projects, members, home page and audit log stay the lead's.
    assert client.get(_url("project_home", plan.lead, plan.lead_other_project)).status_code == 404
    own_url_other = _url("project_home", plan.participant, plan.lead_other_project)
    assert client.get(own_url_other).status_code == 404
    assert client.get(_url("gemeente_members", plan.lead)).status_code == 404
    assert client.get(_url("gemeente_home", plan.lead)).status_code == 404
    assert client.get(_url("project_audit", plan.lead, plan.lead_other_project)).status_code == 404
    # Its own home lists its own plan and the joint plan, not the lead's other plan.
    page = client.get(_url("gemeente_home", plan.participant)).content.decode()
    assert "Eigen plan Rhenen" in page
    assert "IVP Foodvalley-Oost" in page and "penvoerder Veenendaal" in page
    assert "Eigen plan Veenendaal" not in page
    # The members shown on the joint plan's page are the participant's own.
    project_page = client.get(_url("project_home", plan.participant, plan.project))
    assert "ambtenaar@veenendaal.nl" not in project_page.content.decode()
    # And the other way round: the lead does not reach the participant's own plan.
    lead = plan.client("lead_ambtenaar")
    own = _url("project_home", plan.lead, plan.participant_own_project)
    assert lead.get(own).status_code == 404
    assert lead.get(_url("gemeente_members", plan.participant)).status_code == 404


def test_an_outsider_reaches_nothing_of_the_joint_plan(plan):
    _join(plan)
    client = plan.client("outsider")
    for g in (plan.lead, plan.participant, plan.outsider_gemeente):
        assert client.get(_url("project_home", g, plan.project)).status_code == 404
        assert client.get(_url("project_gemeenten", g, plan.project)).status_code == 404


def test_a_participant_leaves_before_step_5_and_loses_access(plan):
    invitation = _join(plan)
    leave = _url("participation_leave", plan.participant, participant_uuid=invitation.uuid)
    client = plan.client("p_ambtenaar")
    question = client.get(leave)
    assert "Stoppen met het gezamenlijke plan" in question.content.decode()
    client.post(leave)  # without the confirmation: the question again, nothing changes
    invitation.refresh_from_db()
    assert invitation.status == ParticipationStatus.DEELNEMER
    assert client.post(leave, {"confirmed": "1"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == ParticipationStatus.VERTROKKEN
    home = _url("project_home", plan.participant, plan.project)
    assert client.get(home).status_code == 404
    assert plan.client("p_raadslid").get(home).status_code == 404
    assert joint.plan_gemeenten(Project.objects.get(pk=plan.project.pk)) == [plan.lead]


def test_leaving_after_step_5_is_refused_with_a_reason(plan):
    invitation = _join(plan)
    Project.objects.filter(pk=plan.project.pk).update(current_step=5)
    leave = _url("participation_leave", plan.participant, participant_uuid=invitation.uuid)
    response = plan.client("p_ambtenaar").post(leave, {"confirmed": "1"}, follow=True)
    assert "Stoppen kan alleen tot de raad de prioriteiten vaststelt" in (response.content.decode())
    invitation.refresh_from_db()
    assert invitation.status == ParticipationStatus.DEELNEMER
    home = _url("project_home", plan.participant, plan.project)
    assert plan.client("p_ambtenaar").get(home).status_code == 200


def test_no_invitation_after_step_4(plan):
    Project.objects.filter(pk=plan.project.pk).update(current_step=5)
    page = _url("project_gemeenten", plan.lead, plan.project)
    response = plan.client("lead_ambtenaar").get(page)
    assert "er kan geen gemeente meer bij" in response.content.decode()
    assert (
        plan.client("lead_ambtenaar").post(page, {"gemeente": plan.participant.pk}).status_code
        == 403
    )
    assert not ProjectParticipant.objects.exists()


def test_a_participant_works_on_the_shared_plan_in_its_scope(plan):
    """The joint plan's pages run in the scope of all its gemeenten: the participant's
    ambtenaar edits the plan itself (here: its name) under their own URL."""
    _join(plan)
    edit = _url("project_edit", plan.participant, plan.project)
    response = plan.client("p_ambtenaar").post(
        edit,
        {
            "name": "IVP Foodvalley-Oost 2027-2030 (concept)",
            "scope": "kernbeleid",
            "period_start": plan.project.period_start,
            "period_end": plan.project.period_end,
            "predecessor": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _url("project_home", plan.participant, plan.project)
    assert Project.objects.get(pk=plan.project.pk).name.endswith("(concept)")
