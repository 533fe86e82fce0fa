from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from projects.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Laad demogegevens: een bureau, twee gemeenten, hun mensen en projecten."

    def handle(self, *args, **options):
        with scopes_disabled():  # the demo sets up several gemeenten and their projects at once
            accounts = demo_load()
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen. Inloggen kan met:"))
        width = max(len(account.email) for account in accounts)
        for account in accounts:
            self.stdout.write(f"  {account.email:<{width}}  {account.role:<20} {account.where}")
        self.stdout.write(f"Wachtwoord voor alle demo-accounts: {DEMO_PASSWORD}")
