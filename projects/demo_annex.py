"""Demo: a besloten bijlage in the Almere traject, for the raadslid.

Called with one line at the end of the Almere story (projects/demo_traject.py). It names the
demo raadslid as reader of the newest version put before the raad that has confidential
parts, on the day it was published. A version has such parts once a part of the project is
marked vertrouwelijk before the version is made (projects.ConfidentialMark, set where the
marks are made); without one the demo has no bijlage to show and this does nothing.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from reports.confidential import has_confidential
from reports.constants import Audience
from reports.models import BeslotenBijlage, ReportVersion

from .demo_dating import dated, demo_user
from .models import Project

NOTE = (
    "Het ondermijningsbeeld van het RIEC is besproken in de besloten raadsvergadering; "
    "de raad heeft er geheimhouding op gelegd (art. 25 Gemeentewet)."
)


def demo_annex_load(project: Project) -> list[str]:
    """Idempotent: a version that has its bijlage keeps it as it is."""
    from reports.besloten_bijlage import besloten_bijlage_set

    versions = ReportVersion.objects.filter(
        project=project, publications__audience=Audience.RAAD
    ).order_by("-created_at")
    version = next((v for v in versions if has_confidential(v.snapshot)), None)
    if version is None or BeslotenBijlage.objects.filter(version=version).exists():
        return []
    slug = project.gemeente.slug
    raadslid = demo_user(f"raadslid@{slug}.demo.nl")
    published = version.publications.filter(audience=Audience.RAAD).order_by("published_at")[0]
    try:
        with dated(project, timezone.localdate(published.published_at), 16):
            besloten_bijlage_set(
                actor=demo_user(f"ambtenaar@{slug}.demo.nl"),
                version=version,
                readers=[raadslid],
                note=NOTE,
            )
    except ValidationError as error:  # the demo story goes on without it
        return [f"{project.gemeente.name}: geen besloten bijlage, want: {' '.join(error.messages)}"]
    return [
        f"{project.gemeente.name}: besloten bijlage bij {version.document_title} "
        f"{version.label} voor {raadslid.get_full_name()}."
    ]
