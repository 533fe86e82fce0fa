"""The standard structures are our standaardindeling after the VNG/CCV handreiking, not a
standard the VNG publishes: rename the stored ones. The names are written out here, so the
migration keeps doing what it did when the constants change later."""

from django.db import migrations, models

OLD = {
    "analyse": "VNG-standaard veiligheidsanalyse",
    "kadernota": "VNG-standaard kadernota integrale veiligheid",
}
NEW = {
    "analyse": "Standaardindeling veiligheidsanalyse (naar de VNG/CCV-handreiking)",
    "kadernota": "Standaardindeling kadernota integrale veiligheid (naar de VNG/CCV-handreiking)",
}


def _rename(apps, names):
    Structure = apps.get_model("reports", "ReportStructure")
    for document, name in names.items():
        Structure.objects.filter(document=document, is_standard=True).update(name=name)


def forwards(apps, schema_editor):
    _rename(apps, NEW)


def backwards(apps, schema_editor):
    _rename(apps, OLD)


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_existing_publications_and_finals")]

    operations = [
        migrations.AlterField(
            model_name="reportstructure",
            name="is_standard",
            field=models.BooleanField(
                default=False, verbose_name="standaardindeling (naar de VNG/CCV-handreiking)"
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
