"""Which one of a document a version is: the programme year of a yearly document, the
occasion of a raadsvoorstel, nothing for the analyse and the kadernota."""

from django.core.exceptions import ValidationError

from projects.models import Project

from .constants import YEARLY_DOCUMENTS, DocumentKind, RaadsvoorstelOccasion


def part_check(project: Project, document: str, part: str | int | None) -> str:
    """The part as a version stores it, or a ValidationError in Dutch."""
    part = str(part or "").strip()
    if document in YEARLY_DOCUMENTS:
        years = range(project.period_start, project.period_end + 1)
        if not part.isdigit() or int(part) not in years:
            raise ValidationError(
                f"Kies een programmajaar van de kadernota ({project.period_start} tot en met "
                f"{project.period_end})."
            )
        return str(int(part))
    if document == DocumentKind.RAADSVOORSTEL:
        if part not in RaadsvoorstelOccasion.values:
            raise ValidationError(
                "Kies het besluit van het raadsvoorstel: stap 1, 5 of 9, of de actualisatie."
            )
        return part
    if part:
        raise ValidationError("De veiligheidsanalyse en de kadernota hebben geen jaar of stap.")
    return ""


def part_choices(project: Project, document: str) -> list[tuple[str, str]]:
    """The parts a user can choose for `document` in this project."""
    if document in YEARLY_DOCUMENTS:
        return [(str(y), str(y)) for y in range(project.period_start, project.period_end + 1)]
    if document == DocumentKind.RAADSVOORSTEL:
        return list(RaadsvoorstelOccasion.choices)
    return []
