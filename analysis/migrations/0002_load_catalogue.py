"""Load the catalogue indicators (analysis/data/catalogue.yaml, version 0.1-draft)."""

from django.db import migrations


def load(apps, schema_editor):
    from analysis.catalogue import load_indicators

    load_indicators(apps.get_model("analysis", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("analysis", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
