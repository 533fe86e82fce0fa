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


def test_a_version_the_raad_decided_on_says_so_instead_of_a_decision_to_come(world):
    from kernbeleid.workflow.models import RaadDecision
    from reports.models import Publication

    project = world.project
    concept = stored_version(project, document="kadernota", minor=2)
    pending = stored_version(project, document="kadernota", minor=3)
    decision = RaadDecision.objects.create(
        project=project,
        step=9,
        date=datetime.date(2026, 4, 9),
        number="RB 2026-057",
        outcome="geamendeerd",
    )
    for version, decided in ((concept, decision), (pending, None)):
        Publication.objects.create(
            version=version,
            audience="raad",
            purpose="besluitvorming",
            decision_step=9,
            decision=decided,
            step=9,
        )
    client = world.client("raadslid")

    page = client.get(reports_url(project, "version", version_uuid=concept.uuid)).content.decode()
    assert (
        "De raad besloot erover op 9 april 2026: raadsbesluit RB 2026-057, "
        "aangenomen met amendementen." in page
    )
    assert "De raad besluit erover in stap 9" not in page
    page = client.get(reports_url(project, "version", version_uuid=pending.uuid)).content.decode()
    assert "De raad besluit erover in stap 9." in page
    overview = client.get(reports_url(project, "overview")).content.decode()
    assert "besloten op 9 april 2026 (RB 2026-057, aangenomen met amendementen)" in overview
