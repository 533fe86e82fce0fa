"""What a joint plan needs to pool respondent files from stored results (figures/combine.py):
the weight of those who answered, per result, and the file's total weight, per edition. Null
for rows stored before; combine.py approximates those."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0017_wijk_indeling_years"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatorresult",
            name="sum_w",
            field=models.FloatField(null=True),
        ),
        migrations.AddField(
            model_name="surveyedition",
            name="weight_total",
            field=models.FloatField(blank=True, null=True, verbose_name="som van de weegfactoren"),
        ),
    ]
