"""Preload the 342 gemeenten (CBS indeling 2023) with province and veiligheidsregio.

Source and licence note: projects/data/SOURCES.md.
"""

from django.db import migrations

INDELING_YEAR = 2023  # frozen here: a later indeling gets a migration of its own


def load(apps, schema_editor):
    from projects.gemeente_data import read_gemeenten

    Provincie = apps.get_model("projects", "Provincie")
    Veiligheidsregio = apps.get_model("projects", "Veiligheidsregio")
    Gemeente = apps.get_model("projects", "Gemeente")
    provincies, regios = {}, {}
    for row in read_gemeenten():
        if row.provincie_code not in provincies:
            provincies[row.provincie_code], _ = Provincie.objects.get_or_create(
                code=row.provincie_code, defaults={"name": row.provincie_name}
            )
        if row.veiligheidsregio_code not in regios:
            regios[row.veiligheidsregio_code], _ = Veiligheidsregio.objects.get_or_create(
                code=row.veiligheidsregio_code, defaults={"name": row.veiligheidsregio_name}
            )
        Gemeente.objects.update_or_create(
            cbs_code=row.cbs_code,
            defaults={
                "name": row.name,
                "cbs_label": row.cbs_label,
                "slug": row.slug,
                "provincie": provincies[row.provincie_code],
                "veiligheidsregio": regios[row.veiligheidsregio_code],
                "indeling_year": INDELING_YEAR,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
