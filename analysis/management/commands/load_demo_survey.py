from django.core.management.base import BaseCommand

from analysis.demo import demo_survey_load
from projects.demo import DEMO_GEMEENTEN
from projects.models import Project


class Command(BaseCommand):
    help = "Lees demo-cijfers in voor de demoprojecten (synthetische Veiligheidsmonitor)."

    def handle(self, *args, **options):
        for project in Project.objects.filter(gemeente__cbs_code__in=DEMO_GEMEENTEN):
            done = demo_survey_load(project)
            for line in done:
                self.stdout.write(f"  {project.gemeente.name}: {line}")
        self.stdout.write(self.style.SUCCESS("Demo-cijfers staan klaar."))
