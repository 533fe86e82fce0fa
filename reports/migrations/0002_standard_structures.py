"""The VNG-standard structures of the veiligheidsanalyse and the kadernota."""

from django.db import migrations


def load(apps, schema_editor):
    from reports.constants import load_standard_structures

    load_standard_structures(
        apps.get_model("reports", "ReportStructure"), apps.get_model("reports", "StructureSection")
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
