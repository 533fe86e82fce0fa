"""A joint plan's editions (issue 19). How its versions are told apart in every list: a
gemeente's edition reads "Editie Diemen", the whole plan's version "Gezamenlijk plan"; a plan
of one gemeente has no editions, so its versions carry no label at all. And while an edition
is built (`edition_in_force`), which goals and actions it carries: the whole plan's and that
gemeente's own, not another gemeente's local ones."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

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


_in_force: ContextVar[int | None] = ContextVar("edition_in_force", default=None)


@contextmanager
def edition_in_force(gemeente: Gemeente | None) -> Iterator[None]:
    """Build everything inside the block as `gemeente`'s edition (None: the whole plan)."""
    token = _in_force.set(gemeente.pk if gemeente is not None else None)
    try:
        yield
    finally:
        _in_force.reset(token)


def in_edition(gemeente_id: int | None) -> bool:
    """Whether something local to this gemeente (None: shared) belongs in the edition being
    built: everything in the whole plan's document, in an edition the shared and its own."""
    edition = _in_force.get()
    return edition is None or gemeente_id is None or gemeente_id == edition
