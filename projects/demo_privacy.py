"""Demo of the privacy of respondent files (issue 14): in Almere's traject the raw file of
the oldest Veiligheidsmonitor edition was deleted by the ambtenaar once its figures were
checked, so its import page shows "verwijderd op … (controlegetal …)" while the figures
stay; the other editions show when the retention period will delete theirs."""

from analysis.figures.constants import ImportKind, ImportStatus
from analysis.figures.services.raw_files import raw_file_delete
from analysis.models import ImportRun

from .demo_dating import demo_user
from .models import Project

ALMERE = "GM0034"


def demo_privacy_load() -> list[str]:
    """Idempotent: once a raw file of the project is deleted, nothing more happens."""
    project = (
        Project.objects.filter(gemeente__cbs_code=ALMERE, editions__isnull=False)
        .order_by("created_at")
        .first()
    )
    if project is None:
        return []
    runs = ImportRun.objects.filter(
        project=project, kind=ImportKind.SURVEY, status=ImportStatus.DONE
    )
    if runs.filter(file_deleted_at__isnull=False).exists():
        return []
    oldest = runs.exclude(file="").order_by("year").first()
    if oldest is None:
        return []
    actor = demo_user(f"ambtenaar@{project.gemeente.slug}.demo.nl")
    raw_file_delete(actor=actor, run=oldest, reason="verwijderd op verzoek: cijfers gecontroleerd")
    return [f"Almere: ruw bestand van editie {oldest.year} verwijderd (privacy)"]
