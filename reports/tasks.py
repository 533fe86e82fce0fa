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
