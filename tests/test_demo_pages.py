"""What the demo pages showed wrongly, pinned: a concept overtaken by a final version offers
no vaststelling any more."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from reports import services
from reports.models import ReportVersion
from tests.reports.publication_helpers import reports_url, stored_version


def test_a_concept_before_the_final_version_offers_no_vaststelling(world):
    project = world.project
    old = stored_version(project, document="analyse", minor=1)
    stored_version(project, document="analyse", major=1, minor=0, finalized_as="opgeleverd")
    newer = stored_version(project, document="analyse", major=1, minor=1)

    page = world.client("ambtenaar").get(reports_url(project, "overview")).content.decode()

    old_finalize = reports_url(project, "finalize", version_uuid=old.uuid)
    newer_finalize = reports_url(project, "finalize", version_uuid=newer.uuid)
    assert old_finalize not in page  # 0.1 came before opgeleverd 1.0
    assert newer_finalize in page  # 1.1 came after it: the college may still vaststellen it
    assert page.count("Er is al een latere eindversie") == 1


def test_the_college_cannot_vaststellen_a_concept_a_final_version_overtook(world):
    project = world.project
    old = stored_version(project, document="analyse", minor=2)
    stored_version(project, document="analyse", major=1, minor=0, finalized_as="college")

    with pytest.raises(ValidationError, match=r"latere versie gemaakt \(vastgesteld 1\.0\)"):
        services.version_finalize_by_college(
            actor=world.users["ambtenaar"],
            version=old,
            decided_on=datetime.date(2026, 1, 5),
            number="B&W 2026-001",
            confirmed=True,
        )
    assert ReportVersion.objects.filter(project=project, major=2).count() == 0
