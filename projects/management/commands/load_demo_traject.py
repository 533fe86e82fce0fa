from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from projects.demo_traject import demo_traject_load


class Command(BaseCommand):
    help = (
        "Vul de demo: het hele traject van Almere tot en met stap 12 en de losse "
        "veiligheidsanalyse van Amsterdam. Na load_demo en load_demo_survey; een tweede keer "
        "verandert niets."
    )

    def handle(self, *args, **options):
        with scopes_disabled():  # the stories of two gemeenten
            done = demo_traject_load()
        for line in done:
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Demotraject staat klaar."))
