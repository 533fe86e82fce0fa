"""What a reader (raadslid or partner) may see of a project: only what was published to them.

Ambtelijke concepten are not the raad's until they are sent (shared/domain §2.1), so readers
get no live pages (the views require an editing role); they get the versions published to
them, the publications that sent them, and, for raadsleden, the raad's own decisions.

``versions_for_reader`` is the one place that asks reports for the versions a reader may see;
when ``reports.selectors.versions_visible`` learns about named partners (it takes the user),
only that function changes.
"""

from django.db.models import Q, QuerySet

from kernbeleid.models import RaadDecision
from reports.constants import Audience
from reports.models import Publication, ReportVersion

from .constants import Role
from .models import Project


def versions_for_reader(project: Project, user, role: Role) -> QuerySet[ReportVersion]:
    """The report versions this user may read. ``user`` is not used yet: named partners come
    with the publication selectors (see the module docstring)."""
    from reports.selectors import versions_visible

    return versions_visible(project, role)


def _publication_audience(user, role: Role) -> Q:
    """Which publications address this reader: the raad's for a raadslid; the werkgroep's,
    or those naming them, for a partner."""
    if role == Role.RAADSLID:
        return Q(audience=Audience.RAAD)
    if role == Role.PARTNER:
        return Q(audience=Audience.WERKGROEP) | Q(audience=Audience.PARTNERS, recipients=user)
    return Q(pk__in=[])


def publications_for_reader(project: Project, user, role: Role) -> QuerySet[Publication]:
    """The publications sent to this reader, newest first, each with its version."""
    return (
        Publication.objects.filter(
            _publication_audience(user, role),
            version__in=versions_for_reader(project, user, role),
        )
        .select_related("version")
        .distinct()
        .order_by("-published_at", "-id")
    )


def raad_decisions_for_reader(project: Project, role: Role) -> QuerySet[RaadDecision]:
    """The raad's own recorded decisions, for raadsleden only; partners get none."""
    if role != Role.RAADSLID:
        return RaadDecision.objects.none()
    return RaadDecision.objects.filter(project=project).order_by("date", "recorded_at")


def projects_for_editor(user) -> QuerySet[Project]:
    """The projects in gemeenten where the user has an editing role: their deadlines name
    actions of a live uitvoeringsprogramma, which readers do not see."""
    editing = (Role.ADVISEUR, Role.AMBTENAAR)
    return Project.objects.filter(
        Q(gemeente__memberships__user=user, gemeente__memberships__role__in=editing)
        | Q(
            gemeente__bureaus__memberships__user=user,
            gemeente__bureaus__memberships__role=Role.ADVISEUR,
        )
    ).distinct()
