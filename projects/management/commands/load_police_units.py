from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scopes_disabled

from projects.models import Gemeente, PoliceUnit
from projects.police_data import load_police_districts, read_district_table


class Command(BaseCommand):
    help = (
        "Laad de politiedistricten en basisteams per gemeente uit een CSV met de kolommen "
        "gemeente_code;district_code;district_naam;basisteam_code;basisteam_naam (CBS-codes "
        "PD… en BT…). De regionale eenheden zijn al geladen. Alles of niets: bij een fout "
        "verandert er niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            rows = read_district_table(file.read_bytes())
            # Reference data for every gemeente, not one tenant's rows.
            with scopes_disabled(), transaction.atomic():
                summary = load_police_districts(
                    rows, gemeente_model=Gemeente, unit_model=PoliceUnit
                )
        except OSError as error:
            raise CommandError(f"Kan {file} niet lezen: {error.strerror}.") from error
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary['gemeenten']} gemeenten gekoppeld aan {summary['districten']} "
                f"districten en {summary['basisteams']} basisteams."
            )
        )
