"""The drafted Evaluatie vorige periode: each goal of the predecessor reached or not, and
significant or not against its baseline within one series, checked against hand-computed
cases; each action done, partly done or not done; the priorities then and now; the kadernota
chapter with its tables only when there is a predecessor; and who may see the page."""

import pytest
from django.urls import reverse

from kernbeleid.cycle import evaluation
from kernbeleid.models import EvaluationDraft, Kadernota
from projects.confidentiality import theme_key
from projects.confidentiality_services import confidential_mark_set
from projects.predecessor import project_predecessor_set
from reports import selectors
from reports.blocks import ConfidentialBlock, TableBlock
from reports.snapshot import document_snapshot

from .evaluation_scene import make_priorities, predecessor_plan, themes


@pytest.fixture
def plans(world):
    before = predecessor_plan(world)
    current = themes(world.project)
    # This plan keeps the second priority, drops the first and adds the third.
    make_priorities(world.project, [current[1].name, current[2].name])
    project_predecessor_set(
        actor=world.users["ambtenaar"], project=world.project, predecessor=before
    )
    world.project.refresh_from_db()
    return before, current


def _goals(world) -> dict:
    content = EvaluationDraft.objects.get(project=world.project).content
    return {goal["description"]: goal for goal in content["goals"]}


# Every interval is value ± 1.96, so each standard error is se = (2 * 1.96) / (2 * 1.95996)
# = 1.00002 (stats.se_from_interval), and the test (stats.compare) is
# z = (latest - baseline) / sqrt(1.00002² + 1.00002²) = (latest - baseline) / 1.41424,
# significant when |z| > 1.95996.


def test_a_goal_that_fell_past_its_target_is_reached_and_significant(world, plans):
    # A: baseline 30 (2023), target 27, latest 26 (2026). The goal aims lower (27 < 30), so
    # g = -1 and reached when -1 * (26 - 27) = 1 >= 0: yes. z = (26 - 30) / 1.41424 = -2.83,
    # |z| > 1.96: significant.
    goal = _goals(world)["Minder overlast A"]
    assert goal["reached"] is True
    assert goal["significance"] == "significant"
    assert goal["latest"]["year"] == 2026
    assert goal["latest"]["ci_low"] == pytest.approx(24.04)
    assert goal["latest"]["ci_high"] == pytest.approx(27.96)
    assert evaluation.reached_text(goal) == "ja"


def test_a_small_fall_short_of_the_target_is_not_reached_nor_significant(world, plans):
    # B: latest 29. Reached: -1 * (29 - 27) = -2 < 0: no. z = (29 - 30) / 1.41424 = -0.71,
    # |z| < 1.96: not significant.
    goal = _goals(world)["Minder overlast B"]
    assert goal["reached"] is False
    assert goal["significance"] == "niet significant"


def test_across_a_series_break_a_large_fall_is_not_called_significant(world, plans):
    # C: 30 in 2023, then a new way of counting from 2025 (22) and 20 in 2026. Within one
    # series z would be (20 - 30) / 1.41424 = -7.07, but 2026 is not in the baseline's series:
    # not comparable. The target (27) is reached all the same: -1 * (20 - 27) = 7 >= 0.
    goal = _goals(world)["Minder overlast C"]
    assert goal["significance"] == "niet vergelijkbaar (trendbreuk)"
    assert goal["reached"] is True


def test_a_goal_that_aims_higher_is_reached_above_its_target(world, plans):
    # D: baseline 60, target 70 (the goal aims higher: g = +1), latest 72: +1 * (72 - 70) = 2
    # >= 0, reached, although its series is marked "higher is worse". z = 12 / 1.41424 = 8.49.
    goal = _goals(world)["Meer buurtpreventie"]
    assert goal["reached"] is True
    assert goal["significance"] == "significant"


def test_reached_follows_the_goals_own_way():
    # Lower is the way (target 25 < baseline 30): 25 reached, 25.5 not.
    assert evaluation.target_reached(value=25, baseline=30, target=25) is True
    assert evaluation.target_reached(value=25.5, baseline=30, target=25) is False
    # Higher is the way (target 70 > baseline 60): 69 not, 70 reached.
    assert evaluation.target_reached(value=69, baseline=60, target=70) is False
    assert evaluation.target_reached(value=70, baseline=60, target=70) is True
    # No latest value: unknown.
    assert evaluation.target_reached(value=None, baseline=60, target=70) is None


def test_actions_are_done_partly_done_or_not_done_by_their_latest_progress(world, plans):
    content = EvaluationDraft.objects.get(project=world.project).content
    outcomes = {action["title"]: action["outcome"] for action in content["actions"]}
    assert outcomes == {
        # planned, but its 2025 report says gereed
        "Cameratoezicht uitbreiden": "gereed",
        # the action says gereed, its latest report (2025) vertraagd
        "Buurtpreventie-app": "deels uitgevoerd",
        "Jongerenwerk in de avond": "niet uitgevoerd",  # vervallen
        "Voorlichting woninginbraak": "deels uitgevoerd",  # lopend, no report
    }
    camera = next(a for a in content["actions"] if a["title"] == "Cameratoezicht uitbreiden")
    assert evaluation.progress_text(camera) == "2024: Gestart; 2025: Afgerond"


def test_priorities_then_and_now_show_kept_new_and_dropped(world, plans):
    before, current = plans
    earlier = themes(before)
    priorities = EvaluationDraft.objects.get(project=world.project).content["priorities"]
    assert priorities["then"] == [earlier[0].name, earlier[1].name]
    assert priorities["kept"] == [current[1].name]
    assert priorities["new"] == [current[2].name]
    assert priorities["dropped"] == [earlier[0].name]


def _chapter(project):
    snapshot = document_snapshot(
        project, "kadernota", selectors.structure_for(project, "kadernota")
    )
    return next(s for s in snapshot.sections if s.title == "Evaluatie vorige periode")


def test_the_kadernota_chapter_holds_the_users_text_then_the_tables(world, plans):
    Kadernota.objects.update_or_create(
        project=world.project, defaults={"evaluatie": "Het vorige plan werkte goed."}
    )
    chapter = _chapter(world.project)
    texts = str(chapter.to_json())
    assert texts.index("Het vorige plan werkte goed.") < texts.index("Doelen van")
    tables = [block for block in chapter.blocks if isinstance(block, TableBlock)]
    assert [t.columns[0] for t in tables] == ["Doel", "Actie", "Prioriteit"]
    goal_rows = {row[0].split(": ")[1].split(" (")[0]: row for row in tables[0].rows}
    assert goal_rows["Minder overlast C"][4:] == ["ja", "niet vergelijkbaar (trendbreuk)"]
    assert goal_rows["Minder overlast B"][4:] == ["nee", "niet significant"]


def test_without_a_predecessor_the_chapter_is_the_plain_text_as_before(world):
    Kadernota.objects.update_or_create(
        project=world.project, defaults={"evaluatie": "Geen vorig plan in Integraal."}
    )
    chapter = _chapter(world.project)
    assert not [block for block in chapter.blocks if isinstance(block, TableBlock)]
    assert "Geen vorig plan in Integraal." in str(chapter.to_json())


def test_a_confidential_theme_keeps_its_goals_figures_from_the_table(world, plans):
    before, _ = plans
    first = themes(before)[0]
    confidential_mark_set(
        actor=world.users["ambtenaar"],
        project=before,
        key=theme_key(first),
        reason="ondermijning",
    )
    chapter = _chapter(world.project)
    goal_table = next(b for b in chapter.blocks if isinstance(b, TableBlock))
    shown = str(goal_table.rows)
    assert "Minder overlast A" not in shown and "Minder overlast C" in shown
    hidden = [b for b in chapter.blocks if isinstance(b, ConfidentialBlock)]
    assert "Minder overlast A" in str([b.to_json() for b in hidden])


def test_redrafting_keeps_the_users_evaluatie_text(world, plans):
    Kadernota.objects.update_or_create(project=world.project, defaults={"evaluatie": "Eigen."})
    client = world.client("ambtenaar")
    response = client.post(_url(world, "evaluation_redraft"))
    assert response.status_code == 302
    assert Kadernota.objects.get(project=world.project).evaluatie == "Eigen."


def _url(world, name):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


def test_the_page_shows_the_draft_to_editors_and_not_to_readers(world, plans):
    response = world.client("ambtenaar").get(_url(world, "evaluation"))
    assert response.status_code == 200
    assert "niet vergelijkbaar (trendbreuk)" in response.content.decode()
    assert world.client("raadslid").get(_url(world, "evaluation")).status_code == 403
    assert world.client("raadslid").post(_url(world, "evaluation_redraft")).status_code == 403
    assert world.client("outsider").get(_url(world, "evaluation")).status_code == 404


def test_the_project_home_links_the_evaluation_when_a_predecessor_is_named(world, plans):
    page = world.client("ambtenaar").get(world.project.get_absolute_url()).content.decode()
    assert _url(world, "evaluation") in page


def test_the_demo_names_the_predecessor_drafts_and_fills_only_an_empty_text(world):
    from projects.demo_evaluatie import demo_evaluatie_load

    before = predecessor_plan(world)
    done = demo_evaluatie_load(world.project, before, world.users["ambtenaar"])
    world.project.refresh_from_db()
    assert world.project.predecessor == before
    assert EvaluationDraft.objects.get(project=world.project).content["goals"]
    assert Kadernota.objects.get(project=world.project).evaluatie.startswith("Het vorige")
    assert len(done) == 3
    Kadernota.objects.filter(project=world.project).update(evaluatie="Eigen tekst.")
    demo_evaluatie_load(world.project, before, world.users["ambtenaar"])
    assert Kadernota.objects.get(project=world.project).evaluatie == "Eigen tekst."


def _proportion_goal(world, latest_percent: float):
    """A goal on a percentage registered with its survey interval: 30% of n = 1000 in 2023,
    `latest_percent` of n = 1000 in 2026, each with the normal 95% interval p ± 1.96 · se,
    se = sqrt(p(1 - p) / n)."""
    from math import sqrt

    from kernbeleid.constants import GoalSource
    from kernbeleid.cycle.services import goals_measure
    from kernbeleid.models import Goal, OwnSeries, OwnSeriesPoint
    from tests.factories import ProjectFactory

    before = ProjectFactory(gemeente=world.gemeente, period_start=2023, period_end=2026)
    own = OwnSeries.objects.create(
        gemeente=world.gemeente,
        name="Voelt zich weleens onveilig",
        source="enquête",
        unit="percent",
    )
    for year, percent in ((2023, 30.0), (2026, latest_percent)):
        p = percent / 100
        half = 1.96 * sqrt(p * (1 - p) / 1000) * 100
        OwnSeriesPoint.objects.create(
            series=own, year=year, value=percent, ci_low=percent - half, ci_high=percent + half
        )
    Goal.objects.create(
        project=before,
        theme=themes(before)[0],
        description="Minder onveilig",
        source_kind=GoalSource.OWN,
        own_series=own,
        baseline_year=2023,
        baseline_value=30.0,
        target_value=26.0,
        target_year=2026,
    )
    goals_measure(project=before)
    world.project.predecessor = before
    world.project.save()
    return evaluation.evaluation_content(world.project, before)["goals"][0]


def test_two_proportions_just_past_the_boundary_are_significant(world):
    # 30% vs 26%, each n = 1000 (the two-proportion test on separate standard errors, as
    # stats.compare does it):
    #   se_2023 = sqrt(0.30 · 0.70 / 1000) = 0.014491 → 1.4491 points
    #   se_2026 = sqrt(0.26 · 0.74 / 1000) = 0.013871 → 1.3871 points
    #   z = (26 - 30) / sqrt(1.4491² + 1.3871²) = -4 / 2.0060 = -1.994, |z| > 1.960: significant.
    # Target 26 reached: the goal aims lower (26 < 30) and -1 · (26 - 26) = 0 >= 0.
    goal = _proportion_goal(world, 26.0)
    assert goal["significance"] == "significant"
    assert goal["reached"] is True
    assert evaluation.latest_text(goal) == "26,0% (2026), marge 23,3% – 28,7%"


def test_two_proportions_just_inside_the_boundary_are_not_significant(world):
    # 30% vs 26.2%: se_2026 = sqrt(0.262 · 0.738 / 1000) = 0.013905 → 1.3905 points;
    # z = -3.8 / sqrt(1.4491² + 1.3905²) = -3.8 / 2.0083 = -1.892, |z| < 1.960: not significant.
    # Target 26 not reached: -1 · (26.2 - 26) = -0.2 < 0.
    goal = _proportion_goal(world, 26.2)
    assert goal["significance"] == "niet significant"
    assert goal["reached"] is False
