"""Provision a user: `create_user EMAIL --role ROLE (--gemeente GMxxxx | --bureau SLUG)`."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from projects.constants import Role
from projects.services import user_provision


class Command(BaseCommand):
    help = "Maak een gebruiker aan (of vind hem) en geef hem een rol in een gemeente of bureau."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=Role.values)
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--gemeente", metavar="GMxxxx", help="CBS-code van de gemeente")
        target.add_argument("--bureau", metavar="SLUG", help="slug van het bureau")
        parser.add_argument("--name", default="", help="volledige naam")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="lees het wachtwoord van standaardinvoer (anders: kiezen via e-maillink)",
        )

    def handle(self, *args, **options):
        password = None
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("Er kwam geen wachtwoord binnen op standaardinvoer.")
        try:
            user, membership = user_provision(
                email=options["email"],
                role=options["role"],
                gemeente_code=options["gemeente"],
                bureau_slug=options["bureau"],
                password=password,
                full_name=options["name"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        where = membership.gemeente or membership.bureau
        self.stdout.write(
            self.style.SUCCESS(f"{user.email}: {membership.get_role_display()} bij {where}.")
        )
        if not user.has_usable_password():
            self.stdout.write(
                "Nog geen wachtwoord: laat de gebruiker er een kiezen via 'Wachtwoord vergeten'."
            )
