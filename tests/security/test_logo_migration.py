"""Logos stored before the Pillow check: the data migration re-encodes the good ones and removes
the bombs, so an old upload cannot keep hurting renders or browsers."""

import io

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image

from tests.factories import gemeente

from .test_logo import bilevel_png, pillow_image

BEFORE = [("projects", "0003_project_benchmark_gemeenten_project_min_n_and_more")]
AFTER = [("projects", "0004_reencode_stored_logos")]


@pytest.mark.django_db(transaction=True)
def test_stored_logos_are_reencoded_and_bombs_removed(private_media):
    pks = [gemeente("GM0363").pk, gemeente("GM0034").pk]  # a flush may have emptied the table
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    Gemeente = old_apps.get_model("projects", "Gemeente")
    good, bomb = (Gemeente.objects.get(pk=pk) for pk in pks)
    good.logo.save("logo.jpg", ContentFile(pillow_image("JPEG", (3000, 1500))))
    bomb.logo.save("logo.png", ContentFile(bilevel_png(20000, 20000)))
    old_names = [good.logo.name, bomb.logo.name]

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    # Read with the models as they were right after the migration: later migrations add
    # columns the database does not have yet.
    After = executor.loader.project_state(AFTER).apps.get_model("projects", "Gemeente")
    good, bomb = After.objects.get(pk=good.pk), After.objects.get(pk=bomb.pk)
    assert bomb.logo.name == ""
    with good.logo.open("rb") as handle, Image.open(io.BytesIO(handle.read())) as image:
        assert (image.format, image.size) == ("PNG", (1200, 600))
    assert not any(good.logo.storage.exists(name) for name in old_names)

    executor = MigrationExecutor(connection)  # back to the latest schema for the other tests
    executor.migrate(executor.loader.graph.leaf_nodes())
