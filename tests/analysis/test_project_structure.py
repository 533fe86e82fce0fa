"""A project gets its veiligheidsanalyse structure when it is created, and projects made before
get it (with their drafts) from migration 0007; opening a page never creates it."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from analysis.figures.services import survey_import_now
from analysis.models import AnalysisField, AnalysisSettings, AnalysisTheme, GeneratedDraft
from tests.factories import ProjectFactory, gemeente

from .conftest import MAPPING, csv_upload

BEFORE = [("analysis", "0006_simplify_stored_wijk_maps")]
AFTER = [("analysis", "0007_prepare_existing_projects")]


def _row_counts() -> dict[str, int]:
    # Only the tables that exist at this migration state: later migrations add models.
    tables = set(connection.introspection.table_names())
    return {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("analysis").get_models()
        if model._meta.db_table in tables
    }


@pytest.fixture
def back_to_latest():
    """Migrating back to 0007 leaves later tables out; the tests after this one need them."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _structure(project) -> list[tuple[str, list[str]]]:
    return [
        (field.code, [theme.code for theme in field.themes.order_by("position")])
        for field in AnalysisField.objects.filter(project=project).order_by("position")
    ]


def _drafts(project) -> set[tuple[str | None, str, tuple[str, ...]]]:
    return {
        (draft.theme.code if draft.theme else None, draft.area.code, tuple(draft.paragraphs))
        for draft in GeneratedDraft.objects.filter(project=project).select_related("theme", "area")
    }


def _without_structure(project) -> None:
    """As a project made before its structure came with it."""
    GeneratedDraft.objects.filter(project=project).delete()
    AnalysisField.objects.filter(project=project).delete()
    AnalysisSettings.objects.filter(project=project).delete()


def test_a_new_project_has_its_structure_and_its_first_import_writes_the_drafts(world):
    project = ProjectFactory(gemeente=world.gemeente, min_n=1, warn_n=3)
    structure = _structure(project)
    assert [code for code, _themes in structure] == ["1", "2", "3", "4", "5", "X"]
    assert ("X", ["X.1", "X.2", "X.3"]) in structure
    assert AnalysisSettings.objects.get(project=project).catalogue_version == "0.1-draft"
    assert not GeneratedDraft.objects.filter(project=project).exists()
    survey_import_now(actor=None, project=project, upload=csv_upload(), year=2023, mapping=MAPPING)
    subject = AnalysisTheme.objects.get(field__project=project, code="1.4")
    assert GeneratedDraft.objects.get(project=project, theme=subject).paragraphs


@pytest.mark.parametrize("with_structure", [True, False])
def test_opening_the_analysis_pages_creates_nothing(world, with_structure):
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    survey_import_now(actor=None, project=project, upload=csv_upload(), year=2023, mapping=MAPPING)
    theme_uuid = AnalysisTheme.objects.get(field__project=project, code="1.4").uuid
    if not with_structure:
        _without_structure(project)
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
    pages = [
        reverse(f"analysis:{name}", kwargs=base)
        for name in ("va_overview", "va_structure", "va_priorities", "overview", "crime")
    ]
    pages.append(reverse("analysis:va_wijk", kwargs=base | {"code": "WK036300"}))
    if with_structure:
        pages += [
            reverse(f"analysis:{name}", kwargs=base | {"theme_uuid": theme_uuid})
            for name in ("va_theme", "va_history")
        ]
    client = world.client("ambtenaar")
    before = _row_counts()
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert _row_counts() == before


def _migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_migration_0007_gives_older_projects_their_structure_and_drafts():
    home = gemeente("GM0363")  # a flush may have emptied the table
    older, current = (ProjectFactory(gemeente=home, min_n=1, warn_n=3) for _ in range(2))
    survey_import_now(actor=None, project=older, upload=csv_upload(), year=2023, mapping=MAPPING)
    expected_structure, expected_drafts = _structure(older), _drafts(older)
    assert expected_drafts
    _without_structure(older)
    untouched = _structure(current)
    AnalysisField.objects.filter(project=current, code="1").update(name="Eigen naam")

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    _migrate_to_latest()  # later migrations' columns, so today's models can read the rows

    assert _structure(older) == expected_structure
    assert _drafts(older) == expected_drafts
    assert _structure(current) == untouched  # a project that had it keeps its own
    assert AnalysisField.objects.get(project=current, code="1").name == "Eigen naam"
    counts = _row_counts()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    _migrate_to_latest()  # later migrations' columns, so today's models can read the rows
    assert _row_counts() == counts  # a second run adds nothing
