from django.apps import AppConfig
from django.db.models.signals import post_save


class KernbeleidConfig(AppConfig):
    """The 12-step Kernbeleid Veiligheid workflow, its step products and the yearly cycle."""

    name = "kernbeleid"
    verbose_name = "Kernbeleid Veiligheid"

    def ready(self) -> None:
        # A new project gets its traject and default beleidsvragen however it is made: the
        # project service, the admin, the demo data or a test factory.
        post_save.connect(
            _project_created, sender="projects.Project", dispatch_uid="kernbeleid.project_prepare"
        )


def _project_created(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:  # raw: loaddata brings the rows it needs itself
        from .services import project_prepare

        project_prepare(project=instance)
