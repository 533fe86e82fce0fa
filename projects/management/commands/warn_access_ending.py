import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_scopes import scopes_disabled

from projects.access import WARN_DAYS_BEFORE, access_warnings_send


class Command(BaseCommand):
    help = (
        f"Mail iedereen van wie de toegang binnen {WARN_DAYS_BEFORE} dagen eindigt (één keer), "
        "en de ambtenaren van hun gemeente. Draait dagelijks via Celery beat; nog eens draaien "
        "stuurt niets dubbel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--datum", help="Doe alsof het vandaag deze dag is (JJJJ-MM-DD).")

    def handle(self, *args, datum: str | None = None, **options):
        try:
            today = datetime.date.fromisoformat(datum) if datum else timezone.localdate()
        except ValueError as exc:
            raise CommandError("Geef de datum als JJJJ-MM-DD.") from exc
        with scopes_disabled():
            sent = access_warnings_send(today)
        self.stdout.write(f"{sent} e-mail(s) verstuurd.")
