"""The move of the figures from the project to the gemeente (analysis 0015) keeps everything.

The database is built in the schema of the main branch before the move (every app at the
migration it had then), with what a gemeente that used Integraal for two plans has: two
projects that each imported the 2023 Veiligheidsmonitor, benchmarks and police figures
imported twice, BBV figures, a draft, a goal with its baseline and measurement. After
migrating to today every figure, draft and baseline is found again.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import gemeente as make_gemeente

# The schema of main before the figures moved: each app at its last migration of that day.
BEFORE = [
    ("accounts", "0003_oidc_provider"),
    ("analysis", "0014_partner_input_participation_file_retention"),
    ("kernbeleid", "0006_partners_contribute"),
    ("projects", "0008_confidential_retention_access_ends"),
    ("reports", "0012_besloten_bijlage"),
]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _edition(old, project, area, indicator, year, estimates):
    run = old.get_model("analysis", "ImportRun").objects.create(
        project=project, kind="survey", status="done", original_name=f"vm{year}.sav", year=year
    )
    edition = old.get_model("analysis", "SurveyEdition").objects.create(
        project=project,
        year=year,
        series="vm2021" if year >= 2021 else "ivm",
        import_run=run,
        respondents=1800,
        weight_column="weegfactor",
    )
    Result = old.get_model("analysis", "IndicatorResult")
    for position, estimate in enumerate(estimates):
        Result.objects.create(
            edition=edition,
            indicator=indicator[position],
            area=area,
            estimate=estimate,
            ci_low=estimate - 2.1,
            ci_high=estimate + 2.1,
            se=1.07,
            n=1800,
            n_eff=1500.5,
        )
    return edition


def _benchmark_run(old, project):
    return old.get_model("analysis", "ImportRun").objects.create(
        project=project, kind="benchmark", status="done", original_name="85146NED.csv"
    )


@pytest.mark.django_db(transaction=True)
def test_every_figure_draft_and_baseline_is_found_again():
    home = make_gemeente("GM0034")  # Almere; loaded again if a flush emptied the table
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Project = old.get_model("projects", "Project")
    first = Project.objects.create(
        gemeente_id=home.pk, name="IVP 2023-2026", period_start=2023, period_end=2026
    )
    second = Project.objects.create(
        gemeente_id=home.pk, name="IVP 2027-2030", period_start=2027, period_end=2030
    )
    area = old.get_model("analysis", "Area").objects.create(
        gemeente_id=home.pk, code="GM0034", name="Almere", kind="gemeente"
    )
    wijk = old.get_model("analysis", "Area").objects.create(
        gemeente_id=home.pk, code="WK003401", name="Almere Haven", kind="wijk", inhabitants=22000
    )
    Indicator = old.get_model("analysis", "Indicator")
    indicators = list(Indicator.objects.filter(gemeente=None, unit="percent").order_by("code"))[:2]
    e2021 = _edition(old, first, area, indicators, 2021, [31.4, 12.0])
    e2023 = _edition(old, first, area, indicators, 2023, [28.2, 13.5])
    # The second plan imported the same year again, before editions were the gemeente's.
    again = _edition(old, second, area, indicators, 2023, [28.3, 13.4])

    Benchmark = old.get_model("analysis", "Benchmark")
    for project, estimate in ((first, 35.1), (second, 35.1)):
        Benchmark.objects.create(
            project=project,
            indicator=indicators[0],
            region_code="NL01",
            region_name="Nederland",
            region_kind="nl",
            year=2023,
            estimate=estimate,
            ci_low=34.8,
            ci_high=35.4,
            import_run=_benchmark_run(old, project),
        )
    Result = old.get_model("analysis", "IndicatorResult")
    BenchmarkTest = old.get_model("analysis", "BenchmarkTest")
    for edition in (e2023, again):
        project_benchmark = Benchmark.objects.get(project_id=edition.project_id)
        BenchmarkTest.objects.create(
            result=Result.objects.get(edition=edition, indicator=indicators[0]),
            benchmark=project_benchmark,
            difference=-6.9,
            significant=True,
        )
    CrimeCount = old.get_model("analysis", "CrimeCount")
    for project in (first, second):
        run = old.get_model("analysis", "ImportRun").objects.create(
            project=project, kind="crime", status="done", original_name="47018NED.csv"
        )
        for year, count in ((2022, 412), (2023, 389)):
            CrimeCount.objects.create(
                project=project,
                area=wijk,
                year=year,
                crime_code="0.0.0",
                crime_label="Totaal misdrijven",
                count=count,
                import_run=run,
            )
    old.get_model("analysis", "BbvFigure").objects.create(
        project=first, indicator=indicators[1], year=2022, value=4.7, origin="wsjg"
    )
    field = old.get_model("analysis", "AnalysisField").objects.create(
        project=first, code="1", name="Veilige woon- en leefomgeving"
    )
    theme = old.get_model("analysis", "AnalysisTheme").objects.create(
        field=field, code="1.1", name="Woninginbraak", knelpunten="Meer inbraken in Haven."
    )
    old.get_model("analysis", "GeneratedDraft").objects.create(
        project=first, theme=theme, area=area, paragraphs=["Het aandeel daalde."]
    )
    goal = old.get_model("kernbeleid", "Goal").objects.create(
        project=first,
        theme=theme,
        description="Minder inwoners voelen zich weleens onveilig",
        indicator=indicators[0],
        baseline_year=2021,
        baseline_value=31.4,
        target_value=25.0,
        target_year=2026,
    )
    old.get_model("kernbeleid", "GoalMeasurement").objects.create(
        goal=goal, edition=e2023, value=28.2, significant_vs_baseline=True, status="op_koers"
    )
    results_before = sorted(
        Result.objects.values_list("edition_id", "indicator_id", "area_id", "estimate", "se")
    )

    _migrate(executor.loader.graph.leaf_nodes())  # today's schema, every app

    from analysis.models import (
        BbvFigure,
        Benchmark,
        BenchmarkTest,
        CrimeCount,
        GeneratedDraft,
        ImportRun,
        IndicatorResult,
        SurveyEdition,
    )
    from kernbeleid.models import Goal, GoalMeasurement
    from projects.models import Project

    first, second = Project.objects.get(pk=first.pk), Project.objects.get(pk=second.pk)
    # Every result, with its values, on the same edition.
    assert (
        sorted(
            IndicatorResult.objects.values_list(
                "edition_id", "indicator_id", "area_id", "estimate", "se"
            )
        )
        == results_before
    )
    assert set(SurveyEdition.objects.values_list("gemeente_id", flat=True)) == {home.pk}
    # Each project keeps the editions it had; both 2023 imports stay.
    assert list(first.editions.values_list("pk", flat=True)) == [e2021.pk, e2023.pk]
    assert list(second.editions.values_list("pk", flat=True)) == [again.pk]
    assert ImportRun.objects.filter(gemeente=home).count() == 7
    assert not ImportRun.objects.exclude(gemeente=home).exists()
    # The benchmark both projects imported is one figure now; both tests point at it.
    assert list(Benchmark.objects.values_list("gemeente_id", "year", "estimate")) == [
        (home.pk, 2023, 35.1)
    ]
    kept = Benchmark.objects.get()
    assert BenchmarkTest.objects.filter(benchmark=kept).count() == 2
    # Police figures once per area, year and kind; BBV figure kept.
    assert sorted(CrimeCount.objects.values_list("gemeente_id", "area_id", "year", "count")) == [
        (home.pk, wijk.pk, 2022, 412),
        (home.pk, wijk.pk, 2023, 389),
    ]
    assert list(BbvFigure.objects.values_list("gemeente_id", "year", "value")) == [
        (home.pk, 2022, 4.7)
    ]
    # Drafts and goals with their baselines and measurements.
    assert GeneratedDraft.objects.get(project=first).paragraphs == ["Het aandeel daalde."]
    kept_goal = Goal.objects.get(pk=goal.pk)
    assert (kept_goal.baseline_year, kept_goal.baseline_value) == (2021, 31.4)
    measurement = GoalMeasurement.objects.get(goal=kept_goal)
    assert (measurement.value, measurement.significant_vs_baseline) == (28.2, True)
