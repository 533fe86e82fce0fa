"""Rendering on the `render` queue: late acks and rejection on a lost worker, so a render
whose worker dies runs again; time limits (RENDER_SOFT_TIME_LIMIT and RENDER_TIME_LIMIT in the
settings) so a stuck render ends."""

from celery import shared_task
from django.conf import settings

from projects.scopes import project_scope, scopes_disabled

from .models import RenderRun


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.RENDER_SOFT_TIME_LIMIT,
    time_limit=settings.RENDER_TIME_LIMIT,
)
def render_report(run_uuid: str) -> None:
    from . import services

    with scopes_disabled():  # found by its uuid before its gemeente is known
        run = (
            RenderRun.objects.select_related("version__project__gemeente")
            .filter(uuid=run_uuid)
            .first()
        )
    if run is not None:
        with project_scope(run.version.project):
            services.render_execute(run=run)


# Mails and the daily checks go on the default queue (CELERY_TASK_ROUTES sends only the
# render to `render`). A mail server that is away (OSError, which smtplib's errors are) is
# worth a retry the same day; the services claim their work first, so a retry never mails
# anyone twice.
@shared_task(autoretry_for=(OSError,), retry_backoff=300, max_retries=5)
def send_publication_mails(publication_id: int, user_ids: list[int] | None = None) -> int:
    from . import mails

    with scopes_disabled():  # found by its id; its readers are those of its own gemeente
        return mails.publication_mails_send(publication_id, user_ids)


@shared_task(autoretry_for=(OSError,), retry_backoff=300, max_retries=5)
def send_consultation_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): the reminder two days before a consultation closes."""
    from django.utils import timezone

    from . import mails

    with scopes_disabled():
        return mails.consultation_reminders_send(timezone.localdate())


@shared_task
def ensure_final_files() -> int:
    """Daily: a vastgestelde version whose PDF or DOCX failed or is missing gets it again."""
    from . import services

    with scopes_disabled():
        return services.final_files_check()
