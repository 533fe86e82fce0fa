from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    """Survey import, indicators, the veiligheidsanalyse and priorities (later issues)."""

    name = "analysis"
    verbose_name = "Veiligheidsanalyse"
