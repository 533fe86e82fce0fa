"""Moties: recorded with a decision (or a kennisname at step 11), shown at their step; an
adopted motie that asks the college for something is a task with a deadline, in the project's
deadlines and the portfolio's next deadline until it is done."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kernbeleid.cycle.deadlines import deadline_overview, next_deadline, project_deadlines
from kernbeleid.models import CollegeBesluit, Motie, RaadKennisname
from kernbeleid.workflow import services
from tests.factories import ProjectFactory

MOTIE = {
    "number": "M-12",
    "title": "Cameratoezicht evalueren",
    "text": "Verzoekt het college het cameratoezicht voor 1 juli te evalueren.",
    "outcome": "aangenomen",
}


@pytest.fixture
def decided(world):
    """A project on step 6 whose step 5 decision was recorded by the factory."""
    project = ProjectFactory(gemeente=world.gemeente, step=6)
    return project, project.raad_decisions.get(step=5), world.users["ambtenaar"]


def test_an_adopted_motie_asking_action_is_a_task_in_the_deadlines_until_done(world, decided):
    project, decision, actor = decided
    services.planning_save(actor=actor, project=project, planned={6: date(2027, 9, 1)})
    today = date(2027, 6, 1)
    first = next_deadline(project_deadlines(project, today))
    assert (first.date, first.label) == (
        date(2027, 9, 1),
        "Stap 6: Beleidsvragen aanpak en borging klaar",
    )
    with pytest.raises(ValidationError) as refused:
        services.motie_add(actor=actor, decision=decision, asks_action=True, **MOTIE)
    assert "uiterlijk klaar" in refused.value.message_dict["task_deadline"][0]

    motie = services.motie_add(
        actor=actor,
        decision=decision,
        asks_action=True,
        task_deadline=date(2027, 7, 1),
        task_owner="Afdeling OOV",
        **MOTIE,
    )
    assert (motie.step, motie.is_task, motie.task_open) == (5, True, True)
    labels = [(d.date, d.label, d.kind) for d in project_deadlines(project, today)]
    assert (date(2027, 7, 1), "Motie M-12 afgehandeld: Cameratoezicht evalueren", "motie") in (
        labels
    )
    # Earlier than the step's planned end: it is the portfolio's next deadline.
    first = next_deadline(project_deadlines(project, today))
    assert (first.date, first.label) == (
        date(2027, 7, 1),
        "Motie M-12 afgehandeld: Cameratoezicht evalueren",
    )
    assert any(d.kind == "motie" for d in deadline_overview(world.users["ambtenaar"], today))

    with pytest.raises(ValidationError, match="hoe de motie is afgehandeld"):
        services.motie_task_done(actor=actor, motie=motie, note=" ")
    services.motie_task_done(actor=actor, motie=motie, note="Evaluatie naar de raad gestuurd")
    motie.refresh_from_db()
    assert motie.task_done_at is not None and not motie.task_open
    assert all(d.kind != "motie" for d in project_deadlines(project, today))
    assert next_deadline(project_deadlines(project, today)).date == date(2027, 9, 1)
    with pytest.raises(ValidationError, match="al afgehandeld"):
        services.motie_task_done(actor=actor, motie=motie, note="Nog eens")


def test_a_rejected_motie_is_no_task(decided):
    project, decision, actor = decided
    motie = services.motie_add(
        actor=actor,
        decision=decision,
        asks_action=True,
        task_deadline=date(2027, 7, 1),
        **(MOTIE | {"outcome": "verworpen"}),
    )
    assert not motie.is_task and motie.task_deadline is None
    assert all(d.kind != "motie" for d in project_deadlines(project, date(2027, 1, 1)))
    with pytest.raises(ValidationError, match="vraagt het college niets"):
        services.motie_task_done(actor=actor, motie=motie, note="Klaar")


def test_a_motie_needs_its_text_and_one_place(decided):
    _project, decision, actor = decided
    with pytest.raises(ValidationError, match="nummer, de titel en het dictum"):
        services.motie_add(actor=actor, decision=decision, **(MOTIE | {"text": " "}))
    with pytest.raises(ValidationError, match="hoort bij een besluit"):
        services.motie_add(actor=actor, **MOTIE)
    assert not Motie.objects.exists()


def test_a_motie_at_the_controle_belongs_to_step_11(world):
    project = ProjectFactory(gemeente=world.gemeente, step=11)
    besluit = CollegeBesluit.objects.create(
        # 2028: the factory's step 10 adopted the 2027 programme already.
        project=project,
        year=2028,
        date=date(2027, 2, 1),
        number="CB-2028-4",
    )
    kennisname = RaadKennisname.objects.create(
        project=project, college_besluit=besluit, kind="commissie", date=date(2027, 3, 1)
    )
    motie = services.motie_add(
        actor=world.users["ambtenaar"],
        kennisname=kennisname,
        asks_action=True,
        task_deadline=date(2027, 12, 1),
        **MOTIE,
    )
    assert (motie.step, motie.kennisname, motie.decision) == (11, kennisname, None)
    page = world.client("raadslid").get(project_page(project)).content.decode()
    assert "Moties bij de controle door de raad" in page
    assert "Motie M-12: Cameratoezicht evalueren (aangenomen)" in page


def _url(project, name, **kwargs):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid, **kwargs},
    )


def test_the_page_records_a_motie_on_its_decision_and_marks_it_done(world, decided):
    project, decision, _actor = decided
    form = {
        "decision": str(decision.uuid),
        "asks_action": "on",
        "task_owner": "Afdeling OOV",
        **MOTIE,
    }
    client = world.client("ambtenaar")
    response = client.post(_url(project, "motie_add"), form)
    assert response.status_code == 200  # no deadline: refused, shown on the form
    assert "geef aan wanneer die uiterlijk klaar moet zijn" in response.content.decode()
    response = client.post(_url(project, "motie_add"), form | {"task_deadline": "2027-07-01"})
    assert response.status_code == 302
    motie = Motie.objects.get(project=project)
    assert (motie.decision, motie.step, motie.task_owner) == (decision, 5, "Afdeling OOV")

    page = world.client("raadslid").get(project_page(project)).content.decode()
    assert "Moties die het college iets vragen" in page
    assert "taak voor Afdeling OOV, uiterlijk klaar 1 juli 2027; nog open" in page
    assert "Afgehandeld</button>" not in page  # a raadslid changes nothing

    for persona in ("raadslid", "partner"):
        response = world.client(persona).post(
            _url(project, "motie_done", motie_uuid=motie.uuid), {"note": "Klaar"}
        )
        assert response.status_code == 403
    response = client.post(
        _url(project, "motie_done", motie_uuid=motie.uuid), {"note": "Evaluatie verstuurd"}
    )
    assert response.status_code == 302
    motie.refresh_from_db()
    assert motie.task_done_note == "Evaluatie verstuurd"
    done_on = timezone.localtime(motie.task_done_at)
    page = client.get(_url(project, "timeline")).content.decode()
    assert f"afgehandeld op {done_on.day} " in page and "Evaluatie verstuurd" in page


@pytest.mark.parametrize("persona", ["raadslid", "partner"])
def test_readers_cannot_record_a_motie(world, decided, persona):
    project, decision, _actor = decided
    response = world.client(persona).post(
        _url(project, "motie_add"), {"decision": str(decision.uuid), **MOTIE}
    )
    assert response.status_code == 403
    assert not Motie.objects.exists()


def project_page(project):
    """A raadslid reads the raad's record on the project page (the timeline is the editors')."""
    return reverse(
        "projects:project_home",
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid},
    )
