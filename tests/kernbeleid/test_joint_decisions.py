"""Decisions per raad in a joint plan (issue 19): every raad decides on its own, the plan
moves on when all adopted, a rejection in one raad sends back either the shared text (all
raden decide again) or only that gemeente's local chapter, and each raad gets its own
publication."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kernbeleid.models import RaadDecision
from kernbeleid.workflow import raden, services
from projects.constants import ParticipationStatus, Role
from projects.models import Project, ProjectParticipant
from reports import services as report_services
from reports.models import Publication, ReportVersion
from reports.selectors import versions_visible
from tests.factories import MembershipFactory, ProjectFactory, UserFactory, gemeente

TODAY = timezone.localdate


@pytest.fixture
def joint(world):
    """Amsterdam (the world's gemeente) leads; Diemen and Ouder-Amstel joined."""
    project = ProjectFactory(gemeente=world.gemeente, step=5)
    others = [gemeente("GM0384"), gemeente("GM0437")]
    for g in others:
        ProjectParticipant.objects.create(
            project=project, gemeente=g, status=ParticipationStatus.DEELNEMER
        )
    Project.objects.filter(pk=project.pk).update(joint=True)
    project.refresh_from_db()
    people = {}
    for g in others:
        people[g.slug] = {
            "ambtenaar": UserFactory(email=f"ambtenaar@{g.slug}.nl"),
            "raadslid": UserFactory(email=f"raadslid@{g.slug}.nl"),
        }
        MembershipFactory(user=people[g.slug]["ambtenaar"], gemeente=g)
        MembershipFactory(user=people[g.slug]["raadslid"], gemeente=g, role=Role.RAADSLID)
    return project, [world.gemeente, *others], people


def _record(project, actor, gemeente, **kwargs):
    values = {
        "actor": actor,
        "project": project,
        "expected_step": project.current_step,
        "decision_date": TODAY(),
        "number": f"RB-{gemeente.slug}",
        "outcome": "aangenomen",
        "gemeente": gemeente,
    }
    return services.raad_decision_record(**(values | kwargs))


def _step(project) -> int:
    return Project.objects.get(pk=project.pk).current_step


def test_the_plan_moves_on_only_when_every_raad_adopted(world, joint):
    project, gemeenten, _people = joint
    actor = world.users["ambtenaar"]
    lead, diemen, ouder_amstel = gemeenten
    _record(project, actor, lead)
    assert _step(project) == 5
    assert str(raden.raad_status(project)) == "stap 5: aangenomen in 1 van 3 raden"
    # A brief is how a raad may speak at step 5; amended counts as adopted.
    _record(project, actor, diemen, kind="raadsinformatiebrief", number="", outcome="")
    assert _step(project) == 5
    status = raden.raad_status(project)
    assert (status.adopted, status.total) == (2, 3)
    assert [row.label for row in status.rows] == [
        "aangenomen",
        "raadsinformatiebrief",
        "nog geen besluit",
    ]
    _record(
        project,
        actor,
        ouder_amstel,
        outcome="geamendeerd",
        amendments=[services.AmendmentInput(number="A1", part="Prioriteit 2", text="Lees: …")],
    )
    assert _step(project) == 6
    decisions = RaadDecision.objects.filter(project=project, step=5, superseded_at__isnull=True)
    assert {d.gemeente for d in decisions} == set(gemeenten)
    assert RaadDecision.objects.get(gemeente=ouder_amstel).amendments.count() == 1


def test_a_local_rejection_sends_back_only_that_chapter(world, joint):
    project, gemeenten, _people = joint
    actor = world.users["ambtenaar"]
    lead, diemen, ouder_amstel = gemeenten
    _record(project, actor, lead)
    _record(project, actor, diemen)
    rejected = _record(
        project,
        actor,
        ouder_amstel,
        outcome="verworpen",
        notes="De kernen Duivendrecht en Ouderkerk missen in het lokale hoofdstuk.",
        rejection=raden.REJECT_LOCAL,
    )
    # The plan waits on step 5 for Ouder-Amstel; the other raden's decisions stand.
    assert _step(project) == 5
    standing = RaadDecision.objects.filter(project=project, step=5, superseded_at__isnull=True)
    assert {d.gemeente for d in standing} == set(gemeenten)
    assert (
        project.transitions.filter(from_step=5, to_step=5)
        .get()
        .reason.startswith(
            "Raad van Ouder-Amstel: verworpen (RB-ouder-amstel). Het lokale hoofdstuk van "
            "Ouder-Amstel gaat terug"
        )
    )
    assert str(raden.raad_status(project)) == "stap 5: aangenomen in 2 van 3 raden"
    # Ouder-Amstel's raad adopts the reworked chapter: now the plan moves on.
    _record(project, actor, ouder_amstel, number="RB-2")
    assert _step(project) == 6
    rejected.refresh_from_db()
    assert rejected.superseded  # replaced by its raad's new decision


def test_a_shared_rejection_sends_the_plan_back_and_every_raad_decides_again(world, joint):
    project, gemeenten, _people = joint
    actor = world.users["ambtenaar"]
    lead, diemen, ouder_amstel = gemeenten
    adopted = _record(project, actor, lead)
    _record(
        project,
        actor,
        diemen,
        outcome="verworpen",
        notes="De gezamenlijke prioriteit ondermijning is te breed.",
        rejection=raden.REJECT_SHARED,
    )
    assert _step(project) < 5  # back to work on the shared text
    adopted.refresh_from_db()
    assert adopted.superseded
    assert "alle raden opnieuw" in adopted.superseded_reason


def test_a_raad_outside_the_plan_cannot_be_recorded(world, joint):
    project, _gemeenten, _people = joint
    with pytest.raises(ValidationError, match="hoort niet bij dit plan"):
        _record(project, world.users["ambtenaar"], world.other)
    assert not RaadDecision.objects.filter(project=project, step=5).exists()


def test_each_participant_records_its_own_raad_under_its_own_url(world, joint):
    project, gemeenten, people = joint
    diemen = gemeenten[1]
    client = world.client("anonymous")
    client.force_login(people[diemen.slug]["ambtenaar"])
    timeline = reverse("kernbeleid:timeline", args=[diemen.slug, project.uuid])
    page = client.get(timeline).content.decode()
    assert "Besluit van de raad van Diemen vastleggen" in page
    assert "aangenomen in 0 van 3 raden" in page
    response = client.post(
        reverse("kernbeleid:decision_record", args=[diemen.slug, project.uuid]),
        {
            "expected_step": 5,
            "kind": "raadsbesluit",
            "decision_date": TODAY().isoformat(),
            "number": "2027-17",
            "outcome": "aangenomen",
            "amendement-TOTAL_FORMS": 0,
            "amendement-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, [
        line for line in response.content.decode().splitlines() if "invalid-feedback" in line
    ]
    assert RaadDecision.objects.get(project=project, step=5).gemeente == diemen


def test_a_version_is_published_to_each_raad_separately(world, joint):
    project, gemeenten, people = joint
    lead, diemen, ouder_amstel = gemeenten
    actor = world.users["ambtenaar"]
    version = report_services.version_for(actor=actor, project=project, document="analyse")
    report_services.publish(actor=actor, version=version, audience="raad", gemeente=diemen)
    raadslid_diemen = people[diemen.slug]["raadslid"]
    raadslid_oa = people[ouder_amstel.slug]["raadslid"]
    assert list(versions_visible(project, Role.RAADSLID, raadslid_diemen)) == [version]
    # Ouder-Amstel's raad and the lead's raad were not sent it.
    assert not versions_visible(project, Role.RAADSLID, raadslid_oa).exists()
    assert not versions_visible(project, Role.RAADSLID, world.users["raadslid"]).exists()
    client = world.client("anonymous")
    client.force_login(raadslid_oa)
    url = reverse("reports:version", args=[ouder_amstel.slug, project.uuid, version.uuid])
    assert client.get(url).status_code == 404
    client.force_login(raadslid_diemen)
    url = reverse("reports:version", args=[diemen.slug, project.uuid, version.uuid])
    assert client.get(url).status_code == 200
    # Publishing again to another raad is a publication of its own.
    report_services.publish(actor=actor, version=version, audience="raad", gemeente=ouder_amstel)
    assert Publication.objects.filter(version=version).count() == 2
    assert versions_visible(project, Role.RAADSLID, raadslid_oa).exists()
    with pytest.raises(ValidationError, match="hoort niet bij dit plan"):
        report_services.publish(actor=actor, version=version, audience="raad", gemeente=world.other)
    assert ReportVersion.objects.filter(project=project).count() == 1
