"""The griffie bundle of a raadsvoorstel version: one ZIP the griffie loads into its
raadsinformatiesysteem. It holds the voorstel (without the ontwerpbesluit), the ontwerpbesluit
alone as the raadsbesluit, the bijlagen as PDF, and a plain manifest (CSV, and the same rows as
JSON) naming each file with its SHA-256 and size.

Every file is the readers' copy (``redacted``), as every file of a version is: the bundle goes
to the raad in public. The ZIP is written to a spooled temporary file, so memory stays bounded
by one PDF at a time."""

import csv
import dataclasses
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from tempfile import SpooledTemporaryFile

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from kernbeleid.models import Actualisatie

from .blocks import Snapshot
from .confidential import redacted
from .constants import DocumentKind, PdfVariant, RaadsvoorstelOccasion, RenderFormat, RenderStatus
from .models import ReportVersion
from .raadsvoorstel_sections import ONTWERPBESLUIT_KEY

MANIFEST_COLUMNS = [
    "volgorde",
    "bestandsnaam",
    "titel",
    "documentsoort",
    "versie",
    "datum",
    "sha256",
    "bytes",
]
SPOOL_BYTES = 8 * 1024 * 1024  # in memory up to this size, then on disk


@dataclass
class ManifestRow:
    volgorde: int
    bestandsnaam: str
    titel: str
    documentsoort: str  # raadsvoorstel | raadsbesluit | bijlage
    versie: str
    datum: str
    sha256: str
    bytes: int


def bijlage_versions(version: ReportVersion) -> list[ReportVersion]:
    """The documents the voorstel offers with it: for step 9 the latest kadernota version, for
    step 5 the latest veiligheidsanalyse version, for the actualisatie the kadernota version it
    made. Step 1 has none: the startnotitie is no document version of its own."""
    project = version.project
    document = {
        RaadsvoorstelOccasion.STAP_9: DocumentKind.KADERNOTA,
        RaadsvoorstelOccasion.STAP_5: DocumentKind.ANALYSE,
    }.get(version.part)
    if document is not None:
        latest = (
            # The whole plan's, not a gemeente's edition made after it (a joint plan).
            ReportVersion.objects.filter(project=project, document=document, part="", edition="")
            .order_by("-major", "-minor")
            .first()
        )
        return [latest] if latest else []
    if version.part == RaadsvoorstelOccasion.ACTUALISATIE:
        actualisatie = (
            Actualisatie.objects.filter(project=project, version__isnull=False)
            .select_related("version")
            .order_by("-started_at", "-id")
            .first()
        )
        return [actualisatie.version] if actualisatie else []
    return []


def _pdf(version: ReportVersion, snapshot: Snapshot) -> bytes:
    """The snapshot as the version's PDF: the gemeente's house style and logo, as a render."""
    from . import services
    from .pdf import render_pdf

    gemeente = version.project.gemeente
    styled = services._in_house_style(snapshot, version, gemeente)
    return render_pdf(styled, variant=PdfVariant.UA, logo=services._logo_png(gemeente))


def _version_pdf(version: ReportVersion) -> bytes:
    """A bijlage's PDF: its finished accessible PDF when there is one, else rendered now."""
    done = version.renders.filter(
        format=RenderFormat.PDF, variant=PdfVariant.UA, status=RenderStatus.DONE
    ).first()
    if done is not None and done.file:
        with done.file.open("rb") as handle:
            return handle.read()
    return _pdf(version, redacted(version.snapshot))


def _besluit_title(version: ReportVersion) -> str:
    """ "Raadsbesluit vaststelling kadernota (stap 9)"."""
    if version.part in RaadsvoorstelOccasion.values:
        return f"Raadsbesluit {RaadsvoorstelOccasion(version.part).label}"
    return "Raadsbesluit"


def _parts(version: ReportVersion) -> tuple[Snapshot, Snapshot]:
    """The voorstel without its ontwerpbesluit, and the ontwerpbesluit alone as the besluit."""
    snapshot = redacted(version.snapshot)
    voorstel = [s for s in snapshot.sections if s.key != ONTWERPBESLUIT_KEY]
    besluit = [s for s in snapshot.sections if s.key == ONTWERPBESLUIT_KEY]
    if not besluit:
        raise ValidationError(
            "Dit raadsvoorstel heeft geen ontwerpbesluit: zet het hoofdstuk Ontwerpbesluit "
            "terug in de indeling en maak een nieuwe versie."
        )
    return (
        dataclasses.replace(snapshot, sections=voorstel),
        dataclasses.replace(snapshot, title=_besluit_title(version), sections=besluit),
    )


def manifest_csv(rows: list[ManifestRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for row in rows:
        writer.writerow([getattr(row, column) for column in MANIFEST_COLUMNS])
    return out.getvalue().encode("utf-8")


def bundle_write(version: ReportVersion, *, bijlagen: list[ReportVersion] | None = None):
    """The bundle as a spooled temporary file, at its start; the caller closes it.
    `bijlagen` defaults to ``bijlage_versions``; a reader's view passes only those it may read."""
    if version.document != DocumentKind.RAADSVOORSTEL:
        raise ValidationError("Alleen een raadsvoorstel heeft een griffiebundel.")
    voorstel, besluit = _parts(version)
    bijlagen = bijlage_versions(version) if bijlagen is None else bijlagen
    files = [
        ("01-raadsvoorstel.pdf", voorstel.title, "raadsvoorstel", version, voorstel),
        ("02-raadsbesluit.pdf", besluit.title, "raadsbesluit", version, besluit),
    ]
    rows: list[ManifestRow] = []
    spool = SpooledTemporaryFile(max_size=SPOOL_BYTES)
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, (name, title, kind, source, snapshot) in enumerate(files, start=1):
            rows.append(_add(archive, number, name, title, kind, source, _pdf(version, snapshot)))
        for number, bijlage in enumerate(bijlagen, start=len(files) + 1):
            title = bijlage.document_title
            name = f"{number:02d}-bijlage-{slugify(title)}.pdf"
            rows.append(
                _add(archive, number, name, title, "bijlage", bijlage, _version_pdf(bijlage))
            )
        archive.writestr("manifest.csv", manifest_csv(rows))
        archive.writestr(
            "manifest.json",
            json.dumps([dataclasses.asdict(row) for row in rows], ensure_ascii=False, indent=2),
        )
    spool.seek(0)
    return spool, rows


def _add(archive, number, name, title, kind, source: ReportVersion, data: bytes) -> ManifestRow:
    archive.writestr(name, data)
    return ManifestRow(
        volgorde=number,
        bestandsnaam=name,
        titel=title,
        documentsoort=kind,
        versie=source.label,
        datum=source.created_at.date().isoformat(),
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
    )


def bundle_filename(version: ReportVersion) -> str:
    gemeente = version.project.gemeente.name
    return slugify(f"griffiebundel {version.document_title} {gemeente} {version.label}") + ".zip"
