"""Themes are no longer hidden: a theme someone hid becomes "niet van toepassing" with a
neutral reasoning, so it shows with its mark instead of vanishing, and the werkgroep can
write the real reason (issue 13). Hidden fields stay hidden."""

from django.db import migrations

REASONING = "Eerder verborgen in deze analyse; de werkgroep heeft nog geen toelichting gegeven."


def hidden_to_nvt(apps, schema_editor):
    AnalysisTheme = apps.get_model("analysis", "AnalysisTheme")
    AnalysisTheme.objects.filter(hidden=True).update(
        hidden=False, coverage="nvt", coverage_reasoning=REASONING
    )


def nvt_to_hidden(apps, schema_editor):
    AnalysisTheme = apps.get_model("analysis", "AnalysisTheme")
    AnalysisTheme.objects.filter(coverage="nvt", coverage_reasoning=REASONING).update(
        hidden=True, coverage="uitgewerkt", coverage_reasoning=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0012_theme_coverage"),
    ]

    operations = [migrations.RunPython(hidden_to_nvt, nvt_to_hidden)]
