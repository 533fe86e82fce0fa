"""Demo of the policy cycle (issue 16): Almere is in its second plan. The first one,
Integraal Veiligheidsplan 2023-2026, was written when the Veiligheidsmonitor of 2021 was the
latest; its goals were measured since on the editions and police figures that came after,
and its actions reported on every year. The plan of 2027-2030 names it as its predecessor,
so its kadernota opens with the evaluation of the first.

The first plan's story, as the figures tell it:
- woninginbraak (police, 47018NED) fell by 15% from the plan's first year: reached, and significant;
- overlast of rondhangende jongeren (VM 2021 to 2023), as the survey has it;
- the MOR-meldingen about jeugdoverlast (own registration, no interval) fell, not far enough;
- Bibob applied consistently: a goal without a measure, judged by its actions.
Its priorities were woninginbraak (objectieve veiligheid), jeugdoverlast and ondermijning, as
the kadernota's own evaluatie text tells (demo_kadernota_texts); the new plan drops the first,
keeps the other two and adds the veiligheidsgevoel.

Runs after Almere's traject and the goals of issue 15, and once: a project that already has
a predecessor is left alone.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from analysis.figures.services.project_editions import project_editions_set
from analysis.models import AnalysisTheme, Indicator, SurveyEdition
from analysis.narrative.constants import ThemeCoverage
from analysis.narrative.services import analysis_ensure
from kernbeleid.constants import ActionStatus, GoalSource, Taakveld
from kernbeleid.cycle.goal_series import goal_series
from kernbeleid.cycle.models import OwnSeries
from kernbeleid.cycle.services import goals_measure
from kernbeleid.models import Action, Goal
from kernbeleid.products import services as steps
from kernbeleid.workflow.services import traject_ensure

from .constants import ProjectScope
from .demo_dating import dated, demo_user, history_moved
from .demo_traject import steps_walk
from .models import Project
from .services import project_create

ALMERE = "GM0034"
WONING = "1.1.1"
FIRST_PLAN = "Integraal Veiligheidsplan 2023-2026 Almere"
PRIORITIES = ("1.3", "3.1", "5.2")  # woninginbraak, jeugdoverlast, ondermijning
PROGRAMMA = "Programma 1 Veiligheid"


def demo_cycle_load() -> list[str]:
    current = _current()
    if current is None or not current.goals.exists() or current.predecessor_id:
        return []
    if Project.objects.filter(gemeente=current.gemeente, name=FIRST_PLAN).exists():
        return []
    actor = demo_user(f"ambtenaar@{current.gemeente.slug}.demo.nl")
    with transaction.atomic():
        first = _first_plan(current, actor)
        _predecessor_set(current, first, actor)
    return [f"Almere: {FIRST_PLAN} is het vorige plan; de kadernota evalueert het"]


def demo_cycle_documents_load() -> list[str]:
    """The yearly uitvoeringsprogramma and voortgangsrapportage, and the raadsvoorstel of step 9,
    of Almere's current plan; each loads once (their own modules check)."""
    from .demo_jaardocumenten import demo_jaardocumenten_load
    from .demo_raadsvoorstel import demo_raadsvoorstel_load

    current = _current()
    if current is None or current.current_step != 12:
        return []
    actor = demo_user(f"ambtenaar@{current.gemeente.slug}.demo.nl")
    with transaction.atomic():
        return demo_jaardocumenten_load(current, actor) + demo_raadsvoorstel_load(current, actor)


def _current() -> Project | None:
    """Almere's plan of 2027-2030: the demo project of load_demo, not the first plan."""
    return (
        Project.objects.filter(
            gemeente__cbs_code=ALMERE, scope=ProjectScope.KERNBELEID, successors__isnull=True
        )
        .exclude(name=FIRST_PLAN)
        .order_by("created_at")
        .first()
    )


def _predecessor_set(current: Project, first: Project, actor) -> None:
    try:
        from .demo_evaluatie import demo_evaluatie_load
    except ImportError:  # before the evaluation's pages land, the link alone
        Project.objects.filter(pk=current.pk).update(predecessor=first)
        return
    demo_evaluatie_load(current, first, actor)


def _first_plan(current: Project, actor) -> Project:
    gemeente = current.gemeente
    written = date(2022, 10, 6)  # the raad adopted the kadernota on a Thursday in 2022
    with dated(current, date(2022, 1, 10)):
        first = project_create(
            actor=actor,
            gemeente=gemeente,
            name=FIRST_PLAN,
            scope=ProjectScope.KERNBELEID,
            period_start=2023,
            period_end=2026,
        )
    history_moved(first, created=date(2022, 1, 10), figures=date(2022, 3, 1))
    analysis_ensure(project=first)
    _priorities(first)
    editions = list(SurveyEdition.objects.filter(gemeente=gemeente, projects=first))
    # The plan was written on the figures of its day: the 2023 edition came later.
    with dated(first, written):
        project_editions_set(
            actor=actor, project=first, editions=[e for e in editions if e.year <= 2021]
        )
        goals = _goals(first, actor)
    project_editions_set(actor=actor, project=first, editions=editions)
    _actions(first, actor, goals)
    goals_measure(project=first)
    traject_ensure(project=first)
    starts = {n: date(2022, 1, 10) + timedelta(days=30 * (n - 1)) for n in range(1, 9)}
    starts.update({9: date(2022, 9, 1), 10: written, 11: date(2022, 12, 6), 12: date(2023, 1, 9)})
    steps_walk(first, actor, starts, {})
    return first


def _priorities(project: Project) -> None:
    # Rows: the first plan's werkgroep proposed these, long before the app knew it.
    AnalysisTheme.objects.filter(field__project=project, code__in=PRIORITIES).update(
        proposed_priority=True, coverage=ThemeCoverage.UITGEWERKT
    )


def _theme(project: Project, code: str) -> AnalysisTheme:
    return AnalysisTheme.objects.get(field__project=project, code=code)


def _goals(project: Project, actor) -> list[Goal]:
    police = steps.goal_add(
        actor=actor,
        project=project,
        theme=_theme(project, "1.3"),
        description="Minder woninginbraken: 15% minder dan in het eerste planjaar (2023)",
        source_kind=GoalSource.POLICE,
        crime_code=WONING,
        target_value=0,  # set below, from the 2022 figure
        target_year=2026,
        maatregelen="Inbraakpreventie, buurtpreventie-apps, hotspotaanpak met de politie.",
        partners="Politie, buurtpreventieteams",
    )
    _baseline_at(police, project, 2023, change=0.85)
    youth = steps.goal_add(
        actor=actor,
        project=project,
        theme=_theme(project, "3.1"),
        description="Minder inwoners ervaren overlast van rondhangende jongeren",
        indicator=Indicator.objects.get(code="rondhangende_jongeren", gemeente=None),
        target_value=0,  # set below: two points under the 2021 figure
        target_year=2025,
        maatregelen="Groepsaanpak, jongerenwerk op straat in de avonduren.",
        partners="Politie, jongerenwerk",
    )
    _baseline_at(youth, project, 2021, step=-2.0)
    bibob = steps.goal_add(
        actor=actor,
        project=project,
        theme=_theme(project, "5.2"),
        description="Bibob consequent toepassen bij horeca en vastgoed",
        maatregelen="Bibob-beleid herzien, integrale controles, sluitingen op grond van 13b.",
        partners="RIEC, politie",
    )
    goals = [police, youth, bibob]
    meldingen = OwnSeries.objects.filter(gemeente=project.gemeente).order_by("id").first()
    if meldingen is not None:  # the MOR-meldingen of issue 15's demo
        goals.append(
            steps.goal_add(
                actor=actor,
                project=project,
                theme=_theme(project, "3.1"),
                description="Minder meldingen van jeugdoverlast: onder de 1.100 per jaar",
                source_kind=GoalSource.OWN,
                own_series=meldingen,
                baseline_year=2022,
                baseline_value=1243,
                target_value=1100,
                target_year=2026,
                maatregelen="Meldingen per straat volgen en terugkoppelen aan bewoners.",
                partners="Politie, jongerenwerk",
            )
        )
    # Rows: the begroting programme of the first plan, as the begroting of 2023 named it.
    Goal.objects.filter(pk__in=[g.pk for g in goals]).update(
        taakveld=Taakveld.OPENBARE_ORDE, begroting_programma=PROGRAMMA
    )
    return goals


def _baseline_at(goal: Goal, project: Project, year: int, *, change=1.0, step=0.0) -> None:
    """The goal's baseline as the plan set it: the figure of `year`, the target a change
    from it. goal_add takes the latest figure; the first plan was written earlier."""
    series = goal_series(goal, project)
    base = series.at(year) if series else None
    if base is None or base.value is None:
        return
    target = round(base.value * change + step, 1 if goal.source_kind == GoalSource.VM else 2)
    Goal.objects.filter(pk=goal.pk).update(
        baseline_year=year, baseline_value=base.value, target_value=target
    )


# (title, owner, partners, budget per year, goal index, status per year, progress per year)
ACTIONS = (
    (
        "Inbraakpreventie: voorlichting en gratis gelijkwaardig hang- en sluitwerk in de hotspots",
        "Team Veiligheid",
        "Politie, woningcorporaties",
        60_000,
        0,
        {
            2023: (ActionStatus.LOPEND, "Voorlichting in vier wijken; 310 woningen voorzien."),
            2024: (ActionStatus.LOPEND, "Uitgebreid naar Almere Haven; 520 woningen voorzien."),
            2025: (ActionStatus.GEREED, "Afgerond: 1.140 woningen voorzien, drie hotspots weg."),
        },
    ),
    (
        "Buurtpreventie-apps met de wijkagent als beheerder",
        "Team Veiligheid",
        "Politie, bewoners",
        10_000,
        0,
        {
            2023: (ActionStatus.LOPEND, "Twaalf appgroepen gestart."),
            2024: (ActionStatus.GEREED, "34 appgroepen; beheer overgedragen aan de wijkteams."),
        },
    ),
    (
        "Groepsaanpak hinderlijke jeugdgroep bij station Almere Centrum",
        "Team Veiligheid",
        "Politie, jongerenwerk, OM",
        90_000,
        1,
        {
            2023: (
                ActionStatus.LOPEND,
                "Groep in beeld; vijf jongeren in de persoonsgerichte aanpak.",
            ),
            2024: (
                ActionStatus.GEREED,
                "Groep uiteengevallen; meldingen bij het station gehalveerd.",
            ),
        },
    ),
    (
        "Ambulant jongerenwerk in de avonduren in Almere Haven",
        "Sociaal domein",
        "Jongerenwerk, politie",
        45_000,
        1,
        {
            2024: (ActionStatus.VERTRAAGD, "Werving van jongerenwerkers liep vertraging op."),
            2025: (
                ActionStatus.LOPEND,
                "Twee avonden per week op straat; loopt door in het nieuwe plan.",
            ),
        },
    ),
    (
        "Bibob-beleid herzien en toepassen bij horeca en vastgoed",
        "Juridische zaken",
        "RIEC",
        25_000,
        2,
        {
            2023: (ActionStatus.GEREED, "Nieuw Bibob-beleid vastgesteld; 41 toetsen in 2023."),
        },
    ),
    (
        "Integrale controles op de bedrijventerreinen",
        "Team Veiligheid",
        "Politie, belastingdienst, RIEC",
        15_000,
        2,
        {
            2023: (ActionStatus.GEPLAND, "Voorbereid met de partners."),
            2024: (ActionStatus.VERVALLEN, "Opgegaan in de regionale aanpak van het RIEC."),
        },
    ),
)


def _actions(project: Project, actor, goals: list[Goal]) -> None:
    for title, owner, partners, budget, goal_index, years in ACTIONS:
        goal = goals[goal_index] if goal_index < len(goals) else None
        first = min(years)
        action = steps.action_add(
            actor=actor,
            project=project,
            year=first,
            title=title,
            owner=owner,
            partners=partners,
            budget=Decimal(budget),
            start=date(first, 2, 1),
            end=date(max(years), 12, 31),
            goal=goal,
        )
        Action.objects.filter(pk=action.pk).update(
            taakveld=Taakveld.OPENBARE_ORDE, begroting_programma=PROGRAMMA
        )
        for year, (status, text) in sorted(years.items()):
            with dated(project, date(year + 1, 2, 15)):
                steps.action_progress_report(
                    actor=actor,
                    project=project,
                    action=action,
                    year=year,
                    text=text,
                    status=status,
                )
