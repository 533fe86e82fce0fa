"""How people are named on pages: by name with their role and organisation, never by their
e-mail address (comments, the audit log, histories).

    person_label(user, gemeente=gemeente)  ->  "Petra de Vries (partner, Politie)"

The role and organisation are those of the user's membership in the gemeente (or of the bureau
that serves it). A user without a name is named by role, not by address.
"""

from .constants import Role
from .models import Gemeente, Membership

NO_NAME = "Gebruiker zonder naam"


def _membership(user, gemeente: Gemeente | None) -> Membership | None:
    if gemeente is None:
        return None
    own = Membership.objects.filter(user=user, gemeente=gemeente).first()
    if own is not None:
        return own
    return (
        Membership.objects.filter(user=user, bureau__gemeenten=gemeente)
        .select_related("bureau")
        .first()
    )


def _details(membership: Membership | None) -> str:
    if membership is None:
        return ""
    role = Role(membership.role).value  # the Dutch word itself: adviseur, ambtenaar, ...
    organisation = membership.organisation.strip() or (
        membership.bureau.name if membership.bureau_id else ""
    )
    return f"{role}, {organisation}" if organisation else role


def person_label(user, *, gemeente: Gemeente | None = None) -> str:
    """ "Naam (rol, organisatie)"; just the name outside a gemeente. Fits a 254-character
    label field."""
    name = (getattr(user, "full_name", "") or "").strip() or NO_NAME
    details = _details(_membership(user, gemeente))
    label = f"{name} ({details})" if details else name
    return label[:254]
