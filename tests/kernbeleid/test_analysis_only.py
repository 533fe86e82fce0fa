"""An analysis-only commission: opdracht and agreed outline (step 1), delivery (step 4), then
aftercare questions until the period ends. No raad step anywhere."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kernbeleid.products import opdracht as service
from kernbeleid.workflow import selectors as workflow
from kernbeleid.workflow.models import RaadDecision
from kernbeleid.workflow.services import project_advance
from projects.constants import ProjectScope
from reports import outline
from reports import services as reports
from reports.blocks import Snapshot
from reports.models import Delivery, RenderRun, ReportVersion, ReviewComment
from tests.factories import ProjectFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def on(day: date):
    """Freeze the clock at noon of `day` in Amsterdam."""
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=AMSTERDAM)
    return time_machine.travel(noon, tick=False)


def _refused(call) -> str:
    with pytest.raises(ValidationError) as error:
        call()
    return " ".join(error.value.messages)


def _url(project, name, **kwargs):
    return reverse(
        name,
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid, **kwargs},
    )


@pytest.fixture
def commission(world):
    project = ProjectFactory(gemeente=world.gemeente, analyse_only=True)
    return project


def _opdracht(world, project, months=3):
    return service.opdracht_save(
        actor=world.users["ambtenaar"],
        project=project,
        opdrachtgever="Team Veiligheid, gemeente",
        commissioned_on=date(2026, 1, 12),
        deliverables="Veiligheidsanalyse als PDF en Word, met cijfers per wijk",
        aftercare_months=months,
    )


def _to_step_4(world, project):
    _opdracht(world, project)
    outline.outline_agree(
        actor=world.users["adviseur"],
        project=project,
        document="analyse",
        agreed_by_name="M. de Boer, teamleider Veiligheid",
        agreed_on=date(2026, 1, 14),
    )
    return project_advance(actor=world.users["ambtenaar"], project=project, expected_step=1)


def test_the_route_is_steps_1_and_4_with_names_of_its_own(world, commission):
    steps = workflow.timeline(commission, workflow.traject_for(commission))
    assert [(s.number, s.state, s.raad_step) for s in steps] == [
        (1, "current", False),
        (2, "not_applicable", False),
        (3, "not_applicable", False),
        (4, "todo", False),
    ]
    assert steps[0].name == "Opdracht en afgesproken opzet"
    assert steps[1].name == (
        "Samenstelling werkgroep (niet van toepassing: de gemeente geeft alleen de analyse in "
        "opdracht)"
    )
    assert steps[3].name == "Veiligheidsanalyse opstellen en opleveren"
    assert commission.current_step_name == "Opdracht en afgesproken opzet"
    assert [m.message for m in workflow.blockers(commission)] == [
        "De opdracht is nog niet vastgelegd: wie de opdracht gaf, de datum van de opdracht, "
        "wat wordt opgeleverd.",
        "De opzet van de analyse is nog niet afgesproken.",
    ]
    page = world.client("ambtenaar").get(_url(commission, "kernbeleid:timeline")).content.decode()
    assert "Raadsbesluit vastleggen" not in page and "Stap 1 afronden" in page
    assert "Opdracht, opzet en oplevering" in page


@on(date(2026, 2, 10))
def test_opdracht_outline_delivery_aftercare_and_its_end(world, commission):
    project = commission
    # Step 1: the opdracht alone is not enough; the outline must be agreed too.
    _opdracht(world, project)
    assert [b.message for b in workflow.blockers(project)] == [
        "De opzet van de analyse is nog niet afgesproken."
    ]
    assert _to_step_4(world, project) == 4
    project.refresh_from_db()
    assert project.current_step == 4
    assert project.step_records.get(step=1).completed_at is not None
    steps = workflow.timeline(project, workflow.traject_for(project))
    assert [(s.number, s.state, s.actor) for s in steps] == [
        (1, "done", "de gemeente (opdrachtgever) en het bureau"),
        (2, "not_applicable", "–"),
        (3, "not_applicable", "–"),
        (4, "current", "het bureau (adviseur) levert op"),
    ]
    assert steps[1].record.completed_at is None and steps[0].record.completed_at is not None
    assert [b.message for b in workflow.blockers(project)] == [
        "De veiligheidsanalyse is nog niet opgeleverd."
    ]
    assert "nog niet opgeleverd" in _refused(
        lambda: project_advance(actor=world.users["adviseur"], project=project, expected_step=4)
    )

    adviseur = world.users["adviseur"]
    concept = reports.version_for(actor=adviseur, project=project, document="analyse")
    assert concept.label == "concept 0.1"
    delivery = service.analysis_deliver(
        actor=world.users["adviseur"],
        project=project,
        version=concept,
        delivered_on=date(2026, 1, 31),
        delivered_to="M. de Boer",
    )
    final = delivery.version
    assert (final.label, final.finalized_as, final.major, final.minor) == (
        "opgeleverd 1.0",
        "opgeleverd",
        1,
        0,
    )
    assert sorted(RenderRun.objects.filter(version=final).values_list("format", flat=True)) == [
        "docx",
        "pdf",
    ]
    # 31 January + 3 months: 30 April (April has no 31st).
    assert delivery.aftercare_until == date(2026, 4, 30)
    assert project.step_records.get(step=4).completed_at is not None
    assert workflow.blockers(project) == []
    assert "laatste stap" in _refused(
        lambda: project_advance(actor=world.users["adviseur"], project=project, expected_step=4)
    )
    assert RaadDecision.objects.filter(project=project).count() == 0
    # The gemeente's editors see the delivered version.
    assert (
        world.client("ambtenaar")
        .get(_url(project, "reports:version", version_uuid=final.uuid))
        .status_code
        == 200
    )

    # Aftercare: the ambtenaar asks per section, the adviseur answers; the ambtenaar may not.
    section_key = Snapshot.from_json(final.snapshot).sections[0].key
    comment_url = _url(project, "reports:comment", version_uuid=final.uuid)
    world.client("ambtenaar").post(
        comment_url, {"section_key": section_key, "body": "Waarom geen cijfers voor 2019?"}
    )
    question = ReviewComment.objects.get(version=final, parent=None)
    assert question.body == "Waarom geen cijfers voor 2019?"
    assert (
        _refused(
            lambda: reports.comment_add(
                actor=world.users["ambtenaar"],
                version=final,
                section_key=section_key,
                body="Ik antwoord zelf",
                parent=question,
            )
        )
        == "Vragen in de nazorg beantwoordt de adviseur."
    )
    world.client("adviseur").post(
        comment_url,
        {"section_key": section_key, "parent": question.uuid, "body": "De VM liep toen niet."},
    )
    assert [a.body for a in question.answers.all()] == ["De VM liep toen niet."]
    page = world.client("ambtenaar").get(_url(project, "kernbeleid:opdracht")).content.decode()
    assert "Nazorg tot en met 30 april 2026." in page and "Nazorg beëindigen" in page

    # The last day still counts; the day after, a new question is refused and the end shows.
    with on(date(2026, 4, 30)):
        reports.comment_add(
            actor=world.users["ambtenaar"], version=final, section_key=section_key, body="Nog één"
        )
    with on(date(2026, 5, 1)):
        assert (
            _refused(
                lambda: reports.comment_add(
                    actor=world.users["ambtenaar"],
                    version=final,
                    section_key=section_key,
                    body="Te laat",
                )
            )
            == "De nazorgperiode is op 30 april 2026 geëindigd."
        )
        version_page = world.client("ambtenaar").get(
            _url(project, "reports:version", version_uuid=final.uuid)
        )
        assert "Nazorg liep tot en met 30 april 2026." in version_page.content.decode()
        home = world.client("ambtenaar").get(project.get_absolute_url()).content.decode()
        assert "Nazorg liep tot en met 30 april 2026." in home
    assert ReviewComment.objects.filter(version=final, parent=None).count() == 2
    assert RaadDecision.objects.filter(project=project).count() == 0


@on(date(2026, 2, 10))
def test_ending_aftercare_early_refuses_new_questions(world, commission):
    _to_step_4(world, commission)
    concept = reports.version_for(
        actor=world.users["adviseur"], project=commission, document="analyse"
    )
    delivery = service.analysis_deliver(
        actor=world.users["adviseur"],
        project=commission,
        version=concept,
        delivered_on=date(2026, 2, 2),
        delivered_to="M. de Boer",
    )
    end = _url(commission, "kernbeleid:aftercare_end")
    asked = world.client("adviseur").post(end)  # without the confirmation: only the question
    assert "Wilt u de nazorg op de opgeleverde analyse nu beëindigen?" in asked.content.decode()
    delivery.refresh_from_db()
    assert delivery.ended_at is None
    response = world.client("adviseur").post(end, {"confirmed": "1"})
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.ended_at is not None and delivery.aftercare_until == date(2026, 5, 2)
    key = Snapshot.from_json(delivery.version.snapshot).sections[0].key
    assert (
        _refused(
            lambda: reports.comment_add(
                actor=world.users["ambtenaar"], version=delivery.version, section_key=key, body="?"
            )
        )
        == "De nazorgperiode is op 10 februari 2026 geëindigd."
    )
    page = world.client("ambtenaar").get(_url(commission, "kernbeleid:opdracht")).content.decode()
    assert "Nazorg liep tot en met 10 februari 2026." in page
    assert "gepland tot en met 2 mei 2026" in page


@on(date(2026, 2, 10))
def test_delivery_asks_for_a_confirmation_that_names_the_version(world, commission):
    _to_step_4(world, commission)
    concept = reports.version_for(
        actor=world.users["adviseur"], project=commission, document="analyse"
    )
    client = world.client("adviseur")
    url = _url(commission, "kernbeleid:deliver")
    data = {"version": concept.uuid, "delivered_on": "2026-02-09", "delivered_to": "M. de Boer"}
    first = client.post(url, data)
    assert first.status_code == 200
    assert "Ja, lever concept 0.1 op." in first.content.decode()
    unticked = client.post(url, data | {"bevestigen": "1"})
    assert "Bevestig de oplevering met het vinkje." in unticked.content.decode()
    assert not Delivery.objects.exists()
    assert not ReportVersion.objects.filter(project=commission, finalized_as="opgeleverd").exists()
    done = client.post(url, data | {"bevestigen": "1", "confirm": "on"})
    assert done.status_code == 302
    delivery = Delivery.objects.get(project=commission)
    assert (delivery.version.label, delivery.delivered_on) == ("opgeleverd 1.0", date(2026, 2, 9))
    assert delivery.aftercare_until == date(2026, 5, 9)


@on(date(2026, 2, 10))
def test_delivery_refusals_change_nothing(world, commission):
    adviseur = world.users["adviseur"]

    def deliver(project, version, day=date(2026, 2, 9), to="M. de Boer"):
        return lambda: service.analysis_deliver(
            actor=adviseur, project=project, version=version, delivered_on=day, delivered_to=to
        )

    concept = reports.version_for(actor=adviseur, project=commission, document="analyse")
    assert "stap 4" in _refused(deliver(commission, concept))
    _to_step_4(world, commission)
    assert "toekomst" in _refused(deliver(commission, concept, day=date(2026, 2, 11)))
    assert "vóór de datum van de opdracht" in _refused(
        deliver(commission, concept, day=date(2026, 1, 2))
    )
    assert "aan wie" in _refused(deliver(commission, concept, to=" "))
    # A proposed change of the outline must be agreed before delivery.
    outline.outline_propose_change(
        actor=adviseur, project=commission, document="analyse", reason="Wijken"
    )
    assert "voorgestelde wijziging" in _refused(deliver(commission, concept))
    assert not Delivery.objects.exists()
    assert not ReportVersion.objects.filter(finalized_as="opgeleverd").exists()
    # A whole-traject project has no delivery: its analysis is vastgesteld by the college.
    world.project.refresh_from_db()
    assert world.project.scope == ProjectScope.KERNBELEID
    assert "hele traject" in _refused(deliver(world.project, concept))


def test_opdracht_page_saves_and_checks_input(world, commission):
    client = world.client("ambtenaar")
    url = _url(commission, "kernbeleid:opdracht")
    data = {
        "opdrachtgever": "Team Veiligheid",
        "commissioned_on": "2026-01-12",
        "deliverables": "Rapport",
        "aftercare_months": "6",
    }
    bad = client.post(url, data | {"commissioned_on": "2999-01-01"})
    assert bad.status_code == 200
    assert "De opdracht ligt niet in de toekomst." in bad.content.decode()
    too_long = client.post(url, data | {"aftercare_months": "25"})
    assert too_long.status_code == 200
    assert not service.opdracht_for(commission).pk
    good = client.post(url, data)
    assert good.status_code == 302
    saved = service.opdracht_for(commission)
    assert (saved.opdrachtgever, saved.commissioned_on, saved.aftercare_months) == (
        "Team Veiligheid",
        date(2026, 1, 12),
        6,
    )
    assert world.client("raadslid").get(url).status_code == 403


@pytest.mark.parametrize(
    ("delivered_on", "months", "until"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # a leap year
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 3, 10), 0, date(2026, 3, 10)),
    ],
)
def test_aftercare_lasts_calendar_months(delivered_on, months, until):
    assert service.aftercare_until_for(delivered_on, months) == until


def test_no_raadsbesluit_is_recorded_in_an_analysis_only_project(world, commission):
    from kernbeleid.workflow.services import raad_decision_record

    message = _refused(
        lambda: raad_decision_record(
            actor=world.users["ambtenaar"],
            project=commission,
            expected_step=1,
            decision_date=date(2026, 1, 5),
            number="RB-1",
            outcome="aangenomen",
        )
    )
    assert message == "In deze stap neemt de raad geen besluit."
    assert RaadDecision.objects.count() == 0
