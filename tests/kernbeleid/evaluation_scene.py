"""A predecessor plan (2023-2026) with goals on the gemeente's own registration, measured by
the yearly cycle, and actions with their yearly progress; shared by the evaluation and
actualisatie tests."""

from analysis.figures.constants import Direction
from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from analysis.narrative.constants import ThemeCoverage
from kernbeleid.constants import ActionStatus, GoalSource
from kernbeleid.cycle.services import goals_measure
from kernbeleid.models import Action, ActionProgress, Goal, OwnSeries, OwnSeriesPoint
from tests.factories import ProjectFactory

HALF = 1.96  # half-width of every interval below: value ± 1.96 gives se = 1.96 / 1.95996 ≈ 1


def themes(project) -> list[AnalysisTheme]:
    va_services.analysis_ensure(project=project)
    return list(AnalysisTheme.objects.filter(field__project=project).order_by("id"))


def make_priorities(project, names: list[str]) -> None:
    AnalysisTheme.objects.filter(field__project=project, name__in=names).update(
        coverage=ThemeCoverage.UITGEWERKT, proposed_priority=True
    )


def series(gemeente, name, points, direction=Direction.HIGHER_IS_WORSE) -> OwnSeries:
    """points: (year, value) or (year, value, break_before); each with interval value ± 1.96."""
    own = OwnSeries.objects.create(gemeente=gemeente, name=name, source="eigen telling")
    own.direction = direction
    own.save()
    for year, value, *rest in points:
        OwnSeriesPoint.objects.create(
            series=own,
            year=year,
            value=value,
            ci_low=value - HALF,
            ci_high=value + HALF,
            break_before=bool(rest and rest[0]),
        )
    return own


def goal(project, theme, own, description, baseline, target) -> Goal:
    return Goal.objects.create(
        project=project,
        theme=theme,
        description=description,
        source_kind=GoalSource.OWN,
        own_series=own,
        baseline_year=2023,
        baseline_value=baseline,
        target_value=target,
        target_year=2026,
    )


def action(project, title, status, progress=()) -> Action:
    made = Action.objects.create(
        project=project, year=2024, title=title, owner="team OOV", status=status
    )
    for year, report_status, text in progress:
        ActionProgress.objects.create(action=made, year=year, status=report_status, text=text)
    return made


def predecessor_plan(world):
    """The plan before world.project (2027-2030): four goals, four actions; two priorities."""
    before = ProjectFactory(
        gemeente=world.gemeente,
        name="Veiligheidsplan 2023-2026",
        period_start=2023,
        period_end=2026,
    )
    first, second, *_ = themes(before)
    make_priorities(before, [first.name, second.name])
    g = world.gemeente
    goal(
        before,
        first,
        series(g, "Overlast A", [(2023, 30), (2026, 26)]),
        "Minder overlast A",
        30,
        27,
    )
    goal(
        before,
        first,
        series(g, "Overlast B", [(2023, 30), (2026, 29)]),
        "Minder overlast B",
        30,
        27,
    )
    goal(
        before,
        second,
        series(g, "Overlast C", [(2023, 30), (2025, 22, True), (2026, 20)]),
        "Minder overlast C",
        30,
        27,
    )
    goal(
        before,
        second,
        series(g, "Buurtpreventie", [(2023, 60), (2026, 72)]),
        "Meer buurtpreventie",
        60,
        70,
    )
    action(
        before,
        "Cameratoezicht uitbreiden",
        ActionStatus.GEPLAND,
        [(2024, ActionStatus.LOPEND, "Gestart"), (2025, ActionStatus.GEREED, "Afgerond")],
    )
    action(
        before,
        "Buurtpreventie-app",
        ActionStatus.GEREED,
        [(2025, ActionStatus.VERTRAAGD, "Leverancier failliet")],
    )
    action(before, "Jongerenwerk in de avond", ActionStatus.VERVALLEN)
    action(before, "Voorlichting woninginbraak", ActionStatus.LOPEND)
    goals_measure(project=before)
    return before
