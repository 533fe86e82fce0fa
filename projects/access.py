"""Access that ends: the end dates of memberships and the warning before them (issue 14).

A membership gives access through its ``ends_on`` (inclusive, Dutch local date); after that
``Membership.objects.active()`` leaves it out everywhere, so the person gets 404 and no mails.

Where end dates come from:

- A raadslid's access ends with the raadsperiode: a new raadslid membership gets the
  gemeente's ``raadsperiode_ends_on``. When that date changes, the raadsleden whose end is
  empty or still the old term end follow the new date; an end an editor set by hand to
  another date (someone who left the raad early) is kept, neither extended nor shortened.
- A partner's access ends when their werkgroep closes: setting a project's
  ``werkgroep_ends_on`` sets the end of the partner memberships of the accounts linked to that
  project's werkgroep (``WerkgroepMember.user``) to the latest closing date of the werkgroepen
  they sit in within the gemeente. While one of those werkgroepen is still open (no closing
  date) their access does not end; an end that only followed the old closing date is cleared.
- Editors set or clear any member's end date on the members page.

Whoever's end date changes is warned again before the new date (``end_warned_at`` cleared).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .constants import Role
from .models import Gemeente, Membership, Project

WARN_DAYS_BEFORE = 14


def _audit(**kwargs) -> None:
    from .services import audit_record  # services imports this module's callers

    audit_record(**kwargs)


def _set_end(membership: Membership, ends_on: datetime.date | None) -> bool:
    """Store a new end date; a changed date is warned about again. True if it changed."""
    if membership.ends_on == ends_on:
        return False
    membership.ends_on = ends_on
    membership.end_warned_at = None
    membership.save(update_fields=["ends_on", "end_warned_at"])
    return True


def raadslid_default_end(gemeente: Gemeente, role: str) -> datetime.date | None:
    """The end date a new membership gets: the term end for a raadslid, none otherwise."""
    return gemeente.raadsperiode_ends_on if role == Role.RAADSLID else None


@transaction.atomic
def membership_end_set(*, actor, membership: Membership, ends_on: datetime.date | None) -> bool:
    """An editor sets (or clears, with None) the last day of a member's access."""
    if membership.gemeente is None:
        raise ValidationError("Leden van een bureau beheert u bij het bureau.")
    today = timezone.localdate()
    if membership.user_id == getattr(actor, "pk", None) and ends_on is not None:
        raise ValidationError("U kunt het einde van uw eigen toegang niet instellen.")
    if ends_on is not None and ends_on < today and membership.ends_on != ends_on:
        raise ValidationError(
            {
                "ends_on": "Kies vandaag of een latere datum; wie geen toegang meer hoeft, "
                "verwijdert u."
            }
        )
    old = membership.ends_on
    if not _set_end(membership, ends_on):
        return False
    _audit(
        actor=actor,
        action="einde toegang gewijzigd",
        obj=membership,
        gemeente=membership.gemeente,
        detail={
            "e-mail": membership.user.email,
            "van": old.isoformat() if old else "",
            "naar": ends_on.isoformat() if ends_on else "",
        },
    )
    return True


def raadsperiode_apply(
    *, actor, gemeente: Gemeente, old: datetime.date | None, new: datetime.date | None
) -> int:
    """After the term end changed from ``old`` to ``new``: the raadsleden who followed the
    term (no end, or the old term end) follow the new one. Returns how many changed."""
    if old == new:
        return 0
    changed = 0
    raadsleden = Membership.objects.filter(gemeente=gemeente, role=Role.RAADSLID)
    for membership in raadsleden.select_related("user"):
        if membership.ends_on is not None and membership.ends_on != old:
            continue  # set by hand to another day: kept
        changed += _set_end(membership, new)
    if changed:
        _audit(
            actor=actor,
            action="einde toegang raadsleden gewijzigd",
            obj=gemeente,
            gemeente=gemeente,
            detail={
                "einde raadsperiode": new.isoformat() if new else "",
                "aantal raadsleden": changed,
            },
        )
    return changed


def werkgroep_end_apply(
    *, actor, project: Project, old: datetime.date | None, new: datetime.date | None
) -> int:
    """After the project's werkgroep closing date changed from ``old`` to ``new``: the linked
    partners' access ends with the last of their werkgroepen in this gemeente. Returns how
    many memberships changed."""
    from kernbeleid.models import WerkgroepMember

    if old == new:
        return 0
    user_ids = set(
        WerkgroepMember.objects.filter(project=project, user__isnull=False).values_list(
            "user", flat=True
        )
    )
    partners = Membership.objects.filter(
        gemeente=project.gemeente, role=Role.PARTNER, user_id__in=user_ids
    ).select_related("user")
    changed = 0
    for membership in partners:
        closing = list(
            Project.objects.filter(
                gemeente=project.gemeente,
                werkgroep__user=membership.user_id,
                werkgroep__removed_at__isnull=True,  # a join passes no manager
            )
            .distinct()
            .values_list("werkgroep_ends_on", flat=True)
        )
        if None in closing:  # another werkgroep is still open
            target = None if membership.ends_on == old else membership.ends_on
        else:
            target = max(closing)
        if _set_end(membership, target):
            changed += 1
            _audit(
                actor=actor,
                action="einde toegang partner gewijzigd",
                obj=membership,
                project=project,
                detail={
                    "e-mail": membership.user.email,
                    "naar": target.isoformat() if target else "",
                },
            )
    return changed


# --- The warning, 14 days before --------------------------------------------------------


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def contacts_for(gemeente: Gemeente) -> list[dict]:
    """Whom a member whose access ends can ask: the gemeente's own ambtenaren (the
    bureau's adviseurs when it has none), with access today."""
    members = list(
        Membership.objects.active()
        .filter(gemeente=gemeente, role__in=[Role.AMBTENAAR, Role.ADVISEUR], user__is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name", "user__email")
    )
    if not members:
        members = list(
            Membership.objects.active()
            .filter(bureau__gemeenten=gemeente, role=Role.ADVISEUR, user__is_active=True)
            .select_related("user")
            .order_by("user__full_name", "user__email")
        )
    return [{"name": m.user.full_name or m.user.email, "email": m.user.email} for m in members]


def warnings_due(today: datetime.date):
    """Memberships whose access ends within 14 days from today (today included), not yet
    warned: the day itself is 14 days before, and a missed run or a date set at short notice
    is caught up by the next run."""
    return (
        Membership.objects.filter(
            gemeente__isnull=False,
            end_warned_at=None,
            ends_on__gte=today,
            ends_on__lte=today + datetime.timedelta(days=WARN_DAYS_BEFORE),
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "gemeente")
        .order_by("gemeente_id", "ends_on", "user__email")
    )


def _render(template: str, context: dict, to: list[str]) -> EmailMessage:
    with translation.override("nl"):
        subject = render_to_string(f"projects/email/{template}_subject.txt", context)
        body = render_to_string(f"projects/email/{template}.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=to)


def access_warnings_send(today: datetime.date) -> int:
    """The daily run: mail each person whose access ends within 14 days, once
    (``end_warned_at``, claimed before sending and given back if the mail fails), saying until
    when and whom to ask; then one mail per gemeente editor listing those people. Returns how
    many mails went out. Idempotent: a second run on the same day sends nothing."""
    sent = 0
    by_gemeente: dict[int, list[Membership]] = {}
    for membership in warnings_due(today):
        now = timezone.now()
        claimed = Membership.objects.filter(pk=membership.pk, end_warned_at=None).update(
            end_warned_at=now
        )
        if not claimed:
            continue  # another run got it first
        gemeente = membership.gemeente
        context = {
            "member": membership.user,
            "membership": membership,
            "gemeente": gemeente,
            "ends_on": membership.ends_on,
            "contacts": contacts_for(gemeente),
            "link": _link(reverse("projects:gemeente_home", args=[gemeente.slug])),
        }
        try:
            with get_connection() as connection:
                sent += (
                    connection.send_messages(
                        [_render("access_ending", context, [membership.user.email])]
                    )
                    or 0
                )
        except Exception:
            Membership.objects.filter(pk=membership.pk, end_warned_at=now).update(
                end_warned_at=None
            )
            raise
        by_gemeente.setdefault(gemeente.pk, []).append(membership)
    for memberships in by_gemeente.values():
        gemeente = memberships[0].gemeente
        messages = [
            _render(
                "access_ending_editors",
                {
                    "gemeente": gemeente,
                    "memberships": memberships,
                    "link": _link(reverse("projects:gemeente_members", args=[gemeente.slug])),
                },
                [editor["email"]],
            )
            for editor in contacts_for(gemeente)
        ]
        if messages:
            with get_connection() as connection:
                sent += connection.send_messages(messages) or 0
    return sent
