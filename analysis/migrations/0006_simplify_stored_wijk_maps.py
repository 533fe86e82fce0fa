"""Wijk maps stored before they were simplified are simplified now.

Until then a wijk map was kept with every point of the upload, so a detailed export (a million
points) made every indicator page that draws it seconds slower. Each stored map goes through
the step an upload now takes (`analysis.figures.geometry.simplify_geometry`); one that cannot
be read is left as it is (the gemeente can upload it again).
"""

import json
import logging
import posixpath

from django.core.files.base import ContentFile
from django.db import migrations

logger = logging.getLogger(__name__)


def simplify_wijk_maps(apps, schema_editor):
    from analysis.figures.geometry import simplify_geometry

    WijkMap = apps.get_model("analysis", "WijkMap")
    for wijk_map in WijkMap.objects.exclude(file=""):
        old_name = wijk_map.file.name
        storage = wijk_map.file.storage
        try:
            with storage.open(old_name, "rb") as handle:
                geojson = json.loads(handle.read())
            for feature in geojson["features"]:
                feature["geometry"] = simplify_geometry(feature["geometry"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            logger.warning("Wijk map %s left as it was: %s", old_name, exc)
            continue
        content = ContentFile(json.dumps(geojson, separators=(",", ":")))
        wijk_map.file.save(posixpath.basename(old_name), content, save=False)
        wijk_map.save(update_fields=["file"])
        if old_name != wijk_map.file.name and storage.exists(old_name):
            storage.delete(old_name)


class Migration(migrations.Migration):
    dependencies = [("analysis", "0005_alter_importrun_file")]

    operations = [migrations.RunPython(simplify_wijk_maps, migrations.RunPython.noop)]
