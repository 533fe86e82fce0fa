"""Background jobs of the projects app. Tasks take ids and call one service."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def membership_send_invitation(membership_uuid: str, domain: str, use_https: bool) -> int:
    """Mail a new member the link to choose a password; returns the number of mails sent."""
    return services.membership_send_invitation(
        membership_uuid=membership_uuid, domain=domain, use_https=use_https
    )


# A mail server that is away (OSError, which smtplib's errors are) is worth a retry the same
# day; the claim (end_warned_at) is given back when a send fails, so nobody is mailed twice.
@shared_task(autoretry_for=(OSError,), retry_backoff=300, max_retries=5)
def warn_access_ending() -> int:
    """The daily run (CELERY_BEAT_SCHEDULE): mail those whose access ends within 14 days."""
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from .access import access_warnings_send

    with scopes_disabled():
        return access_warnings_send(timezone.localdate())
