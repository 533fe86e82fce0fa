from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


def _load_standard_structures(sender, using, apps=global_apps, **kwargs) -> None:
    """After every migrate, and after every flush (transactional tests empty the tables), the
    standard structures (standaardindeling) are there, so the pages only read them. A migrate
    passes the migrated state's models; a flush passes none and gets the current ones."""
    from .constants import load_standard_structures

    try:
        structure = apps.get_model("reports", "ReportStructure")
        section = apps.get_model("reports", "StructureSection")
    except LookupError:  # migrated back to before the reports tables
        return
    load_standard_structures(structure, section, using=using)


class ReportsConfig(AppConfig):
    """Report structures, rendering to PDF/DOCX and review by the raad."""

    name = "reports"
    verbose_name = "Rapporten"

    def ready(self) -> None:
        post_migrate.connect(_load_standard_structures, sender=self)
