"""Versions and URLs for the publication tests: a stored version with a marker text in its
one section, so a test can say whether a page or a mail shows draft content."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from reports.blocks import ParagraphsBlock
from reports.models import ReportVersion
from tests.reports.snapshots import section, snapshot

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(year: int, month: int, day: int) -> datetime:
    """Noon on that day in the Netherlands (for time_machine.travel)."""
    return datetime(year, month, day, 12, tzinfo=AMSTERDAM)


def stored_version(
    project, *, document="analyse", minor=1, major=0, marker="Conceptzin", **fields
) -> ReportVersion:
    return ReportVersion.objects.create(
        project=project,
        document=document,
        major=major,
        minor=minor,
        content_hash=f"{document}-{major}.{minor}",
        snapshot=snapshot(
            section("samenvatting", "Samenvatting", [ParagraphsBlock([marker])]),
            document=document,
            version_label=f"concept {major}.{minor}",
        ).to_json(),
        structure_name="standaardindeling",
        **fields,
    )


def reports_url(project, name, **kwargs) -> str:
    return reverse(
        f"reports:{name}",
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid, **kwargs},
    )
