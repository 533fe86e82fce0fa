"""Writes of the yearly cycle: goal measurements and the reminder mails.

`goals_measure` runs after every survey import (`analysis.figures.services.comparisons_refresh`)
and, through `goals_measure_gemeente`, after police, BBV and own-series figures change. It is
idempotent: it stores what the figures say now and removes measurements that no longer apply
(a year at or before a changed baseline year, a goal without a measure).

The daily job mails the project's ambtenaren and adviseurs 14 days and 2 days before each
deadline (deadlines.project_deadlines, the list every deadline page shows) and one day after
it has passed; ReminderSent makes every mail go out once.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from projects.constants import Role
from projects.joint import plan_gemeenten
from projects.models import Gemeente, Project
from projects.selectors import gemeente_members

from ..products.models import Goal
from .deadlines import KIND_MEMBERSHIP, Deadline, project_deadlines, with_deadline_data
from .goal_series import goal_series, significance
from .goal_status import goal_status
from .models import GoalMeasurement, ReminderSent


@transaction.atomic
def goals_measure(*, project: Project) -> int:
    """Store, per goal and year after its baseline year, the value on the goal's own source
    (goal_series.py), its interval, its significance against the baseline year, whether the
    series broke before it, and the status. Returns how many measurements were created or
    changed; a second run on the same figures returns 0."""
    goals = list(
        Goal.objects.filter(project=project).select_related(
            "indicator", "area", "own_series", "own_series__area"
        )
    )
    existing = {
        (m.goal_id, m.year): m for m in GoalMeasurement.objects.filter(goal__project=project)
    }
    keep: set[tuple[int, int]] = set()
    created: list[GoalMeasurement] = []
    changed: list[GoalMeasurement] = []
    for goal in goals:
        if not goal.baseline_year:
            continue
        series = goal_series(goal, project)
        if series is None:
            continue
        base = series.at(goal.baseline_year)
        baseline = goal.baseline_value
        if baseline is None and base is not None:
            baseline = base.value
        for obs in series.observations:
            if obs.year <= goal.baseline_year:
                continue
            significant = significance(series.source_kind, obs, base)
            values = {
                "source_kind": series.source_kind,
                "edition": obs.edition,
                "area": obs.area,
                "value": obs.value,
                "ci_low": obs.ci_low,
                "ci_high": obs.ci_high,
                "count": obs.count,
                "approximate": obs.approximate,
                "significant_vs_baseline": significant,
                "series_break_before": obs.break_before,
                "status": goal_status(
                    value=obs.value,
                    baseline=baseline,
                    target=goal.target_value,
                    direction=series.direction,
                    year=obs.year,
                    baseline_year=goal.baseline_year,
                    target_year=goal.target_year,
                    significant=significant,
                ),
            }
            key = (goal.pk, obs.year)
            keep.add(key)
            stored = existing.get(key)
            if stored is None:
                created.append(GoalMeasurement(goal=goal, year=obs.year, **values))
            elif any(_stored(stored, name) != _stored_value(v) for name, v in values.items()):
                for name, value in values.items():
                    setattr(stored, name, value)
                changed.append(stored)
    stale = [m.pk for key, m in existing.items() if key not in keep]
    if stale:
        GoalMeasurement.objects.filter(pk__in=stale).delete()
    GoalMeasurement.objects.bulk_create(created)
    GoalMeasurement.objects.bulk_update(changed, MEASUREMENT_FIELDS)
    return len(created) + len(changed)


MEASUREMENT_FIELDS = [
    "source_kind",
    "edition",
    "area",
    "value",
    "ci_low",
    "ci_high",
    "count",
    "approximate",
    "significant_vs_baseline",
    "series_break_before",
    "status",
]


def _stored(measurement: GoalMeasurement, name: str):
    """A field as stored; foreign keys by id, so comparing loads nothing."""
    if name in ("edition", "area"):
        return getattr(measurement, f"{name}_id")
    return getattr(measurement, name)


def _stored_value(value):
    return value.pk if hasattr(value, "pk") else value


def goals_measure_gemeente(*, gemeente: Gemeente) -> int:
    """Measure the goals of every project of the gemeente: after police, BBV or own-series
    figures change, which every project of the gemeente reads."""
    return sum(
        goals_measure(project=project)
        for project in Project.objects.filter(gemeente=gemeente).order_by("id")
    )


# --- Reminders ------------------------------------------------------------------------

# moment -> days until the deadline on the day the reminder goes out (negative: overdue)
REMINDER_MOMENTS = {"14d": 14, "2d": 2, "overdue": -1}
MOMENT_TEXT = {
    "14d": "over 14 dagen",
    "2d": "over 2 dagen",
    "overdue": "gisteren verstreken",
}
REMINDER_ROLES = frozenset({Role.AMBTENAAR, Role.ADVISEUR})


def reminder_recipients(gemeente: Gemeente) -> list[str]:
    """E-mail addresses of the gemeente's ambtenaren and adviseurs (its own and those of
    the bureaus serving it); raadsleden and partners get no reminders."""
    return sorted(
        {
            row["user"].email
            for row in gemeente_members(gemeente)
            if row["membership"].role in REMINDER_ROLES
            and row["user"].is_active
            and row["user"].email
        }
    )


def reminder_key(deadline: Deadline, moment: str) -> str:
    """Once per deadline, date and moment: a deadline moved to another date is reminded
    of again."""
    return f"{deadline.key}:{deadline.date.isoformat()}:{moment}"


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def reminder_message(
    deadline: Deadline, moment: str, recipients: list[str], gemeente: Gemeente | None = None
) -> EmailMessage:
    """The mail to the editors of ``gemeente`` (by default the project's): a joint plan's
    participant gets its own, its link under its own gemeente's URL."""
    project = deadline.project
    context = {
        "deadline": deadline,
        "project": project,
        "gemeente": gemeente or project.gemeente,
        "moment": moment,
        "when": MOMENT_TEXT[moment],
        "link": _site_url(deadline.url),
        "deadlines_link": _site_url(reverse("kernbeleid:deadlines")),
    }
    with translation.override("nl"):
        subject = render_to_string("kernbeleid/email/reminder_subject.txt", context)
        body = render_to_string("kernbeleid/email/reminder.txt", context)
    subject = " ".join(subject.split())  # one line, whatever the template holds
    # The deadline's key, so a test (or a mail filter) can tell which deadline a mail is about.
    return EmailMessage(
        subject=subject, body=body, to=recipients, headers={"X-Integraal-Deadline": deadline.key}
    )


def reminders_send(today: datetime.date) -> int:
    """Mail every deadline that lies exactly 14 or 2 days ahead, or passed yesterday, to the
    project's ambtenaren and adviseurs: one mail per deadline and moment, never twice
    (ReminderSent). A mail that fails to send leaves no record, so the next run retries it
    on the same day. Returns how many mails went out.

    A joint plan reminds the editors of every gemeente of the plan, each gemeente its own
    mail with links under its own URL (participants cannot open the lead's); a participant's
    reminder is recorded with its CBS code on the key, the lead's as before."""
    moments = {
        today + datetime.timedelta(days=days): moment for moment, days in REMINDER_MOMENTS.items()
    }
    sent = 0
    recipients_by_gemeente: dict[int, list[str]] = {}
    for project in with_deadline_data(Project.objects.all()):
        for gemeente in plan_gemeenten(project):
            due = [
                d for d in project_deadlines(project, today, gemeente=gemeente) if d.date in moments
            ]
            if not due:
                continue
            if gemeente.pk not in recipients_by_gemeente:
                recipients_by_gemeente[gemeente.pk] = reminder_recipients(gemeente)
            recipients = recipients_by_gemeente[gemeente.pk]
            if not recipients:
                continue
            for deadline in due:
                moment = moments[deadline.date]
                key = reminder_key(deadline, moment)
                if gemeente.pk != project.gemeente_id and deadline.kind != KIND_MEMBERSHIP:
                    key += f":{gemeente.cbs_code}"
                with transaction.atomic():
                    # A member's access is the gemeente's, on every project's list: mailed
                    # once (the membership's uuid is in the key, whichever plan it is on).
                    if (
                        deadline.kind == KIND_MEMBERSHIP
                        and ReminderSent.objects.filter(key=key).exists()
                    ):
                        continue
                    _record, created = ReminderSent.objects.get_or_create(project=project, key=key)
                    if created:
                        reminder_message(deadline, moment, recipients, gemeente).send()
                        sent += 1
    return sent
