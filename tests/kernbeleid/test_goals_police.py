"""Goals measured on police figures (CBS 47018NED): a yearly rate per 1,000 inhabitants with
its exact Poisson interval, per wijk, judged by the Poisson test, and never joined across a
herindeling."""

import re

import pytest
from django.urls import reverse
from scipy.stats import chi2

from analysis.models import AreaLink
from kernbeleid.constants import GoalStatus
from kernbeleid.cycle import selectors, services
from kernbeleid.cycle.goal_series import goal_series
from kernbeleid.models import GoalMeasurement

from .goal_figures import PoliceFigures, police_goal


@pytest.fixture
def police(world):
    return PoliceFigures(world.project)


def goals_page(world) -> str:
    url = reverse(
        "kernbeleid:goals",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )
    return world.client("ambtenaar").get(url).content.decode()


def test_police_goal_has_a_yearly_series_with_exact_poisson_intervals(world, police):
    for year, count in [(2022, 130), (2023, 120), (2024, 112), (2025, 100)]:
        police.count(year, count)
    goal = police_goal(world.project, baseline_value=3.0)

    services.goals_measure(project=world.project)

    series = goal_series(goal, world.project)
    assert [o.year for o in series.observations] == [2022, 2023, 2024, 2025]
    base = series.at(2023)
    # 120 on 40,000 inhabitants: 3.0 per 1,000. Garwood: chi2(0.025; 240) / 2 and
    # chi2(0.975; 242) / 2 for the count, i.e. 99.49 and 143.49, divided by 40.
    assert base.value == pytest.approx(3.0)
    assert base.ci_low == pytest.approx(chi2.ppf(0.025, 240) / 2 / 40, rel=1e-9)
    assert base.ci_high == pytest.approx(chi2.ppf(0.975, 242) / 2 / 40, rel=1e-9)
    assert base.ci_low == pytest.approx(2.4873, abs=1e-4)
    assert base.ci_high == pytest.approx(3.5873, abs=1e-4)

    stored = {m.year: m for m in goal.measurements.all()}
    assert sorted(stored) == [2024, 2025]  # judged after the baseline year only
    assert stored[2025].source_kind == "police"
    assert stored[2025].count == 100
    assert stored[2025].value == pytest.approx(2.5)
    assert stored[2025].ci_low == pytest.approx(chi2.ppf(0.025, 200) / 2 / 40)
    assert stored[2025].edition is None

    page = goals_page(world)
    # Every year with its interval in the table, and the chart with its whiskers.
    assert "3,0" in page and "2,5 – 3,6" in page
    assert "politie, 120 misdrijven" in page
    assert "per 1.000 inwoners (politie, CBS 47018NED)" in page
    assert 'class="series"' in page


def test_goal_per_wijk_is_measured_on_that_wijk(world, police):
    centrum = police.wijk("WK036300", "Centrum", 4_000)
    police.count(2023, 600)  # the gemeente as a whole: 15.0 per 1,000
    police.count(2025, 640)
    police.count(2023, 12, area=centrum)  # the wijk: 3.0 per 1,000
    police.count(2025, 8, area=centrum)
    goal = police_goal(world.project, area=centrum, baseline_value=3.0)

    services.goals_measure(project=world.project)

    measurement = goal.measurements.get(year=2025)
    assert measurement.area == centrum
    assert measurement.value == pytest.approx(2.0)  # 8 on 4,000, not 640 on 40,000
    assert measurement.ci_low == pytest.approx(chi2.ppf(0.025, 16) / 2 / 4)
    row = selectors.goal_detail(world.project, goal.uuid)
    assert row.rows[0].observation.value == pytest.approx(3.0)
    assert row.rows[0].observation.ci_low == pytest.approx(1.5501, abs=1e-4)
    assert row.rows[0].observation.ci_high == pytest.approx(5.2404, abs=1e-4)
    assert "Centrum" in goals_page(world)


@pytest.mark.parametrize(
    ("count_2025", "status", "significant"),
    [
        # 100 -> 110 in the same 40,000 inhabitants: p = 0.53 (binomial 110 of 210, 1/2),
        # within the noise. 2025 is 2/7 of the way from 2023 to 2030: before half-time, so
        # a move that is not significantly the wrong way is on track.
        (110, GoalStatus.ON_TRACK, False),
        # 100 -> 160: p = 0.0002, a real rise of woninginbraak: behind, however early.
        (160, GoalStatus.BEHIND, True),
        # 100 -> 90: down, not significant, on track.
        (90, GoalStatus.ON_TRACK, False),
    ],
)
def test_police_goal_status_uses_the_poisson_test(world, police, count_2025, status, significant):
    police.count(2023, 100)
    police.count(2025, count_2025)
    goal = police_goal(world.project, baseline_value=2.5, target_value=2.0)

    services.goals_measure(project=world.project)

    measurement = goal.measurements.get(year=2025)
    assert measurement.significant_vs_baseline is significant
    assert measurement.status == status


def test_a_wijk_with_a_new_code_breaks_the_series(world, police):
    old = police.wijk("WK036300", "Centrum", 4_000, indeling_year=2019)
    new = police.wijk("WK036310", "Centrum", 4_200, indeling_year=2024)
    police.link(old, new)
    police.count(2022, 14, area=old)
    police.count(2023, 12, area=old)
    police.count(2024, 30, area=new)
    police.count(2025, 28, area=new)
    goal = police_goal(world.project, area=old, baseline_value=3.0, target_value=2.0)

    services.goals_measure(project=world.project)

    stored = {m.year: m for m in goal.measurements.all()}
    assert sorted(stored) == [2024, 2025]  # followed to the new code
    assert stored[2024].area == new and stored[2024].series_break_before
    assert not stored[2025].series_break_before
    # 12 -> 30 would be a significant rise, but another area is never tested against it.
    assert stored[2024].significant_vs_baseline is None

    page = goals_page(world)
    section = page[page.index("Minder woninginbraken") :]
    chart = section[section.index("<svg") : section.index("</svg>")]
    # Two runs of the line, never one over the break, and the break drawn.
    assert len(re.findall(r"<polyline[^>]*series-line", chart)) == 2
    assert 'class="trendbreuk"' in chart
    assert "trendbreuk (ander gebied na herindeling)" in chart  # the legend says why
    assert 'data-series-break="herindeling"' in section
    assert "ander gebied na herindeling" in section
    assert "niet getoetst: ander gebied dan de nulmeting (herindeling)" in section
    assert "WK036300" in section and "WK036310" in section


def test_a_split_wijk_stops_the_series_with_an_explanation(world, police):
    old = police.wijk("WK036300", "Centrum", 4_000, indeling_year=2019)
    north = police.wijk("WK036311", "Centrum-Noord", 2_000, indeling_year=2024)
    south = police.wijk("WK036312", "Centrum-Zuid", 2_000, indeling_year=2024)
    police.link(old, north, AreaLink.Kind.SPLIT)
    police.link(old, south, AreaLink.Kind.SPLIT)
    police.count(2023, 12, area=old)
    police.count(2024, 9, area=north)
    goal = police_goal(world.project, area=old, baseline_value=3.0)

    services.goals_measure(project=world.project)

    assert not GoalMeasurement.objects.filter(goal=goal).exists()
    page = goals_page(world)
    assert "gesplitst in Centrum-Noord, Centrum-Zuid" in page
    assert "de reeks stopt hier" in page


def test_a_new_police_import_measures_the_goals(world, police):
    """crime_import ends by measuring every goal of the gemeente again."""
    from analysis.figures.services import crime_import

    goal = police_goal(world.project, baseline_value=3.0, baseline_year=2022)
    data = (
        "ID;SoortMisdrijf;WijkenEnBuurten;Perioden;GeregistreerdeMisdrijven_1\n"
        f"1;1.1.1;{world.gemeente.cbs_code};2022JJ00;120\n"
        f"2;1.1.1;{world.gemeente.cbs_code};2023JJ00;100\n"
    ).encode()
    crime_import(run=police.run, data=data)
    assert goal.measurements.get(year=2023).value == pytest.approx(2.5)


def test_survey_goal_per_wijk_uses_the_wijk_results(world):
    from .test_cycle import ONVEILIG, Figures, make_goal

    figures = Figures(world.project)
    figures.result(ONVEILIG, 2021, 30.0)  # the gemeente
    figures.result(ONVEILIG, 2023, 29.0)
    figures.result(ONVEILIG, 2021, 40.0, area=figures.wijk)  # Centrum
    figures.result(ONVEILIG, 2023, 33.0, area=figures.wijk)
    goal = make_goal(world.project, area=figures.wijk, baseline_value=40.0, target_value=34.0)

    services.goals_measure(project=world.project)

    measurement = goal.measurements.get(year=2023)
    assert measurement.area == figures.wijk and measurement.value == 33.0
    assert measurement.status == GoalStatus.ACHIEVED  # 33 <= 34 in Centrum; the gemeente: 29
    assert measurement.edition.year == 2023 and measurement.source_kind == "vm"


def test_linking_a_new_wijk_code_measures_the_wijk_goal_again(world, police):
    """The link is made on the herindeling page after the figures came in: the goal follows
    it at once, without waiting for the next import."""
    from analysis.figures.services.area_links import area_link_delete, area_links_create

    old = police.wijk("WK036300", "Centrum", 4_000, indeling_year=2019)
    new = police.wijk("WK036310", "Centrum", 4_200, indeling_year=2024)
    police.count(2023, 12, area=old)
    police.count(2024, 30, area=new)
    goal = police_goal(world.project, area=old, baseline_value=3.0, target_value=2.0)
    services.goals_measure(project=world.project)
    assert not goal.measurements.filter(year=2024).exists()  # no link: another area

    area_links_create(
        actor=world.users["ambtenaar"],
        project=world.project,
        kind=AreaLink.Kind.SAME,
        old_codes=["WK036300"],
        new_codes=["WK036310"],
    )
    followed = goal.measurements.get(year=2024)
    assert followed.series_break_before and followed.value == pytest.approx(30 * 1000 / 4_200)

    area_link_delete(
        actor=world.users["ambtenaar"],
        project=world.project,
        old_code="WK036300",
        new_code="WK036310",
    )
    assert not goal.measurements.filter(year=2024).exists()
