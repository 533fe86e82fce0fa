"""Raw respondent files are personal data (AVG): each import keeps the SHA-256 of its upload,
and the file itself goes after the gemeente's retention period or when an editor deletes it.

What stays: the ImportRun row (an edition PROTECTs it), the computed editions and results,
the mapping, and the checksum, so a later question "which file was this?" can be answered
by comparing a file someone still holds with the controlegetal. What goes: the uploaded
file and the read cache beside it (analysis/figures/read_cache.py), which holds the same
answers in another form.

Which runs the daily purge takes (``raw_files_purge``):
- a successful import (status done): once the retention period has passed since it finished;
- an import that never succeeded (failed, or left at the mapping or the check): once the
  same period has passed since the upload. Nothing was computed from such a file that
  needs it, and personal data must not stay longer because someone walked away.
Only respondent files (kind survey): CBS StatLine tables and police counts are public
figures about areas, not about people, and are kept with their import.
"""

import hashlib
import logging
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from projects.models import Gemeente
from projects.services import audit_record

from ..constants import ImportKind, ImportStatus
from ..models import ImportRun
from ..read_cache import cache_names

logger = logging.getLogger(__name__)

REASON_RETENTION = "bewaartermijn verstreken"
REASON_RETENTION_UNFINISHED = "bewaartermijn verstreken (import niet afgerond)"
REASON_BY_EDITOR = "verwijderd op verzoek"
CHUNK = 1024 * 1024


def file_sha256(handle: File) -> str:
    """The SHA-256 of a file or upload, read in chunks; the caller's position is reset."""
    digest = hashlib.sha256()
    for chunk in handle.chunks(CHUNK):
        digest.update(chunk)
    if hasattr(handle, "seek"):
        handle.seek(0)
    return digest.hexdigest()


def _stored_sha256(run: ImportRun) -> str:
    """The checksum of the stored original; empty when the file is already gone."""
    try:
        with run.file.open("rb") as handle:
            return file_sha256(handle)
    except (OSError, ValueError):
        logger.warning("The raw file of import %s could not be read for its checksum", run.uuid)
        return ""


def raw_file_deleted_message(run: ImportRun) -> str:
    """What a page or an error says about a run whose raw file is gone."""
    when = timezone.localtime(run.file_deleted_at).strftime("%d-%m-%Y")
    return (
        f"Het ruwe bestand van deze import is op {when} verwijderd "
        f"({run.file_deleted_reason or 'verwijderd'}). De berekende cijfers blijven staan; "
        "om opnieuw te koppelen of in te lezen uploadt u het bestand opnieuw."
    )


def raw_file_available_check(run: ImportRun) -> None:
    """Raises ValidationError (Dutch) when the run's raw file has been deleted."""
    if run.file_deleted_at is not None:
        raise ValidationError(raw_file_deleted_message(run))


def raw_file_deletable(run: ImportRun) -> bool:
    """An editor may delete a respondent file now unless it is gone or being worked on."""
    return (
        run.kind == ImportKind.SURVEY
        and run.file_deleted_at is None
        and bool(run.file)
        and not run.status_enum.busy
    )


def raw_file_delete(
    *, actor, run: ImportRun, reason: str = REASON_BY_EDITOR, now: datetime | None = None
) -> bool:
    """Delete the raw file of one import (and its read cache); keep the run, its figures and
    the checksum (computed now if the import predates checksums). Returns False when the
    file was already deleted, so a second call (a double click, a retried task) does
    nothing. The files leave storage once the transaction commits."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            ImportRun.objects.select_for_update(of=("self",))  # the run only
            .select_related("project__gemeente")
            .filter(pk=run.pk, file_deleted_at__isnull=True)
            .first()
        )
        if locked is None or not locked.file:
            return False
        if locked.status_enum.busy and reason == REASON_BY_EDITOR:
            raise ValidationError(
                "Deze import wordt nog verwerkt; verwijder het bestand als hij klaar is."
            )
        checksum = locked.file_sha256 or _stored_sha256(locked)
        storage, names = locked.file.storage, [locked.file.name, *cache_names(locked)]
        ImportRun.objects.filter(pk=locked.pk, file_deleted_at__isnull=True).update(
            file="", file_sha256=checksum, file_deleted_at=now, file_deleted_reason=reason
        )
        audit_record(
            actor=actor,
            action="ruw bestand verwijderd",
            obj=locked,
            project=locked.project,
            detail={
                "bestand": locked.original_name,
                "editie": locked.year,
                "controlegetal (SHA-256)": checksum or "onbekend (bestand was al weg)",
                "reden": reason,
            },
        )
        transaction.on_commit(lambda: _remove(storage, names))
    run.refresh_from_db()
    return True


def _remove(storage, names: list[str]) -> None:
    for name in names:
        try:
            if storage.exists(name):
                storage.delete(name)
        except OSError:
            logger.exception("Removing the raw file %s failed; remove it by hand", name)


def raw_file_delete_due(run: ImportRun) -> datetime | None:
    """When the daily purge will delete this respondent file; None if it never will (a
    table, or already gone)."""
    if run.kind != ImportKind.SURVEY or run.file_deleted_at is not None or not run.file:
        return None
    start = run.finished_at if run.status == ImportStatus.DONE and run.finished_at else None
    retention = timedelta(days=run.project.gemeente.raw_file_retention_days)
    return (start or run.created_at) + retention


def raw_file_context(run: ImportRun) -> dict:
    """What the import page shows about the raw file: deleted (when, the checksum, what to
    do), or kept until when and whether it can be deleted now."""
    due = raw_file_delete_due(run)
    return {
        "raw_file_deleted_message": raw_file_deleted_message(run) if run.file_deleted_at else "",
        "raw_file_delete_due": due,
        "raw_file_overdue": due is not None and due <= timezone.now(),
        "raw_file_deletable": raw_file_deletable(run),
    }


def raw_files_due(*, gemeente: Gemeente, now: datetime):
    """The respondent files of this gemeente whose retention period has passed."""
    cutoff = now - timedelta(days=gemeente.raw_file_retention_days)
    done = Q(status=ImportStatus.DONE)
    return (
        ImportRun.objects.filter(
            gemeente=gemeente, kind=ImportKind.SURVEY, file_deleted_at__isnull=True
        )
        .exclude(file="")
        .filter(
            (done & Q(finished_at__lte=cutoff))
            | (done & Q(finished_at__isnull=True, created_at__lte=cutoff))
            | (~done & Q(created_at__lte=cutoff))
        )
        .order_by("created_at")
    )


def raw_files_purge(*, now: datetime | None = None) -> list[ImportRun]:
    """The daily run: delete every respondent file past its gemeente's retention period.
    Idempotent: a file deleted once is not looked at again. Spans every gemeente, so the
    caller runs it outside the tenant scope (the task and the command say so)."""
    now = now or timezone.now()
    deleted = []
    gemeenten = Gemeente.objects.filter(
        import_runs__kind=ImportKind.SURVEY,
        import_runs__file_deleted_at__isnull=True,
    ).distinct()
    for gemeente in gemeenten:
        for run in raw_files_due(gemeente=gemeente, now=now):
            reason = (
                REASON_RETENTION if run.status == ImportStatus.DONE else REASON_RETENTION_UNFINISHED
            )
            if raw_file_delete(actor=None, run=run, reason=reason, now=now):
                deleted.append(run)
    return deleted
