"""What a reader (raadslid or partner) may see of a project: only what was published to them.

Ambtelijke concepten are not the raad's until they are sent (shared/domain §2.1), so readers
get no live pages (the views require an editing role); they get the versions published to
them, the publications that sent them, and, for raadsleden, the raad's own decisions.

The rule itself (raad, werkgroep, named partners) lives in
``reports.selectors.versions_visible``; ``versions_for_reader`` asks it for this reader.
"""

from django.db.models import QuerySet

from reports.models import Publication, ReportVersion

from .constants import Role
from .models import Project


def versions_for_reader(project: Project, user, role: Role) -> QuerySet[ReportVersion]:
    """The report versions this user may read."""
    from reports.selectors import versions_visible

    return versions_visible(project, role, user)


def publications_for_reader(project: Project, user, role: Role) -> QuerySet[Publication]:
    """The publications sent to this reader, newest first, each with its version."""
    from reports.selectors import publications_reaching

    return (
        publications_reaching(role, user)
        .filter(version__project=project)
        .select_related("version")
        .order_by("-published_at", "-id")
    )


def raad_record_for_reader(project: Project, role: Role) -> dict:
    """For a raadslid: the raad's own record of the traject, per step (decisions with their
    amendementen and moties, superseded ones marked) and the moties still open as the
    college's tasks; the same parts the editors' timeline shows, without its blockers,
    forms or internal planning. Partners get none of it."""
    if role != Role.RAADSLID:
        return {}
    from django.utils import timezone

    from kernbeleid.workflow import selectors as workflow

    steps = workflow.timeline(project, workflow.traject_for(project))
    return {
        "steps": steps,
        "any_decisions": any(step.decisions for step in steps),
        "motie_tasks": workflow.open_motie_tasks(project),
        "today": timezone.localdate(),
    }
