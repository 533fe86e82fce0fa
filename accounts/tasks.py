"""Background jobs of the accounts app (queue `default`)."""

from celery import shared_task

from . import services


# No retry: Django's reset form logs a mail that could not be sent instead of raising, and
# whoever asked can ask again.
@shared_task
def password_reset_send(email: str, domain: str, use_https: bool) -> int:
    """Mail the link to choose a new password to the active account with this address, if
    there is one. Takes the address as typed, not a user id: the request that queues this
    must not look the address up, or its timing would tell whether an account exists.
    Returns the number of accounts mailed."""
    return services.password_reset_send(email=email, domain=domain, use_https=use_https)
