"""The 12 steps: guards, raad decisions, back-transitions, compare-and-set, roles."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kernbeleid import workflow
from kernbeleid.cycle.deadlines import next_deadline, project_deadlines
from kernbeleid.models import StepTransition
from kernbeleid.workflow import selectors, services
from projects.models import AuditEntry, Project
from tests.factories import ProjectFactory, fulfil_step

YESTERDAY = date.today() - timedelta(days=1)


def decide(project, actor, outcome="aangenomen", notes="", **kwargs):
    # Today: a decision on a step is not dated before the step started (here, today).
    return services.raad_decision_record(
        actor=actor,
        project=project,
        expected_step=project.current_step,
        decision_date=timezone.localdate(),
        number=f"RB-{project.current_step}",
        outcome=outcome,
        notes=notes,
        **kwargs,
    )


def test_from_step_1_to_12_with_every_guard(world):
    project, actor = world.project, world.users["ambtenaar"]
    project.current_step = 1
    project.save()
    for step in range(1, 12):
        project.refresh_from_db()
        assert project.current_step == step
        messages = [b.message for b in selectors.blockers(project)]
        # Step 11 (the raad's controle) is no longer a raad decision; its own guard (the
        # collegebesluit and the kennisname) comes with the controle pages.
        assert messages or step == 11, f"step {step} has no guard"
        if step in workflow.RAAD_STEPS:
            # Steps 5 and 9 put to the raad what the step before produced.
            if selectors.blockers(project, with_decision=False):
                with pytest.raises(ValidationError):
                    decide(project, actor)  # the step's work is not done yet
            with pytest.raises(ValidationError, match="raadsbesluit"):
                services.project_advance(actor=actor, project=project, expected_step=step)
            fulfil_step(project, step)
            decide(project, actor)
        else:
            if messages:
                with pytest.raises(ValidationError):
                    services.project_advance(actor=actor, project=project, expected_step=step)
            fulfil_step(project, step)
            services.project_advance(actor=actor, project=project, expected_step=step)
    project.refresh_from_db()
    assert project.current_step == 12
    # Eleven moves forward: eight by hand and three by a raad decision (step 11 is the
    # raad's controle, closed by hand once the kennisname is recorded).
    assert AuditEntry.objects.filter(project=project, action="volgende stap").count() == 11
    assert project.raad_decisions.count() == 3
    with pytest.raises(ValidationError, match="laatste stap"):
        services.project_advance(actor=actor, project=project, expected_step=12)


@pytest.mark.parametrize(
    ("step", "outcome", "back_to"),
    [
        (5, "verworpen", 4),
        (9, "verworpen", 7),
        (1, "verworpen", 1),
    ],
)
def test_rejection_sends_back_with_the_reason(world, step, outcome, back_to):
    project, actor = ProjectFactory(gemeente=world.gemeente, step=step), world.users["adviseur"]
    with pytest.raises(ValidationError, match="waarom de raad het voorstel verwierp"):
        decide(project, actor, outcome=outcome)
    decide(project, actor, outcome=outcome, notes="Meer aandacht voor ondermijning")
    project.refresh_from_db()
    assert project.current_step == back_to
    transition = StepTransition.objects.filter(project=project).first()
    assert (transition.from_step, transition.to_step) == (step, back_to)
    assert "Meer aandacht voor ondermijning" in transition.reason
    assert outcome in transition.reason


def test_aangehouden_keeps_the_step(world):
    project = world.project
    project.current_step = 9
    project.save()
    decide(project, world.users["ambtenaar"], outcome="aangehouden")
    project.refresh_from_db()
    assert project.current_step == 9 and project.raad_decisions.get().outcome == "aangehouden"


def test_two_people_advance_at_once_one_wins(world):
    project = world.project
    project.current_step = 2
    project.save()
    fulfil_step(project, 2)
    stale = Project.objects.get(pk=project.pk)  # the second user's page, opened at step 2
    services.project_advance(actor=world.users["ambtenaar"], project=project, expected_step=2)
    with pytest.raises(services.TransitionConflict) as error:
        services.project_advance(actor=world.users["adviseur"], project=stale, expected_step=2)
    assert "al op stap 3" in error.value.messages[0]
    project.refresh_from_db()
    assert project.current_step == 3
    assert StepTransition.objects.filter(project=project).count() == 1


def test_compare_and_set_refuses_a_move_from_a_stale_step(world):
    project = ProjectFactory(gemeente=world.gemeente, step=3)
    Project.objects.filter(pk=project.pk).update(current_step=4)  # moved meanwhile
    with pytest.raises(services.TransitionConflict, match="stap 4"):
        services._move(actor=None, project=project, from_step=3, to_step=4)


def test_send_back_needs_a_reason_and_reopens_steps(world):
    project = ProjectFactory(gemeente=world.gemeente, step=8)
    with pytest.raises(ValidationError):
        services.project_send_back(
            actor=world.users["ambtenaar"], project=project, expected_step=8, to_step=7, reason=" "
        )
    services.project_send_back(
        actor=world.users["ambtenaar"],
        project=project,
        expected_step=8,
        to_step=7,
        reason="Politie mist prioriteit",
    )
    project.refresh_from_db()
    assert project.current_step == 7
    assert project.step_records.get(step=7).completed_at is None


def test_light_route_skips_steps(world):
    project = world.project
    project.current_step = 2
    project.save()
    services.light_route_set(actor=world.users["ambtenaar"], project=project, light_route=True)
    fulfil_step(project, 2)
    assert (
        services.project_advance(actor=world.users["ambtenaar"], project=project, expected_step=2)
        == 4
    )  # step 3 is skipped
    assert workflow.steps_for(scope="kernbeleid", light_route=True) == [
        1,
        2,
        4,
        5,
        7,
        9,
        10,
        11,
        12,
    ]


def test_analysis_only_project_ends_at_step_4(world):
    project = world.project
    project.scope, project.current_step = "analyse", 4
    project.save()
    fulfil_step(project, 4)
    # Step 4 of an analysis-only project closes on the delivery (test_analysis_only.py goes
    # on from there to "laatste stap").
    with pytest.raises(ValidationError, match="nog niet opgeleverd"):
        services.project_advance(actor=world.users["ambtenaar"], project=project, expected_step=4)


def test_decision_input_is_checked(world):
    project = world.project
    project.current_step = 1
    project.save()
    fulfil_step(project, 1)
    actor = world.users["ambtenaar"]
    with pytest.raises(ValidationError, match="toekomst"):
        services.raad_decision_record(
            actor=actor,
            project=project,
            expected_step=1,
            decision_date=timezone.localdate() + timedelta(days=3),
            number="RB-1",
            outcome="aangenomen",
        )
    with pytest.raises(ValidationError, match="PDF"):
        decide(project, actor, document=SimpleUploadedFile("besluit.exe", b"MZ"))
    decision = decide(project, actor, document=SimpleUploadedFile("besluit.pdf", b"%PDF-1.4"))
    assert decision.document.name.endswith(".pdf")
    project.refresh_from_db()
    assert project.current_step == 2


def test_planning_sets_the_next_deadline(world):
    project = world.project
    project.current_step = 3
    project.save()
    services.planning_save(
        actor=world.users["ambtenaar"],
        project=project,
        planned={3: date(2027, 2, 1), 4: date(2027, 4, 1)},
    )
    first = next_deadline(project_deadlines(project, date(2027, 1, 1)))
    assert first.date == date(2027, 2, 1)
    assert first.label.startswith("Stap 3")
    with pytest.raises(ValidationError, match="vóór"):
        services.planning_save(
            actor=world.users["ambtenaar"],
            project=project,
            planned={5: date(2027, 1, 1), 6: date(2026, 1, 1)},
        )


def _url(world, name):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


@pytest.mark.parametrize(
    ("persona", "status", "moves"),
    [
        ("adviseur", 302, True),
        ("ambtenaar", 302, True),
        ("raadslid", 403, False),
        ("partner", 403, False),
        ("outsider", 404, False),
        ("anonymous", 302, False),
    ],
)
def test_who_may_move_the_project(world, persona, status, moves):
    project = world.project
    project.current_step = 2
    project.save()
    fulfil_step(project, 2)
    response = world.client(persona).post(_url(world, "advance"), {"expected_step": 2})
    assert response.status_code == status
    project.refresh_from_db()
    assert (project.current_step == 3) is moves


@pytest.mark.parametrize("persona", ["raadslid", "partner"])
def test_readers_cannot_record_a_decision(world, persona):
    project = world.project
    project.current_step = 1
    project.save()
    fulfil_step(project, 1)
    response = world.client(persona).post(
        _url(world, "decision_record"),
        {
            "expected_step": 1,
            "decision_date": YESTERDAY.isoformat(),
            "number": "RB",
            "outcome": "aangenomen",
        },
    )
    assert response.status_code == 403
    assert not project.raad_decisions.exists()


def test_decision_form_bad_input_shows_dutch_errors(world):
    project = world.project
    project.current_step = 5
    project.save()
    response = world.client("ambtenaar").post(
        _url(world, "decision_record"),
        {"expected_step": 5, "decision_date": "", "number": "", "outcome": "verworpen"},
    )
    content = response.content.decode()
    assert response.status_code == 200 and "Dit veld is verplicht" in content
    assert not project.raad_decisions.exists()


def test_a_raadslid_sees_the_step_but_not_the_timeline_with_its_blockers(world):
    # The timeline names blockers and internal planning: live work, not published to readers.
    project = world.project
    project.current_step = 2
    project.save()
    raadslid = world.client("raadslid")
    assert raadslid.get(_url(world, "timeline")).status_code == 403
    page = raadslid.get(project.get_absolute_url()).content.decode()
    assert "Stap 2 van 12: <strong>Samenstelling werkgroep</strong>" in page
    assert "nog geen partners van buiten de gemeente" not in page


def test_every_step_but_the_last_has_a_guard():
    # Step 12, the yearly cycle, is where the traject ends; every step before it closes on
    # its own product.
    assert sorted(selectors.GUARDS) == list(range(1, 12))
