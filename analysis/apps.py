from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    """Survey import, indicators, the veiligheidsanalyse and priorities."""

    name = "analysis"
    verbose_name = "Veiligheidsanalyse"
