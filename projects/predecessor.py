"""The plan a project follows (``Project.predecessor``): its goals and actions are evaluated
in this project's kadernota (kernbeleid.cycle.evaluation). Only an earlier plan of the same
gemeente can be one."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Gemeente, Project
from .services import audit_record

OTHER_GEMEENTE = "Kies een vorig plan van dezelfde gemeente."
ITSELF = "Een project kan niet zijn eigen vorige plan zijn."
NOT_EARLIER = "Het vorige plan moet eerder beginnen dan dit project (beleidsperiode {period})."


def predecessor_choices(gemeente: Gemeente, project: Project | None = None):
    """The gemeente's other projects, newest first: the candidates a form offers."""
    projects = Project.objects.filter(gemeente=gemeente).order_by("-period_start", "name")
    return projects.exclude(pk=project.pk) if project is not None and project.pk else projects


def predecessor_check(
    *, gemeente: Gemeente, period_start: int, predecessor: Project, project: Project | None
) -> None:
    """Raise ValidationError({"predecessor": ...}) in Dutch when `predecessor` cannot be the
    plan before a project of `gemeente` that starts in `period_start`."""
    if predecessor.gemeente_id != gemeente.pk:
        raise ValidationError({"predecessor": OTHER_GEMEENTE})
    if project is not None and predecessor.pk == project.pk:
        raise ValidationError({"predecessor": ITSELF})
    if predecessor.period_start >= period_start:
        period = f"{predecessor.period_start}–{predecessor.period_end}"
        raise ValidationError({"predecessor": NOT_EARLIER.format(period=period)})


@transaction.atomic
def project_predecessor_set(*, actor, project: Project, predecessor: Project | None) -> bool:
    """Name (or clear) the plan this project follows, and draft its evaluation. Returns
    whether anything changed."""
    from kernbeleid.cycle.evaluation import evaluation_draft

    if predecessor is not None:
        predecessor_check(
            gemeente=project.gemeente,
            period_start=project.period_start,
            predecessor=predecessor,
            project=project,
        )
    new_id = predecessor.pk if predecessor is not None else None
    if project.predecessor_id == new_id:
        return False
    old = project.predecessor.name if project.predecessor_id else ""
    project.predecessor = predecessor
    project.save(update_fields=["predecessor", "updated_at"])
    audit_record(
        actor=actor,
        action="vorig plan gewijzigd",
        obj=project,
        project=project,
        detail={"van": old, "naar": predecessor.name if predecessor else ""},
    )
    evaluation_draft(project=project, actor=actor)
    return True
