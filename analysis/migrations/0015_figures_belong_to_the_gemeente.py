"""Survey editions, benchmarks, police and BBV figures and import runs move from the project
to the gemeente; each project keeps the editions it had as its chosen editions.

Nothing is lost: editions of the same year imported by two projects of one gemeente both stay
(each chosen by its own project). Benchmarks, police counts and BBV figures that two projects
both imported become one row per cell, the most recently imported one: they are the same
published figures, and the benchmark tests of the dropped copy are moved to the kept one.
"""

import django.db.models.deletion
from django.db import migrations, models


def _dedupe(model, cell_fields, *, newest_first=("-import_run_id", "-id")):
    """The duplicates of each gemeente's cell, mapped to the row kept: the newest one."""
    kept: dict[tuple, int] = {}
    dropped: dict[int, int] = {}
    rows = model.objects.order_by(*newest_first)
    for row in rows.values("id", "gemeente_id", *cell_fields):
        cell = (row["gemeente_id"], *(row[name] for name in cell_fields))
        if cell in kept:
            dropped[row["id"]] = kept[cell]
        else:
            kept[cell] = row["id"]
    return dropped


def forward(apps, schema_editor):
    ImportRun = apps.get_model("analysis", "ImportRun")
    SurveyEdition = apps.get_model("analysis", "SurveyEdition")
    ProjectEdition = apps.get_model("analysis", "ProjectEdition")
    Benchmark = apps.get_model("analysis", "Benchmark")
    BenchmarkTest = apps.get_model("analysis", "BenchmarkTest")
    CrimeCount = apps.get_model("analysis", "CrimeCount")
    BbvFigure = apps.get_model("analysis", "BbvFigure")
    Project = apps.get_model("projects", "Project")
    gemeente_of = dict(Project.objects.values_list("id", "gemeente_id"))
    for model in (ImportRun, SurveyEdition, Benchmark, CrimeCount, BbvFigure):
        for project_id, gemeente_id in gemeente_of.items():
            model.objects.filter(project_id=project_id).update(gemeente_id=gemeente_id)
    ProjectEdition.objects.bulk_create(
        ProjectEdition(project_id=project_id, edition_id=edition_id, year=year)
        for edition_id, project_id, year in SurveyEdition.objects.values_list(
            "id", "project_id", "year"
        )
    )
    dropped = _dedupe(Benchmark, ["indicator_id", "region_code", "year"])
    for old, new in dropped.items():
        for test in BenchmarkTest.objects.filter(benchmark_id=old):
            if BenchmarkTest.objects.filter(result_id=test.result_id, benchmark_id=new).exists():
                test.delete()
            else:
                BenchmarkTest.objects.filter(pk=test.pk).update(benchmark_id=new)
    Benchmark.objects.filter(id__in=dropped).delete()
    CrimeCount.objects.filter(
        id__in=_dedupe(CrimeCount, ["area_id", "year", "crime_code"])
    ).delete()
    BbvFigure.objects.filter(
        id__in=_dedupe(
            BbvFigure, ["indicator_id", "year", "origin"], newest_first=("-created_at", "-id")
        )
    ).delete()


def backward(apps, schema_editor):
    """Back to one project per figure: the project that chose an edition (the first, when
    several did) or, for the other figures, the gemeente's first project."""
    ImportRun = apps.get_model("analysis", "ImportRun")
    SurveyEdition = apps.get_model("analysis", "SurveyEdition")
    ProjectEdition = apps.get_model("analysis", "ProjectEdition")
    Benchmark = apps.get_model("analysis", "Benchmark")
    CrimeCount = apps.get_model("analysis", "CrimeCount")
    BbvFigure = apps.get_model("analysis", "BbvFigure")
    Project = apps.get_model("projects", "Project")
    first_project: dict[int, int] = {}
    for project_id, gemeente_id in Project.objects.order_by("-id").values_list("id", "gemeente_id"):
        first_project[gemeente_id] = project_id
    chosen: dict[int, int] = {}
    for edition_id, project_id in ProjectEdition.objects.order_by("-id").values_list(
        "edition_id", "project_id"
    ):
        chosen[edition_id] = project_id
    for edition in SurveyEdition.objects.all():
        project_id = chosen.get(edition.id) or first_project.get(edition.gemeente_id)
        if project_id is None:
            edition.delete()
        else:
            SurveyEdition.objects.filter(pk=edition.pk).update(project_id=project_id)
    for model in (Benchmark, CrimeCount, BbvFigure, ImportRun):
        for gemeente_id, project_id in first_project.items():
            rows = model.objects.filter(gemeente_id=gemeente_id)
            if model is ImportRun:
                rows = rows.filter(project_id__isnull=True)
            rows.update(project_id=project_id)
        if model is not ImportRun:
            model.objects.filter(project_id__isnull=True).delete()


class Migration(migrations.Migration):
    # Not one transaction: on PostgreSQL the rows the data step moves leave deferred foreign
    # key checks pending, and the later ALTER TABLEs refuse to run until they are committed.
    # The data step has its own transaction (atomic=True below).
    atomic = False

    dependencies = [
        ("analysis", "0014_partner_input_participation_file_retention"),
        ("projects", "0008_confidential_retention_access_ends"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProjectEdition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="editie")),
                ("chosen_at", models.DateTimeField(auto_now_add=True)),
                (
                    "edition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="analysis.surveyedition",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="projects.project",
                    ),
                ),
            ],
            options={"verbose_name": "gekozen editie", "verbose_name_plural": "gekozen edities"},
        ),
        migrations.AlterModelOptions(
            name="surveyedition",
            options={
                "ordering": ["year", "id"],
                "verbose_name": "editie",
                "verbose_name_plural": "edities",
            },
        ),
        migrations.RemoveConstraint(model_name="bbvfigure", name="bbv_figure_unique_cell"),
        migrations.RemoveConstraint(model_name="benchmark", name="benchmark_unique_cell"),
        migrations.RemoveConstraint(model_name="crimecount", name="crime_unique_cell"),
        migrations.RemoveConstraint(model_name="surveyedition", name="edition_unique_year"),
        migrations.AlterField(
            model_name="importrun",
            name="project",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="import_runs",
                to="projects.project",
            ),
        ),
        *[
            migrations.AddField(
                model_name=model_name,
                name="gemeente",
                field=models.ForeignKey(
                    null=True,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name=related_name,
                    to="projects.gemeente",
                ),
            )
            for model_name, related_name in (
                ("importrun", "import_runs"),
                ("surveyedition", "editions"),
                ("benchmark", "benchmarks"),
                ("crimecount", "crime_counts"),
                ("bbvfigure", "bbv_figures"),
            )
        ],
        *[
            migrations.AlterField(
                model_name=model_name,
                name="project",
                field=models.ForeignKey(
                    null=True,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name=related_name,
                    to="projects.project",
                ),
            )
            for model_name, related_name in (
                ("surveyedition", "editions"),
                ("benchmark", "benchmarks"),
                ("crimecount", "crime_counts"),
                ("bbvfigure", "bbv_figures"),
            )
        ],
        migrations.RunPython(forward, backward, atomic=True),
        *[
            migrations.RemoveField(model_name=model_name, name="project")
            for model_name in ("surveyedition", "benchmark", "crimecount", "bbvfigure")
        ],
        *[
            migrations.AlterField(
                model_name=model_name,
                name="gemeente",
                field=models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name=related_name,
                    to="projects.gemeente",
                ),
            )
            for model_name, related_name in (
                ("importrun", "import_runs"),
                ("surveyedition", "editions"),
                ("benchmark", "benchmarks"),
                ("crimecount", "crime_counts"),
                ("bbvfigure", "bbv_figures"),
            )
        ],
        migrations.AddField(
            model_name="surveyedition",
            name="projects",
            field=models.ManyToManyField(
                blank=True,
                related_name="editions",
                through="analysis.ProjectEdition",
                to="projects.project",
            ),
        ),
        migrations.AddConstraint(
            model_name="bbvfigure",
            constraint=models.UniqueConstraint(
                fields=("gemeente", "indicator", "year", "origin"), name="bbv_figure_unique_cell"
            ),
        ),
        migrations.AddConstraint(
            model_name="benchmark",
            constraint=models.UniqueConstraint(
                fields=("gemeente", "indicator", "region_code", "year"),
                name="benchmark_unique_cell",
            ),
        ),
        migrations.AddConstraint(
            model_name="crimecount",
            constraint=models.UniqueConstraint(
                fields=("gemeente", "area", "year", "crime_code"), name="crime_unique_cell"
            ),
        ),
        migrations.AddConstraint(
            model_name="projectedition",
            constraint=models.UniqueConstraint(
                fields=("project", "year"), name="project_edition_one_per_year"
            ),
        ),
    ]
