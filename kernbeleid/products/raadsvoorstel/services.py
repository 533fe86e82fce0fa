"""Writes of the raadsvoorstel: drafting, saving what users write, taking the draft over.
Each change is audited; a draft never overwrites a user's text."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kernbeleid.products.models import Raadsvoorstel
from projects.models import Project
from projects.services import audit_record
from reports.constants import RaadsvoorstelOccasion

from .drafting import FIELDS, draft_texts, ontwerpbesluit_text, shown


def occasion_check(occasion: str) -> str:
    occasion = str(occasion or "")
    if occasion not in RaadsvoorstelOccasion.values:
        raise ValidationError(
            "Kies het besluit van het raadsvoorstel: stap 1, 5 of 9, of de actualisatie."
        )
    return occasion


def _locked(project: Project, occasion: str) -> Raadsvoorstel:
    """The project's voorstel for `occasion`, made when first written, locked for the change."""
    Raadsvoorstel.objects.get_or_create(project=project, occasion=occasion)
    return Raadsvoorstel.objects.select_for_update(of=("self",)).get(
        project=project, occasion=occasion
    )


@transaction.atomic
def raadsvoorstel_draft(project: Project, occasion: str, *, actor=None) -> Raadsvoorstel:
    """(Re)draft every part from the project's content into ``draft``; what users wrote stays.
    Raises a Dutch ValidationError (nothing changes) when the content it needs is missing."""
    occasion = occasion_check(occasion)
    voorstel = _locked(project, occasion)
    voorstel.draft = draft_texts(voorstel)
    voorstel.drafted_at = timezone.now()
    voorstel.save(update_fields=["draft", "drafted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="raadsvoorstel opgesteld",
        obj=voorstel,
        project=project,
        detail={"besluit": RaadsvoorstelOccasion(occasion).label},
    )
    return voorstel


@transaction.atomic
def raadsvoorstel_save(
    *,
    actor,
    project: Project,
    occasion: str,
    texts: dict[str, str],
    college_date: date | None,
    college_number: str,
) -> Raadsvoorstel:
    """Store what the user wrote per part and the college's date and number. The drafted
    ontwerpbesluit follows the voorgesteld besluit and the college's proposal at once."""
    occasion = occasion_check(occasion)
    unknown = set(texts) - set(FIELDS)
    if unknown:
        raise ValidationError("Onbekend onderdeel van het raadsvoorstel.")
    if len((texts.get("onderwerp") or "").strip()) > 300:
        raise ValidationError({"onderwerp": "Houd het onderwerp korter dan 300 tekens."})
    college_number = (college_number or "").strip()
    if len(college_number) > 80:
        raise ValidationError({"college_number": "Houd het nummer korter dan 80 tekens."})
    voorstel = _locked(project, occasion)
    changed = []
    for field, text in texts.items():
        text = (text or "").strip()
        if text != getattr(voorstel, field):
            setattr(voorstel, field, text)
            changed.append(field)
    if college_date != voorstel.college_date or college_number != voorstel.college_number:
        voorstel.college_date, voorstel.college_number = college_date, college_number
        changed.append("college")
    if voorstel.draft:
        voorstel.draft = dict(
            voorstel.draft,
            ontwerpbesluit=ontwerpbesluit_text(voorstel, shown(voorstel, "voorgesteld_besluit")),
        )
    voorstel.save()
    if changed:
        audit_record(
            actor=actor,
            action="raadsvoorstel gewijzigd",
            obj=voorstel,
            project=project,
            detail={"besluit": RaadsvoorstelOccasion(occasion).label, "onderdelen": changed},
        )
    return voorstel


@transaction.atomic
def raadsvoorstel_adopt_draft(
    *, actor, project: Project, occasion: str, fields: list[str] | None = None
) -> list[str]:
    """Take the draft over as the user's own text: for `fields`, or for every empty part.
    A part that already holds text keeps it. Returns the parts taken over."""
    occasion = occasion_check(occasion)
    voorstel = _locked(project, occasion)
    if not voorstel.draft:
        raise ValidationError("Er is nog geen concept; stel eerst het concept op.")
    wanted = FIELDS if fields is None else [f for f in fields if f in FIELDS]
    taken = [
        field
        for field in wanted
        if not getattr(voorstel, field).strip() and (voorstel.draft.get(field) or "").strip()
    ]
    for field in taken:
        value = voorstel.draft[field].strip()
        setattr(voorstel, field, value[:300] if field == "onderwerp" else value)
    if taken:
        voorstel.save()
        audit_record(
            actor=actor,
            action="concept raadsvoorstel overgenomen",
            obj=voorstel,
            project=project,
            detail={"besluit": RaadsvoorstelOccasion(occasion).label, "onderdelen": taken},
        )
    return taken
