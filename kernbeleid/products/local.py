"""The local chapters of a joint plan (issue 19, item 3).

A joint plan's analysis and kadernota have shared chapters and, after them, one chapter per
gemeente: its local priorities, local themes and kernen (``LocalChapter``). The editors of a
gemeente write their own chapter under their own URL; the lead's (penvoerder's) editors may
write every chapter of the plan. A plan that is not joint has no local chapters.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from projects.joint import plan_gemeenten
from projects.models import Gemeente, Project
from projects.services import audit_record
from projects.updates import audit_changes, model_update

from .models import LocalChapter
from .rules import stripped

Document = LocalChapter.Document
LOCAL_TEXTS = ("priorities", "themes", "kernen")


# --- Reads ------------------------------------------------------------------------------


def may_edit_chapter(*, access_gemeente: Gemeente, project: Project, gemeente: Gemeente) -> bool:
    """A gemeente's editors edit their own chapter; the lead's editors edit every chapter."""
    return access_gemeente.pk in (gemeente.pk, project.gemeente_id)


def chapter_gemeente(*, access_gemeente: Gemeente, project: Project, slug: str = "") -> Gemeente:
    """The gemeente whose chapter a request is about: the one named by `slug`, or the
    requester's own. 404 when the plan is not joint or the gemeente is not in it; 403 when
    the requester may not edit that gemeente's chapter."""
    if not project.joint:
        raise Http404("Dit plan heeft geen lokale hoofdstukken.")
    by_slug = {gemeente.slug: gemeente for gemeente in plan_gemeenten(project)}
    gemeente = by_slug.get(slug or access_gemeente.slug)
    if gemeente is None:
        raise Http404("Deze gemeente doet niet mee aan het plan.")
    if not may_edit_chapter(access_gemeente=access_gemeente, project=project, gemeente=gemeente):
        raise PermissionDenied("Alleen de gemeente zelf en de penvoerder wijzigen dit hoofdstuk.")
    return gemeente


def local_chapter(project: Project, gemeente: Gemeente, document: str) -> LocalChapter:
    """The stored chapter, or an empty unsaved one (nothing is written on a read)."""
    found = LocalChapter.objects.filter(project=project, gemeente=gemeente, document=document)
    return found.first() or LocalChapter(project=project, gemeente=gemeente, document=document)


def local_chapters(project: Project, document: str) -> list[LocalChapter]:
    """One chapter per gemeente of a joint plan, in the plan's order (the lead first); a
    gemeente that wrote nothing yet has an empty unsaved one. Empty for a plan not joint."""
    if not project.joint:
        return []
    stored = {
        chapter.gemeente_id: chapter
        for chapter in LocalChapter.objects.filter(project=project, document=document)
    }
    return [
        stored.get(gemeente.pk)
        or LocalChapter(project=project, gemeente=gemeente, document=document)
        for gemeente in plan_gemeenten(project)
    ]


# --- Writes -----------------------------------------------------------------------------


@transaction.atomic
def local_chapter_save(
    *,
    actor,
    project: Project,
    gemeente: Gemeente,
    document: str,
    priorities: str,
    themes: str,
    kernen: str,
) -> LocalChapter:
    """Save one gemeente's chapter of a joint plan's document, with an audit entry naming
    the texts that changed. The caller checked who may (``chapter_gemeente``)."""
    if not project.joint:
        raise PermissionDenied("Dit plan heeft geen lokale hoofdstukken.")
    if gemeente.pk not in {g.pk for g in plan_gemeenten(project)}:
        raise PermissionDenied("Deze gemeente doet niet mee aan het plan.")
    if document not in Document.values:
        raise ValueError(f"Not a document with local chapters: {document!r}.")
    chapter, created = LocalChapter.objects.select_for_update().get_or_create(
        project=project, gemeente=gemeente, document=document
    )
    values = {"priorities": stripped(priorities), "themes": stripped(themes)}
    values["kernen"] = stripped(kernen)
    changes = audit_changes(chapter, values)
    chapter, _updated = model_update(instance=chapter, data=values)
    if changes or created:
        audit_record(
            actor=actor,
            action="lokaal hoofdstuk opgeslagen",
            obj=chapter,
            project=project,
            detail={"gemeente": gemeente.name, "velden": sorted(changes)},
        )
    return chapter
