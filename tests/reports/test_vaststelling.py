"""Which version awaits the raad's decision, and what the decision does to it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from kernbeleid.models import Amendment, RaadDecision
from reports import services, vaststelling
from reports.models import Publication, ReportVersion
from tests.factories import ProjectFactory


@pytest.fixture
def at_9(world):
    return ProjectFactory(gemeente=world.gemeente, step=9), world.users["adviseur"]


def _publish(version, *, step, purpose="besluitvorming", audience="raad", minutes_ago=0):
    publication = Publication.objects.create(
        version=version,
        audience=audience,
        purpose=purpose,
        decision_step=step if purpose == "besluitvorming" else None,
        closes_on=timezone.localdate() if purpose == "consultatie" else None,
        step=step,
    )
    # Explicit times: two publications in one test must not share a timestamp.
    Publication.objects.filter(pk=publication.pk).update(
        published_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return publication


def _decision(project, *, step=9, outcome="aangenomen", number="RB-9"):
    return RaadDecision.objects.create(
        project=project, step=step, date=timezone.localdate(), number=number, outcome=outcome
    )


def test_the_last_publication_ter_besluitvorming_awaits_until_it_is_decided(at_9):
    project, actor = at_9
    concept = services.version_for(actor=actor, project=project, document="kadernota")
    assert vaststelling.version_awaiting_decision(project, 9) is None
    _publish(concept, step=9, purpose="informatie")
    _publish(concept, step=9, audience="werkgroep", purpose="consultatie", minutes_ago=1)
    assert vaststelling.version_awaiting_decision(project, 9) is None  # not ter besluitvorming
    older = _publish(concept, step=9, minutes_ago=10)
    assert vaststelling.version_awaiting_decision(project, 9) == concept
    assert vaststelling.version_awaiting_decision(project, 5) is None  # another step

    older.decision = _decision(project, outcome="verworpen")
    older.save()
    assert vaststelling.version_awaiting_decision(project, 9) is None


def test_at_step_9_only_the_kadernota_awaits(at_9):
    project, actor = at_9
    analysis = services.version_for(actor=actor, project=project, document="analyse")
    _publish(analysis, step=9)
    assert vaststelling.version_awaiting_decision(project, 9) is None
    _publish(analysis, step=5)
    assert vaststelling.version_awaiting_decision(project, 5) == analysis


def test_decision_apply_at_step_5_only_links(at_9):
    project, actor = at_9
    analysis = services.version_for(actor=actor, project=project, document="analyse")
    publication = _publish(analysis, step=5)
    decision = _decision(project, step=5, number="RB-5")
    assert vaststelling.decision_apply(actor=actor, decision=decision) == analysis
    publication.refresh_from_db()
    assert publication.decision == decision
    assert not ReportVersion.objects.filter(project=project, major__gte=1).exists()


def test_decision_apply_vaststelt_with_the_amendementen_as_bijlage(at_9):
    project, actor = at_9
    concept = services.version_for(actor=actor, project=project, document="kadernota")
    _publish(concept, step=9)
    decision = _decision(project, outcome="geamendeerd", number="2019-31")
    Amendment.objects.create(decision=decision, number="1", part="Hoofdstuk 3", text="Schrap")
    final = vaststelling.decision_apply(actor=actor, decision=decision)
    assert final.label == "vastgesteld 1.0"
    assert (final.finalized_as, final.decision, final.major) == ("raad", decision, 1)
    assert final.snapshot["version_label"] == "vastgesteld 1.0"
    # The standaardindeling has its own bijlage for them (reports.kadernota_appendix).
    keys = [section["key"] for section in final.snapshot["sections"]]
    assert "bijlage-amendementen" not in keys
    bijlage = next(
        s for s in final.snapshot["sections"] if s["key"].startswith("bijlage-besluiten")
    )
    assert bijlage["blocks"][1]["items"] == [
        "Amendement 1 (aangenomen), over Hoofdstuk 3:",
        "Schrap",
    ]
    # Its PDF and DOCX are requested with it (version_finalize).
    assert sorted(final.renders.values_list("format", flat=True)) == ["docx", "pdf"]


def test_decision_apply_leaves_an_aangehouden_version_waiting(at_9):
    project, actor = at_9
    concept = services.version_for(actor=actor, project=project, document="kadernota")
    publication = _publish(concept, step=9)
    decision = _decision(project, outcome="aangehouden")
    assert vaststelling.decision_apply(actor=actor, decision=decision) is None
    publication.refresh_from_db()
    assert publication.decision is None


def test_the_confirmation_names_decision_and_version(at_9):
    project, actor = at_9
    concept = services.version_for(actor=actor, project=project, document="kadernota")
    day = timezone.localdate()
    assert vaststelling.confirmation_text(
        version=concept, number="2027-RB-031", decision_date=day
    ) == (
        f"Met raadsbesluit 2027-RB-031 van {date_format(day, 'j F Y')} wordt Kadernota "
        "integrale veiligheid concept 0.1 vastgesteld als vastgesteld 1.0."
    )
