"""`render_report --project UUID --document {analyse,kadernota,uitvoeringsprogramma,voortgang,
raadsvoorstel} [--part YEAR|STEP] --format {pdf,docx} --out FILE [--variant pdf/ua-1|pdf/a-2b]`:
renders synchronously, as a new or the current version, and writes the file. The yearly
documents take their programme year as --part, a raadsvoorstel its step (1, 5, 9) or
"actualisatie"."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from projects.models import Project
from projects.scopes import project_scope, scopes_disabled
from reports import services
from reports.constants import DocumentKind, PdfVariant, RenderStatus


class Command(BaseCommand):
    help = "Maak een document van het project op als PDF of Word."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, metavar="UUID")
        parser.add_argument("--document", required=True, choices=DocumentKind.values)
        parser.add_argument(
            "--part",
            default="",
            metavar="JAAR|STAP",
            help="het programmajaar (uitvoeringsprogramma, voortgang) of de stap (raadsvoorstel)",
        )
        parser.add_argument("--format", required=True, choices=["pdf", "docx"])
        parser.add_argument("--variant", default=PdfVariant.UA, choices=PdfVariant.values)
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args, **options):
        project = None
        if _is_uuid(options["project"]):
            with scopes_disabled():  # named by its uuid; the work then runs in its scope
                project = Project.objects.filter(uuid=options["project"]).first()
        if project is None:
            raise CommandError(f"Geen project met id {options['project']}.")
        with project_scope(project):
            self._render(project, options)

    def _render(self, project, options) -> None:
        try:
            version = services.version_for(
                actor=None, project=project, document=options["document"], part=options["part"]
            )
            run = services.render_request(
                actor=None, version=version, fmt=options["format"], variant=options["variant"]
            )
            run.refresh_from_db()  # without a broker, the task has rendered it already
            if run.status != RenderStatus.DONE:
                services.render_execute(run=run)
                run.refresh_from_db()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if run.status != RenderStatus.DONE:
            raise CommandError(run.message or "Het opmaken is mislukt.")
        with run.file.open("rb") as handle:
            options["out"].write_bytes(handle.read())
        self.stdout.write(
            self.style.SUCCESS(
                f"{version.document_title} {version.label} geschreven naar {options['out']}."
            )
        )


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
