"""Write synthetic Veiligheidsmonitor respondent files:
`make_demo_survey [--gemeente GM0363] [--years 2019 2021 2023] [--respondents 5000] [--out DIR]`.

The command only writes .sav files and never touches the database.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analysis.figures.demo_survey import DEMO_EDITIONS, MIN_RESPONDENTS, demo_wijken, write_demo_sav
from analysis.figures.series_breaks import break_labels, breaks_in


class Command(BaseCommand):
    help = (
        "Maak synthetische Veiligheidsmonitor-bestanden (SPSS .sav) om mee te oefenen. "
        "Er zitten geen echte respondenten in."
    )
    requires_system_checks = []  # writes files only; no models, no database

    def add_arguments(self, parser):
        parser.add_argument(
            "--gemeente", default="GM0363", metavar="GMxxxx", help="CBS-code van de gemeente"
        )
        parser.add_argument(
            "--years",
            nargs="+",
            type=int,
            default=list(DEMO_EDITIONS),
            choices=DEMO_EDITIONS,
            metavar="JAAR",
            help=f"edities ({', '.join(map(str, DEMO_EDITIONS))})",
        )
        parser.add_argument(
            "--respondents", type=int, default=5000, help="aantal respondenten per editie"
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="startwaarde van de toevalsgenerator"
        )
        parser.add_argument(
            "--out", default=None, metavar="MAP", help="doelmap (standaard var/demo_survey)"
        )

    def handle(self, *args, **options):
        code = options["gemeente"].strip().upper()
        try:
            demo_wijken(code)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["respondents"] < MIN_RESPONDENTS:
            raise CommandError(f"Kies minstens {MIN_RESPONDENTS} respondenten per editie.")
        out = Path(options["out"]) if options["out"] else Path(settings.VAR_DIR) / "demo_survey"
        out.mkdir(parents=True, exist_ok=True)

        for year in sorted(set(options["years"])):
            path = out / f"vm_{code}_{year}.sav"
            started = time.perf_counter()
            write_demo_sav(
                path,
                gemeente_code=code,
                year=year,
                respondents=options["respondents"],
                seed=options["seed"],
            )
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"  {path}  ({options['respondents']} respondenten, editie {year}, {seconds:.2f} s)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetische Veiligheidsmonitor-bestanden voor {code} geschreven naar {out}."
            )
        )
        self.stdout.write("Let op: dit zijn verzonnen demodata.")
        breaks = breaks_in(sorted(set(options["years"])))
        if breaks:
            self.stdout.write(
                f"Tussen deze edities ligt een trendbreuk ({break_labels(breaks)}): vergelijk "
                "de cijfers niet zonder meer over de breuk heen."
            )
        self.stdout.write("Koppelbestand voor het inlezen: analysis/data/mappings/vm_demo.yaml")
