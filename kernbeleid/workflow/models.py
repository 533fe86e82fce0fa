"""The traject of a project: its settings, the steps with planned and actual dates, every
move between the steps and the raad's decisions."""

import uuid

from django.conf import settings
from django.db import models

from projects.models import Project, private_storage
from projects.scopes import tenant_manager

from ..constants import Outcome

__all__ = ["RaadDecision", "StepRecord", "StepTransition", "Traject", "decision_upload_to"]


def decision_upload_to(instance: "RaadDecision", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "pdf"
    return f"projecten/{instance.project.uuid}/raadsbesluiten/{instance.uuid}.{extension}"


class Traject(models.Model):
    """Workflow settings of a project; the current step itself is Project.current_step."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="traject")
    light_route = models.BooleanField(
        "lichte route",
        default=False,
        help_text="KBV kent een lichte route met minder stappen voor kleinere gemeenten.",
    )

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "traject"
        verbose_name_plural = "trajecten"

    def __str__(self) -> str:
        return f"Traject {self.project}"


class StepRecord(models.Model):
    """Planned against actual dates of one step."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="step_records")
    step = models.PositiveSmallIntegerField("stap")
    planned_end = models.DateField("gepland klaar", null=True, blank=True)
    started_at = models.DateTimeField("begonnen", null=True, blank=True)
    completed_at = models.DateTimeField("afgerond", null=True, blank=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "stap"
        verbose_name_plural = "stappen"
        ordering = ["step"]
        constraints = [
            models.UniqueConstraint(fields=["project", "step"], name="step_record_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project} stap {self.step}"


class StepTransition(models.Model):
    """Every move of a project between steps, with the reason when it goes back."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    from_step = models.PositiveSmallIntegerField()
    to_step = models.PositiveSmallIntegerField()
    reason = models.TextField("reden", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_step} → {self.to_step}"

    @property
    def is_back(self) -> bool:
        return self.to_step < self.from_step


class RaadDecision(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="raad_decisions")
    step = models.PositiveSmallIntegerField("stap")
    date = models.DateField("datum raadsvergadering")
    number = models.CharField("besluitnummer", max_length=80)
    outcome = models.CharField("uitkomst", max_length=20, choices=Outcome.choices)
    document = models.FileField(
        "besluitdocument", upload_to=decision_upload_to, storage=private_storage, blank=True
    )
    notes = models.TextField("toelichting", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "raadsbesluit"
        verbose_name_plural = "raadsbesluiten"
        ordering = ["-date", "-recorded_at"]

    def __str__(self) -> str:
        return f"Raadsbesluit {self.number} ({self.get_outcome_display()})"
