"""The yearly cycle: goals measured again in every edition, and the reminders sent."""

from django.db import models

from analysis.models import SurveyEdition
from projects.models import Project
from projects.scopes import tenant_manager

from ..constants import GoalStatus
from ..products.models import Goal

__all__ = ["GoalMeasurement", "ReminderSent"]


class GoalMeasurement(models.Model):
    """The goal's indicator measured again in an edition (stored after each import)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measurements")
    edition = models.ForeignKey(SurveyEdition, on_delete=models.CASCADE, related_name="+")
    value = models.FloatField(null=True)
    significant_vs_baseline = models.BooleanField(null=True)
    status = models.CharField(max_length=20, choices=GoalStatus.choices)

    objects = tenant_manager("goal__project__gemeente")

    class Meta:
        ordering = ["edition__year"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "edition"], name="measurement_unique")
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.value} ({self.status})"


class ReminderSent(models.Model):
    """Which reminder went out, so the daily job mails each one once."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "key"], name="reminder_unique")]

    def __str__(self) -> str:
        return self.key
