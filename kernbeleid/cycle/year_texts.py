"""What users write for a programme year's documents: the inleiding of the
uitvoeringsprogramma, and the inleiding, what changed and what comes of the
voortgangsrapportage. Plain text, one paragraph per line, as the kadernota's chapters: the
renderers and pages escape it, so no HTML is kept."""

from django.core.exceptions import ValidationError
from django.db import transaction

from projects.models import Project
from projects.services import audit_record

from .models import YearTexts

UITVOERINGSPROGRAMMA = "uitvoeringsprogramma"  # reports DocumentKind values
VOORTGANG = "voortgang"

# (document, field, label, help text) in the order of the page.
YEAR_TEXT_FIELDS = [
    (
        UITVOERINGSPROGRAMMA,
        "inleiding",
        "Uitvoeringsprogramma: inleiding",
        "Wat de gemeente dit jaar met het programma wil bereiken en waar de nadruk ligt.",
    ),
    (
        VOORTGANG,
        "inleiding",
        "Voortgangsrapportage: inleiding",
        "Waarover de rapportage gaat en voor wie (raad, begroting of jaarverslag).",
    ),
    (VOORTGANG, "veranderd", "Voortgangsrapportage: wat veranderde", ""),
    (VOORTGANG, "vooruitblik", "Voortgangsrapportage: wat komt", ""),
]
MAX_LENGTH = 20_000


def year_range(project: Project) -> range:
    return range(project.period_start, project.period_end + 1)


def year_texts_get(project: Project, year: int) -> dict[str, str]:
    """{"<document>__<field>": text} of the year (empty when nothing was written)."""
    stored = {t.document: t for t in YearTexts.objects.filter(project=project, year=year)}
    return {
        f"{document}__{name}": getattr(stored.get(document), name, "") or ""
        for document, name, _label, _help in YEAR_TEXT_FIELDS
    }


@transaction.atomic
def year_texts_save(*, actor, project: Project, year: int, texts: dict[str, str]) -> list[str]:
    """Store the year's texts ({"<document>__<field>": text}; a key left out keeps its text).
    Returns the labels of what changed, audited once."""
    if year not in year_range(project):
        raise ValidationError(
            f"Kies een jaar van de kadernota ({project.period_start} tot en met "
            f"{project.period_end})."
        )
    changed = []
    for document, name, label, _help in YEAR_TEXT_FIELDS:
        key = f"{document}__{name}"
        if key not in texts:
            continue
        text = (texts[key] or "").strip()
        if len(text) > MAX_LENGTH:
            raise ValidationError(
                {key: f"Houd deze tekst onder {MAX_LENGTH:,} tekens.".replace(",", ".")}
            )
        row, _ = YearTexts.objects.select_for_update().get_or_create(
            project=project, document=document, year=year
        )
        if getattr(row, name) != text:
            setattr(row, name, text)
            row.save()
            changed.append(label)
    if changed:
        audit_record(
            actor=actor,
            action="teksten jaardocumenten opgeslagen",
            obj=project,
            project=project,
            detail={"jaar": year, "teksten": changed},
        )
    return changed
