from django.apps import AppConfig
from django.db.models.signals import post_save


class AnalysisConfig(AppConfig):
    """The survey figures (analysis.figures) and the veiligheidsanalyse (analysis.narrative)."""

    name = "analysis"
    verbose_name = "Veiligheidsanalyse"

    def ready(self) -> None:
        # A new project gets its veiligheidsanalyse settings, fields and themes however it is
        # made: the project service, the admin, the demo data or a test factory. Its drafts
        # follow its first import (figures.services.comparisons_refresh).
        post_save.connect(
            _project_created, sender="projects.Project", dispatch_uid="analysis.structure_create"
        )


def _project_created(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:  # raw: loaddata brings the rows it needs itself
        from .narrative.services import analysis_structure_create

        analysis_structure_create(project=instance)
