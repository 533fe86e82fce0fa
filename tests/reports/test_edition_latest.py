"""A gemeente's edition of a joint plan is a document line of its own (issue 19): made or
vastgesteld after the whole plan's version, it does not take that version's place where the
app looks for "the latest version" of a document."""

import datetime

import pytest
from django.utils import timezone

from reports import selectors, services
from reports.constants import DocumentKind, RaadsvoorstelOccasion
from reports.griffie_bundle import bijlage_versions
from reports.models import ReportVersion
from tests.factories import gemeente, join_plan

ANALYSE = DocumentKind.ANALYSE


@pytest.fixture
def joint(world):
    diemen = gemeente("GM0384")
    join_plan(world.project, diemen)
    return world.project, diemen


def _college(world, version):
    return services.version_finalize_by_college(
        actor=world.users["ambtenaar"],
        version=version,
        decided_on=timezone.localdate() - datetime.timedelta(days=1),
        number="B-1",
        confirmed=True,
    )


def test_an_edition_vastgesteld_by_the_college_stays_an_edition(world, joint):
    project, diemen = joint
    actor = world.users["ambtenaar"]
    whole = services.version_for(actor=actor, project=project, document=ANALYSE)
    edition = services.version_for(
        actor=actor, project=project, document=ANALYSE, edition_gemeente=diemen
    )
    final_edition = _college(world, edition)
    assert (final_edition.edition, final_edition.label) == (diemen.cbs_code, "vastgesteld 1.0")
    # The whole plan's concept is not overtaken by Diemen's edition: still to be vastgesteld.
    assert selectors.final_after(whole) is None and selectors.final_of(whole) is None
    final_whole = _college(world, whole)
    assert (final_whole.edition, final_whole.label) == ("", "vastgesteld 1.0")
    assert selectors.final_of(edition) == final_edition


def test_the_griffie_bundle_offers_the_whole_plans_kadernota(world, joint):
    project, diemen = joint
    actor = world.users["ambtenaar"]
    kadernota = DocumentKind.KADERNOTA
    whole = services.version_for(actor=actor, project=project, document=kadernota)
    edition = services.version_for(
        actor=actor, project=project, document=kadernota, edition_gemeente=diemen
    )
    # The edition, numbered on its own, even runs ahead of the plan's version.
    ReportVersion.objects.filter(pk=edition.pk).update(minor=5)
    voorstel = ReportVersion.objects.create(
        project=project,
        document=DocumentKind.RAADSVOORSTEL,
        part=RaadsvoorstelOccasion.STAP_9,
        content_hash="x",
        snapshot={},
        structure_name="-",
    )
    assert bijlage_versions(voorstel) == [whole]
