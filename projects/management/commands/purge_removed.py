"""Delete for good the werkgroep members and report sections removed longer ago than
projects.removal.PURGE_AFTER (their undo ran out long before). Each removal purges its own
project's or structure's old ones too; this command catches the rest (run it daily)."""

from django.core.management.base import BaseCommand

from kernbeleid.models import WerkgroepMember
from projects.removal import purge_removed
from projects.scopes import scopes_disabled
from reports.models import StructureSection


class Command(BaseCommand):
    help = "Verwijderde werkgroepleden en hoofdstukken definitief opruimen."

    def handle(self, *args, **options):
        # Spans every gemeente: a housekeeping job, not a tenant's request.
        with scopes_disabled():
            members = purge_removed(WerkgroepMember.with_removed.all())
            sections = purge_removed(StructureSection.with_removed.all())
        self.stdout.write(f"Opgeruimd: {members} werkgroepleden, {sections} hoofdstukken.")
