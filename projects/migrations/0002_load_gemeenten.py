"""Preload the 342 gemeenten (CBS indeling 2023) with province and veiligheidsregio.

Source and licence note: projects/data/SOURCES.md.
"""

from django.db import migrations

INDELING_YEAR = 2023  # frozen here: a later indeling gets a migration of its own


def load(apps, schema_editor):
    from projects.gemeente_data import load_gemeenten

    load_gemeenten(
        gemeente_model=apps.get_model("projects", "Gemeente"),
        provincie_model=apps.get_model("projects", "Provincie"),
        regio_model=apps.get_model("projects", "Veiligheidsregio"),
        indeling_year=INDELING_YEAR,
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
