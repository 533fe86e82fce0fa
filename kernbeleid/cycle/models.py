"""The yearly cycle: goals measured every year on their source, the gemeente's own registered
series, and the reminders sent."""

import uuid

from django.conf import settings
from django.db import models

from analysis.figures.constants import Direction, Unit
from analysis.models import Area, SurveyEdition
from projects.models import Gemeente, Project
from projects.scopes import tenant_manager

from ..constants import ActualisatieMode, GoalSource, GoalStatus, Outcome, PriorityChangeKind
from ..products.models import Goal

__all__ = [
    "Actualisatie",
    "EvaluationDraft",
    "GoalMeasurement",
    "OwnSeries",
    "OwnSeriesPoint",
    "PriorityChange",
    "ReminderSent",
    "YearTexts",
]


class OwnSeries(models.Model):
    """A figure the gemeente registers itself (meldingen, handhaving, a partner's count), per
    year; goals of any of its projects can be measured on it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="own_series")
    name = models.CharField("naam", max_length=150)
    unit = models.CharField("eenheid", max_length=30, choices=Unit.choices, default=Unit.COUNT)
    direction = models.CharField(
        "richting", max_length=20, choices=Direction.choices, default=Direction.HIGHER_IS_WORSE
    )
    source = models.CharField("bron", max_length=300)
    # Empty: the gemeente as a whole.
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gebied",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "eigen registratie"
        verbose_name_plural = "eigen registraties"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class OwnSeriesPoint(models.Model):
    """One year of an own series; an interval only when the source gives one."""

    series = models.ForeignKey(OwnSeries, on_delete=models.CASCADE, related_name="points")
    year = models.PositiveSmallIntegerField("jaar")
    value = models.FloatField("waarde")
    ci_low = models.FloatField("ondergrens", null=True, blank=True)
    ci_high = models.FloatField("bovengrens", null=True, blank=True)
    # The way of counting changed before this year: never joined to the years before.
    break_before = models.BooleanField("andere telwijze dan het jaar ervoor", default=False)

    objects = tenant_manager("series__gemeente")

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="own_series_point_unique")
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.year}"


class GoalMeasurement(models.Model):
    """The goal measured in one year on its own source (stored by `goals_measure`)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measurements")
    year = models.PositiveSmallIntegerField("jaar")
    source_kind = models.CharField(max_length=10, choices=GoalSource.choices)
    # Only for Veiligheidsmonitor measurements.
    edition = models.ForeignKey(
        SurveyEdition, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The area the value belongs to: the goal's, or its successor after a herindeling.
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    value = models.FloatField(null=True)
    ci_low = models.FloatField(null=True)
    ci_high = models.FloatField(null=True)
    count = models.PositiveIntegerField(null=True)  # police: the registered count
    approximate = models.BooleanField(default=False)  # interval from a reconstructed count
    significant_vs_baseline = models.BooleanField(null=True)  # None: not tested
    status = models.CharField(max_length=20, choices=GoalStatus.choices)
    # Never joined to the year before: a method or definition break, or another area.
    series_break_before = models.BooleanField(default=False)

    objects = tenant_manager("goal__project__gemeente")

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["goal", "year"], name="measurement_unique")]

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


class EvaluationDraft(models.Model):
    """The drafted *Evaluatie vorige periode* of a project whose predecessor is named: per
    goal its baseline, target and latest measurement with significance, per action its
    outcome, and the priorities then and now. Kept apart from the kadernota's own evaluatie
    text (Kadernota.evaluatie), which users write; a redraft never touches that."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="evaluation")
    predecessor = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    content = models.JSONField(default=dict)
    drafted_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "evaluatie vorige periode (concept)"
        verbose_name_plural = "evaluaties vorige periode (concept)"

    def __str__(self) -> str:
        return f"Evaluatie van {self.predecessor} in {self.project}"


class YearTexts(models.Model):
    """What users write for one programme year's uitvoeringsprogramma or voortgangsrapportage;
    the actions, goals and figures come from elsewhere."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="year_texts")
    document = models.CharField(max_length=20)  # reports DocumentKind, a yearly one
    year = models.PositiveSmallIntegerField("jaar")
    inleiding = models.TextField("inleiding", blank=True)
    veranderd = models.TextField("wat veranderde", blank=True)
    vooruitblik = models.TextField("wat komt", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "teksten van een jaardocument"
        verbose_name_plural = "teksten van jaardocumenten"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "document", "year"], name="year_texts_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.year} {self.project}"


class Actualisatie(models.Model):
    """The update of the kadernota after two years: the goals measured so far, the
    priorities kept, changed or added with reasons, and a new kadernota version marked as
    actualisatie. The raad decides on it or takes note, as the gemeente chooses."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="actualisaties")
    mode = models.CharField(
        "behandeling door de raad",
        max_length=12,
        choices=ActualisatieMode.choices,
        default=ActualisatieMode.BESLUIT,
    )
    reason = models.TextField("aanleiding", blank=True)
    # The kadernota version made for it, and the vastgestelde one it is compared with.
    version = models.ForeignKey(
        "reports.ReportVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    compared_with = models.ForeignKey(
        "reports.ReportVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # How the raad dealt with it: a besluit (date, number, outcome) or a kennisname (date and
    # the brief's kenmerk, no outcome).
    raad_date = models.DateField("datum behandeling in de raad", null=True, blank=True)
    raad_reference = models.CharField("besluitnummer of kenmerk", max_length=80, blank=True)
    raad_outcome = models.CharField("uitkomst", max_length=20, choices=Outcome.choices, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "actualisatie"
        verbose_name_plural = "actualisaties"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Actualisatie {self.project}"


class PriorityChange(models.Model):
    """One priority in an actualisatie: kept, changed, added or dropped, and why."""

    actualisatie = models.ForeignKey(
        Actualisatie, on_delete=models.CASCADE, related_name="priority_changes"
    )
    theme = models.ForeignKey("analysis.AnalysisTheme", on_delete=models.CASCADE, related_name="+")
    change = models.CharField("wat er gebeurt", max_length=10, choices=PriorityChangeKind.choices)
    reason = models.TextField("reden", blank=True)

    objects = tenant_manager("actualisatie__project__gemeente")

    class Meta:
        verbose_name = "prioriteit in de actualisatie"
        verbose_name_plural = "prioriteiten in de actualisatie"
        constraints = [
            models.UniqueConstraint(fields=["actualisatie", "theme"], name="priority_change_unique")
        ]

    def __str__(self) -> str:
        return f"{self.theme}: {self.get_change_display()}"
