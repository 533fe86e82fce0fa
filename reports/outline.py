"""The report's outline (opzet) as agreed with the gemeente before writing.

"Opzet afspreken" records who agreed and when, and keeps the sections of the project's
structure as they were agreed (version 1 of the outline). While the latest outline of a
document is agreed, its structure is locked: the structure services call
``outline_lock_check`` first. A change is proposed (a new version, status proposed: editing
allowed) and agreed again; the page then lists what changed against the version agreed before.

The same agreement serves the veiligheidsanalyse and, in a whole traject, the kadernota (one
line of versions per document).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format

from projects.models import Project
from projects.scopes import scopes_disabled
from projects.services import audit_record

from .constants import AgreementStatus, DocumentKind
from .models import OutlineAgreement, ReportStructure
from .selectors import structure_for


def day_text(day: date) -> str:
    """A date as the other pages write it: 3 februari 2027."""
    return date_format(day, "j F Y")


# --- reads -----------------------------------------------------------------------------------


def outline_current(project: Project, document: str) -> OutlineAgreement | None:
    """The latest outline version of the document, agreed or proposed; None before any."""
    return (
        OutlineAgreement.objects.filter(project=project, document=document)
        .order_by("-number")
        .first()
    )


def outline_history(project: Project, document: str) -> list[OutlineAgreement]:
    return list(
        OutlineAgreement.objects.filter(project=project, document=document)
        .select_related("recorded_by")
        .order_by("-number")
    )


def outline_lock(project: Project, document: str) -> OutlineAgreement | None:
    """The agreement that locks the document's structure: the latest, when it is agreed."""
    current = outline_current(project, document)
    return current if current is not None and current.status == AgreementStatus.AGREED else None


def _locked_message(agreement: OutlineAgreement) -> str:
    return (
        f"De opzet is afgesproken met {agreement.agreed_by_name} op "
        f"{day_text(agreement.agreed_on)}. Stel eerst een wijziging voor."
    )


def _shared_structure_locked_elsewhere(structure: ReportStructure, project: Project) -> bool:
    """Whether another project's agreed outline uses this (gemeente's or bureau's) structure.

    Across gemeenten on purpose: a bureau's structure serves all its gemeenten, and its lock
    holds in each. Only existence is read; nothing of the other project is shown."""
    newer = OutlineAgreement.objects.filter(
        project=OuterRef("project"), document=OuterRef("document"), number__gt=OuterRef("number")
    )
    with scopes_disabled():
        return (
            OutlineAgreement.objects.filter(structure=structure, status=AgreementStatus.AGREED)
            .exclude(project=project)
            .filter(~Exists(newer))
            .exists()
        )


def outline_lock_check(
    *, project: Project, document: str | None = None, structure: ReportStructure | None = None
) -> None:
    """Refuse a change to the structure of `document` (choose, copy) or to `structure` (its
    sections) while an agreed outline holds it. A standard structure is left to its own
    check: nobody edits it, and many projects agree their outline on it."""
    if structure is not None and document is None:
        document = structure.document
    lock = outline_lock(project, document) if document else None
    if lock is not None and (structure is None or structure.pk == lock.structure_id):
        raise ValidationError(_locked_message(lock))
    if structure is None or structure.is_standard:
        return
    if _shared_structure_locked_elsewhere(structure, project):
        raise ValidationError(
            "Deze structuur is de afgesproken opzet van een ander project en ligt daarom vast. "
            "Maak er een kopie van om te wijzigen."
        )


# --- the difference between two agreed outlines ----------------------------------------------


@dataclass(frozen=True)
class OutlineChange:
    kind: str  # added | removed | renamed | moved
    text: str


def _match(old: list[dict], new: list[dict]) -> dict[int, int]:
    """Pairs of (old index, new index) for the same section: by its key (the structure's own
    section), else by title, else the first unmatched one with the same content (a rename)."""
    pairs: dict[int, int] = {}
    for rule in (
        lambda a, b: a.get("key") and a.get("key") == b.get("key"),
        lambda a, b: a["title"] == b["title"],
        lambda a, b: a["source"] == b["source"],
    ):
        for i, before in enumerate(old):
            if i in pairs:
                continue
            for j, after in enumerate(new):
                if j not in pairs.values() and rule(before, after):
                    pairs[i] = j
                    break
    return pairs


def _moved(pairs: dict[int, int]) -> set[int]:
    """The old indexes of the sections that moved: those outside the longest run that kept
    its order (so one section moved down is one move, not a shift of all the others)."""
    order = [pairs[i] for i in sorted(pairs)]
    olds = sorted(pairs)
    best: list[list[int]] = []
    for k, value in enumerate(order):
        chain = max((best[m] for m in range(k) if order[m] < value), key=len, default=[]) + [k]
        best.append(chain)
    kept = max(best, key=len, default=[])
    return {olds[k] for k in range(len(order)) if k not in kept}


def outline_diff(old: list[dict], new: list[dict]) -> list[OutlineChange]:
    """What changed from one agreed outline to the next, in words."""
    pairs = _match(old, new)
    moved = _moved(pairs)
    changes = []
    for j, after in enumerate(new):
        if j not in pairs.values():
            changes.append(
                OutlineChange("added", f"Toegevoegd: ‘{after['title']}’ (plaats {j + 1})")
            )
    for i, before in enumerate(old):
        if i not in pairs:
            changes.append(OutlineChange("removed", f"Verwijderd: ‘{before['title']}’"))
            continue
        after = new[pairs[i]]
        if after["title"] != before["title"]:
            changes.append(
                OutlineChange("renamed", f"Hernoemd: ‘{before['title']}’ → ‘{after['title']}’")
            )
        if i in moved:
            changes.append(
                OutlineChange(
                    "moved",
                    f"Verplaatst: ‘{after['title']}’ van plaats {i + 1} naar {pairs[i] + 1}",
                )
            )
    return changes


def outline_changes(agreement: OutlineAgreement) -> list[OutlineChange] | None:
    """The changes of an agreed outline against the version agreed before it; None for the
    first agreement (or a proposal, which has no sections yet)."""
    if agreement.status != AgreementStatus.AGREED:
        return None
    previous = (
        OutlineAgreement.objects.filter(
            project_id=agreement.project_id,
            document=agreement.document,
            number__lt=agreement.number,
            status=AgreementStatus.AGREED,
        )
        .order_by("-number")
        .first()
    )
    if previous is None:
        return None
    return outline_diff(previous.sections, agreement.sections)


# --- writes ----------------------------------------------------------------------------------


def _sections_of(structure: ReportStructure) -> list[dict]:
    return [
        {
            "key": str(section.uuid),
            "title": section.title,
            "source": section.source,
            "numbered": section.numbered,
        }
        for section in structure.sections.all()
    ]


def _check_document(document: str) -> None:
    if document not in DocumentKind.values:
        raise ValidationError("Kies de veiligheidsanalyse of de kadernota.")


def _lock_outlines(project: Project, document: str) -> OutlineAgreement | None:
    """The latest outline, read with the project row locked: two people agreeing at once
    wait for each other, and the second finds the first one's result."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    return outline_current(project, document)


@transaction.atomic
def outline_agree(
    *, actor, project: Project, document: str, agreed_by_name: str, agreed_on: date
) -> OutlineAgreement:
    """Record the gemeente's agreement to the outline: the first one, or a proposed change."""
    _check_document(document)
    agreed_by_name = agreed_by_name.strip()
    if not agreed_by_name:
        raise ValidationError({"agreed_by_name": "Vul in wie namens de gemeente akkoord gaf."})
    if agreed_on is None:
        raise ValidationError({"agreed_on": "Vul de datum van het akkoord in."})
    if agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": "Een akkoord ligt niet in de toekomst."})
    current = _lock_outlines(project, document)
    if current is not None and current.status == AgreementStatus.AGREED:
        raise ValidationError(
            f"De opzet is al afgesproken met {current.agreed_by_name} op "
            f"{day_text(current.agreed_on)}. Moet zij veranderen? Stel een wijziging voor."
        )
    structure = structure_for(project, document)
    if not structure.sections.exists():
        raise ValidationError("De structuur heeft nog geen hoofdstukken om af te spreken.")
    agreement = current or OutlineAgreement(project=project, document=document, number=1)
    agreement.structure = structure
    agreement.sections = _sections_of(structure)
    agreement.status = AgreementStatus.AGREED
    agreement.agreed_by_name = agreed_by_name
    agreement.agreed_on = agreed_on
    agreement.recorded_by = actor
    agreement.save()
    audit_record(
        actor=actor,
        action="opzet afgesproken",
        obj=agreement,
        project=project,
        detail={
            "document": DocumentKind(document).label,
            "versie": agreement.number,
            "akkoord van": agreed_by_name,
            "op": day_text(agreed_on),
            "structuur": structure.name,
        },
    )
    return agreement


@transaction.atomic
def outline_propose_change(
    *, actor, project: Project, document: str, reason: str
) -> OutlineAgreement:
    """Open the agreed outline for a change: a new version, proposed, with the reason."""
    _check_document(document)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Leg uit waarom de opzet moet veranderen."})
    current = _lock_outlines(project, document)
    if current is None:
        raise ValidationError("Er is nog geen afgesproken opzet; spreek die eerst af.")
    if current.status == AgreementStatus.PROPOSED:
        raise ValidationError(
            f"Er ligt al een voorstel (versie {current.number}); leg daarvoor het akkoord vast."
        )
    proposal = OutlineAgreement.objects.create(
        project=project,
        document=document,
        number=current.number + 1,
        structure=structure_for(project, document),
        status=AgreementStatus.PROPOSED,
        change_reason=reason,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="wijziging opzet voorgesteld",
        obj=proposal,
        project=project,
        detail={
            "document": DocumentKind(document).label,
            "versie": proposal.number,
            "reden": reason,
        },
    )
    return proposal
