"""How a joint plan's versions are told apart in every list (issue 19): a gemeente's edition
reads "Editie Diemen", the whole plan's version "Gezamenlijk plan". A plan of one gemeente has
no editions, so its versions carry no label at all."""

from projects.joint import plan_gemeenten
from projects.models import Gemeente, Project

WHOLE_PLAN = "Gezamenlijk plan"


def edition_labels(project: Project) -> dict[str, str]:
    """Label per edition code ("" for the whole plan) of the plan's current gemeenten."""
    if not project.joint:
        return {}
    return {"": WHOLE_PLAN} | {g.cbs_code: f"Editie {g.name}" for g in plan_gemeenten(project)}


def edition_label(version, labels: dict[str, str]) -> str:
    """The version's label; `labels` from edition_labels(version.project), reused per page."""
    if version.edition in labels:
        return labels[version.edition]
    if version.edition:
        # The edition of a gemeente that has left the plan since: still its own edition.
        gemeente = Gemeente.objects.filter(cbs_code=version.edition).first()
        return f"Editie {gemeente.name if gemeente else version.edition}"
    return ""
