"""Removal with a short undo: a row is marked removed (``removed_at``, ``removed_by``) instead
of deleted, its model's default manager hides it everywhere, and the one who removed it may
put it back within ``UNDO_WINDOW``. Rows removed longer than ``PURGE_AFTER`` ago are deleted
for good (``purge_removed``, run at each removal and by ``manage.py purge_removed``).

Used by the werkgroep members (kernbeleid) and the sections of a report structure (reports).
A model opts in by inheriting ``Removable`` (the two fields), with ``objects`` built on
``ActiveManager`` (its default manager, so related managers such as ``project.werkgroep``
hide removed rows too) and a second manager that also sees removed rows. Joins across a relation
(``Project.objects.filter(werkgroep__user=...)``) do not pass the manager: they add
``<relation>__removed_at__isnull=True`` themselves.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

UNDO_SECONDS = 30
UNDO_WINDOW = datetime.timedelta(seconds=UNDO_SECONDS)
PURGE_AFTER = datetime.timedelta(days=1)


class Removable(models.Model):
    """The two fields of a row that can be removed and, for a short while, put back."""

    removed_at = models.DateTimeField("verwijderd op", null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True


class ActiveManager(models.Manager):
    """Only the rows that are not removed."""

    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


def mark_removed(row, *, actor) -> None:
    row.removed_at = timezone.now()
    row.removed_by = actor if getattr(actor, "pk", None) else None
    row.save(update_fields=["removed_at", "removed_by"])


def undo_refusal(row, *, actor, now: datetime.datetime | None = None) -> None:
    """Raise a Dutch ValidationError unless `actor` may still put `row` back."""
    if row.removed_at is None:
        raise ValidationError("Dit is niet verwijderd; er is niets ongedaan te maken.")
    if row.removed_by_id is None or row.removed_by_id != getattr(actor, "pk", None):
        raise ValidationError("Alleen wie dit verwijderde, kan het ongedaan maken.")
    if (now or timezone.now()) - row.removed_at > UNDO_WINDOW:
        seconds = int(UNDO_WINDOW.total_seconds())
        raise ValidationError(
            f"Ongedaan maken kan tot {seconds} seconden na het verwijderen; die tijd is voorbij."
        )


def undo_deadline(row) -> datetime.datetime:
    return row.removed_at + UNDO_WINDOW


def mark_restored(row) -> None:
    row.removed_at = None
    row.removed_by = None
    row.save(update_fields=["removed_at", "removed_by"])


def purge_removed(queryset) -> int:
    """Delete for good the rows of `queryset` (a manager that sees removed rows) removed
    longer than PURGE_AFTER ago. Returns how many."""
    cutoff = timezone.now() - PURGE_AFTER
    deleted, _ = queryset.filter(removed_at__lt=cutoff).delete()
    return deleted
