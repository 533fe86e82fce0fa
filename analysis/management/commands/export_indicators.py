"""`export_indicators --gemeente GMxxxx [--edition YEAR] [--format csv|xlsx]
[--precision rounded|full] [--out FILE]`"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from analysis.figures.exports import to_csv, to_xlsx
from analysis.figures.selectors import EXPORT_COLUMNS, export_rows
from projects.models import Gemeente, Project
from projects.scopes import gemeente_scope


class Command(BaseCommand):
    help = "Exporteer alle uitkomsten: één regel per indicator × gebied × editie."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", required=True, metavar="GMxxxx")
        parser.add_argument("--edition", type=int, default=None, metavar="JAAR")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--precision",
            choices=["rounded", "full"],
            default="rounded",
            help="rounded (standaard): cijfers op 2 decimalen; full: de opgeslagen waarden "
            "onafgerond, voor eigen analyses",
        )
        parser.add_argument("--project", default=None, metavar="UUID")
        parser.add_argument(
            "--out",
            type=Path,
            default=None,
            help="bestand (standaard: standaarduitvoer, alleen voor csv)",
        )

    def handle(self, *args, **options):
        gemeente = Gemeente.objects.filter(cbs_code=options["gemeente"].upper()).first()
        if gemeente is None:
            raise CommandError(f"Geen gemeente met CBS-code {options['gemeente']}.")
        with gemeente_scope({gemeente.pk}):  # the gemeente the operator named
            self._export(gemeente, options)

    def _export(self, gemeente, options) -> None:
        projects = Project.objects.filter(gemeente=gemeente)
        project = (
            projects.filter(uuid=options["project"]).first()
            if options["project"]
            else projects.filter(editions__isnull=False).order_by("-period_start").first()
        )
        if project is None:
            raise CommandError(f"{gemeente.name} heeft nog geen ingelezen Veiligheidsmonitor.")
        full = options["precision"] == "full"
        rows = export_rows(project, edition=options["edition"], full_precision=full)
        if not rows:
            raise CommandError(f"Geen uitkomsten voor editie {options['edition']}.")
        if options["format"] == "xlsx":
            if options["out"] is None:
                raise CommandError("Geef bij xlsx een uitvoerbestand op met --out.")
            data = to_xlsx(EXPORT_COLUMNS, rows, title=f"Indicatoren {gemeente.name}")
        else:
            data = to_csv(EXPORT_COLUMNS, rows, full_precision=full)
        if options["out"] is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            options["out"].write_bytes(data)
            self.stderr.write(f"{len(rows)} regels geschreven naar {options['out']}.")
