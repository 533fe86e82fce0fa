from django.core.management.base import BaseCommand

from analysis.figures.demo import demo_survey_load
from projects.demo import DEMO_GEMEENTEN
from projects.models import Project
from projects.scopes import project_scope, scopes_disabled


class Command(BaseCommand):
    help = "Lees demo-cijfers in voor de demoprojecten (synthetische Veiligheidsmonitor)."

    def handle(self, *args, **options):
        with scopes_disabled():  # the demo projects of several gemeenten
            projects = list(Project.objects.filter(gemeente__cbs_code__in=DEMO_GEMEENTEN))
        for project in projects:
            with project_scope(project):
                done = demo_survey_load(project)
            for line in done:
                self.stdout.write(f"  {project.gemeente.name}: {line}")
        self.stdout.write(self.style.SUCCESS("Demo-cijfers staan klaar."))
