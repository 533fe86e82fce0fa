"""The VNG-standard structures of the veiligheidsanalyse and the kadernota."""

from django.db import migrations


def load(apps, schema_editor):
    from reports.constants import STANDARD_STRUCTURES

    Structure = apps.get_model("reports", "ReportStructure")
    Section = apps.get_model("reports", "StructureSection")
    names = {"analyse": "VNG-standaard veiligheidsanalyse",
             "kadernota": "VNG-standaard kadernota integrale veiligheid"}
    for document, sections in STANDARD_STRUCTURES.items():
        structure, created = Structure.objects.get_or_create(
            document=document, is_standard=True, defaults={"name": names[document]}
        )
        if not created:
            continue
        for position, (title, source, _level) in enumerate(sections, start=1):
            Section.objects.create(structure=structure, position=position, title=title,
                                   source=source, numbered=source != "begrippen")


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
