"""The optional second factor (TOTP), password reset mail and account-level actions."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import AccountPasswordResetForm


def user_has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_throttled(*, user) -> bool:
    """django-otp waits longer after each wrong code; say so instead of 'wrong code'."""
    return any(
        not device.verify_is_allowed()[0]
        for device in TOTPDevice.objects.filter(user=user, confirmed=True)
    )


def user_may_use_second_factor(user) -> bool:
    """Only those who edit (adviseurs, ambtenaren) and platform staff set up TOTP."""
    from projects.constants import Role

    if user.is_staff:
        return True
    return user.memberships.active().filter(role__in=[Role.ADVISEUR, Role.AMBTENAAR]).exists()


TOTP_NAME = "Authenticator-app"


def totp_key_new() -> str:
    """A fresh TOTP key (hex) for setting up; it lives in the session until confirmed, so
    opening the setup page stores nothing."""
    from django_otp.util import random_hex

    return random_hex(20)


def totp_device_unsaved(*, user, key: str) -> TOTPDevice:
    """The device the QR code describes, not stored."""
    return TOTPDevice(user=user, key=key, name=TOTP_NAME, confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user, key: str, token: str) -> TOTPDevice | None:
    """Store and confirm the device for `key` when `token` is right; None otherwise.

    Wrong tries are counted on a stored unconfirmed device for the same key, so django-otp's
    growing wait holds across tries; other unconfirmed devices of the user are removed.
    """
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(key=key).delete()
    device = TOTPDevice.objects.filter(user=user, confirmed=False, key=key).first()
    device = device or totp_device_unsaved(user=user, key=key)
    if not device.verify_token(token.strip()):  # saves, with the wrong try counted
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _audit(user, "tweestapsverificatie aangezet")
    return device


@transaction.atomic
def totp_disable(*, user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    _audit(user, "tweestapsverificatie uitgezet")


def password_reset_request(*, email: str, domain: str, use_https: bool) -> None:
    """Queue the mail with a link to choose a new password. The request does exactly this
    for every address, known or not: it neither looks the address up nor sends, so neither
    its answer nor its timing tells whether an account exists. The task does both."""
    from . import tasks

    transaction.on_commit(lambda: tasks.password_reset_send.delay(email, domain, use_https))


def password_reset_send(*, email: str, domain: str, use_https: bool) -> int:
    """Mail the link (Django's one-use token) to the active account with this address;
    nothing for an unknown or inactive one. `domain` and `use_https` are those of the site
    the person asked on, so the link leads back there. Returns the number of accounts mailed."""
    form = AccountPasswordResetForm({"email": email})
    if not form.is_valid():
        return 0
    recipients = len(list(form.get_users(form.cleaned_data["email"])))
    form.save(
        domain_override=domain,
        use_https=use_https,
        subject_template_name="accounts/email/password_reset_subject.txt",
        email_template_name="accounts/email/password_reset.txt",
    )
    return recipients


def _audit(user, action: str) -> None:
    from projects.services import audit_record

    audit_record(actor=user, action=action, obj=user)


@transaction.atomic
def publication_mails_set(*, user, enabled: bool) -> None:
    """The reader's own choice: an e-mail when something is published to them and the
    reminder before a consultation closes, or neither."""
    if user.publication_mails == enabled:
        return
    user.publication_mails = enabled
    user.save(update_fields=["publication_mails"])
    _audit(
        user, "e-mail bij publicaties aangezet" if enabled else "e-mail bij publicaties uitgezet"
    )


def tour_close(*, user) -> None:
    """The user closed the "Zo werkt Integraal" panel: it stays away until reopened. Not
    audited: it changes only what this user sees."""
    from django.utils import timezone

    if user.tour_seen_at is None:
        user.tour_seen_at = timezone.now()
        user.save(update_fields=["tour_seen_at"])


def tour_reopen(*, user) -> None:
    """Show the panel again (on the starting pages, and on the page the Help menu was used
    from), until the user closes it once more."""
    if user.tour_seen_at is not None:
        user.tour_seen_at = None
        user.save(update_fields=["tour_seen_at"])
