"""Reads of the raadsvoorstel: one per occasion, and the four with their status."""

from dataclasses import dataclass

from kernbeleid.products.models import Raadsvoorstel
from projects.models import Project
from reports.constants import DocumentKind, RaadsvoorstelOccasion
from reports.models import ReportVersion

from .drafting import FIELDS


def raadsvoorstel_for(project: Project, occasion: str) -> Raadsvoorstel:
    """The stored voorstel, or an unsaved empty one (reading creates nothing)."""
    return Raadsvoorstel.objects.filter(project=project, occasion=occasion).first() or (
        Raadsvoorstel(project=project, occasion=occasion)
    )


@dataclass
class OccasionRow:
    occasion: str
    label: str
    voorstel: Raadsvoorstel | None
    written: int  # parts a user wrote
    latest: ReportVersion | None

    @property
    def status(self) -> str:
        if self.voorstel is None or (not self.voorstel.draft and not self.written):
            return "nog niet opgesteld"
        if self.latest is not None:
            return f"{self.latest.label} gemaakt"
        return f"concept opgesteld, {self.written} van {len(FIELDS)} onderdelen zelf geschreven"


def occasions(project: Project) -> list[OccasionRow]:
    stored = {v.occasion: v for v in Raadsvoorstel.objects.filter(project=project)}
    rows = []
    for occasion, label in RaadsvoorstelOccasion.choices:
        voorstel = stored.get(occasion)
        latest = (
            ReportVersion.objects.filter(
                project=project, document=DocumentKind.RAADSVOORSTEL, part=occasion
            )
            .order_by("-major", "-minor")
            .first()
        )
        written = sum(1 for f in FIELDS if voorstel and getattr(voorstel, f).strip())
        rows.append(OccasionRow(occasion, label, voorstel, written, latest))
    return rows
