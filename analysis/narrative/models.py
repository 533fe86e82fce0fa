"""The veiligheidsanalyse of a project: fields and themes (copied from the catalogue, then
the project's own), the texts per theme with their history, generated drafts, priorities."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from projects.models import Project
from projects.scopes import tenant_manager

from ..catalogue import with_code
from ..figures.models import Area
from .constants import AnalysisStatus, ParticipationMethod, ThemeCoverage


class AnalysisSettings(models.Model):
    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="analysis_settings"
    )
    catalogue_version = models.CharField("catalogusversie", max_length=40)
    weight_omvang = models.FloatField("weging omvang", default=1.0)
    weight_ernst = models.FloatField("weging ernst", default=1.0)
    weight_trend = models.FloatField("weging trend", default=1.0)
    weight_beleving = models.FloatField("weging beleving", default=1.0)
    weight_beinvloedbaarheid = models.FloatField("weging beïnvloedbaarheid", default=1.0)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "instellingen veiligheidsanalyse"
        verbose_name_plural = "instellingen veiligheidsanalyse"

    def __str__(self) -> str:
        return f"Veiligheidsanalyse {self.project}"


class AnalysisField(models.Model):
    """A veiligheidsveld in this project (the five of KBV, cross-cutting themes, or own)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="analysis_fields")
    code = models.CharField("code", max_length=10)
    name = models.CharField("naam", max_length=150)
    position = models.PositiveSmallIntegerField(default=0)
    hidden = models.BooleanField("verborgen", default=False)
    custom = models.BooleanField("eigen veld", default=False)
    status = models.CharField(
        "status", max_length=20, choices=AnalysisStatus.choices, default=AnalysisStatus.CONCEPT
    )

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "veiligheidsveld"
        verbose_name_plural = "veiligheidsvelden"
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="field_unique_code")
        ]

    def __str__(self) -> str:
        return with_code(self.code, self.name, ". ")


class AnalysisTheme(models.Model):
    """A theme with the texts the werkgroep writes and the scores for prioritising it.

    `version` guards against two people saving over each other (compare-and-set).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    field = models.ForeignKey(AnalysisField, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField("code", max_length=12)
    name = models.CharField("naam", max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    hidden = models.BooleanField("verborgen", default=False)
    custom = models.BooleanField("eigen thema", default=False)
    indicator_codes = models.JSONField("gekoppelde indicatoren", default=list, blank=True)
    knelpunten = models.TextField("belangrijkste knelpunten", blank=True)
    huidige_aanpak = models.TextField("huidige aanpak", blank=True)
    partners = models.TextField("betrokken partners", blank=True)
    verbeterpunten = models.TextField("verbeterpunten", blank=True)
    bronnen = models.TextField("gebruikte bronnen", blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)
    omvang = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    ernst = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    trend = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    beleving = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    beinvloedbaarheid = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    proposed_priority = models.BooleanField("voorgesteld als prioriteit", default=False)
    priority_reasoning = models.TextField("onderbouwing", blank=True)
    # A theme not worked out needs no texts and does not hold up the analysis; the kadernota
    # lists it under "overige thema's" with this reasoning instead of dropping it silently.
    coverage = models.CharField(
        "uitwerking", max_length=12, choices=ThemeCoverage.choices, default=ThemeCoverage.UITGEWERKT
    )
    coverage_reasoning = models.CharField("toelichting", max_length=300, blank=True)

    objects = tenant_manager("field__project__gemeente")

    class Meta:
        verbose_name = "thema"
        verbose_name_plural = "thema's"
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["field", "code"], name="theme_unique_code")]

    def __str__(self) -> str:
        return with_code(self.code, self.name)

    @property
    def worked_out(self) -> bool:
        """Worked out in texts and scores; a theme marked basisniveau or niet van toepassing
        shows its reasoning instead."""
        return self.coverage == ThemeCoverage.UITGEWERKT


class ThemeRevision(models.Model):
    """A saved state of a theme's texts: who, when, and the texts as they were then."""

    theme = models.ForeignKey(AnalysisTheme, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    texts = models.JSONField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField(max_length=254, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    objects = tenant_manager("theme__field__project__gemeente")

    class Meta:
        verbose_name = "versie"
        verbose_name_plural = "versies"
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "version"], name="revision_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.theme} v{self.version}"


class GeneratedDraft(models.Model):
    """Text generated from the stored results: per theme (gemeente) or per wijk.

    Kept apart from what people write, so a new import refreshes it without touching theirs.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="drafts")
    theme = models.ForeignKey(
        AnalysisTheme, on_delete=models.CASCADE, null=True, blank=True, related_name="drafts"
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="drafts")
    paragraphs = models.JSONField(default=list)
    generated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "gegenereerde tekst"
        verbose_name_plural = "gegenereerde teksten"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "theme", "area"],
                condition=models.Q(theme__isnull=False),
                name="draft_unique_theme_area",
            ),
            models.UniqueConstraint(
                fields=["project", "area"],
                condition=models.Q(theme__isnull=True),
                name="draft_unique_wijk",
            ),
        ]

    def __str__(self) -> str:
        return f"Concepttekst {self.theme or self.area}"


class PartnerInput(models.Model):
    """A werkgroep partner's input on a theme, in their organisation's name: signals, their
    own figures, their current approach. The ambtenaar reads it beside the theme and adopts
    parts into the theme's texts (InputAdoption), with the source kept."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    theme = models.ForeignKey(
        AnalysisTheme, on_delete=models.CASCADE, related_name="partner_inputs"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField(max_length=254)  # kept when the account is removed
    organisation = models.CharField("organisatie", max_length=150)
    signals = models.TextField("signalen", blank=True)
    figures = models.TextField("eigen cijfers", blank=True)
    approach = models.TextField("huidige aanpak", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("theme__field__project__gemeente")

    class Meta:
        verbose_name = "inbreng partner"
        verbose_name_plural = "inbreng partners"
        ordering = ["organisation", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "author"], name="partner_input_per_author")
        ]

    def __str__(self) -> str:
        return f"Inbreng {self.organisation} over {self.theme}"


class InputAdoption(models.Model):
    """A part of a partner's input taken into a theme text: which text, what was taken, and
    from whom, so the theme shows its source."""

    partner_input = models.ForeignKey(
        PartnerInput, on_delete=models.PROTECT, related_name="adoptions"
    )
    theme = models.ForeignKey(AnalysisTheme, on_delete=models.CASCADE, related_name="adoptions")
    input_field = models.CharField("uit", max_length=20)  # a PartnerInputField value
    theme_field = models.CharField("naar", max_length=40)  # a theme text field
    text = models.TextField("overgenomen tekst")
    source_label = models.CharField("bron", max_length=300)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    adopted_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("theme__field__project__gemeente")

    class Meta:
        verbose_name = "overgenomen inbreng"
        verbose_name_plural = "overgenomen inbreng"
        ordering = ["adopted_at"]

    def __str__(self) -> str:
        return f"{self.source_label} → {self.theme}"


class Participation(models.Model):
    """What residents said before priorities were set: a bewonersbijeenkomst, inwonerspanel,
    wijkschouw or enquête, with date, reach and main points, linked to themes and wijken."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    method = models.CharField("vorm", max_length=20, choices=ParticipationMethod.choices)
    title = models.CharField("titel", max_length=200)
    held_on = models.DateField("datum")
    reach = models.PositiveIntegerField("bereik (aantal deelnemers)", null=True, blank=True)
    reach_note = models.CharField("toelichting op het bereik", max_length=300, blank=True)
    main_points = models.TextField("belangrijkste punten")
    themes = models.ManyToManyField(
        AnalysisTheme, blank=True, related_name="participations", verbose_name="thema's"
    )
    areas = models.ManyToManyField(
        Area, blank=True, related_name="participations", verbose_name="wijken"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "participatie"
        verbose_name_plural = "participatie"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_method_display().capitalize()}: {self.title} ({self.held_on})"
