from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Report structures, rendering to PDF/DOCX and review by the raad."""

    name = "reports"
    verbose_name = "Rapporten"
