"""`purge_raw_files [--dry-run]`: delete the respondent files past their gemeente's retention
period, as the daily task does (analysis/figures/services/raw_files.py)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from analysis.figures.services.raw_files import raw_files_due, raw_files_purge
from projects.models import Gemeente
from projects.scopes import scopes_disabled


class Command(BaseCommand):
    help = (
        "Verwijder de ruwe respondentenbestanden waarvan de bewaartermijn van de gemeente "
        "verstreken is; de berekende cijfers en het controlegetal blijven."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen tonen wat verwijderd zou worden"
        )

    def handle(self, *args, **options):
        # One run serves every gemeente, each with its own retention period.
        with scopes_disabled():
            if options["dry_run"]:
                now = timezone.now()
                runs = [
                    run
                    for gemeente in Gemeente.objects.all()
                    for run in raw_files_due(gemeente=gemeente, now=now).select_related(
                        "project__gemeente"
                    )
                ]
                verb = "Zou verwijderen"
            else:
                runs = raw_files_purge()
                verb = "Verwijderd"
            for run in runs:
                self.stdout.write(
                    f"{verb}: {run.project.gemeente.cbs_code} {run.original_name} "
                    f"(import {run.uuid})"
                )
            self.stdout.write(f"{len(runs)} bestand(en).")
