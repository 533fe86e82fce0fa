"""`export_gemeente GMxxxx ZIP`: all of a gemeente's data in one ZIP (projects/offboarding.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects.models import Gemeente
from projects.offboarding import gemeente_export


class Command(BaseCommand):
    help = (
        "Exporteer alle gegevens van een gemeente (cijfers, teksten, documenten, auditlog) "
        "als ZIP, met een LEESMIJ.txt die de inhoud opsomt."
    )

    def add_arguments(self, parser):
        parser.add_argument("cbs_code", metavar="GMxxxx")
        parser.add_argument("zip_path", type=Path, metavar="ZIP")

    def handle(self, *args, **options):
        gemeente = Gemeente.objects.filter(cbs_code=options["cbs_code"].upper()).first()
        if gemeente is None:
            raise CommandError(f"Geen gemeente met CBS-code {options['cbs_code']}.")
        result = gemeente_export(gemeente=gemeente, out=options["zip_path"])
        self.stdout.write(
            f"Export van {gemeente.name} geschreven naar {result.path}: "
            f"{len(result.files)} bestanden."
        )
        self.stdout.write(f"Controlegetal (SHA-256): {result.sha256}")
