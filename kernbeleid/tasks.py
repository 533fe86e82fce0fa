"""Background jobs of the kernbeleid app (queue `default`), started by Celery beat."""

from celery import shared_task
from django.utils import timezone
from django_scopes import scopes_disabled


# A mail server that is away (OSError, which smtplib's errors are) is worth a retry the
# same day: the moments are exact days, and a reminder missed today is gone tomorrow.
@shared_task(autoretry_for=(OSError,), retry_backoff=300, max_retries=5)
def send_deadline_reminders() -> int:
    """The daily reminder run (CELERY_BEAT_SCHEDULE, 07:00 Europe/Amsterdam). Idempotent:
    a second run on the same day sends nothing new, so retries are safe."""
    from .cycle.services import reminders_send

    # One run serves every gemeente; each reminder goes to its own gemeente's members.
    with scopes_disabled():
        return reminders_send(timezone.localdate())
