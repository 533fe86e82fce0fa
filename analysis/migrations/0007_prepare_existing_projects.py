"""Every project has its veiligheidsanalyse settings, fields and themes from the day it is
created (analysis/apps.py). Pages used to create them on first view, with the drafts written
from the figures; this gives both to the projects made before. A second run adds nothing.

The structure and the drafts' text come from pure code (`analysis.catalogue.project_structure`,
`analysis.narrative.drafts.project_drafts`); the rows are read and written here, with this
migration's models.
"""

from django.db import migrations


def prepare_projects(apps, schema_editor):
    from analysis.catalogue import catalogue_version, project_structure

    project_model = apps.get_model("projects", "Project")
    settings_model = apps.get_model("analysis", "AnalysisSettings")
    field_model = apps.get_model("analysis", "AnalysisField")
    theme_model = apps.get_model("analysis", "AnalysisTheme")
    structure, version = project_structure(), catalogue_version()
    for project in project_model.objects.filter(analysis_settings__isnull=True).iterator():
        settings_model.objects.create(project=project, catalogue_version=version)
        for position, field in enumerate(structure, start=1):
            analysis_field = field_model.objects.create(
                project=project, code=field.code, name=field.name, position=position
            )
            theme_model.objects.bulk_create(
                theme_model(
                    field=analysis_field,
                    code=theme.code,
                    name=theme.name,
                    position=number,
                    indicator_codes=list(theme.indicator_codes),
                )
                for number, theme in enumerate(field.themes, start=1)
            )
        _drafts_write(apps, project)


def _drafts_write(apps, project) -> None:
    """As analysis.narrative.services.drafts_refresh, with this migration's models."""
    from analysis.narrative.drafts import project_drafts

    area_model = apps.get_model("analysis", "Area")
    result_model = apps.get_model("analysis", "IndicatorResult")
    test_model = apps.get_model("analysis", "BenchmarkTest")
    theme_model = apps.get_model("analysis", "AnalysisTheme")
    draft_model = apps.get_model("analysis", "GeneratedDraft")
    draft_model.objects.filter(project=project).delete()
    gemeente = project.gemeente
    gemeente_area = area_model.objects.filter(gemeente=gemeente, kind="gemeente").first()
    if gemeente_area is None:
        return
    regions = {"NL00", gemeente.provincie.code, gemeente.veiligheidsregio.code}
    regions |= set(project.benchmark_gemeenten.values_list("cbs_code", flat=True))
    drafts = project_drafts(
        results=result_model.objects.filter(edition__project=project)
        .select_related("indicator", "area", "edition")
        .order_by("edition__year"),
        tests=test_model.objects.filter(result__edition__project=project).select_related(
            "benchmark", "result"
        ),
        regions=regions,
        themes=theme_model.objects.filter(field__project=project),
        gemeente_area=gemeente_area,
        # As drafts_refresh: the low-n warning names the project's threshold.
        warn_n=getattr(project, "warn_n", None),
    )
    draft_model.objects.bulk_create(
        draft_model(project=project, theme=d.theme, area=d.area, paragraphs=d.paragraphs)
        for d in drafts
    )


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0006_simplify_stored_wijk_maps"),
        ("projects", "0004_reencode_stored_logos"),
    ]

    operations = [migrations.RunPython(prepare_projects, migrations.RunPython.noop)]
