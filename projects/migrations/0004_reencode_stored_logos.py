"""Logos stored before they were checked with Pillow are checked and re-encoded now.

Until then a logo was accepted on its magic bytes alone, so a stored one may be a pixel bomb
(a 20000 x 20000 PNG) or broken. Each is put through the same check as an upload
(`projects.services.logo_as_png`): a good one is stored again as a PNG of at most 1200 px, a bad
one is removed (the gemeente uploads it again and gets the Dutch reason).
"""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import migrations

logger = logging.getLogger(__name__)


def reencode_logos(apps, schema_editor):
    from projects.services import logo_as_png

    Gemeente = apps.get_model("projects", "Gemeente")
    for gemeente in Gemeente.objects.exclude(logo=""):
        old_name = gemeente.logo.name
        storage = gemeente.logo.storage
        try:
            with storage.open(old_name, "rb") as handle:
                png = logo_as_png(handle.read())
        except (ValidationError, OSError) as exc:
            logger.warning("Logo of %s removed: %s", gemeente.cbs_code, exc)
            gemeente.logo = ""
        else:
            gemeente.logo.save("logo.png", ContentFile(png), save=False)
        gemeente.save(update_fields=["logo"])
        if storage.exists(old_name) and old_name != gemeente.logo.name:
            storage.delete(old_name)


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_project_benchmark_gemeenten_project_min_n_and_more")]

    operations = [migrations.RunPython(reencode_logos, migrations.RunPython.noop)]
