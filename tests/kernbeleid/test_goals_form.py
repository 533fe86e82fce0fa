"""The goal form chooses what a goal is measured on and for which area; bad combinations get
a Dutch message and store nothing."""

import pytest
from django.urls import reverse

from analysis.figures.constants import AreaKind
from analysis.models import AnalysisTheme, Area, BbvFigure, Indicator
from analysis.narrative import services as va_services
from kernbeleid.constants import GoalSource
from kernbeleid.cycle.goal_series import goal_series
from kernbeleid.models import Goal, OwnSeries

from .goal_figures import PoliceFigures


@pytest.fixture
def priority(world) -> AnalysisTheme:
    va_services.analysis_ensure(project=world.project)
    theme = AnalysisTheme.objects.get(field__project=world.project, code="1.4")
    theme.proposed_priority = True
    theme.priority_reasoning = "Veel woninginbraken."
    theme.save()
    return theme


def add(world, data):
    url = reverse(
        "kernbeleid:goal_add",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )
    return world.client("ambtenaar").post(url, data)


def test_a_police_goal_for_a_wijk_takes_its_baseline_from_that_wijk(world, priority):
    police = PoliceFigures(world.project)
    centrum = police.wijk("WK036300", "Centrum", 4_000)
    police.count(2024, 600)
    police.count(2024, 12, area=centrum)
    response = add(
        world,
        {
            "theme": priority.pk,
            "description": "Minder woninginbraken in Centrum",
            "source_kind": "police",
            "crime_code": "1.1.1",
            "area": centrum.pk,
            "target_value": "2",
            "target_year": "2030",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert (goal.source_kind, goal.crime_code, goal.area) == ("police", "1.1.1", centrum)
    assert goal.indicator is None
    assert (goal.baseline_value, goal.baseline_year) == (3.0, 2024)  # 12 on 4,000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"source_kind": "police"}, "Kies de soort misdrijf uit de politiecijfers."),
        ({"source_kind": "police", "crime_code": "9.9.9"}, "Deze soort misdrijf kent CBS"),
        ({"source_kind": "bbv"}, "Kies de BBV-beleidsindicator."),
        ({"source_kind": "own"}, "Kies de eigen registratie."),
        ({"source_kind": "police", "crime_code": "1.1.1"}, "Er is nog geen cijfer van deze bron"),
    ],
)
def test_a_goal_without_its_source_field_is_refused_in_dutch(world, priority, data, message):
    response = add(
        world,
        {
            "theme": priority.pk,
            "description": "Minder woninginbraken",
            "target_value": "2",
            "target_year": "2030",
        }
        | data,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Goal.objects.exists()


def test_a_bbv_goal_is_for_the_gemeente_only(world, priority):
    area = Area.objects.create(
        gemeente=world.gemeente, code="WK036300", name="Centrum", kind=AreaKind.WIJK
    )
    bbv = Indicator.objects.filter(gemeente=None, source="bbv").first()
    response = add(
        world,
        {
            "theme": priority.pk,
            "description": "Minder geweld",
            "source_kind": "bbv",
            "bbv_indicator": bbv.pk,
            "area": area.pk,
            "target_value": "2",
            "target_year": "2030",
        },
    )
    assert "alleen voor de gemeente als geheel" in response.content.decode()
    assert not Goal.objects.exists()


def test_an_own_series_of_another_gemeente_cannot_be_chosen(world, priority):
    theirs = OwnSeries.objects.create(gemeente=world.other, name="Hun reeks", source="x")
    response = add(
        world,
        {
            "theme": priority.pk,
            "description": "Minder overlast",
            "source_kind": "own",
            "own_series": theirs.pk,
            "target_value": "2",
            "target_year": "2030",
        },
    )
    assert "Kies een registratie van deze gemeente." in response.content.decode()
    assert not Goal.objects.exists()


def test_bbv_series_has_a_reconstructed_interval_or_none(world, priority):
    bbv = Indicator.objects.filter(gemeente=None, source="bbv").first()
    for year, value in [(2023, 5.0), (2025, 4.0)]:
        BbvFigure.objects.create(
            gemeente=world.gemeente, indicator=bbv, year=year, value=value, origin="wsjg"
        )
    goal = Goal(
        project=world.project,
        theme=priority,
        source_kind=GoalSource.BBV,
        indicator=bbv,
        baseline_year=2023,
        target_value=3.0,
        target_year=2030,
    )
    world.gemeente.inhabitants = 40_000
    world.gemeente.save()
    series = goal_series(goal, world.project)
    first = series.at(2023)
    # 5.0 per 1,000 of 40,000: about 200 cases; the interval is that count's, marked "ca.".
    assert first.count == 200 and first.approximate
    assert first.ci_low < 5.0 < first.ci_high
    world.gemeente.inhabitants = None
    world.gemeente.save()
    series = goal_series(goal, world.project)
    assert series.at(2023).ci_low is None and series.at(2023).count is None
    assert any("zonder toets" in note for note in series.notes)


def test_a_bbv_upload_measures_the_bbv_goals(world, priority):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from analysis.figures.services.bbv_figures import bbv_figures_import

    geweld = Indicator.objects.get(code="bbv_geweldsmisdrijven", gemeente=None)
    goal = Goal.objects.create(
        project=world.project,
        theme=priority,
        description="Minder geweld",
        source_kind=GoalSource.BBV,
        indicator=geweld,
        baseline_year=2023,
        baseline_value=2.7,
        target_value=2.0,
        target_year=2030,
    )
    text = "Indicator;Periode;Waarde\nGeweldsmisdrijven;2023;2,7\nGeweldsmisdrijven;2024;2,5\n"
    bbv_figures_import(
        actor=None,
        project=world.project,
        upload=SimpleUploadedFile("wsjg.csv", text.encode()),
    )
    measurement = goal.measurements.get(year=2024)
    assert (measurement.source_kind, measurement.value) == ("bbv", 2.5)


def test_an_own_area_with_a_goal_is_not_deleted(world, priority):
    from django.core.exceptions import ValidationError

    from analysis.figures.services.own_areas import own_area_delete

    noord = Area.objects.create(
        gemeente=world.gemeente, code="EG036301", name="Noord", kind=AreaKind.WIJKGROEP
    )
    Goal.objects.create(
        project=world.project, theme=priority, description="Minder overlast in Noord", area=noord
    )
    with pytest.raises(ValidationError, match="Minder overlast in Noord"):
        own_area_delete(actor=None, project=world.project, area=noord)
    assert Area.objects.filter(pk=noord.pk).exists()
