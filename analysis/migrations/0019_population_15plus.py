"""The gemeente's inhabitants aged 15 and over per year, to which a joint plan rescales each
gemeente's respondent file (figures/combine.py)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0018_result_sum_w_edition_weight_total"),
        ("projects", "0011_form_draft"),
    ]

    operations = [
        migrations.CreateModel(
            name="Population15Plus",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="jaar (1 januari)")),
                (
                    "count",
                    models.PositiveIntegerField(verbose_name="inwoners van 15 jaar en ouder"),
                ),
                (
                    "source",
                    models.CharField(
                        default="CBS StatLine 03759ned, bevolking op 1 januari, 15 jaar en ouder",
                        max_length=200,
                        verbose_name="bron",
                    ),
                ),
                (
                    "gemeente",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="populations_15plus",
                        to="projects.gemeente",
                    ),
                ),
            ],
            options={
                "verbose_name": "inwoners van 15 jaar en ouder",
                "verbose_name_plural": "inwoners van 15 jaar en ouder",
                "ordering": ["gemeente", "year"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("gemeente", "year"), name="population_15plus_unique"
                    )
                ],
            },
        ),
    ]
