"""Data migrations of the reports app, run on rows stored before them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_UUID = [("reports", "0004_alter_reportversion_content_hash")]
WITH_UUID = [("reports", "0005_structuresection_uuid")]


@pytest.mark.django_db(transaction=True)
def test_existing_sections_get_distinct_uuids():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_UUID)
    old_apps = executor.loader.project_state(BEFORE_UUID).apps
    Structure = old_apps.get_model("reports", "ReportStructure")
    Section = old_apps.get_model("reports", "StructureSection")
    structure = Structure.objects.create(name="Oud", document="analyse", is_standard=True)
    for position in range(1, 6):
        Section.objects.create(
            structure=structure, position=position, title=f"H{position}", source="fixed"
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(WITH_UUID)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # every app: later ones depend on it

    from reports.models import StructureSection

    uuids = list(StructureSection.objects.values_list("uuid", flat=True))
    assert len(uuids) >= 5 and None not in uuids
    assert len(set(uuids)) == len(uuids)
