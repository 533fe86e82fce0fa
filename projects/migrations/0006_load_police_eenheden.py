"""Give each of the 342 gemeenten (CBS indeling 2023) its regionale eenheid of the politie.

Source and licence note: projects/data/SOURCES.md. Districts and basisteams are not bundled
(no public table found); `manage.py load_police_units` loads them.
"""

from django.db import migrations


def load(apps, schema_editor):
    from projects.police_data import load_police_eenheden

    load_police_eenheden(
        gemeente_model=apps.get_model("projects", "Gemeente"),
        unit_model=apps.get_model("projects", "PoliceUnit"),
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_police_units")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
