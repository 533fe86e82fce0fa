"""Reads, always scoped to what a user may see."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from .constants import Role
from .models import AuditEntry, Gemeente, Membership, Project


@dataclass(frozen=True)
class GemeenteAccess:
    """What one user may do in one gemeente."""

    gemeente: Gemeente
    role: Role

    @property
    def can_edit(self) -> bool:
        return self.role.can_edit

    @property
    def gemeente_ids(self) -> frozenset[int]:
        """The gemeenten this access reaches: the scope of the request's queries. A set, so a
        project shared by several gemeenten can later be reached from each of them."""
        return frozenset({self.gemeente.pk})


def gemeenten_for_user(user) -> QuerySet[Gemeente]:
    if not user.is_authenticated:
        return Gemeente.objects.none()
    active = Membership.objects.active().filter(user=user)
    own = active.filter(gemeente__isnull=False).values("gemeente")
    via_bureau = active.filter(role=Role.ADVISEUR, bureau__isnull=False).values("bureau")
    return (
        Gemeente.objects.filter(Q(pk__in=own) | Q(bureaus__in=via_bureau))
        .distinct()
        .select_related("provincie", "veiligheidsregio")
    )


def gemeente_ids_for_user(user) -> frozenset[int]:
    return frozenset(gemeenten_for_user(user).values_list("pk", flat=True))


def role_in_gemeente(user, gemeente: Gemeente) -> Role | None:
    """The user's role here: a direct membership, or adviseur through a bureau serving it.

    Where both exist the one that may do more wins, so a bureau adviseur who is also
    listed as partner somewhere keeps editing rights.
    """
    if not user.is_authenticated:
        return None
    # One query (every page asks): the memberships here, and adviseur ones of a bureau
    # serving this gemeente.
    roles = [
        Role(role)
        for role in Membership.objects.active()
        .filter(user=user)
        .filter(Q(gemeente=gemeente) | Q(role=Role.ADVISEUR, bureau__gemeenten=gemeente))
        .values_list("role", flat=True)
    ]
    if not roles:
        return None
    return max(roles, key=lambda role: (role.can_edit, role == Role.ADVISEUR))


def role_in_project(user, project: Project) -> Role | None:
    """The user's role in a plan: in its gemeente, or for a joint plan the strongest of their
    roles in the plan's gemeenten (the lead and those that joined)."""
    if not project.joint:
        return role_in_gemeente(user, project.gemeente)
    from .scopes import project_gemeente_ids

    roles = [r for r in roles_in_gemeenten(user, project_gemeente_ids(project)).values() if r]
    if not roles:
        return None
    return max(roles, key=lambda role: (role.can_edit, role == Role.ADVISEUR))


def roles_in_gemeenten(user, gemeente_ids) -> dict[int, Role | None]:
    """role_in_gemeente for several gemeenten in two queries, by gemeente id."""
    if not user.is_authenticated:
        return dict.fromkeys(gemeente_ids)
    active = Membership.objects.active().filter(user=user)
    found: dict[int, list[Role]] = {gemeente_id: [] for gemeente_id in gemeente_ids}
    for gemeente_id, role in active.filter(gemeente_id__in=gemeente_ids).values_list(
        "gemeente_id", "role"
    ):
        found[gemeente_id].append(Role(role))
    for gemeente_id in set(
        active.filter(role=Role.ADVISEUR, bureau__gemeenten__in=gemeente_ids).values_list(
            "bureau__gemeenten", flat=True
        )
    ):
        if gemeente_id in found:
            found[gemeente_id].append(Role.ADVISEUR)
    return {
        gemeente_id: max(roles, key=lambda role: (role.can_edit, role == Role.ADVISEUR))
        if roles
        else None
        for gemeente_id, roles in found.items()
    }


def gemeente_access_for_user(user, gemeente_slug: str) -> GemeenteAccess:
    """Raise 404 for gemeenten the user is no member of: outsiders learn nothing."""
    gemeente = (
        Gemeente.objects.filter(slug=gemeente_slug)
        .select_related(
            "provincie",
            "veiligheidsregio",
            "politie_eenheid",
            "politie_district",
            "politie_basisteam",
        )
        .first()
    )
    role = role_in_gemeente(user, gemeente) if gemeente else None
    if gemeente is None or role is None:
        raise Http404("Deze gemeente bestaat niet of u heeft er geen toegang toe.")
    return GemeenteAccess(gemeente=gemeente, role=role)


def project_get_for_access(access: GemeenteAccess, project_uuid) -> Project:
    """The project, if a gemeente of the access leads it or joined it; otherwise 404."""
    from .joint import reachable_project

    project = reachable_project(access.gemeente_ids, project_uuid)
    if project is None:
        raise Http404("Dit project bestaat niet of u heeft er geen toegang toe.")
    return project


def projects_for_user(user) -> QuerySet[Project]:
    """Every plan the user reaches, each once: the plans of their gemeenten, and the joint
    plans one of their gemeenten joined (projects/joint.py).

    Outside the tenant scope on purpose: the portfolio runs in the scope of the user's
    gemeenten, while a joint plan's row belongs to its lead, which may lie outside it; the
    filter on the user's gemeenten here is the check (as in ``joint.reachable_project``)."""
    from .joint import joined_by

    reached = gemeenten_for_user(user).values("pk")
    with scopes_disabled():
        return Project.objects.filter(Q(gemeente__in=reached) | joined_by(reached)).select_related(
            "gemeente"
        )


def gemeente_members(gemeente: Gemeente, *, include_ended: bool = False) -> list[dict]:
    """Everyone who can reach this gemeente: its own members and its bureaus' adviseurs.
    ``include_ended`` adds its own members whose access has ended (the members page shows
    them, so an editor can extend or remove them); they reach nothing."""
    today = timezone.localdate()
    direct = Membership.objects.filter(gemeente=gemeente).select_related("user")
    if not include_ended:
        direct = direct.active(today)
    via_bureau = (
        Membership.objects.active(today)
        .filter(bureau__gemeenten=gemeente, role=Role.ADVISEUR)
        .select_related("user", "bureau")
    )
    rows = [
        {
            "membership": m,
            "user": m.user,
            "role": m.get_role_display(),
            "via": m.organisation or gemeente.name,
            "removable": True,
            "ends_on": m.ends_on,
            "ended": not m.is_active(today),
            "ends_soon": m.is_active(today) and m.ends_on is not None,
        }
        for m in direct
    ]
    rows += [
        {
            "membership": m,
            "user": m.user,
            "role": m.get_role_display(),
            "via": m.bureau.name,
            "removable": False,
            "ends_on": m.ends_on,
            "ended": False,
            "ends_soon": m.ends_on is not None,
        }
        for m in via_bureau
    ]
    return sorted(rows, key=lambda row: (row["role"], row["user"].email))


def audit_entries_for_project(project: Project) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(project=project).select_related("actor")


def audit_entries_for_gemeente(gemeente: Gemeente) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(gemeente=gemeente).select_related("actor", "project")
