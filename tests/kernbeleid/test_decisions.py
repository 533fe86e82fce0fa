"""Raad decisions as they are: every outcome and the version it fixes, decisions that are not a
numbered besluit at steps 1 and 5, the decision document checked by its content, the date
checked against the start of the step, superseded decisions, and the confirmation before a
kadernota is vastgesteld."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kernbeleid.models import RaadDecision, StepRecord
from kernbeleid.workflow import services
from kernbeleid.workflow.documents import check_decision_document
from kernbeleid.workflow.services import AmendmentInput
from reports import services as report_services
from reports.models import Publication, ReportVersion
from reports.vaststelling import version_awaiting_decision
from tests.factories import ProjectFactory, fulfil_step

TODAY = timezone.localdate


def publish_for_decision(project, actor, step, document="kadernota"):
    """A version put to the raad ter besluitvorming for `step` (made directly: the publish
    service is rewritten on another branch)."""
    version = report_services.version_for(actor=actor, project=project, document=document)
    Publication.objects.create(
        version=version,
        audience="raad",
        purpose="besluitvorming",
        decision_step=step,
        step=project.current_step,
        published_by=actor,
    )
    return version


def record(project, actor, **kwargs):
    values = {
        "actor": actor,
        "project": project,
        "expected_step": project.current_step,
        "decision_date": TODAY(),
        "number": f"RB-{project.current_step}",
        "outcome": "aangenomen",
    }
    return services.raad_decision_record(**(values | kwargs))


@pytest.fixture
def at_9(world):
    return ProjectFactory(gemeente=world.gemeente, step=9), world.users["ambtenaar"]


def test_aangenomen_at_9_makes_the_published_kadernota_vastgesteld_1_0(at_9):
    project, actor = at_9
    concept = publish_for_decision(project, actor, 9)
    assert concept.label == "concept 0.1"
    with pytest.raises(ValidationError) as refused:
        record(project, actor, number="2027-RB-031")
    day = date_format(TODAY(), "j F Y")
    assert refused.value.message_dict["confirmed"][0].startswith(
        f"Met raadsbesluit 2027-RB-031 van {day} wordt Kadernota integrale veiligheid "
        "concept 0.1 vastgesteld als vastgesteld 1.0."
    )
    assert not project.raad_decisions.filter(step=9).exists()

    decision = record(project, actor, number="2027-RB-031", confirmed=True)

    final = ReportVersion.objects.get(project=project, document="kadernota", major=1, minor=0)
    assert final.label == "vastgesteld 1.0"
    assert (final.finalized_as, final.decision) == ("raad", decision)
    assert Publication.objects.get(version=concept).decision == decision
    # No bijlage added; the samenvatting and procedure (s1, s2), Bijlage 2 and the colofon
    # name the besluit.
    keys = [section["key"] for section in final.snapshot["sections"]]
    assert keys == [section["key"] for section in concept.snapshot["sections"]]
    changed = [
        after["key"]
        for after, before in zip(
            final.snapshot["sections"], concept.snapshot["sections"], strict=True
        )
        if after != before
    ]
    assert changed == ["s1", "s2", "bijlage-besluiten-15", "colofon-18"]
    project.refresh_from_db()
    assert project.current_step == 10
    assert version_awaiting_decision(project, 9) is None


def test_geamendeerd_at_9_is_adopted_as_amended_with_the_amendementen_as_bijlage(at_9):
    project, actor = at_9
    concept = publish_for_decision(project, actor, 9)
    with pytest.raises(ValidationError, match="elk aangenomen amendement"):
        record(project, actor, outcome="geamendeerd", confirmed=True)
    with pytest.raises(ValidationError, match="nummer, het onderdeel"):
        record(
            project,
            actor,
            outcome="geamendeerd",
            confirmed=True,
            amendments=[AmendmentInput(number="A1", part="", text="Voeg toe")],
        )
    amendments = [
        AmendmentInput(number="A1", part="Prioriteit 2", text="Voeg jeugdoverlast toe."),
        AmendmentInput(number="A2", part="Budget", text="Verhoog het budget.\nMet 10%."),
    ]
    decision = record(project, actor, outcome="geamendeerd", confirmed=True, amendments=amendments)

    assert list(decision.amendments.values_list("number", "part")) == [
        ("A1", "Prioriteit 2"),
        ("A2", "Budget"),
    ]
    project.refresh_from_db()
    assert project.current_step == 10  # adopted as amended: on to the next step, not back
    final = ReportVersion.objects.get(project=project, document="kadernota", major=1)
    assert (final.finalized_as, final.decision) == ("raad", decision)
    # The standaardindeling's Bijlage 2 holds them (reports.kadernota_appendix).
    assert len(final.snapshot["sections"]) == len(concept.snapshot["sections"])
    bijlage = next(s for s in final.snapshot["sections"] if s["key"] == "bijlage-besluiten-15")
    assert (bijlage["title"], bijlage["numbered"]) == ("Bijlage 2. Amendementen en moties", False)
    blocks = bijlage["blocks"]
    assert blocks[0]["text"].startswith("Raadsbesluit RB-9 van ")
    assert blocks[0]["text"].endswith(" over de vaststelling van de kadernota")
    assert blocks[1] == {
        "type": "paragraphs",
        "items": ["Amendement A1 (aangenomen), over Prioriteit 2:", "Voeg jeugdoverlast toe."],
    }
    assert blocks[2] == {
        "type": "paragraphs",
        "items": ["Amendement A2 (aangenomen), over Budget:", "Verhoog het budget.", "Met 10%."],
    }


def test_amendementen_belong_to_geamendeerd_only(at_9):
    project, actor = at_9
    with pytest.raises(ValidationError, match="horen bij de uitkomst"):
        record(project, actor, amendments=[AmendmentInput("A1", "Visie", "Anders")])
    assert not project.raad_decisions.filter(step=9).exists()


def test_verworpen_at_9_goes_back_to_7_and_is_superseded_by_the_next_decision(at_9):
    project, actor = at_9
    concept = publish_for_decision(project, actor, 9)
    rejected = record(
        project, actor, outcome="verworpen", notes="Te weinig aandacht voor ondermijning"
    )
    project.refresh_from_db()
    assert project.current_step == 7
    # The version was decided on (rejected); nothing is vastgesteld and nothing awaits.
    assert Publication.objects.get(version=concept).decision == rejected
    assert not ReportVersion.objects.filter(project=project, major__gte=1).exists()
    assert version_awaiting_decision(project, 9) is None
    rejected.refresh_from_db()
    assert not rejected.superseded  # it stands until the raad decides again

    for step in (7, 8):  # their work was done before; it stands
        services.project_advance(actor=actor, project=project, expected_step=step)
    publish_for_decision(project, actor, 9)
    adopted = record(project, actor, number="RB-9b", confirmed=True)

    rejected.refresh_from_db()
    assert rejected.superseded and rejected.superseded_by == adopted
    assert rejected.superseded_reason == "Vervangen door Raadsbesluit RB-9b (aangenomen)."
    assert not adopted.superseded
    final = ReportVersion.objects.get(project=project, document="kadernota", major=1)
    assert final.decision == adopted


def test_aangehouden_stays_and_fixes_nothing(at_9):
    project, actor = at_9
    concept = publish_for_decision(project, actor, 9)
    postponed = record(project, actor, outcome="aangehouden")
    project.refresh_from_db()
    assert project.current_step == 9
    assert not ReportVersion.objects.filter(project=project, major__gte=1).exists()
    assert version_awaiting_decision(project, 9) == concept  # still before the raad
    adopted = record(project, actor, number="RB-9b", confirmed=True)
    postponed.refresh_from_db()
    assert postponed.superseded_by == adopted
    assert ReportVersion.objects.get(project=project, major=1).decision == adopted


def test_a_send_back_supersedes_the_decisions_of_the_reopened_steps(world):
    project = ProjectFactory(gemeente=world.gemeente, step=8)
    services.project_send_back(
        actor=world.users["ambtenaar"],
        project=project,
        expected_step=8,
        to_step=4,
        reason="Nieuwe cijfers",
    )
    step_1 = project.raad_decisions.get(step=1)
    step_5 = project.raad_decisions.get(step=5)
    assert not step_1.superseded
    assert step_5.superseded
    assert step_5.superseded_reason == "Project teruggezet naar stap 4: Nieuwe cijfers"


def test_step_1_closes_on_a_raadsinformatiebrief(world):
    project, actor = ProjectFactory(gemeente=world.gemeente, step=1), world.users["ambtenaar"]
    fulfil_step(project, 1)
    decision = record(project, actor, kind="raadsinformatiebrief", number="RIB-12", outcome="")
    assert (decision.kind, decision.outcome) == ("raadsinformatiebrief", "")
    assert str(decision) == "Raadsinformatiebrief RIB-12"
    project.refresh_from_db()
    assert project.current_step == 2


def test_step_5_closes_on_a_raadsinformatiebrief_and_links_the_analysis(world):
    project, actor = ProjectFactory(gemeente=world.gemeente, step=5), world.users["ambtenaar"]
    analysis = publish_for_decision(project, actor, 5, document="analyse")
    decision = record(project, actor, kind="raadsinformatiebrief", number="", outcome="")
    project.refresh_from_db()
    assert project.current_step == 6
    assert Publication.objects.get(version=analysis).decision == decision
    # The raad does not vaststellen the veiligheidsanalyse: the version stays a concept.
    assert not ReportVersion.objects.filter(project=project, major__gte=1).exists()


def test_a_brief_has_no_outcome(world):
    project, actor = ProjectFactory(gemeente=world.gemeente, step=5), world.users["ambtenaar"]
    with pytest.raises(ValidationError, match="heeft geen uitkomst"):
        record(project, actor, kind="bijeenkomst", outcome="verworpen")


def test_step_9_refuses_anything_but_a_raadsbesluit(at_9):
    project, actor = at_9
    for kind in ("raadsinformatiebrief", "consultatie", "bijeenkomst"):
        with pytest.raises(ValidationError) as refused:
            record(project, actor, kind=kind, outcome="")
        assert refused.value.message_dict["kind"][0].startswith("Stap 9 vraagt een raadsbesluit")
    assert not project.raad_decisions.filter(step=9).exists()
    project.refresh_from_db()
    assert project.current_step == 9


def test_step_11_records_no_raadsbesluit(world):
    project, actor = ProjectFactory(gemeente=world.gemeente, step=11), world.users["ambtenaar"]
    with pytest.raises(ValidationError, match="controle door de raad"):
        record(project, actor)
    assert not project.raad_decisions.filter(step=11).exists()


def test_a_decision_dated_before_its_step_started_is_refused(at_9):
    project, actor = at_9
    started = timezone.now() - timedelta(days=10)
    StepRecord.objects.filter(project=project, step=9).update(started_at=started)
    start_day = timezone.localtime(started).date()
    with pytest.raises(ValidationError) as refused:
        record(project, actor, decision_date=start_day - timedelta(days=1))
    assert refused.value.message_dict["decision_date"] == [
        f"Stap 9 begon op {date_format(start_day, 'j F Y')}; een besluit van de raad over deze "
        "stap ligt niet daarvóór."
    ]
    with pytest.raises(ValidationError, match="toekomst"):
        record(project, actor, decision_date=TODAY() + timedelta(days=1))
    assert record(project, actor, decision_date=start_day).date == start_day


# --- the decision document -------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}


def test_a_fake_pdf_is_refused_and_nothing_is_recorded(at_9):
    project, actor = at_9
    fake = SimpleUploadedFile("besluit.pdf", b"Dit is gewoon tekst, geen PDF.")
    with pytest.raises(ValidationError) as refused:
        record(project, actor, document=fake)
    assert refused.value.message_dict["document"] == [
        "Dit bestand heet .pdf maar is geen PDF. Upload het besluit zelf als PDF."
    ]
    assert not project.raad_decisions.filter(step=9).exists()


def test_a_docx_without_word_document_is_refused(at_9):
    project, actor = at_9
    hollow = SimpleUploadedFile("besluit.docx", _zip({"[Content_Types].xml": b"<Types/>"}))
    with pytest.raises(ValidationError, match="geen geldig Word-document"):
        record(project, actor, document=hollow)
    not_a_zip = SimpleUploadedFile("besluit.docx", b"PK nope")
    with pytest.raises(ValidationError, match="geen geldig Word-document"):
        check_decision_document(not_a_zip)
    assert not project.raad_decisions.filter(step=9).exists()


def test_real_documents_pass_and_are_stored(at_9):
    project, actor = at_9
    check_decision_document(SimpleUploadedFile("b.pdf", b"%PDF-1.7\n..."))
    check_decision_document(
        SimpleUploadedFile("b.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}))
    )
    with pytest.raises(ValidationError, match="OpenDocument"):
        check_decision_document(
            SimpleUploadedFile(
                "b.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
            )
        )
    upload = SimpleUploadedFile("Besluit RB-9.docx", _zip(DOCX))
    decision = record(project, actor, document=upload)
    assert decision.document.name.endswith(".docx")
    with decision.document.open("rb") as stored:
        assert zipfile.ZipFile(stored).namelist() == list(DOCX)


def test_doc_and_oversized_files_are_refused_before_reading(at_9):
    with pytest.raises(ValidationError, match="PDF, DOCX of ODT"):
        check_decision_document(SimpleUploadedFile("besluit.doc", b"\xd0\xcf\x11\xe0"))

    class Huge(SimpleUploadedFile):
        def read(self, *args):  # the size alone must refuse it
            raise AssertionError("read before the size check")

    huge = Huge("besluit.pdf", b"%PDF-")
    huge.size = 20 * 1024 * 1024 + 1
    with pytest.raises(ValidationError, match="groter dan 20 MB"):
        check_decision_document(huge)


def test_a_zip_with_too_many_members_is_refused():
    many = _zip(DOCX | {f"word/media/{n}.xml": b"" for n in range(2001)})
    with pytest.raises(ValidationError, match="te veel of te grote onderdelen"):
        check_decision_document(SimpleUploadedFile("besluit.docx", many))


# --- the page ------------------------------------------------------------------------------


def _url(project, name):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid},
    )


def _post(project, **extra):
    data = {
        "expected_step": project.current_step,
        "kind": "raadsbesluit",
        "decision_date": TODAY().isoformat(),
        "number": "2027-RB-031",
        "outcome": "aangenomen",
        "amendement-TOTAL_FORMS": "5",
        "amendement-INITIAL_FORMS": "0",
    }
    return data | extra


def test_the_page_asks_to_confirm_before_vaststellen(world, at_9):
    project, actor = at_9
    publish_for_decision(project, actor, 9)
    client = world.client("ambtenaar")
    page = client.get(_url(project, "timeline")).content.decode()
    assert "Ter besluitvorming aan de raad voorgelegd: <strong>Kadernota integrale" in page
    assert (
        "Kadernota integrale veiligheid concept 0.1 wordt vastgesteld als vastgesteld 1.0" in page
    )

    response = client.post(_url(project, "decision_record"), _post(project))
    assert response.status_code == 200
    assert "Met raadsbesluit 2027-RB-031 van" in response.content.decode()
    assert not project.raad_decisions.filter(step=9).exists()

    response = client.post(_url(project, "decision_record"), _post(project, confirmed="on"))
    assert response.status_code == 302
    assert ReportVersion.objects.get(project=project, major=1).decision.number == "2027-RB-031"
    page = client.get(_url(project, "timeline")).content.decode()
    assert "Vastgesteld: " in page and "vastgesteld 1.0" in page


def test_without_a_published_kadernota_the_page_says_so_and_still_records(world, at_9):
    project, _actor = at_9
    client = world.client("adviseur")
    page = client.get(_url(project, "timeline")).content.decode()
    assert "nog geen versie van de kadernota ter besluitvorming" in page
    assert 'name="confirmed"' not in page
    response = client.post(_url(project, "decision_record"), _post(project))
    assert response.status_code == 302
    assert project.raad_decisions.get(step=9).outcome == "aangenomen"
    assert not ReportVersion.objects.filter(project=project, major__gte=1).exists()


def test_the_page_records_amendementen_and_shows_a_superseded_decision(world, at_9):
    project, actor = at_9
    client = world.client("ambtenaar")
    response = client.post(
        _url(project, "decision_record"),
        _post(
            project,
            outcome="verworpen",
            notes="Ondermijning ontbreekt",
            **{"amendement-0-number": "A1"},
        ),
    )
    assert "Vul bij dit amendement het nummer, het onderdeel en de tekst in." in (
        response.content.decode()
    )
    client.post(
        _url(project, "decision_record"),
        _post(project, outcome="verworpen", notes="Ondermijning ontbreekt"),
    )
    for step in (7, 8):  # their work was done before; it stands
        services.project_advance(actor=actor, project=project, expected_step=step)
    response = client.post(
        _url(project, "decision_record"),
        _post(
            project,
            number="RB-9b",
            outcome="geamendeerd",
            **{
                "amendement-0-number": "A7",
                "amendement-0-part": "Budget",
                "amendement-0-text": "Meer geld voor buurtpreventie",
            },
        ),
    )
    assert response.status_code == 302
    page = world.client("raadslid").get(project_page(project)).content.decode()
    assert "vervallen" in page
    assert "Vervangen door Raadsbesluit RB-9b (aangenomen met amendementen)" in page
    assert "Amendement A7 (Budget): Meer geld voor buurtpreventie" in page
    assert "Ondermijning ontbreekt" in page
    assert RaadDecision.objects.filter(project=project, superseded_at__isnull=False).count() == 1


def test_the_page_refuses_a_fake_pdf_and_asks_again_for_a_document_after_an_error(world, at_9):
    project, actor = at_9
    publish_for_decision(project, actor, 9)
    client = world.client("ambtenaar")
    fake = SimpleUploadedFile("besluit.pdf", b"gewoon tekst", content_type="application/pdf")
    response = client.post(_url(project, "decision_record"), _post(project, document=fake))
    assert "Dit bestand heet .pdf maar is geen PDF." in response.content.decode()
    real = SimpleUploadedFile("besluit.pdf", b"%PDF-1.7 echt", content_type="application/pdf")
    response = client.post(_url(project, "decision_record"), _post(project, document=real))
    page = response.content.decode()
    assert "Met raadsbesluit 2027-RB-031" in page  # not confirmed yet
    assert "Kies het besluitdocument opnieuw." in page
    assert not project.raad_decisions.filter(step=9).exists()
    real.seek(0)
    response = client.post(
        _url(project, "decision_record"), _post(project, document=real, confirmed="on")
    )
    assert response.status_code == 302
    with project.raad_decisions.get(step=9).document.open("rb") as stored:
        assert stored.read() == b"%PDF-1.7 echt"


def project_page(project):
    """A raadslid reads the raad's record on the project page (the timeline is the editors')."""
    return reverse(
        "projects:project_home",
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid},
    )
