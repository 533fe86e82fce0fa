"""`erase_gemeente GMxxxx --confirm NAAM --export ZIP`: export all of a gemeente's data to
ZIP, then erase every row and file of it (projects/offboarding.py). Without the exact name
nothing happens; the export is always written first."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from projects.models import Gemeente
from projects.offboarding import gemeente_erase, gemeente_export


class Command(BaseCommand):
    help = (
        "Wis een gemeente die stopt: eerst een export (ZIP), dan alle gegevens, bestanden en "
        "leden zonder ander lidmaatschap. Kan niet ongedaan worden gemaakt."
    )

    def add_arguments(self, parser):
        parser.add_argument("cbs_code", metavar="GMxxxx")
        parser.add_argument(
            "--confirm", required=True, metavar="NAAM", help="de naam van de gemeente, voluit"
        )
        parser.add_argument(
            "--export",
            required=True,
            type=Path,
            metavar="ZIP",
            help="hier komt eerst de export van alle gegevens",
        )

    def handle(self, *args, **options):
        gemeente = Gemeente.objects.filter(cbs_code=options["cbs_code"].upper()).first()
        if gemeente is None:
            raise CommandError(f"Geen gemeente met CBS-code {options['cbs_code']}.")
        if options["confirm"].strip().casefold() != gemeente.name.casefold():
            raise CommandError(
                f"--confirm moet de naam van de gemeente zijn ({gemeente.name}); er is niets "
                "gewist."
            )
        export = gemeente_export(gemeente=gemeente, out=options["export"])
        self.stdout.write(f"Export: {export.path} (SHA-256 {export.sha256})")
        try:
            result = gemeente_erase(
                actor=None,
                gemeente=gemeente,
                confirm_name=options["confirm"],
                export_sha256=export.sha256,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        total = sum(result.counts.values())
        self.stdout.write(
            f"{result.gemeente} ({result.cbs_code}) gewist: {total} rijen in "
            f"{len(result.counts)} tabellen, {result.files_removed} bestanden, "
            f"{result.users_deleted} gebruikers zonder ander lidmaatschap verwijderd."
        )
