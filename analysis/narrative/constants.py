"""Choices and fixed lists of the veiligheidsanalyse."""

from django.db import models


class AnalysisStatus(models.TextChoices):
    CONCEPT = "concept", "concept"
    REVIEW = "review", "ter review"
    DEFINITIEF = "definitief", "definitief"


# The texts of a theme in the veiligheidsanalyse, in the order the page and reports show them.
THEME_TEXTS = (
    ("knelpunten", "Belangrijkste knelpunten"),
    ("huidige_aanpak", "Huidige aanpak"),
    ("partners", "Betrokken partners"),
    ("verbeterpunten", "Verbeterpunten: aanscherpen of verbeteren"),
    ("bronnen", "Gebruikte bronnen"),
)

# Criteria for ranking themes (1 = laag, 5 = hoog); weights are set per project.
PRIORITY_CRITERIA = (
    ("omvang", "Omvang"),
    ("ernst", "Ernst"),
    ("trend", "Trend"),
    ("beleving", "Beleving"),
    ("beinvloedbaarheid", "Beïnvloedbaarheid"),
)


class ThemeCoverage(models.TextChoices):
    """How far a theme is worked out in this project (shared/domain: basisniveau)."""

    UITGEWERKT = "uitgewerkt", "uitgewerkt"
    BASISNIVEAU = "basisniveau", "basisniveau"
    NVT = "nvt", "niet van toepassing"


class ParticipationMethod(models.TextChoices):
    """How residents gave their input before priorities were set (CCV advises it)."""

    BEWONERSBIJEENKOMST = "bijeenkomst", "bewonersbijeenkomst"
    INWONERSPANEL = "panel", "inwonerspanel"
    WIJKSCHOUW = "wijkschouw", "wijkschouw"
    ENQUETE = "enquete", "enquête"
    OVERIG = "overig", "anders"


class PartnerInputField(models.TextChoices):
    """The parts of a partner's input on a theme."""

    SIGNALS = "signals", "signalen"
    FIGURES = "figures", "eigen cijfers"
    APPROACH = "approach", "huidige aanpak"
