"""Every project has its traject, with a record per step, and the default beleidsvragen from
the day it is created (kernbeleid/apps.py). Pages used to create them on first view; this
gives them to the projects made before. A second run adds nothing."""

from django.db import migrations
from django.utils import timezone


def prepare_projects(apps, schema_editor):
    from kernbeleid.constants import DEFAULT_BELEIDSVRAGEN
    from projects.constants import KERNBELEID_STEPS

    project_model = apps.get_model("projects", "Project")
    traject_model = apps.get_model("kernbeleid", "Traject")
    step_model = apps.get_model("kernbeleid", "StepRecord")
    question_model = apps.get_model("kernbeleid", "BeleidsvraagAnswer")
    now = timezone.now()
    for project in project_model.objects.all().iterator():
        _traject, created = traject_model.objects.get_or_create(project=project)
        if created:
            # As the workflow's traject_ensure: every step, the current one started now.
            step_model.objects.bulk_create(
                [step_model(project=project, step=step) for step, _name in KERNBELEID_STEPS],
                ignore_conflicts=True,
            )
            step_model.objects.filter(project=project, step=project.current_step).update(
                started_at=now
            )
        present = set(
            question_model.objects.filter(project=project).values_list("group", flat=True)
        )
        question_model.objects.bulk_create(
            [
                question_model(project=project, group=group, question=question)
                for group, questions in DEFAULT_BELEIDSVRAGEN.items()
                if group not in present
                for question in questions
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("kernbeleid", "0001_initial"),
        ("projects", "0004_reencode_stored_logos"),
    ]

    operations = [migrations.RunPython(prepare_projects, migrations.RunPython.noop)]
