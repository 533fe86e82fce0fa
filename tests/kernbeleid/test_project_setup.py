"""A project has its traject, a record per step and the default beleidsvragen from the day it
is created, however it is made; migration 0002 gives them to the projects made before. So
opening a page never has to create them (tests/test_get_writes_nothing.py)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kernbeleid.constants import DEFAULT_BELEIDSVRAGEN, BeleidsvraagGroup
from kernbeleid.models import BeleidsvraagAnswer, StepRecord, Traject
from kernbeleid.products.services import beleidsvragen_ensure
from kernbeleid.services import project_prepare
from projects.models import AuditEntry
from projects.services import project_create
from tests.factories import ProjectFactory, gemeente

DEFAULT_COUNT = sum(len(questions) for questions in DEFAULT_BELEIDSVRAGEN.values())


def assert_prepared(project, *, started_step: int) -> None:
    mine = {"project_id": project.pk}
    assert Traject.objects.filter(**mine, light_route=False).exists()
    records = {record.step: record for record in StepRecord.objects.filter(**mine)}
    assert sorted(records) == list(range(1, 13))
    assert [step for step, record in records.items() if record.started_at] == [started_step]
    questions = BeleidsvraagAnswer.objects.filter(**mine)
    assert set(questions.values_list("group", flat=True)) == set(BeleidsvraagGroup.values)
    assert questions.count() == DEFAULT_COUNT


def test_the_project_service_prepares_the_new_project(world):
    project = project_create(
        actor=world.users["adviseur"],
        gemeente=world.gemeente,
        name="Integraal Veiligheidsplan 2031-2034",
        scope="kernbeleid",
        period_start=2031,
        period_end=2034,
    )
    assert_prepared(project, started_step=1)
    # Part of the creation, not a separate change in the project's log.
    actions = AuditEntry.objects.filter(project=project).values_list("action", flat=True)
    assert list(actions) == ["project aangemaakt"]


def test_a_project_made_on_a_later_step_starts_there(world):
    assert_prepared(ProjectFactory(gemeente=world.gemeente, current_step=5), started_step=5)


def test_preparing_again_adds_nothing_and_keeps_what_was_written(world):
    project = world.project
    question = BeleidsvraagAnswer.objects.filter(project=project).first()
    question.answer = "Veilig wonen en uitgaan."
    question.save()
    project_prepare(project=project)
    assert beleidsvragen_ensure(project) == 0
    assert StepRecord.objects.filter(project=project).count() == 12
    assert BeleidsvraagAnswer.objects.filter(project=project).count() == DEFAULT_COUNT
    question.refresh_from_db()
    assert question.answer == "Veilig wonen en uitgaan."


BEFORE = [("kernbeleid", "0001_initial")]
AFTER = [("kernbeleid", "0002_prepare_existing_projects")]


@pytest.mark.django_db(transaction=True)
def test_projects_made_before_are_prepared_by_the_migration():
    home = gemeente("GM0363")  # a flush may have emptied the table
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old_project = old.get_model("projects", "Project")
    bare = old_project.objects.create(
        gemeente_id=home.pk, name="Oud plan", period_start=2023, period_end=2026, current_step=4
    )
    # A project whose pages were opened before: its rows exist and stay as they are.
    opened = old_project.objects.create(
        gemeente_id=home.pk, name="Geopend plan", period_start=2023, period_end=2026
    )
    old.get_model("kernbeleid", "Traject").objects.create(project=opened, light_route=True)
    old.get_model("kernbeleid", "StepRecord").objects.bulk_create(
        [old.get_model("kernbeleid", "StepRecord")(project=opened, step=s) for s in range(1, 13)]
    )
    old.get_model("kernbeleid", "BeleidsvraagAnswer").objects.create(
        project=opened, group=BeleidsvraagGroup.VISIE, question="Eigen vraag?"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    # The checks read through today's models: bring the schema up to date first.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # every app: later ones depend on it

    assert_prepared(bare, started_step=4)
    assert Traject.objects.get(project_id=opened.pk).light_route
    assert StepRecord.objects.filter(project_id=opened.pk).count() == 12
    # A group with questions keeps its own; the groups without get the defaults.
    questions = BeleidsvraagAnswer.objects.filter(project_id=opened.pk)
    visie = questions.filter(group=BeleidsvraagGroup.VISIE)
    assert list(visie.values_list("question", flat=True)) == ["Eigen vraag?"]
    assert set(questions.values_list("group", flat=True)) == set(BeleidsvraagGroup.values)
    assert questions.count() == 1 + DEFAULT_COUNT - len(DEFAULT_BELEIDSVRAGEN["visie"])
