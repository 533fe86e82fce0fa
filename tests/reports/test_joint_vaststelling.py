"""The vastgestelde kadernota of a joint plan (issue 19) holds the amendementen and moties of
every raad that adopted it, each under its gemeente's name, not only those of the raad that
adopted last."""

import pytest
from django.utils import timezone

from kernbeleid.models import Amendment, RaadDecision
from projects.constants import ParticipationStatus
from projects.models import Project, ProjectParticipant
from reports import services, vaststelling
from reports.models import Publication
from tests.factories import ProjectFactory, gemeente


@pytest.fixture
def at_9(world):
    """Amsterdam leads, Diemen joined; the kadernota went ter besluitvorming to both raden."""
    project = ProjectFactory(gemeente=world.gemeente, step=9)
    diemen = gemeente("GM0384")
    ProjectParticipant.objects.create(
        project=project, gemeente=diemen, status=ParticipationStatus.DEELNEMER
    )
    Project.objects.filter(pk=project.pk).update(joint=True)
    project.refresh_from_db()
    actor = world.users["adviseur"]
    concept = services.version_for(actor=actor, project=project, document="kadernota")
    for g in (world.gemeente, diemen):
        Publication.objects.create(
            version=concept,
            audience="raad",
            gemeente=g,
            purpose="besluitvorming",
            decision_step=9,
            step=9,
        )
    return project, world.gemeente, diemen, actor


def _adopt(project, gemeente, number, amendment):
    decision = RaadDecision.objects.create(
        project=project,
        gemeente=gemeente,
        step=9,
        date=timezone.localdate(),
        number=number,
        outcome="geamendeerd",
    )
    Amendment.objects.create(decision=decision, number="1", part="Hoofdstuk 3", text=amendment)
    return decision


def _texts(section) -> list[str]:
    return [
        item
        for block in section["blocks"]
        for item in ([block["text"]] if block["type"] == "heading" else block.get("items", []))
    ]


def test_the_bijlage_has_every_raads_amendementen_per_gemeente(at_9):
    project, amsterdam, diemen, actor = at_9
    first = _adopt(project, amsterdam, "RB-A", "Schrap de zin over Zuidoost.")
    assert vaststelling.decision_apply(actor=actor, decision=first).final is False
    last = _adopt(project, diemen, "RB-D", "Voeg Diemen-Noord toe.")
    final = vaststelling.decision_apply(actor=actor, decision=last)
    assert final.final and final.decision == last
    bijlage = next(s for s in final.snapshot["sections"] if s["key"].startswith("bijlage-besl"))
    texts = _texts(bijlage)
    assert "Gemeenteraad van Amsterdam" in texts and "Gemeenteraad van Diemen" in texts
    lead_at, diemen_at = (
        texts.index("Gemeenteraad van Amsterdam"),
        texts.index("Gemeenteraad van Diemen"),
    )
    assert lead_at < texts.index("Schrap de zin over Zuidoost.") < diemen_at
    assert diemen_at < texts.index("Voeg Diemen-Noord toe.")


def test_the_amendementen_bijlage_names_each_raad(at_9):
    project, amsterdam, diemen, _actor = at_9
    adopted = [
        (amsterdam, _adopt(project, amsterdam, "RB-A", "Schrap de zin over Zuidoost.")),
        (diemen, _adopt(project, diemen, "RB-D", "Voeg Diemen-Noord toe.")),
    ]
    assert vaststelling.adopting_decisions(project, adopted[1][1]) == adopted
    section = vaststelling.amendments_appendix(adopted).to_json()
    texts = _texts(section)
    assert texts.index("Gemeenteraad van Amsterdam") < texts.index("Schrap de zin over Zuidoost.")
    assert texts.index("Gemeenteraad van Diemen") < texts.index("Voeg Diemen-Noord toe.")
    assert any(t.startswith("De gemeenteraad van Diemen heeft deze kadernota") for t in texts)
