"""StructureSection gets a uuid, so pages address sections without sequential ids.

In three steps, so existing rows get distinct values: add the column nullable (a default
would be computed once and shared by every row), give each row its own uuid4, then make it
unique and required.
"""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    StructureSection = apps.get_model("reports", "StructureSection")
    sections = list(StructureSection.objects.filter(uuid__isnull=True).only("pk"))
    for section in sections:
        section.uuid = uuid.uuid4()
    StructureSection.objects.bulk_update(sections, ["uuid"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_alter_reportversion_content_hash")]

    operations = [
        migrations.AddField(
            model_name="structuresection",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="structuresection",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]
