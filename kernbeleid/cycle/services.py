"""Writes of the yearly cycle: goal measurements and the reminder mails.

`goals_measure` runs after every import (`analysis.figures.services.comparisons_refresh`) and is
idempotent: it stores what the figures say now and removes measurements that no longer
apply (an edition at or before a changed baseline year, a goal without indicator).

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

from analysis.figures.constants import AreaKind
from analysis.models import IndicatorResult, SurveyEdition
from projects.constants import Role
from projects.models import Gemeente, Project
from projects.selectors import gemeente_members

from ..products.models import Goal
from .deadlines import KIND_MEMBERSHIP, Deadline, project_deadlines, with_deadline_data
from .goal_status import goal_status, significance, usable
from .models import GoalMeasurement, ReminderSent


@transaction.atomic
def goals_measure(*, project: Project) -> int:
    """Store, per goal and edition after its baseline year, the value, its significance
    against the baseline and the status. Returns how many measurements were created or
    changed; a second run on the same figures returns 0."""
    goals = list(Goal.objects.filter(project=project).select_related("indicator"))
    measurable = [goal for goal in goals if goal.indicator_id and goal.baseline_year]
    editions = list(SurveyEdition.objects.filter(projects=project).order_by("year"))
    by_year = {edition.year: edition for edition in editions}
    results = {
        (result.edition_id, result.indicator_id): result
        for result in IndicatorResult.objects.filter(
            edition__projects=project,
            area__gemeente=project.gemeente,
            area__kind=AreaKind.GEMEENTE,
            indicator_id__in={goal.indicator_id for goal in measurable},
        )
    }
    existing = {
        (m.goal_id, m.edition_id): m for m in GoalMeasurement.objects.filter(goal__project=project)
    }
    keep: set[tuple[int, int]] = set()
    created: list[GoalMeasurement] = []
    changed: list[GoalMeasurement] = []
    for goal in measurable:
        baseline_edition = by_year.get(goal.baseline_year)
        baseline_result = (
            results.get((baseline_edition.pk, goal.indicator_id)) if baseline_edition else None
        )
        baseline = goal.baseline_value
        if baseline is None and usable(baseline_result):
            baseline = baseline_result.estimate
        for edition in editions:
            if edition.year <= goal.baseline_year:
                continue
            result = results.get((edition.pk, goal.indicator_id))
            value = result.estimate if usable(result) else None
            significant = significance(result, edition, baseline_result, baseline_edition)
            status = goal_status(
                value=value,
                baseline=baseline,
                target=goal.target_value,
                direction=goal.indicator.direction,
                year=edition.year,
                baseline_year=goal.baseline_year,
                target_year=goal.target_year,
                significant=significant,
            )
            key = (goal.pk, edition.pk)
            keep.add(key)
            stored = existing.get(key)
            if stored is None:
                created.append(
                    GoalMeasurement(
                        goal=goal,
                        edition=edition,
                        value=value,
                        significant_vs_baseline=significant,
                        status=status,
                    )
                )
            elif (stored.value, stored.significant_vs_baseline, stored.status) != (
                value,
                significant,
                status,
            ):
                stored.value, stored.significant_vs_baseline = value, significant
                stored.status = status
                changed.append(stored)
    stale = [m.pk for key, m in existing.items() if key not in keep]
    if stale:
        GoalMeasurement.objects.filter(pk__in=stale).delete()
    GoalMeasurement.objects.bulk_create(created)
    GoalMeasurement.objects.bulk_update(changed, ["value", "significant_vs_baseline", "status"])
    return len(created) + len(changed)


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


def reminder_message(deadline: Deadline, moment: str, recipients: list[str]) -> EmailMessage:
    project = deadline.project
    context = {
        "deadline": deadline,
        "project": project,
        "gemeente": project.gemeente,
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
    on the same day. Returns how many mails went out."""
    moments = {
        today + datetime.timedelta(days=days): moment for moment, days in REMINDER_MOMENTS.items()
    }
    sent = 0
    recipients_by_gemeente: dict[int, list[str]] = {}
    for project in with_deadline_data(Project.objects.all()):
        due = [d for d in project_deadlines(project, today) if d.date in moments]
        if not due:
            continue
        gemeente = project.gemeente
        if gemeente.pk not in recipients_by_gemeente:
            recipients_by_gemeente[gemeente.pk] = reminder_recipients(gemeente)
        recipients = recipients_by_gemeente[gemeente.pk]
        if not recipients:
            continue
        for deadline in due:
            moment = moments[deadline.date]
            key = reminder_key(deadline, moment)
            with transaction.atomic():
                # A member's access is the gemeente's, on every project's list: mailed once.
                if (
                    deadline.kind == KIND_MEMBERSHIP
                    and ReminderSent.objects.filter(project__gemeente=gemeente, key=key).exists()
                ):
                    continue
                _record, created = ReminderSent.objects.get_or_create(project=project, key=key)
                if created:
                    reminder_message(deadline, moment, recipients).send()
                    sent += 1
    return sent
