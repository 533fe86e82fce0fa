"""Gaps left after issue 12: an analysis-only project's forms and step list follow its own
route (steps 1 and 4), the aftercare forms close with the period, step 11's actor is the
raad's controle, and no text calls the light route one for smaller gemeenten."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kernbeleid.cycle.selectors import project_deadlines
from kernbeleid.products import opdracht as aftercare
from kernbeleid.products.models import Opdracht
from kernbeleid.workflow import selectors as workflow
from kernbeleid.workflow import services, transitions
from kernbeleid.workflow.models import RaadDecision, StepTransition, Traject
from projects.constants import ProjectScope
from reports import services as reports
from reports.blocks import Snapshot
from reports.models import OutlineAgreement, ReviewComment
from tests.factories import ProjectFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ROOT = Path(__file__).resolve().parents[2]
NOT_ON_ROUTE_2 = (
    "Stap 2 hoort niet bij dit project: de gemeente geeft alleen de veiligheidsanalyse in "
    "opdracht (stap 1 en 4)."
)


def on(day: date):
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=AMSTERDAM)
    return time_machine.travel(noon, tick=False)


def _url(project, name, **kwargs):
    return reverse(
        name,
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid, **kwargs},
    )


def _refused(call) -> str:
    with pytest.raises(ValidationError) as error:
        call()
    return " ".join(error.value.messages)


@pytest.fixture
def at_delivery(world):
    """An analysis-only commission on step 4, built by the factory."""
    return ProjectFactory(gemeente=world.gemeente, analyse_only=True, step=4)


# --- 1. the analysis-only route -----------------------------------------------------------


def test_the_factory_builds_step_4_of_an_analysis_only_project_without_a_raad(at_delivery):
    project = at_delivery
    assert project.scope == ProjectScope.ANALYSE
    assert not RaadDecision.objects.filter(project=project).exists()
    assert Opdracht.objects.get(project=project).opdrachtgever == "Team Veiligheid, gemeente"
    assert OutlineAgreement.objects.get(project=project, document="analyse").status == "agreed"
    # Step 4 waits only for the delivery; step 1 is complete, 2 and 3 never ran.
    assert [b.message for b in workflow.blockers(project)] == [
        "De veiligheidsanalyse is nog niet opgeleverd."
    ]
    records = {r.step: r.completed_at is not None for r in project.step_records.all()}
    assert (records[1], records[2], records[3], records[4]) == (True, False, False, False)


def test_send_back_and_planning_on_the_timeline_offer_only_the_routes_steps(world, at_delivery):
    page = world.client("ambtenaar").get(_url(at_delivery, "kernbeleid:timeline"))
    text = page.content.decode()
    options = re.search(r'<select name="to_step".*?</select>', text, re.S).group(0)
    assert re.findall(r'<option value="(\d+)"', options) == ["1"]
    assert "1. Opdracht en afgesproken opzet" in options
    assert sorted(re.findall(r'name="step_(\d+)"', text)) == ["1", "4"]
    assert "Stap 4: Veiligheidsanalyse opstellen en opleveren" in text


def test_a_send_back_to_a_step_off_the_route_is_refused_and_changes_nothing(world, at_delivery):
    project = at_delivery
    actor = world.users["ambtenaar"]
    message = _refused(
        lambda: services.project_send_back(
            actor=actor, project=project, expected_step=4, to_step=2, reason="Opnieuw"
        )
    )
    assert message == NOT_ON_ROUTE_2
    # Through the page the same refusal is shown, and the project stays on 4.
    response = world.client("ambtenaar").post(
        _url(project, "kernbeleid:send_back"),
        {"expected_step": 4, "to_step": 3, "reason": "Opnieuw", "confirmed": "1"},
        follow=True,
    )
    assert "Stap 3 hoort niet bij dit project" in response.content.decode()
    project.refresh_from_db()
    assert project.current_step == 4
    assert not StepTransition.objects.filter(project=project, to_step__in=(2, 3)).exists()
    # Step 1 is on the route: back to the opdracht works.
    services.project_send_back(
        actor=actor, project=project, expected_step=4, to_step=1, reason="Opzet wijzigt"
    )
    project.refresh_from_db()
    assert project.current_step == 1


def test_a_light_route_project_cannot_go_back_to_a_step_it_skips(world):
    project = ProjectFactory(gemeente=world.gemeente, step=9)
    Traject.objects.filter(project=project).update(light_route=True, skipped_steps=[3, 6, 8])
    message = _refused(
        lambda: services.project_send_back(
            actor=world.users["ambtenaar"], project=project, expected_step=9, to_step=8, reason="x"
        )
    )
    assert message == "Stap 8 slaat dit project over (lichte route, keuze van het project)."
    project.refresh_from_db()
    assert project.current_step == 9


def test_planning_takes_only_the_routes_steps_and_names_the_deadline_as_the_project_does(
    world, at_delivery
):
    project = at_delivery
    actor = world.users["ambtenaar"]
    assert (
        _refused(
            lambda: services.planning_save(
                actor=actor, project=project, planned={2: date(2027, 1, 10)}
            )
        )
        == NOT_ON_ROUTE_2
    )
    assert project.step_records.get(step=2).planned_end is None
    services.planning_save(actor=actor, project=project, planned={4: date(2027, 3, 1)})
    deadlines = project_deadlines(project, date(2027, 1, 1))
    assert [(d.date, d.label) for d in deadlines] == [
        (date(2027, 3, 1), "Stap 4: Veiligheidsanalyse opstellen en opleveren klaar")
    ]


def test_the_project_page_marks_steps_2_and_3_not_applicable_not_done(world, at_delivery):
    assert [(n, state) for n, _name, state in at_delivery.step_progress] == [
        (1, "done"),
        (2, "not_applicable"),
        (3, "not_applicable"),
        (4, "current"),
    ]
    page = world.client("ambtenaar").get(at_delivery.get_absolute_url()).content.decode()
    steps = re.search(r'<ol class="steps">.*?</ol>', page, re.S).group(0)
    assert steps.count("(afgerond)") == 1  # step 1 only
    assert steps.count('class="not-applicable"') == 2
    assert steps.count("niet van toepassing: de gemeente geeft alleen de analyse in opdracht") == 2


# --- 2. aftercare forms on the delivered version ------------------------------------------


def _delivered(world):
    """Delivered on 9-2-2026; aftercare (3 months) until 9-5-2026; one question asked."""
    project = ProjectFactory(gemeente=world.gemeente, analyse_only=True, step=4)
    adviseur = world.users["adviseur"]
    concept = reports.version_for(actor=adviseur, project=project, document="analyse")
    delivery = aftercare.analysis_deliver(
        actor=adviseur,
        project=project,
        version=concept,
        delivered_on=date(2026, 2, 9),
        delivered_to="M. de Boer",
    )
    key = Snapshot.from_json(delivery.version.snapshot).sections[0].key
    question = reports.comment_add(
        actor=world.users["ambtenaar"], version=delivery.version, section_key=key, body="Waarom?"
    )
    return project, delivery, key, question


def _version_page(world, persona, project, delivery) -> str:
    url = _url(project, "reports:version", version_uuid=delivery.version.uuid)
    return world.client(persona).get(url).content.decode()


ASK = "Vraag stellen of opmerking maken"
ANSWER = ">Antwoorden</button>"


def test_during_aftercare_everyone_asks_and_only_the_adviseur_gets_the_answer_form(world):
    with on(date(2026, 2, 10)):
        project, delivery, _key, _question = _delivered(world)
        ambtenaar = _version_page(world, "ambtenaar", project, delivery)
        adviseur = _version_page(world, "adviseur", project, delivery)
    assert ASK in ambtenaar and ANSWER not in ambtenaar
    assert ASK in adviseur and ANSWER in adviseur
    assert "De nazorgperiode is op" not in ambtenaar


def test_after_the_period_the_forms_give_way_to_the_end_date(world):
    with on(date(2026, 2, 10)):
        project, delivery, key, question = _delivered(world)
    assert delivery.aftercare_until == date(2026, 5, 9)
    with on(date(2026, 5, 10)):
        ambtenaar = _version_page(world, "ambtenaar", project, delivery)
        adviseur = _version_page(world, "adviseur", project, delivery)
        assert ASK not in ambtenaar and ANSWER not in ambtenaar
        # The question asked in time is still answered by the adviseur after the end.
        assert ASK not in adviseur and ANSWER in adviseur
        for page in (ambtenaar, adviseur):
            assert "De nazorgperiode is op 9 mei 2026 geëindigd." in page
        # The service agrees: a new question after the end is refused, a late answer taken.
        assert (
            _refused(
                lambda: reports.comment_add(
                    actor=world.users["ambtenaar"],
                    version=delivery.version,
                    section_key=key,
                    body="Nog een vraag",
                )
            )
            == "De nazorgperiode is op 9 mei 2026 geëindigd."
        )
        reports.comment_add(
            actor=world.users["adviseur"],
            version=delivery.version,
            section_key=key,
            body="Het antwoord, na de nazorg",
            parent=question,
        )
    assert ReviewComment.objects.filter(version=delivery.version).count() == 2


def test_ending_aftercare_early_hides_the_forms_from_that_day(world):
    with on(date(2026, 2, 10)):
        project, delivery, _key, _question = _delivered(world)
    with on(date(2026, 3, 2)):
        aftercare.aftercare_end_now(actor=world.users["adviseur"], project=project)
        page = _version_page(world, "ambtenaar", project, delivery)
    assert ASK not in page and ANSWER not in page
    assert "De nazorgperiode is op 2 maart 2026 geëindigd." in page


# --- 4. step 11 is the raad's controle ----------------------------------------------------


def test_step_11_names_the_raads_controle_and_takes_no_raadsbesluit():
    assert transitions.actor_for(11, ProjectScope.KERNBELEID) == (
        "de raad (controle: kennisname, vragen, moties)"
    )
    assert 11 not in transitions.raad_steps_for(ProjectScope.KERNBELEID)
    assert transitions.raad_steps_for(ProjectScope.ANALYSE) == frozenset()


def _sources(*suffixes):
    for folder in ("kernbeleid", "projects", "reports", "analysis", "accounts", "templates"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in suffixes and "migrations" not in path.parts:
                yield path, path.read_text(encoding="utf-8")


def test_no_code_uses_the_raad_steps_without_the_scope_or_a_review_step_rule():
    uses = [
        path.relative_to(ROOT).as_posix()
        for path, text in _sources(".py")
        if re.search(r"\bRAAD_STEPS\b", text) or "REVIEW_STEPS" in text
    ]
    # Only the table itself (and the package that re-exports it) name the raw set.
    assert sorted(uses) == ["kernbeleid/workflow/__init__.py", "kernbeleid/workflow/transitions.py"]


# --- 5. the light route's texts -----------------------------------------------------------


def test_the_light_route_is_not_described_as_one_for_smaller_gemeenten():
    help_text = Traject._meta.get_field("light_route").help_text
    assert "(nog) niet doorlopen" in help_text
    found = [
        path.relative_to(ROOT).as_posix()
        for path, text in _sources(".py", ".html", ".txt")
        if "kleinere gemeenten" in text.lower()
    ]
    assert found == []
