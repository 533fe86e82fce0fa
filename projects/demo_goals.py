"""Demo of goals on every source (issue 15): Almere's kadernota, now in its yearly cycle,
gets three goals that are not measured on the Veiligheidsmonitor alone:

- fewer woninginbraken in the whole gemeente, on the police figures (47018NED per 1,000
  inhabitants, with the Poisson interval), followed in the years between two editions;
- fewer vernielingen in the focus wijk, on that wijk's police figures;
- less jeugdoverlast, on the gemeente's own registration of MOR-meldingen, entered per year
  with its source (no interval: the page says the change cannot be tested).

The police figures of 2024 and 2025 arrive as a newer 47018NED table (synthetic, in the
CBS shape, with the gemeente's own total row), read by the same import as a real file; it
repeats the demo's 2022 and 2023 wijk counts, so nothing that was shown changes.

Runs after Almere's traject and once: a project with a police goal is left alone.
"""

from decimal import Decimal

import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from analysis.figures.constants import AreaKind, ImportKind, ImportStatus
from analysis.figures.demo import CRIMES
from analysis.figures.demo_survey import demo_wijk_roles
from analysis.figures.services import crime_import
from analysis.models import Area, CrimeCount, ImportRun
from kernbeleid.constants import GoalSource
from kernbeleid.cycle.own_series import own_series_create, own_series_point_set
from kernbeleid.products import selectors as products
from kernbeleid.products import services as steps

from .constants import ProjectScope
from .demo_dating import demo_user
from .models import Project

ALMERE = "GM0034"
WONING, VERNIELING = "1.1.1", "2.2.1"
# Synthetic trend per year after 2023 (factor on the 2023 rate): woninginbraak falls, as the
# aanpak intends; vernielingen fall a little, within the noise of one wijk.
TREND = {2024: {WONING: 0.93, VERNIELING: 0.97}, 2025: {WONING: 0.86, VERNIELING: 0.92}}
MELDINGEN = {2021: 1186, 2022: 1243, 2023: 1311, 2024: 1262, 2025: 1198}


def demo_goals_load() -> list[str]:
    project = (
        Project.objects.filter(
            gemeente__cbs_code=ALMERE, scope=ProjectScope.KERNBELEID, successors__isnull=True
        )
        .order_by("created_at")
        .first()
    )
    if project is None or not project.goals.exists():
        return []
    if project.goals.filter(source_kind=GoalSource.POLICE).exists():
        return []
    actor = demo_user(f"ambtenaar@{project.gemeente.slug}.demo.nl")
    with transaction.atomic():
        _police_figures(project, actor)
        _goals(project, actor)
    return ["Almere: doelen op politiecijfers, voor een wijk en op een eigen registratie"]


def _police_figures(project: Project, actor) -> None:
    """A newer 47018NED table: 2022-2023 as before, 2024-2025 added, with gemeente totals."""
    gemeente = project.gemeente
    rng = np.random.default_rng(34_2025)
    counts: dict[tuple[str, str, int], int] = {}
    for row in CrimeCount.objects.filter(gemeente=gemeente, area__kind=AreaKind.WIJK):
        if row.count is not None:
            counts[(row.crime_code, row.area.code, row.year)] = row.count
    wijken = sorted({code for _crime, code, _year in counts})
    for year, factors in TREND.items():
        for crime, _label, _rate in CRIMES:
            for wijk in wijken:
                base = counts.get((crime, wijk, 2023))
                if base is not None:
                    counts[(crime, wijk, year)] = int(rng.poisson(base * factors.get(crime, 1.0)))
    labels = {code: label for code, label, _rate in CRIMES}
    lines = ["SoortMisdrijf;WijkenEnBuurten;Perioden;GeregistreerdeMisdrijven_1"]
    totals: dict[tuple[str, int], int] = {}
    for (crime, wijk, year), count in sorted(counts.items()):
        lines.append(f'"{crime} {labels[crime]}";{wijk};{year}JJ00;{count}')
        totals[(crime, year)] = totals.get((crime, year), 0) + count
    for (crime, year), total in sorted(totals.items()):
        lines.append(f'"{crime} {labels[crime]}";{gemeente.cbs_code};{year}JJ00;{total}')
    data = ("\n".join(lines) + "\n").encode("utf-8")
    run = ImportRun.objects.create(
        project=project,
        kind=ImportKind.CRIME,
        original_name="47018NED_2022-2025.csv",
        status=ImportStatus.DONE,
        created_by=actor,
    )
    run.file.save(run.original_name, SimpleUploadedFile(run.original_name, data))
    crime_import(run=run, data=data)
    # The gemeente's inhabitants: the sum of its wijken, as the police page computes rates.
    area = Area.objects.get(gemeente=gemeente, code=gemeente.cbs_code)
    if not area.inhabitants:
        area.inhabitants = (
            sum(
                Area.objects.filter(gemeente=gemeente, kind=AreaKind.WIJK).values_list(
                    "inhabitants", flat=True
                )
                or [0]
            )
            or None
        )
        area.save(update_fields=["inhabitants"])


def _theme(project: Project, *words: str):
    priorities = list(products.priorities(project))
    for theme in priorities:
        if any(word in theme.name.lower() for word in words):
            return theme
    return priorities[0]


def _goals(project: Project, actor) -> None:
    gemeente = project.gemeente
    haven_code, haven_name = demo_wijk_roles(gemeente.cbs_code)["haven"]
    haven = Area.objects.get(gemeente=gemeente, code=haven_code)
    # goal_add takes the latest police figure as baseline; the kadernota set it on 2023.
    _police_goal(
        project,
        actor,
        theme=_theme(project, "woning", "inbraak", "high impact"),
        description="Minder woninginbraken in heel Almere",
        crime=WONING,
        area=None,
        change=-0.6,
        maatregelen="Inbraakpreventie per buurt met de politie en woningcorporaties.",
        partners="Politie, woningcorporaties",
        budget=Decimal(40000),
        funding="Programmabudget integrale veiligheid",
    )
    _police_goal(
        project,
        actor,
        theme=_theme(project, "jeugd", "overlast"),
        description=f"Minder vernielingen in {haven_name}",
        crime=VERNIELING,
        area=haven,
        change=-1.0,
        maatregelen="Jongerenwerk en handhaving op de hangplekken bij de haven; snel herstel "
        "van vernielingen.",
        partners="Politie, jongerenwerk, Stadsbeheer",
        budget=Decimal(25000),
        funding="Wijkbudget Haven",
    )
    series = own_series_create(
        actor=actor,
        project=project,
        name="Meldingen jeugdoverlast",
        unit="count",
        direction="higher_is_worse",
        source="Meldingen Openbare Ruimte (MOR) van de gemeente, categorie jeugdoverlast; "
        "telling team Openbare Orde en Veiligheid",
    )
    for year, value in MELDINGEN.items():
        own_series_point_set(actor=actor, project=project, series=series, year=year, value=value)
    steps.goal_add(
        actor=actor,
        project=project,
        theme=_theme(project, "jeugd", "overlast"),
        description="Minder meldingen van jeugdoverlast",
        source_kind=GoalSource.OWN,
        own_series=series,
        baseline_value=float(MELDINGEN[2023]),
        baseline_year=2023,
        target_value=1100.0,
        target_year=2029,
        maatregelen="Jongerenwerk op de hotspots en een vast aanspreekpunt per wijk.",
        partners="Jongerenwerk, politie",
        budget=Decimal(45000),
        funding="Programmabudget integrale veiligheid, deels jeugdbudget",
    )


def _police_goal(project, actor, *, theme, description, crime, area, change, **texts):
    """A police goal set on its 2023 figure (the year of the kadernota's last edition)."""
    from kernbeleid.cycle.goal_series import goal_series
    from kernbeleid.models import Goal

    probe = Goal(project=project, source_kind=GoalSource.POLICE, crime_code=crime, area=area)
    base = goal_series(probe, project).at(2023)
    steps.goal_add(
        actor=actor,
        project=project,
        theme=theme,
        description=description,
        source_kind=GoalSource.POLICE,
        crime_code=crime,
        area=area,
        baseline_value=round(base.value, 1),
        baseline_year=2023,
        target_value=round(base.value + change, 1),
        target_year=2029,
        **texts,
    )
