"""The besloten bijlage of a version: its confidential parts, for named readers only.

A version made for an audience leaves confidential content out (``reports.confidential``).
Editors name the readers who may have those parts as a separate document, the besloten
bijlage (a besloten setting, art. 25 Gemeentewet). Each download is a file made for its
reader: their name on every page and in the metadata (``reports.annex_pdf``), and one entry
in the audit log.

    besloten_bijlage_set(actor=..., version=..., readers=[...], note="")   # editors
    reader_candidates(version)       # who may be named: members who can read the version
    may_download(version, role, user)
    annex_snapshot(version)          # the document itself, before it is stamped
    annex_download(actor=..., version=...) -> the PDF for this reader, logged
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from projects.constants import CONFIDENTIAL_PLACEHOLDER, ConfidentialReason, Role
from projects.models import AuditEntry, private_storage
from projects.selectors import gemeente_members, role_in_project
from projects.services import audit_record

from .blocks import (
    Block,
    ConfidentialBlock,
    NoteBlock,
    ParagraphsBlock,
    Section,
    Snapshot,
)
from .common import DOCUMENT_LABELS, section_numbers
from .confidential import has_confidential
from .models import BeslotenBijlage, ReportVersion
from .selectors import versions_visible

logger = logging.getLogger(__name__)

ACTION_SET = "besloten bijlage vastgelegd"
ACTION_DOWNLOADED = "besloten bijlage gedownload"
NOTE_MAX = 2000
NO_CONFIDENTIAL = (
    "Deze versie heeft geen vertrouwelijke onderdelen; een besloten bijlage is dan niet nodig."
)
ANNEX_FOLDER = "besloten-bijlagen"


# --------------------------------------------------------------------------- who


def _can_read(version: ReportVersion, user) -> bool:
    role = role_in_project(user, version.project)
    if role is None:
        return False
    return versions_visible(version.project, role, user).filter(pk=version.pk).exists()


def reader_candidates(version: ReportVersion) -> list:
    """The people who may be named as readers: members of the version's gemeente (and the
    adviseurs of its bureaus) who can read the version itself. A raadslid or partner only once
    the version is published to them."""
    seen, people = set(), []
    for row in gemeente_members(version.project.gemeente):
        user = row["user"]
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if _can_read(version, user):
            people.append(user)
    return sorted(people, key=lambda user: (user.full_name or user.email).lower())


def bijlage_of(version: ReportVersion) -> BeslotenBijlage | None:
    return BeslotenBijlage.objects.filter(version=version).first()


def is_named_reader(bijlage: BeslotenBijlage | None, user) -> bool:
    return bijlage is not None and bijlage.readers.filter(pk=user.pk).exists()


def may_download(version: ReportVersion, role: Role, user) -> bool:
    """Whether `user` (who can see `version`: the caller checked that) gets the besloten
    bijlage: a named reader, or an editor of the gemeente; only when there is one and the
    version has confidential parts."""
    bijlage = bijlage_of(version)
    if bijlage is None or not has_confidential(version.snapshot):
        return False
    return role.can_edit or is_named_reader(bijlage, user)


def downloads(bijlage: BeslotenBijlage) -> QuerySet[AuditEntry]:
    """Every download of this besloten bijlage, newest first (from the audit log)."""
    return AuditEntry.objects.filter(
        project_id=bijlage.version.project_id,
        action=ACTION_DOWNLOADED,
        object_id=str(bijlage.uuid),
    ).select_related("actor")


# --------------------------------------------------------------------------- write


def _names(users) -> list[str]:
    return sorted(user.get_full_name() for user in users)


@transaction.atomic
def besloten_bijlage_set(
    *, actor, version: ReportVersion, readers: list, note: str = ""
) -> BeslotenBijlage:
    """Create or change the besloten bijlage of `version`: who may read it, and a note.
    Editors only; the version must have confidential content, and every reader must be a
    person of this gemeente who can read the version. Nothing changes on an error."""
    role = role_in_project(actor, version.project)
    if role is None or not role.can_edit:
        raise PermissionDenied("Alleen ambtenaren en adviseurs stellen een besloten bijlage op.")
    if not has_confidential(version.snapshot):
        raise ValidationError(NO_CONFIDENTIAL)
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": "Houd de toelichting korter dan 2.000 tekens."})
    allowed = {user.pk for user in reader_candidates(version)}
    refused = [user for user in readers if user.pk not in allowed]
    if refused:
        raise ValidationError(
            {
                "readers": f"{', '.join(_names(refused))} kan deze versie niet lezen. Kies "
                "mensen van deze gemeente voor wie de versie gepubliceerd is, of ambtenaren "
                "en adviseurs."
            }
        )
    # Two editors at once: the second waits here and changes the first one's bijlage.
    list(ReportVersion.objects.select_for_update(of=("self",)).filter(pk=version.pk))
    bijlage, created = BeslotenBijlage.objects.get_or_create(
        version=version, defaults={"created_by": actor, "note": note}
    )
    before = set(bijlage.readers.all())
    after = set(readers)
    if not created and before == after and bijlage.note == note:
        return bijlage
    bijlage.note = note
    bijlage.save()
    bijlage.readers.set(after)
    audit_record(
        actor=actor,
        action=ACTION_SET,
        obj=bijlage,
        project=version.project,
        detail={
            "versie": version.label,
            "lezers": _names(after),
            "toegevoegd": _names(after - before),
            "verwijderd": _names(before - after),
        },
    )
    return bijlage


# --------------------------------------------------------------------------- the document


def reason_label(reason: str) -> str:
    """A stored reason (a ConfidentialReason value, or its label) as the reader reads it."""
    if reason in ConfidentialReason.values:
        return ConfidentialReason(reason).label
    return reason or "vertrouwelijk"


def _is_geheimhouding(reason: str) -> bool:
    return reason in (ConfidentialReason.GEHEIMHOUDING, ConfidentialReason.GEHEIMHOUDING.label)


def _unwrapped(blocks: list[Block]) -> list[Block]:
    """Blocks with any confidential run inside them laid open: in the bijlage, all of it is
    for the reader."""
    flat: list[Block] = []
    for block in blocks:
        if isinstance(block, ConfidentialBlock):
            flat.extend(_unwrapped(block.blocks))
        else:
            flat.append(block)
    return flat


@dataclass
class _Part:
    reason: str
    where: str  # "3.2 Ondermijning": where the part stands in the version
    sections: list[Section]


def _parts(snapshot: Snapshot) -> list[_Part]:
    """The confidential content in document order, as parts that start at level 1: a
    confidential section with the sections under it (one level up or more), and each run of
    confidential blocks. Like ``reports.confidential.confidential_parts``, keeping where each
    part starts so the bijlage can say where it belongs."""
    numbers = section_numbers(snapshot.sections)
    parts: list[_Part] = []
    inside: int | None = None
    for section, number in zip(snapshot.sections, numbers, strict=True):
        where = f"{number} {section.title}".strip()
        if inside is not None and section.level > inside:
            parts[-1].sections.append(
                replace(
                    section,
                    level=section.level - inside + 1,
                    blocks=_unwrapped(section.blocks),
                    confidential="",
                )
            )
            continue
        inside = None
        if section.confidential:
            inside = section.level
            top = replace(section, level=1, blocks=_unwrapped(section.blocks), confidential="")
            parts.append(_Part(section.confidential, where, [top]))
            continue
        for block in section.blocks:
            if isinstance(block, ConfidentialBlock):
                part = Section(
                    key=f"{section.key}-vertrouwelijk-{len(parts) + 1}",
                    title=section.title,
                    blocks=_unwrapped(block.blocks),
                )
                parts.append(_Part(block.reason, where, [part]))
    return parts


def _intro(snapshot: Snapshot, version: ReportVersion, parts: list[_Part], note: str) -> Section:
    document = DOCUMENT_LABELS.get(snapshot.document, "het document").lower()
    paragraphs = [
        f"Deze besloten bijlage hoort bij {snapshot.title} ({document}), {version.label}, van "
        f"gemeente {snapshot.gemeente.name}. Zij bevat de onderdelen die vertrouwelijk zijn. "
        f"In de versie zelf staat op hun plaats: ‘{CONFIDENTIAL_PLACEHOLDER}’",
        "De bijlage is alleen bestemd voor de lezers die de gemeente heeft aangewezen. Elk "
        "exemplaar draagt op iedere pagina en in de documenteigenschappen de naam van de lezer "
        "voor wie het is gemaakt, en elke download wordt vastgelegd. Geef dit document niet aan "
        "anderen door en maak er geen kopie van.",
    ]
    if any(_is_geheimhouding(part.reason) for part in parts):
        paragraphs.append(
            "Op (een deel van) de inhoud rust geheimhouding op grond van artikel 25 van de "
            "Gemeentewet. Wie er kennis van neemt, is tot geheimhouding verplicht totdat de "
            "raad die opheft."
        )
    blocks: list[Block] = [ParagraphsBlock(paragraphs)]
    if note:
        blocks.append(NoteBlock(f"Toelichting: {note}"))
    return Section(key="vertrouwelijk", title="Vertrouwelijk", numbered=False, blocks=blocks)


def annex_snapshot(version: ReportVersion) -> Snapshot:
    """The besloten bijlage as a document: a cover naming the version, a first section that
    says why it is vertrouwelijk, and one chapter per confidential part with its reason and
    the place in the version it belongs to."""
    snapshot = Snapshot.of(version.snapshot)
    parts = _parts(snapshot)
    if not parts:
        raise ValidationError(NO_CONFIDENTIAL)
    bijlage = bijlage_of(version)
    sections = [_intro(snapshot, version, parts, bijlage.note if bijlage else "")]
    for part in parts:
        top, *below = part.sections
        reason = NoteBlock(
            f"Vertrouwelijk: {reason_label(part.reason)}. Hoort in de versie bij {part.where}."
        )
        sections.append(replace(top, blocks=[reason, *top.blocks]))
        sections.extend(below)
    return replace(
        snapshot,
        title=f"Besloten bijlage bij {snapshot.title} {version.label}",
        subtitle="Vertrouwelijk, alleen voor de aangewezen lezers",
        version_label=version.label,
        sections=sections,
    )


# --------------------------------------------------------------------------- download


def _annex_pdf(version: ReportVersion) -> bytes:
    """The unstamped PDF/UA of the bijlage, made once per content: kept in private storage
    under the hash of what it is made from, and made again when that changes (a new note, a
    new house colour or logo). A failed render raises and stores nothing."""
    from .pdf import render_pdf
    from .services import _in_house_style, _logo_png

    gemeente = version.project.gemeente
    snapshot = _in_house_style(annex_snapshot(version), version, gemeente)
    logo = _logo_png(gemeente)
    digest = hashlib.sha256(
        json.dumps(snapshot.to_json(), sort_keys=True).encode()
        + hashlib.sha256(logo or b"").digest()
    ).hexdigest()[:32]
    storage = private_storage()
    folder = f"{ANNEX_FOLDER}/{gemeente.uuid}/{version.uuid}"
    name = f"{folder}/{digest}.pdf"
    if storage.exists(name):
        with storage.open(name, "rb") as handle:
            kept = handle.read()
        if kept.rstrip().endswith(b"%%EOF"):  # not one still being written
            return kept
    data = render_pdf(snapshot, variant="pdf/ua-1", logo=logo, logo_type="image/png")
    try:
        _, older = storage.listdir(folder) if storage.exists(folder) else ([], [])
        for filename in older:  # made from content that has changed since
            storage.delete(f"{folder}/{filename}")
        storage.save(name, ContentFile(data))
    except OSError:  # a full disk costs the next download a render, nothing more
        logger.warning("Could not keep the besloten bijlage of version %s", version.uuid)
    return data


def annex_filename(version: ReportVersion) -> str:
    label = version.label.replace(" ", "-")
    return f"besloten-bijlage-{version.document}-{label}.pdf"


def annex_download(*, actor, version: ReportVersion) -> bytes:
    """The besloten bijlage made for `actor`: their name on every page and in the metadata,
    and one audit entry. The caller checked that they may have it (``may_download``).
    Raises if the file cannot be made; then nothing is recorded."""
    from .annex_pdf import stamp

    bijlage = bijlage_of(version)
    if bijlage is None:
        raise ValidationError("Deze versie heeft geen besloten bijlage.")
    now = timezone.localtime()
    data = stamp(_annex_pdf(version), reader=actor, when=now)
    audit_record(
        actor=actor,
        action=ACTION_DOWNLOADED,
        obj=bijlage,
        project=version.project,
        detail={
            "versie": version.label,
            "lezer": actor.get_full_name(),
            "op": now.isoformat(timespec="seconds"),
        },
    )
    return data
