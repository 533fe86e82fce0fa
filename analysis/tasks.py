"""Background jobs of the analysis app: reading and computing imports (queue `import`)."""

from celery import shared_task

from projects.scopes import project_scope, scopes_disabled

from .figures.constants import ImportKind
from .figures.models import ImportRun


def _run(run_uuid: str) -> ImportRun | None:
    with scopes_disabled():  # found by its uuid before its gemeente is known
        return ImportRun.objects.select_related("project__gemeente").filter(uuid=run_uuid).first()


@shared_task
def import_read(run_uuid: str) -> None:
    """Read an uploaded file: a survey is listed for mapping, tables are imported at once."""
    from .figures import services

    run = _run(run_uuid)
    if run is None:
        return
    with project_scope(run.project), services.failing_run_reported(run):
        if run.kind == ImportKind.SURVEY:
            services.survey_read(run=run)
        else:
            services.table_import(run=run)


@shared_task
def survey_preview(run_uuid: str) -> None:
    """Compute a mapped survey's figures for checking; nothing is stored."""
    from .figures import services

    run = _run(run_uuid)
    if run is not None:
        with project_scope(run.project):
            services.survey_preview(run=run)


@shared_task
def survey_store(run_uuid: str) -> None:
    """Store a checked survey edition."""
    from .figures import services

    run = _run(run_uuid)
    if run is not None:
        with project_scope(run.project):
            services.survey_store(run=run)


@shared_task
def own_area_figures(project_uuid: str) -> None:
    """The own areas' figures of every edition, again from the stored files."""
    from projects.models import Project

    from .figures.services.own_area_figures import own_area_figures_refresh

    with scopes_disabled():  # found by its uuid before its gemeente is known
        project = Project.objects.select_related("gemeente").filter(uuid=project_uuid).first()
    if project is not None:
        with project_scope(project):
            own_area_figures_refresh(project=project)


@shared_task
def purge_raw_files() -> int:
    """The daily retention run (CELERY_BEAT_SCHEDULE, 04:00 Europe/Amsterdam): delete every
    respondent file past its gemeente's retention period. Idempotent: a deleted file is
    not looked at again, so a second run the same day deletes nothing."""
    from .figures.services.raw_files import raw_files_purge

    # One run serves every gemeente, each with its own retention period.
    with scopes_disabled():
        return len(raw_files_purge())
