"""A project with goals, measurements, actions and progress for the yearly documents' tests
(uitvoeringsprogramma, voortgangsrapportage, begroting paragraph)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from analysis.narrative.constants import ThemeCoverage
from kernbeleid.constants import ActionStatus, GoalSource, GoalStatus, Taakveld
from kernbeleid.models import Action, ActionProgress, Goal, GoalMeasurement, YearTexts
from reports.constants import DocumentKind
from tests.kernbeleid.goal_figures import police_goal, theme_of


@dataclass
class Yearly:
    project: object
    goal: Goal
    actions: list[Action]


def build_yearly(project) -> Yearly:
    """2027: three actions (two on the goal, one without a goal), budgets € 12.500, € 7.250,50
    and € 30.000 (total € 49.750,50; taakveld 1.2: € 19.750,50, 1.1: € 30.000); the goal
    measured in 2024 (3,1) and 2026 (2,4, significant). 2028: one action of € 1.000."""
    theme = theme_of(project)
    theme.coverage = ThemeCoverage.UITGEWERKT
    theme.proposed_priority = True
    theme.save()
    goal = police_goal(
        project,
        baseline_value=3.4,
        taakveld=Taakveld.OPENBARE_ORDE,
        begroting_programma="Veiligheid",
    )
    assert goal.source_kind == GoalSource.POLICE
    GoalMeasurement.objects.create(
        goal=goal,
        year=2024,
        source_kind="police",
        value=3.1,
        ci_low=2.8,
        ci_high=3.4,
        status=GoalStatus.ON_TRACK,
        significant_vs_baseline=False,
    )
    GoalMeasurement.objects.create(
        goal=goal,
        year=2026,
        source_kind="police",
        value=2.4,
        ci_low=2.1,
        ci_high=2.7,
        status=GoalStatus.ON_TRACK,
        significant_vs_baseline=True,
    )
    GoalMeasurement.objects.create(  # after the year asked: not in a 2027 report
        goal=goal,
        year=2029,
        source_kind="police",
        value=1.9,
        ci_low=1.6,
        ci_high=2.2,
        status=GoalStatus.ACHIEVED,
        significant_vs_baseline=True,
    )
    first = Action.objects.create(
        project=project,
        year=2027,
        title="Buurtpreventie begeleiden",
        owner="OOV",
        partners="Politie, wijkraden",
        budget=Decimal("12500"),
        start=date(2027, 2, 1),
        end=date(2027, 11, 30),
        goal=goal,
        taakveld=Taakveld.OPENBARE_ORDE,
    )
    second = Action.objects.create(
        project=project,
        year=2027,
        title="Inbraakpreventie avonden",
        owner="Wijkzaken",
        budget=Decimal("7250.50"),
        goal=goal,
        taakveld=Taakveld.OPENBARE_ORDE,
        status=ActionStatus.GEREED,
    )
    loose = Action.objects.create(
        project=project,
        year=2027,
        title="Oefening crisisteam",
        owner="Veiligheidsregio",
        budget=Decimal("30000"),
        taakveld=Taakveld.CRISISBEHEERSING,
    )
    Action.objects.create(
        project=project,
        year=2028,
        title="Evaluatie buurtpreventie",
        owner="OOV",
        budget=Decimal("1000"),
        goal=goal,
    )
    ActionProgress.objects.create(
        action=first,
        year=2027,
        status=ActionStatus.LOPEND,
        text="Twaalf appgroepen begeleid; vier nieuwe in Almere Haven.",
    )
    YearTexts.objects.create(
        project=project,
        document=DocumentKind.UITVOERINGSPROGRAMMA,
        year=2027,
        inleiding="In 2027 ligt de nadruk op woninginbraak.",
    )
    YearTexts.objects.create(
        project=project,
        document=DocumentKind.VOORTGANG,
        year=2027,
        inleiding="Een jaar na de start van het programma.",
        veranderd="Het aantal inbraken daalde verder.",
    )
    return Yearly(project=project, goal=goal, actions=[first, second, loose])
