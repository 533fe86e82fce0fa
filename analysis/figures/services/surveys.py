"""Starting a survey import: the upload is stored and read, the user maps its variables to
indicators. Mapping templates.

The reading runs as a task and reports progress on the ImportRun row; the preview that is
checked before storing is in `previews`, storing the edition in `editions`.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from projects.constants import Role
from projects.models import Membership, Project
from projects.services import audit_record

from ..constants import ImportKind, ImportStatus
from ..frequencies import add_weighted_shares, describe_variables
from ..mapping import Mapping, MappingError, parse_mapping
from ..models import ImportRun, MappingTemplate
from ..read_cache import survey_cache_save
from ..readers import SurveyFileError, file_format, read_survey_file
from ..selectors import template_mappings_for
from ..suggest import suggest_mapping
from .raw_files import file_sha256, raw_file_available_check
from .runs import (
    catalogue_codes,
    import_gemeente,
    local_copy,
    max_upload_bytes,
    run_fail,
    run_progress,
    upload_size_check,
)


@transaction.atomic
def import_run_start(
    *,
    actor,
    project: Project,
    kind: str,
    upload: UploadedFile,
    year: int | None = None,
    template: MappingTemplate | None = None,
    gemeente=None,
) -> ImportRun:
    """Store the original privately and queue the reading; the file itself is not parsed here.
    ``gemeente``: whose figures (by default the project's; a participant's in a joint plan)."""
    gemeente = import_gemeente(project, gemeente)
    try:
        if kind == ImportKind.SURVEY:
            file_format(upload.name)
        elif not upload.name.lower().endswith(".csv"):
            raise SurveyFileError("Kies een CSV-bestand (.csv), zoals CBS StatLine het levert.")
        if upload.size == 0:
            raise SurveyFileError("Het bestand is leeg.")
        upload_size_check(upload.size)
    except SurveyFileError as error:
        raise ValidationError({"file": str(error)}) from error
    if kind == ImportKind.SURVEY and not year:
        raise ValidationError({"year": "Van welk jaar is deze Veiligheidsmonitor?"})
    run = ImportRun(
        gemeente=gemeente,
        project=project,
        kind=kind,
        original_name=upload.name[:255],
        year=year,
        created_by=actor,
        mapping=template.mapping if template else {},
    )
    run.file_sha256 = file_sha256(upload)  # kept when the raw file is deleted (raw_files)
    run.file.save(upload.name, upload, save=False)
    run.save()
    audit_record(
        actor=actor,
        action="import gestart",
        obj=run,
        project=project,
        detail={"bestand": run.original_name, "soort": kind, "editie": year},
    )
    from ... import tasks

    transaction.on_commit(lambda: tasks.import_read.delay(str(run.uuid)))
    return run


def survey_read(*, run: ImportRun) -> None:
    """Task body: read the file, describe its variables and answers, suggest a mapping."""
    run_progress(run, 5, "Bestand wordt gelezen", status=ImportStatus.READING)
    try:
        with local_copy(run) as path:
            survey = read_survey_file(
                path, original_name=run.original_name, max_bytes=max_upload_bytes()
            )
    except SurveyFileError as error:
        run_fail(run, str(error))
        return
    survey_cache_save(run, survey)  # the preview and the storing read this, not the original
    variables = describe_variables(survey)
    mapping = run.mapping or suggest_mapping(
        variables, templates=template_mappings_for(run.gemeente)
    )
    add_weighted_shares(variables, survey, weight=mapping.get("weight", ""))
    run_progress(
        run,
        100,
        f"{len(survey.data)} respondenten en {len(variables)} variabelen gelezen.",
        status=ImportStatus.MAPPING,
        variables=variables,
        mapping=mapping,
        summary={"respondents": len(survey.data)},
    )


# --- mapping ---------------------------------------------------------------------------


# A mapping may be (re)submitted while the run waits for it or after a failure; in every other
# state a preview is computed or checked (going back to the mapping is a step of its own), or
# the edition is stored.
MAPPING_OPEN = (ImportStatus.MAPPING, ImportStatus.FAILED)


def survey_mapping_submit(
    *, actor, run: ImportRun, mapping: dict, template_name: str = ""
) -> ImportRun:
    """Check the mapping and queue the preview (nothing is stored before it is checked).

    The run moves on by compare-and-set from the status this request saw: of two submits of
    one mapping (a double click, two web processes) only the first starts an import; the
    second returns the run as the first left it, so the page shows the first one's outcome
    instead of computing a second preview.
    """
    raw_file_available_check(run)  # a deleted respondent file cannot be mapped again
    observed = run.status
    if observed not in MAPPING_OPEN:
        run.refresh_from_db()
        return run
    try:
        parsed = parse_mapping(mapping, catalogue_codes=catalogue_codes())
    except MappingError as error:
        raise ValidationError(str(error)) from error
    _check_columns_exist(run, parsed)
    with transaction.atomic():
        won = ImportRun.objects.filter(pk=run.pk, status=observed).update(
            mapping=parsed.to_dict(),
            status=ImportStatus.QUEUED,
            replace_confirmed=False,
            preview={},
            errors=[],
            message="",
            progress=0,
        )
        run.refresh_from_db()
        if not won:
            return run
        if template_name:
            mapping_template_save(
                actor=actor, project=run.project, name=template_name, mapping=run.mapping
            )
        _queue_preview(run)
    return run


def _check_columns_exist(run: ImportRun, mapping: Mapping) -> None:
    if not run.variables:
        return
    present = {variable["name"] for variable in run.variables}
    wanted = [("weegfactor", mapping.weight)]
    wanted += [("wijk", mapping.wijk), ("respondentnummer", mapping.respondent_id)]
    wanted += [("gebied", mapping.area)]
    wanted += [(f"indicator {code}", spec.variable) for code, spec in mapping.indicators.items()]
    for role, name in wanted:
        if name and name not in present:
            raise ValidationError(f"De kolom '{name}' ({role}) staat niet in het bestand.")


def _queue_preview(run: ImportRun) -> None:
    from ... import tasks

    uuid = str(run.uuid)
    transaction.on_commit(lambda: tasks.survey_preview.delay(uuid))


def mapping_template_save(*, actor, project: Project, name: str, mapping: dict) -> MappingTemplate:
    """Save per bureau when an adviseur works for one, else for the gemeente itself."""
    bureau = project.gemeente.bureaus.filter(
        pk__in=Membership.objects.active()
        .filter(user=actor, role=Role.ADVISEUR, bureau__isnull=False)
        .values("bureau")
    ).first()
    owner = {"bureau": bureau} if bureau else {"gemeente": project.gemeente}
    template, _ = MappingTemplate.objects.update_or_create(
        name=name.strip(), **owner, defaults={"mapping": mapping, "created_by": actor}
    )
    audit_record(
        actor=actor,
        action="koppelsjabloon opgeslagen",
        obj=template,
        project=project,
        detail={"naam": template.name},
    )
    return template
