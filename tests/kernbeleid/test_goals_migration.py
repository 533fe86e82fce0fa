"""The migration that generalises goal measurements keeps every stored measurement: its value,
significance and status stay, its year and source come from its survey edition."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import gemeente as make_gemeente

BEFORE = [
    ("kernbeleid", "0006_partners_contribute"),
    ("analysis", "0016_areas_carry_their_indeling"),
]
AFTER = [("kernbeleid", "0007_goals_on_every_source")]


@pytest.mark.django_db(transaction=True)
def test_existing_measurements_keep_their_values():
    make_gemeente("GM0363")  # loaded again when a transactional test's flush emptied the table
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    gemeente = old.get_model("projects", "Gemeente").objects.get(cbs_code="GM0363")
    project = old.get_model("projects", "Project").objects.create(
        gemeente=gemeente, name="Oud plan", period_start=2027, period_end=2030
    )
    field = old.get_model("analysis", "AnalysisField").objects.create(
        project=project, code="1", name="Veld"
    )
    theme = old.get_model("analysis", "AnalysisTheme").objects.create(
        field=field, code="1.1", name="Thema"
    )
    indicator = old.get_model("analysis", "Indicator").objects.filter(gemeente=None).first()
    run = old.get_model("analysis", "ImportRun").objects.create(
        gemeente=gemeente, kind="survey", status="done", original_name="vm.csv", year=2023
    )
    edition = old.get_model("analysis", "SurveyEdition").objects.create(
        gemeente=gemeente,
        year=2023,
        series="vm2021",
        import_run=run,
        respondents=1000,
        weight_column="w",
    )
    goal = old.get_model("kernbeleid", "Goal").objects.create(
        project=project,
        theme=theme,
        description="Doel",
        indicator=indicator,
        baseline_year=2021,
        baseline_value=30.0,
        target_value=25.0,
        target_year=2029,
    )
    old.get_model("kernbeleid", "GoalMeasurement").objects.create(
        goal=goal, edition=edition, value=27.5, significant_vs_baseline=True, status="on_track"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # every app: later ones depend on it

    from kernbeleid.models import Goal, GoalMeasurement

    measurement = GoalMeasurement.objects.get(goal_id=goal.pk)
    assert (measurement.year, measurement.source_kind, measurement.edition_id) == (
        2023,
        "vm",
        edition.pk,
    )
    assert (measurement.value, measurement.significant_vs_baseline, measurement.status) == (
        27.5,
        True,
        "on_track",
    )
    assert not measurement.series_break_before
    goal = Goal.objects.get(pk=goal.pk)
    assert (goal.source_kind, goal.baseline_value, goal.area_id) == ("vm", 30.0, None)
