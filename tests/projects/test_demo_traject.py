"""The demo that `make run` loads: Almere's whole traject on step 12 and Amsterdam's
analysis-only commission. One test, because loading the figures takes most of its time; the
asserts are grouped by story."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.utils import timezone

from kernbeleid.constants import DecisionKind, Outcome
from kernbeleid.models import (
    Action,
    ActionProgress,
    Amendment,
    CollegeBesluit,
    ControleVraag,
    Goal,
    Meeting,
    Motie,
    RaadDecision,
    StepTransition,
    WerkgroepMember,
)
from projects.models import AuditEntry, Project
from reports.confidential import has_confidential, redacted
from reports.constants import Audience, DocumentKind, PublicationPurpose, RenderStatus
from reports.models import (
    BeslotenBijlage,
    Delivery,
    OutlineAgreement,
    Publication,
    RenderRun,
    ReportVersion,
    ReviewComment,
)

COUNTED = (
    Project,
    RaadDecision,
    Amendment,
    Motie,
    CollegeBesluit,
    ControleVraag,
    StepTransition,
    WerkgroepMember,
    Meeting,
    Goal,
    Action,
    ActionProgress,
    ReportVersion,
    RenderRun,
    Publication,
    ReviewComment,
    OutlineAgreement,
    Delivery,
    AuditEntry,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def _almere_traject(today: date) -> None:
    project = Project.objects.get(name="Integraal Veiligheidsplan 2027-2030 Almere")
    assert project.current_step == 12
    assert (project.period_start, project.period_end) == (2027, 2030)

    brief = project.raad_decisions.get(step=1)
    assert brief.kind == DecisionKind.INFORMATIEBRIEF
    assert brief.outcome == ""
    assert brief.number.startswith("RIB ")

    final = ReportVersion.objects.get(
        project=project, document=DocumentKind.KADERNOTA, major=1, minor=0
    )
    assert final.finalized_as == "raad"
    assert (final.decision.step, final.decision.outcome) == (9, Outcome.GEAMENDEERD)
    amendment = final.decision.amendments.get()
    assert (amendment.number, amendment.part) == ("A1", "Prioriteiten en doelen")
    # The amendement stands in the standaardindeling's Bijlage 2 (reports.kadernota_appendix).
    appendix = next(s for s in final.snapshot["sections"] if s["key"].startswith("bijlage-bes"))
    assert appendix["title"] == "Bijlage 2. Amendementen en moties"
    assert "Amendement A1 (aangenomen)" in str(appendix["blocks"])
    runs = {run.format: run for run in final.renders.all()}
    assert set(runs) == {"pdf", "docx"}
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        assert runs[fmt].status == RenderStatus.DONE
        with runs[fmt].file.open("rb") as handle:
            assert handle.read(4).startswith(magic)
    # The version the raad decided on is the one published ter besluitvorming for step 9.
    sent = Publication.objects.get(version__project=project, decision_step=9)
    assert sent.decision == final.decision
    assert sent.audience == Audience.RAAD

    # Step 5: consulted with the werkgroep first (closed), then decided by the raad.
    consulted = Publication.objects.get(
        version__project=project,
        version__document=DocumentKind.ANALYSE,
        purpose=PublicationPurpose.CONSULTATIE,
    )
    assert consulted.audience == Audience.WERKGROEP
    assert consulted.closes_on < today
    assert consulted.version.comments.filter(parent=None).count() == 2
    assert consulted.version.comments.exclude(parent=None).count() == 1
    decided = Publication.objects.get(version__project=project, decision_step=5)
    assert decided.decision.outcome == Outcome.AANGENOMEN

    # Moties: step 5's and the controle's are open tasks, step 9's is done.
    open_tasks = [motie for motie in project.moties.all() if motie.task_open]
    assert sorted(motie.step for motie in open_tasks) == [5, 11]
    assert all(motie.task_deadline > today and motie.task_owner for motie in open_tasks)
    assert project.moties.get(step=11).kennisname is not None
    assert project.moties.get(step=9).task_done_note

    controle = CollegeBesluit.objects.get(project=project).kennisname
    assert controle.questions.count() == 2
    assert controle.questions.exclude(answered_at=None).count() == 1
    assert 5 <= project.actions.count() <= 8
    assert ActionProgress.objects.filter(action__project=project).exists()
    assert project.werkgroep.count() == 7

    # A consistent past: each step started after the one before, each decision after its
    # step started, nothing after today.
    records = list(project.step_records.order_by("step"))
    starts = [timezone.localtime(record.started_at).date() for record in records]
    assert starts == sorted(starts) and starts[-1] <= today
    for decision in project.raad_decisions.all():
        assert starts[decision.step - 1] <= decision.date <= today
    assert not AuditEntry.objects.filter(project=project, at__gt=timezone.now()).exists()
    assert project.transitions.count() == 11

    # Issue 14: the two-year update reaches the raad without the ondermijningsbeeld, which
    # the raadslid gets in a besloten bijlage on their name.
    bijlage = BeslotenBijlage.objects.get(version__project=project)
    assert bijlage.version.publications.filter(audience=Audience.RAAD).exists()
    assert has_confidential(bijlage.version.snapshot)
    assert not has_confidential(redacted(bijlage.version.snapshot))
    assert [reader.email for reader in bijlage.readers.all()] == ["raadslid@almere.demo.nl"]


def _amsterdam_commission(today: date) -> None:
    project = Project.objects.get(name="Veiligheidsanalyse 2027 Amsterdam")
    assert project.scope == "analyse"
    assert project.raad_decisions.count() == 0
    assert project.opdracht.opdrachtgever.startswith("Directie Openbare Orde en Veiligheid")

    first, change = project.outline_agreements.order_by("number")
    assert (first.status, change.status) == ("agreed", "agreed")
    assert len(change.sections) == len(first.sections) + 1
    assert change.change_reason

    delivery = project.deliveries.get()
    assert delivery.version.finalized_as == "opgeleverd"
    assert delivery.delivered_on < today <= delivery.aftercare_until
    assert delivery.aftercare_until == delivery.delivered_on + relativedelta(months=3)
    assert delivery.ended_at is None
    question = delivery.version.comments.get(parent=None)
    assert question.author.email == "ambtenaar@amsterdam.demo.nl"
    assert question.answers.get().author.email == "adviseur@veilig-advies.nl"
    assert {run.status for run in delivery.version.renders.all()} == {RenderStatus.DONE}

    # Amsterdam's own traject is left as load_demo made it.
    own = Project.objects.get(gemeente__slug="amsterdam", scope="kernbeleid")
    assert own.current_step == 2


@pytest.mark.django_db
def test_the_demo_traject_tells_both_stories_and_loads_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # the synthetic survey files
    call_command("load_demo", verbosity=0)
    call_command("load_demo_survey", verbosity=0)
    call_command("load_demo_traject", verbosity=0)
    today = timezone.localdate()

    _almere_traject(today)
    _amsterdam_commission(today)

    before = _counts()
    call_command("load_demo_traject", verbosity=0)
    assert _counts() == before
