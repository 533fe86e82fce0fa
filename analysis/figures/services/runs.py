"""The progress row of an import (ImportRun): progress, failure, the stored original.

Progress is written outside any transaction so the page sees it while the work goes on.
"""

import datetime
import logging
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from projects.scopes import project_gemeente_ids, scopes_disabled

from ..constants import ImportStatus
from ..models import ImportRun, Indicator
from ..readers import SurveyFileError

logger = logging.getLogger(__name__)


def max_upload_bytes() -> int:
    """Read on every call, so a changed setting (and a test's override) applies at once."""
    return settings.SURVEY_MAX_UPLOAD_BYTES


def catalogue_codes() -> set[str]:
    return set(Indicator.objects.filter(gemeente=None).values_list("code", flat=True))


def run_progress(run: ImportRun, percent: int, message: str = "", **fields: Any) -> None:
    """Progress is written outside any transaction so the page sees it while we work."""
    fields.update(progress=max(0, min(100, percent)), message=message[:500])
    ImportRun.objects.filter(pk=run.pk).update(**fields)
    for name, value in fields.items():
        setattr(run, name, value)


def run_fail(run: ImportRun, message: str) -> None:
    run_progress(
        run, 0, message, status=ImportStatus.FAILED, errors=[message], finished_at=timezone.now()
    )


def run_done(run: ImportRun, summary: dict) -> None:
    run_progress(
        run, 100, "Klaar", status=ImportStatus.DONE, summary=summary, finished_at=timezone.now()
    )


UNEXPECTED = (
    "Er ging iets mis bij het verwerken. Er is niets veranderd; probeer het opnieuw of neem "
    "contact op met de beheerder."
)


@contextmanager
def failing_run_reported(run: ImportRun):
    """An unexpected error still ends the run as failed, so the page stops waiting."""
    try:
        yield
    except Exception:
        logger.exception("Import %s failed", run.uuid)
        run_fail(run, UNEXPECTED)
        raise


INTERRUPTED = "De verwerking is afgebroken doordat de app opnieuw is gestart. Probeer het opnieuw."


def runs_interrupted_fail(*, before: datetime.datetime) -> int:
    """Fail the runs a previous app process left busy, so their page stops waiting and the
    mapping can be sent again (config/background.py calls this; only without a broker)."""
    busy = [status for status in ImportStatus if status.busy]
    with scopes_disabled():  # every gemeente's runs: the process served them all
        return ImportRun.objects.filter(status__in=busy, created_at__lt=before).update(
            status=ImportStatus.FAILED,
            progress=0,
            message=INTERRUPTED,
            errors=[INTERRUPTED],
            finished_at=timezone.now(),
        )


def failure_message(error: Exception) -> str:
    """The Dutch message of an expected failure, as the page shows it."""
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def upload_size_check(size: int) -> None:
    """Raises SurveyFileError for a file over the limit."""
    if size > max_upload_bytes():
        raise SurveyFileError(
            f"Het bestand is {size / 1_048_576:.0f} MB; de grens is "
            f"{max_upload_bytes() / 1_048_576:.0f} MB."
        )


@contextmanager
def local_copy(run: ImportRun):
    """The stored original as a local file (the storage may be remote). A deleted original
    (retention, or an editor's request) is a SurveyFileError that says so."""
    if run.file_deleted_at is not None or not run.file:
        from .raw_files import raw_file_deleted_message

        raise SurveyFileError(
            raw_file_deleted_message(run)
            if run.file_deleted_at
            else "Het ruwe bestand van deze import is er niet meer; upload het opnieuw."
        )
    suffix = "." + run.original_name.rsplit(".", 1)[-1].lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        with run.file.open("rb") as source:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                handle.write(chunk)
        handle.flush()
        yield Path(handle.name)


def import_gemeente(project, gemeente=None):
    """Whose figures an import of ``project`` brings: the project's gemeente, or in a joint
    plan one of the gemeenten that joined it (each reads in its own Veiligheidsmonitor)."""
    gemeente = gemeente or project.gemeente
    if gemeente.pk not in project_gemeente_ids(project):
        raise ValidationError(f"{gemeente.name} doet niet mee aan dit plan.")
    return gemeente
