"""Dates for the demo stories (projects/demo_traject.py): every event is placed relative to
today, so a demo loaded on any day tells a consistent past, and the timestamps the models set
themselves ("now") are moved to the moment the story puts the event."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from analysis.figures.models import ImportRun, SurveyEdition
from analysis.narrative.models import ThemeRevision
from kernbeleid.models import (
    ActionProgress,
    CollegeBesluit,
    DraagvlakResponse,
    Motie,
    RaadDecision,
    RaadKennisname,
    StepTransition,
)
from reports.models import (
    Delivery,
    OutlineAgreement,
    Publication,
    RenderRun,
    ReportVersion,
    ReviewComment,
)

from .models import AuditEntry, Project

TUESDAY, THURSDAY = 1, 3

# The rows a demo step writes with an automatic timestamp: (model, field, path to project).
STAMPED = (
    (AuditEntry, "at", "project"),
    (ImportRun, "created_at", "project"),
    (SurveyEdition, "imported_at", "projects"),
    (ThemeRevision, "at", "theme__field__project"),
    (StepTransition, "at", "project"),
    (ReportVersion, "created_at", "project"),
    (Publication, "published_at", "version__project"),
    (ReviewComment, "created_at", "version__project"),
    (RaadDecision, "recorded_at", "project"),
    (Motie, "recorded_at", "project"),
    (CollegeBesluit, "recorded_at", "project"),
    (RaadKennisname, "recorded_at", "project"),
    (RenderRun, "created_at", "version__project"),
    (OutlineAgreement, "recorded_at", "project"),
    (Delivery, "recorded_at", "project"),
    (DraagvlakResponse, "recorded_at", "project"),
    (ActionProgress, "reported_at", "action__project"),
)


def moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def days_ago(today: date, days: int, weekday: int | None = None) -> date:
    """`days` before today; on `weekday` (the raad meets on Thursday, the college on Tuesday)
    by going back to the one before, so it stays in the past."""
    day = today - timedelta(days=days)
    if weekday is not None:
        return day - timedelta(days=(day.weekday() - weekday) % 7)
    if day.weekday() >= 5:  # a weekend: the Friday before
        return day - timedelta(days=day.weekday() - 4)
    return day


@contextmanager
def dated(project: Project, day: date, hour: int = 10) -> Iterator[datetime]:
    """Rows of `project` written inside get the moment `day` (at `hour`) as their timestamp,
    whether a service wrote them or the demo did (audit entries included: the log tells the
    story in the order it happened). Never later than now: just after midnight the story's
    "today, 16:00" is still to come."""
    when = min(moment(day, hour), timezone.now())
    marks = [
        (model, field, path, model.objects.aggregate(last=Max("id"))["last"] or 0)
        for model, field, path in STAMPED
    ]
    yield when
    for model, field, path, last in marks:
        model.objects.filter(id__gt=last, **{path: project}).update(**{field: when})


def history_moved(project: Project, *, created: date, figures: date) -> None:
    """What load_demo and load_demo_survey wrote today, moved to the story's days: the
    project was made when the traject began, its figures came in at the analysis."""
    Project.objects.filter(pk=project.pk).update(created_at=moment(created, 9))
    entries = AuditEntry.objects.filter(project=project)
    entries.filter(action__endswith="aangemaakt").update(at=moment(created, 9))
    entries.exclude(action__endswith="aangemaakt").update(at=moment(figures, 11))
    ImportRun.objects.filter(gemeente=project.gemeente).update(
        created_at=moment(figures, 11), finished_at=moment(figures, 11)
    )
    SurveyEdition.objects.filter(projects=project).update(imported_at=moment(figures, 11))


def demo_user(email: str):
    return get_user_model().objects.get(email=email)
