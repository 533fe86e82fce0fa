"""The check before an edition is stored.

After the mapping, a task computes every indicator from the file and stores nothing: the run
gets a preview (figures/preview.py) and the status PREVIEW. The user then confirms each
flagged indicator with a reason (kept in the audit log), or goes back to the mapping, and asks
to store; storing (in `editions`) computes again from the same file and mapping.
"""

import logging
import math
import time
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from projects.models import Gemeente, Project
from projects.services import audit_record

from .. import compute, selectors
from ..constants import ImportStatus
from ..mapping import Mapping, MappingError, parse_mapping
from ..models import ImportRun, SurveyEdition
from ..plausibility import ChangeLimits
from ..preview import confirmation, flagged, preview_build, unconfirmed
from ..read_cache import survey_cache_load
from ..readers import SurveyFile, SurveyFileError, read_survey_file
from .raw_files import raw_file_available_check
from .runs import (
    UNEXPECTED,
    catalogue_codes,
    failure_message,
    local_copy,
    max_upload_bytes,
    run_fail,
    run_progress,
)

logger = logging.getLogger(__name__)

REASON_MAX_LENGTH = 1000
REASON_REQUIRED = "Geef een reden waarom dit cijfer klopt; die komt in het logboek."


def read_run_survey(run: ImportRun) -> SurveyFile:
    """The run's file as read when it was uploaded (read_cache), else read again."""
    kept = survey_cache_load(run)
    if kept is not None:
        return kept
    with local_copy(run) as path:
        return read_survey_file(path, original_name=run.original_name, max_bytes=max_upload_bytes())


def preview_compute(
    *,
    project: Project,
    year: int,
    survey: SurveyFile,
    mapping: Mapping,
    progress: Callable[[int, str], None] = lambda percent, text: None,
    gemeente: Gemeente | None = None,
) -> tuple[compute.Prepared, list[compute.Cell], dict]:
    """Check and compute every indicator × area, and build the preview; stores nothing.
    ``gemeente`` is whose file it is: by default the project's, in a joint plan also a
    participant's (its figures are its own)."""
    gemeente = gemeente or project.gemeente
    progress(10, "Gegevens worden gecontroleerd")
    prepared = compute.prepare(
        survey,
        mapping,
        gemeente_code=gemeente.cbs_code,
        known_wijken=selectors.known_wijken(gemeente),
        own_areas=selectors.own_areas_for_compute(gemeente),
    )
    cells = list(
        compute.compute(
            prepared,
            mapping,
            progress=lambda done, total: progress(
                10 + int(75 * done / total), f"Indicator {done} van {total} berekend"
            ),
        )
    )
    progress(90, "Uitkomsten worden gecontroleerd")
    codes = list(mapping.indicators)
    names = selectors.preview_indicator_names(codes)
    for code, spec in mapping.indicators.items():
        names.setdefault(code, (spec.name or code, spec.unit))
    preview = preview_build(
        year=year,
        survey=survey,
        mapping=mapping,
        prepared=prepared,
        cells=cells,
        indicators=names,
        previous=selectors.previous_gemeente_figures(project, year, codes, gemeente),
        benchmarks=selectors.national_benchmarks(project, year, codes, gemeente),
        limits=ChangeLimits(points=project.flag_change_points, margins=project.flag_change_margins),
        replaces=SurveyEdition.objects.filter(gemeente=gemeente, year=year).exists(),
    )
    return prepared, cells, preview


def progress_every(report: Callable[[int, str], None], seconds: float = 0.5):
    """At most one progress write per `seconds`: the page polls once a second, and a write per
    indicator (250 of them) costs more than the computing of a small indicator."""
    last = [-math.inf]

    def call(percent: int, text: str) -> None:
        now = time.monotonic()
        if now - last[0] >= seconds:
            last[0] = now
            report(percent, text)

    return call


def preview_message(preview: dict) -> str:
    count = len(flagged(preview))
    if not count:
        return "Berekend, zonder signalen. Controleer de cijfers en sla ze op."
    return (
        f"Berekend; {count} {'indicator heeft' if count == 1 else 'indicatoren hebben'} een "
        "signaal. Bevestig elk signaal met een reden, of pas de koppeling aan."
    )


def survey_preview(*, run: ImportRun) -> None:
    """Task body: compute the preview of a queued run; nothing is stored."""
    if run.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return  # a redelivered task finds the preview made, or the run moved on
    run_progress(run, 1, "Bestand wordt gelezen", status=ImportStatus.RUNNING)
    try:
        mapping = parse_mapping(run.mapping, catalogue_codes=catalogue_codes())
        survey = read_run_survey(run)
        _prepared, _cells, preview = preview_compute(
            project=run.project,
            gemeente=run.gemeente,
            year=run.year,
            survey=survey,
            mapping=mapping,
            progress=progress_every(lambda percent, text: run_progress(run, percent, text)),
        )
    except (SurveyFileError, MappingError, ValidationError) as error:
        run_fail(run, failure_message(error))
        return
    except Exception:
        logger.exception("Survey preview %s failed", run.uuid)
        run_fail(run, UNEXPECTED)
        raise
    run_progress(run, 100, preview_message(preview), status=ImportStatus.PREVIEW, preview=preview)


def survey_preview_file(*, project: Project, path: Path, year: int, mapping: dict) -> dict:
    """The preview of a file on disk (the command's --dry-run): nothing is stored, not even a
    record of the attempt."""
    try:
        parsed = parse_mapping(mapping, catalogue_codes=catalogue_codes())
        survey = read_survey_file(path, original_name=path.name, max_bytes=max_upload_bytes())
    except (SurveyFileError, MappingError) as error:
        raise ValidationError(str(error)) from error
    try:
        _prepared, _cells, preview = preview_compute(
            project=project, year=year, survey=survey, mapping=parsed
        )
    except SurveyFileError as error:
        raise ValidationError(str(error)) from error
    return preview


def actor_label(actor) -> str:
    return actor.email if actor is not None and actor.is_authenticated else "systeem"


def preview_flag_confirm(*, actor, run: ImportRun, code: str, reason: str) -> ImportRun:
    """Confirm one flagged indicator with a reason; the reason goes to the audit log."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": f"Houd de reden korter dan {REASON_MAX_LENGTH} tekens."})
    with transaction.atomic():
        locked = ImportRun.objects.select_for_update().get(pk=run.pk)
        if locked.status != ImportStatus.PREVIEW:
            raise ValidationError("Deze import wacht niet op controle; er is niets te bevestigen.")
        row = next((row for row in flagged(locked.preview) if row["code"] == code), None)
        if row is None:
            raise ValidationError("Deze indicator heeft geen signaal om te bevestigen.")
        locked.preview.setdefault("confirmed", {})[code] = confirmation(
            row, reason=reason, by=actor_label(actor)
        )
        locked.save(update_fields=["preview"])
        audit_record(
            actor=actor,
            action="signaal bevestigd",
            obj=locked,
            project=locked.project,
            detail={
                "editie": locked.year,
                "indicator": row["name"],
                "code": code,
                "signalen": [flag["text"] for flag in row["flags"]],
                "reden": reason,
            },
        )
    return locked


def preview_back_to_mapping(*, actor, run: ImportRun) -> ImportRun:
    """Back to the mapping, which is kept; the preview and its confirmations are dropped."""
    raw_file_available_check(run)  # the mapping of a deleted file leads nowhere
    with transaction.atomic():
        won = ImportRun.objects.filter(pk=run.pk, status=ImportStatus.PREVIEW).update(
            status=ImportStatus.MAPPING, preview={}, message="", progress=0
        )
        run.refresh_from_db()
        if not won:
            if run.status == ImportStatus.MAPPING:
                return run  # a second click: the first one already went back
            raise ValidationError("Deze import wacht niet op controle.")
        audit_record(
            actor=actor,
            action="koppeling heropend",
            obj=run,
            project=run.project,
            detail={"editie": run.year},
        )
    return run


def preview_store(*, actor, run: ImportRun) -> ImportRun:
    """ "Opslaan": once every flagged indicator is confirmed, queue the storing. This is also
    the confirmation that an existing edition of that year is replaced.

    Compare-and-set from PREVIEW: of two clicks only the first queues a task; the second finds
    the run storing or stored and returns it, so the page shows the first one's outcome."""
    raw_file_available_check(run)  # storing reads the file again
    with transaction.atomic():
        locked = ImportRun.objects.select_for_update().get(pk=run.pk)
        if locked.status in (ImportStatus.STORING, ImportStatus.DONE):
            return locked
        if locked.status != ImportStatus.PREVIEW:
            raise ValidationError("Er is niets op te slaan; controleer eerst de koppeling.")
        open_rows = unconfirmed(locked.preview)
        if open_rows:
            names = ", ".join(row["name"] for row in open_rows[:5])
            more = len(open_rows) - 5
            raise ValidationError(
                "Bevestig eerst elk signaal met een reden, of ga terug naar de koppeling. "
                f"Nog open: {names}{f' en {more} andere' if more > 0 else ''}."
            )
        replaces = SurveyEdition.objects.filter(gemeente=locked.gemeente, year=locked.year).exists()
        won = ImportRun.objects.filter(pk=locked.pk, status=ImportStatus.PREVIEW).update(
            status=ImportStatus.STORING,
            replace_confirmed=replaces,
            progress=0,
            message="In de wachtrij om op te slaan",
        )
        locked.refresh_from_db()
        if not won:
            return locked
        if replaces:
            audit_record(
                actor=actor,
                action="vervangen editie bevestigd",
                obj=locked,
                project=locked.project,
                detail={"editie": locked.year},
            )
        from ... import tasks

        uuid = str(locked.uuid)
        transaction.on_commit(lambda: tasks.survey_store.delay(uuid))
    return locked
