"""Background jobs of the projects app. Tasks take ids and call one service."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def membership_send_invitation(membership_uuid: str, domain: str, use_https: bool) -> int:
    """Mail a new member the link to choose a password; returns the number of mails sent."""
    return services.membership_send_invitation(
        membership_uuid=membership_uuid, domain=domain, use_https=use_https
    )
