"""Benchmarks: the police units become region kinds, veiligheidsregio stops being one.

The Veiligheidsmonitor publishes no figures per veiligheidsregio, so a stored VR benchmark
never was a VM figure (a mislabelled or self-made row). They are deleted rather than kept
unused: hidden rows with a kind that no longer exists would still feed the benchmark tests.
Nothing is lost for good: the uploaded file stays with its import run. The tests and drafts
follow the next time a project's figures are refreshed.
"""

from django.db import migrations, models


def delete_veiligheidsregio_benchmarks(apps, schema_editor):
    Benchmark = apps.get_model("analysis", "Benchmark")
    Benchmark.objects.filter(region_kind="vr").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0008_own_survey_areas"),
    ]

    operations = [
        migrations.RunPython(delete_veiligheidsregio_benchmarks, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="benchmark",
            name="region_kind",
            field=models.CharField(
                choices=[
                    ("nl", "Nederland"),
                    ("ld", "landsdeel"),
                    ("pv", "provincie"),
                    ("re", "regionale eenheid (politie)"),
                    ("pd", "politiedistrict"),
                    ("bt", "basisteam (politie)"),
                    ("gm", "gemeente"),
                ],
                max_length=4,
                verbose_name="soort regio",
            ),
        ),
    ]
