"""`import_survey FILE --gemeente GMxxxx --edition YEAR --weight COLUMN [--wijk COLUMN]
[--mapping NAME_OR_FILE] [--missing-text TEXT ...] [--project UUID] [--replace] [--dry-run]
[--accept-flagged]`

`import_survey FILE --gemeente GMxxxx --edition YEAR --suggest-mapping OUT.yaml` writes a
mapping proposal to review instead, and stores nothing.

As on the page, nothing is stored before the figures are checked: `--dry-run` prints the
preview with its flags and stores nothing; an import with flagged indicators stops (exit code
1, nothing stored) unless `--accept-flagged` says to store them, which the audit log records
for each flagged indicator.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from analysis.figures.mapping import MappingError, load_mapping_text
from analysis.figures.preview_text import preview_lines
from analysis.figures.readers import SurveyFileError, read_survey_file
from analysis.figures.selectors import template_mappings_for
from analysis.figures.services import (
    PreviewFlagged,
    describe_variables,
    max_upload_bytes,
    survey_import_now,
    survey_preview_file,
)
from analysis.figures.suggest import proposal_as_yaml, proposal_summary, suggest_mapping
from analysis.models import MappingTemplate
from projects.models import Gemeente, Project
from projects.scopes import gemeente_scope

ACCEPTED_BY_COMMAND = "(geaccepteerd via commando)"


class Command(BaseCommand):
    help = "Lees een respondentenbestand van de Veiligheidsmonitor in voor een gemeente."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--gemeente", required=True, metavar="GMxxxx")
        parser.add_argument("--edition", required=True, type=int, metavar="JAAR")
        parser.add_argument(
            "--weight",
            default=None,
            metavar="KOLOM",
            help="standaard die uit de koppeling (--mapping)",
        )
        parser.add_argument("--wijk", default=None, metavar="KOLOM")
        parser.add_argument(
            "--mapping",
            default=None,
            metavar="NAAM_OF_BESTAND",
            help="een opgeslagen koppelsjabloon of een YAML/JSON-bestand "
            "(zonder: een voorstel op basis van variabelenamen en labels)",
        )
        parser.add_argument(
            "--missing-text",
            action="append",
            default=[],
            metavar="TEKST",
            help="een tekstantwoord dat in elke variabele als ontbrekend telt, zoals "
            "'weet niet' (herhaal de optie voor meer teksten; komt bij missing_texts)",
        )
        parser.add_argument(
            "--project",
            default=None,
            metavar="UUID",
            help="standaard het nieuwste project van de gemeente",
        )
        parser.add_argument(
            "--replace", action="store_true", help="vervang een editie die al bestaat"
        )
        parser.add_argument(
            "--suggest-mapping",
            default=None,
            type=Path,
            metavar="UIT.yaml",
            help="schrijf een koppelvoorstel om na te kijken; er wordt niets ingelezen",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="toon de uitkomsten met hun signalen en sla niets op",
        )
        parser.add_argument(
            "--accept-flagged",
            action="store_true",
            help="sla ook op als indicatoren een signaal hebben (in het logboek: "
            f"'{ACCEPTED_BY_COMMAND}')",
        )

    def handle(self, *args, **options):
        try:
            self._handle(options)
        except (ValidationError, MappingError, SurveyFileError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError(" ".join(messages)) from error

    def _handle(self, options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Bestand '{path}' bestaat niet.")
        gemeente = Gemeente.objects.filter(cbs_code=options["gemeente"].upper()).first()
        if gemeente is None:
            raise CommandError(f"Geen gemeente met CBS-code {options['gemeente']}.")
        with gemeente_scope({gemeente.pk}):  # the gemeente the operator named
            if options["suggest_mapping"] is not None:
                self._suggest(gemeente, path, options)
            else:
                self._import(gemeente, path, options)

    def _suggest(self, gemeente, path: Path, options) -> None:
        """Write the proposal as a mapping file for an adviseur to review; store nothing."""
        out: Path = options["suggest_mapping"]
        if out.suffix.lower() not in (".yaml", ".yml"):
            raise CommandError(f"Geef het voorstel een naam op .yaml, niet '{out.name}'.")
        if not out.parent.is_dir():
            raise CommandError(f"De map '{out.parent}' bestaat niet.")
        survey = read_survey_file(path, original_name=path.name, max_bytes=max_upload_bytes())
        variables = describe_variables(survey)
        suggestion = suggest_mapping(variables, templates=template_mappings_for(gemeente))
        present = {variable["name"] for variable in variables}
        for role in ("weight", "wijk"):
            if options[role] is None:
                continue
            if options[role] not in present:
                raise CommandError(f"De kolom '{options[role]}' staat niet in het bestand.")
            suggestion[role] = options[role]
            suggestion["proposal"][role] = {"certainty": 1.0, "reason": f"opgegeven met --{role}"}
        text = proposal_as_yaml(suggestion, variables=variables, source=path.name)
        out.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Koppelvoorstel geschreven naar {out}."))
        for line in proposal_summary(suggestion):
            self.stdout.write(f"  {line}")
        self.stdout.write(
            "  Er is niets opgeslagen. Kijk het voorstel na en lees het bestand daarna in met "
            f"--mapping {out}."
        )

    def _import(self, gemeente, path: Path, options) -> None:
        if options["weight"] is None and options["mapping"] is None:
            # A proposal is never imported unseen: the operator names the weight at least.
            raise CommandError(
                "Geef de kolom met de weegfactor op met --weight KOLOM, of een koppeling met "
                "--mapping."
            )
        project = self._project(gemeente, options["project"])
        mapping = self._mapping(options["mapping"], gemeente, path)
        if options["weight"] is not None:  # else the mapping's own (a reviewed proposal)
            mapping["weight"] = options["weight"]
        if options["wijk"] is not None:
            mapping["wijk"] = options["wijk"]
        if options["missing_text"]:
            given = mapping.get("missing_texts") or []
            given = [given] if isinstance(given, str) else list(given)
            mapping["missing_texts"] = given + options["missing_text"]
        if options["dry_run"]:
            self._dry_run(project, path, options["edition"], mapping)
            return
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        try:
            run = survey_import_now(
                actor=None,
                project=project,
                upload=upload,
                year=options["edition"],
                mapping=mapping,
                replace=options["replace"],
                accept_flagged=ACCEPTED_BY_COMMAND if options["accept_flagged"] else "",
            )
        except PreviewFlagged as error:
            self._print_preview(error.preview)
            raise
        summary = run.summary
        self.stdout.write(
            self.style.SUCCESS(
                f"Editie {run.year} van {gemeente.name} ingelezen in '{project.name}' "
                f"({summary['series']})."
            )
        )
        self.stdout.write(
            f"  {summary['respondents']} respondenten, {summary['wijken']} wijken, "
            f"{summary['indicators']} indicatoren, {summary['results']} uitkomsten, "
            f"waarvan {summary['suppressed']} onderdrukt (n < {project.min_n}) en "
            f"{summary['low_n']} met een waarschuwing (n < {project.warn_n})."
        )
        if summary["replaced"]:
            self.stdout.write("  De vorige cijfers van deze editie zijn vervangen.")
        for note in summary["notes"]:
            self.stdout.write(f"  Let op: {note}")

    def _dry_run(self, project, path: Path, year: int, mapping: dict) -> None:
        preview = survey_preview_file(project=project, path=path, year=year, mapping=mapping)
        self._print_preview(preview)
        self.stdout.write(f"Proefrun: er is niets opgeslagen in '{project.name}'.")

    def _print_preview(self, preview: dict) -> None:
        for line in preview_lines(preview):
            self.stdout.write(line)
        flagged = sum(1 for row in preview["rows"] if row["flags"])
        self.stdout.write("")
        self.stdout.write(
            f"{flagged} {'indicator' if flagged == 1 else 'indicatoren'} met een signaal."
        )

    def _project(self, gemeente, project_uuid) -> Project:
        projects = Project.objects.filter(gemeente=gemeente)
        project = (
            projects.filter(uuid=project_uuid).first()
            if project_uuid
            else projects.order_by("-period_start", "-created_at").first()
        )
        if project is None:
            raise CommandError(
                f"{gemeente.name} heeft nog geen project"
                + (f" met id {project_uuid}." if project_uuid else "; maak er eerst een aan.")
            )
        return project

    def _mapping(self, name_or_file, gemeente, data_path: Path) -> dict:
        if name_or_file is None:
            survey = read_survey_file(
                data_path, original_name=data_path.name, max_bytes=max_upload_bytes()
            )
            return suggest_mapping(describe_variables(survey))
        candidate = Path(name_or_file)
        if candidate.suffix.lower() in (".yaml", ".yml", ".json"):
            if not candidate.is_file():
                raise CommandError(f"Koppelbestand '{candidate}' bestaat niet.")
            return load_mapping_text(candidate.read_text(encoding="utf-8"), name=candidate.name)
        template = (
            MappingTemplate.objects.filter(name=name_or_file, gemeente=gemeente).first()
            or MappingTemplate.objects.filter(name=name_or_file, bureau__gemeenten=gemeente).first()
        )
        if template is None:
            raise CommandError(
                f"Geen koppelsjabloon '{name_or_file}' voor {gemeente.name}, en het is geen "
                ".yaml- of .json-bestand."
            )
        return dict(template.mapping)
