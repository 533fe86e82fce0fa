"""Which of its gemeente's survey editions a project bases its analysis on.

The editions belong to the gemeente (see models.py). A new project starts with all of them,
the newest import of each year, so a second plan needs no new import; the editors can leave
out an edition (an old one the analysis should not show, say) and take it back later.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from projects.models import Project
from projects.services import audit_record

from ..models import ProjectEdition, SurveyEdition
from .comparisons import project_follows_figures


def editions_newest_per_year(editions) -> list[SurveyEdition]:
    """Of several editions of one year (kept from before editions were the gemeente's) the
    one imported last."""
    newest: dict[int, SurveyEdition] = {}
    for edition in sorted(editions, key=lambda each: (each.imported_at, each.id)):
        newest[edition.year] = edition
    return [newest[year] for year in sorted(newest)]


@transaction.atomic
def project_editions_adopt(*, project: Project) -> list[SurveyEdition]:
    """Give a project every year of its gemeente's editions that it has none of yet."""
    chosen = set(ProjectEdition.objects.filter(project=project).values_list("year", flat=True))
    added = [
        edition
        for edition in editions_newest_per_year(
            SurveyEdition.objects.filter(gemeente_id=project.gemeente_id)
        )
        if edition.year not in chosen
    ]
    ProjectEdition.objects.bulk_create(
        ProjectEdition(project=project, edition=edition, year=edition.year) for edition in added
    )
    return added


@transaction.atomic
def project_editions_set(*, actor, project: Project, editions: list[SurveyEdition]) -> None:
    """The project uses exactly these editions of its gemeente (at most one per year).

    The stored figures do not change; the project's drafts and goal measurements follow.
    """
    if any(edition.gemeente_id != project.gemeente_id for edition in editions):
        raise ValidationError("Kies alleen edities van deze gemeente.")
    years = [edition.year for edition in editions]
    double = sorted({year for year in years if years.count(year) > 1})
    if double:
        raise ValidationError(
            "Kies per jaar één editie; dubbel: " + ", ".join(str(year) for year in double) + "."
        )
    before = sorted(project.editions.values_list("year", flat=True))
    ProjectEdition.objects.filter(project=project).delete()
    ProjectEdition.objects.bulk_create(
        ProjectEdition(project=project, edition=edition, year=edition.year) for edition in editions
    )
    audit_record(
        actor=actor,
        action="edities gekozen",
        obj=project,
        project=project,
        detail={"van": before, "naar": sorted(years)},
    )
    project_follows_figures(project=project)
