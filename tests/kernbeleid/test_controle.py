"""Step 11 as the raad's controle: the college adopts the year's uitvoeringsprogramma by
collegebesluit, the raad takes note, asks questions and may adopt a motie. Nothing here can
reject the programme; step 12 repeats it for the following years."""

import io
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from kernbeleid.models import Action, CollegeBesluit, ControleVraag, Motie, RaadDecision
from kernbeleid.workflow import controle_selectors as selectors
from kernbeleid.workflow import controle_services as services
from kernbeleid.workflow import selectors as workflow_selectors
from kernbeleid.workflow import services as workflow_services
from tests.factories import ProjectFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

SUMMARY_2027 = (
    "Uitvoeringsprogramma 2027: collegebesluit B&W 2027-031 van 14 januari 2027; "
    "raad nam kennis via commissiebespreking op 3 februari 2027; 2 vragen (1 beantwoord); "
    "motie M-2027-04 (taak tot 1 juni 2027)"
)
SUMMARY_2028 = (
    "Uitvoeringsprogramma 2028: collegebesluit B&W 2028-007 van 16 januari 2028; "
    "raad nam kennis via raadsinformatiebrief op 23 januari 2028"
)


def on(day: date):
    """Today is `day` (noon in Amsterdam)."""
    return time_machine.travel(
        datetime(day.year, day.month, day.day, 12, tzinfo=AMSTERDAM), tick=False
    )


def pdf(name="collegebesluit.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def docx(name="collegebesluit.docx") -> SimpleUploadedFile:
    import docx as python_docx

    buffer = io.BytesIO()
    document = python_docx.Document()
    document.add_paragraph("Het college besluit het uitvoeringsprogramma 2027 vast te stellen.")
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def besluit_2027(project, actor, **overrides):
    values = {
        "year": 2027,
        "besluit_date": date(2027, 1, 14),
        "number": "B&W 2027-031",
        "document": pdf(),
    }
    return services.college_besluit_record(actor=actor, project=project, **values | overrides)


def messages_of(project) -> list[str]:
    return [blocker.message for blocker in workflow_selectors.blockers(project)]


@pytest.fixture
def at_step_10(world):
    """A project in step 10 whose programme has its actions, not yet its collegebesluit."""
    with on(date(2027, 1, 10)):
        project = ProjectFactory(gemeente=world.gemeente, step=10)
    Action.objects.create(project=project, year=2027, title="Buurtpreventie", owner="Gemeente")
    return project


def adopt_2027(project, actor):
    """Step 10 of the story: the college adopts the 2027 programme on 14 January 2027."""
    with on(date(2027, 1, 20)):
        besluit = besluit_2027(project, actor)
        workflow_services.project_advance(actor=actor, project=project, expected_step=10)
    return besluit


def controle_of_2027(besluit, actor):
    """Step 11 of the story, as in the issue: commissie on 3 February 2027, two questions
    (one answered), motie M-2027-04 with a task to 1 June 2027."""
    with on(date(2027, 2, 10)):
        kennisname = services.kennisname_save(
            actor=actor,
            besluit=besluit,
            kind="commissie",
            kennisname_date=date(2027, 2, 3),
            reference="Commissie Bestuur 3-2-2027",
        )
        camera = services.controle_vraag_add(
            actor=actor, kennisname=kennisname, asked_by="VVD", question="Waarom geen camera's?"
        )
        services.controle_vraag_add(
            actor=actor,
            kennisname=kennisname,
            asked_by="GroenLinks",
            question="Hoe worden jongeren betrokken?",
        )
        services.controle_vraag_answer(
            actor=actor, vraag=camera, answer="Cameratoezicht volgt na de evaluatie in 2028."
        )
        motie = services.controle_motie_add(
            actor=actor,
            kennisname=kennisname,
            number="M-2027-04",
            title="Meer jongerenwerk in de avond",
            text="Verzoekt het college het jongerenwerk in de avond uit te breiden.",
            outcome="aangenomen",
            asks_action=True,
            task_deadline=date(2027, 6, 1),
            task_owner="Team Openbare Orde en Veiligheid",
        )
    return kennisname, motie


def controle_2027(project, actor):
    controle_of_2027(adopt_2027(project, actor), actor)


def test_step_11_is_controle_and_closes_on_collegebesluit_and_kennisname(world, at_step_10):
    project, actor = at_step_10, world.users["ambtenaar"]
    # Step 10: the programme has its actions; the college has not adopted it yet.
    assert messages_of(project) == [
        "Het college heeft het uitvoeringsprogramma nog niet vastgesteld (collegebesluit)."
    ]
    with on(date(2027, 1, 20)):
        with pytest.raises(ValidationError, match="collegebesluit"):
            workflow_services.project_advance(actor=actor, project=project, expected_step=10)
        besluit = besluit_2027(project, actor)
        assert (
            workflow_services.project_advance(actor=actor, project=project, expected_step=10) == 11
        )
        # Step 11 waits for the raad's kennisname, not for a raadsbesluit.
        missing = (
            "De kennisname door de raad van het uitvoeringsprogramma 2027 is nog niet vastgelegd."
        )
        assert messages_of(project) == [missing]
        with pytest.raises(ValidationError, match="kennisname"):
            workflow_services.project_advance(actor=actor, project=project, expected_step=11)
    with on(date(2027, 2, 10)):
        with pytest.raises(ValidationError) as error:
            services.kennisname_save(
                actor=actor, besluit=besluit, kind="commissie", kennisname_date=date(2027, 1, 13)
            )
        assert error.value.message_dict["kennisname_date"] == [
            "De raad kan pas kennisnemen na het collegebesluit van 14 januari 2027."
        ]
    kennisname, motie = controle_of_2027(besluit, actor)
    project.refresh_from_db()
    assert project.current_step == 11

    # The adopted motie that asks something is the college's task, with its deadline.
    assert (motie.step, motie.kennisname, motie.is_task, motie.task_open) == (
        11,
        kennisname,
        True,
        True,
    )
    assert motie.task_deadline == date(2027, 6, 1)
    (year,) = selectors.controle_overview(project)
    assert year.summary == SUMMARY_2027
    assert (len(year.questions), year.answered, year.unanswered) == (2, 1, 1)

    # The open question does not block: the step closes by hand.
    assert messages_of(project) == []
    with on(date(2027, 2, 10)):
        assert (
            workflow_services.project_advance(actor=actor, project=project, expected_step=11) == 12
        )


def test_no_raadsbesluit_at_step_11(world):
    with on(date(2027, 2, 10)):
        project = ProjectFactory(gemeente=world.gemeente, step=11)
        for outcome, notes in (("verworpen", "Te weinig ambitie"), ("aangenomen", "")):
            with pytest.raises(ValidationError, match="geen raadsbesluit"):
                workflow_services.raad_decision_record(
                    actor=world.users["ambtenaar"],
                    project=project,
                    expected_step=11,
                    decision_date=date(2027, 2, 3),
                    number="RB-11",
                    outcome=outcome,
                    notes=notes,
                )
    project.refresh_from_db()
    assert project.current_step == 11
    assert not RaadDecision.objects.filter(project=project, step=11).exists()


def test_one_collegebesluit_per_year(world, at_step_10):
    project, actor = at_step_10, world.users["adviseur"]
    with on(date(2027, 1, 20)):
        first = besluit_2027(project, actor)
        with pytest.raises(services.BesluitExists) as error:
            besluit_2027(project, actor, number="B&W 2027-040", besluit_date=date(2027, 1, 19))
    assert error.value.besluit == first
    assert error.value.message_dict["year"] == [
        "Voor 2027 is al een collegebesluit vastgelegd (B&W 2027-031 van 14 januari 2027). "
        "Er is één besluit per jaar: wijzig dat besluit als er iets niet klopt."
    ]
    assert list(
        CollegeBesluit.objects.filter(project=project).values_list("number", flat=True)
    ) == ["B&W 2027-031"]


def test_second_besluit_on_the_page_offers_to_edit_the_first(world, at_step_10):
    project = at_step_10
    url = reverse("kernbeleid:controle", args=[world.gemeente.slug, project.uuid])
    data = {"year": 2027, "besluit_date": "2027-01-14", "number": "B&W 2027-031"}
    with on(date(2027, 1, 20)):
        client = world.client("ambtenaar")  # logged in on that day: the session is fresh
        response = client.post(url, data)
        assert response.status_code == 302
        assert response["Location"].endswith("/traject/controle/2027/")
        again = client.post(url, data | {"number": "B&W 2027-040"})
    assert again.status_code == 200
    assert "Voor 2027 is al een collegebesluit vastgelegd" in again.content.decode()
    edit = reverse(
        "kernbeleid:controle_besluit_edit", args=[world.gemeente.slug, project.uuid, 2027]
    )
    assert f'href="{edit}"' in again.content.decode()
    assert CollegeBesluit.objects.filter(project=project).count() == 1


def test_collegebesluit_not_in_the_future_nor_before_step_10(world, at_step_10):
    actor = world.users["ambtenaar"]
    with on(date(2027, 1, 13)):
        with pytest.raises(ValidationError) as error:
            besluit_2027(at_step_10, actor)  # dated 14 January: tomorrow
        assert error.value.message_dict["besluit_date"] == [
            "Een collegebesluit ligt niet in de toekomst."
        ]
        early = ProjectFactory(gemeente=world.gemeente, step=9)
        with pytest.raises(ValidationError, match="vanaf stap 10"):
            besluit_2027(early, actor, besluit_date=date(2027, 1, 10))
    assert not CollegeBesluit.objects.exists()


@pytest.mark.parametrize(
    ("name", "body", "says"),
    [
        ("collegebesluit.pdf", b"Dit is een tekstbestand, geen PDF.", "heet .pdf maar is geen PDF"),
        (
            "collegebesluit.pdf",
            b"PK\x03\x04 zip die zich voor PDF uitgeeft",
            "heet .pdf maar is geen PDF",
        ),
        (
            "collegebesluit.docx",
            b"%PDF-1.7 een PDF met de naam van een DOCX",
            "geen geldig Word-document",
        ),
        ("collegebesluit.odt", b"<html>geen OpenDocument</html>", "geen geldig OpenDocument"),
        ("collegebesluit.exe", b"MZ\x90\x00", "Upload het besluit als PDF, DOCX of ODT"),
    ],
)
def test_a_fake_document_is_refused(world, at_step_10, private_media, name, body, says):
    with on(date(2027, 1, 20)):
        with pytest.raises(ValidationError, match=says) as error:
            besluit_2027(
                at_step_10, world.users["ambtenaar"], document=SimpleUploadedFile(name, body)
            )
    assert "document" in error.value.message_dict
    assert not CollegeBesluit.objects.exists()
    stored = list(private_media.rglob("*.*")) if private_media.exists() else []
    assert stored == []


def test_a_zip_named_docx_without_word_parts_is_refused(world, at_step_10):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notities.txt", "geen Word-document")
    with on(date(2027, 1, 20)), pytest.raises(ValidationError, match="geen geldig Word-document"):
        besluit_2027(
            at_step_10,
            world.users["ambtenaar"],
            document=SimpleUploadedFile("collegebesluit.docx", buffer.getvalue()),
        )


def test_real_pdf_and_docx_are_kept_and_readers_download_them(world, at_step_10):
    actor = world.users["ambtenaar"]
    with on(date(2027, 1, 20)):
        besluit = besluit_2027(at_step_10, actor, document=docx())
    assert besluit.document.name.endswith(".docx")
    url = reverse("kernbeleid:controle_document", args=[world.gemeente.slug, at_step_10.uuid, 2027])
    response = world.client("raadslid").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert world.client("partner").get(url).status_code == 403


def test_an_adopted_motie_that_asks_something_needs_a_deadline_and_owner(world, at_step_10):
    actor = world.users["ambtenaar"]
    with on(date(2027, 2, 10)):
        besluit = besluit_2027(at_step_10, actor)
        kennisname = services.kennisname_save(
            actor=actor, besluit=besluit, kind="raad", kennisname_date=date(2027, 2, 3)
        )
        motie = {
            "actor": actor,
            "kennisname": kennisname,
            "number": "M-2027-04",
            "title": "Meer jongerenwerk",
            "text": "Verzoekt het college ...",
            "asks_action": True,
        }
        with pytest.raises(ValidationError) as error:
            services.controle_motie_add(**motie, outcome="aangenomen")
        assert set(error.value.message_dict) == {"task_deadline", "task_owner"}
        # Rejected, it asks nothing of the college: no task, no deadline needed.
        rejected = services.controle_motie_add(**motie, outcome="verworpen")
    assert not rejected.is_task
    assert Motie.objects.filter(kennisname=kennisname).count() == 1


def test_the_next_year_in_step_12_shows_per_year(world, at_step_10):
    project, actor = at_step_10, world.users["ambtenaar"]
    controle_2027(project, actor)
    with on(date(2027, 2, 10)):
        workflow_services.project_advance(actor=actor, project=project, expected_step=11)
    with on(date(2028, 1, 25)):
        besluit = services.college_besluit_record(
            actor=actor,
            project=project,
            year=2028,
            besluit_date=date(2028, 1, 16),
            number="B&W 2028-007",
        )
        services.kennisname_save(
            actor=actor,
            besluit=besluit,
            kind="raadsinformatiebrief",
            kennisname_date=date(2028, 1, 23),
        )
    project.refresh_from_db()
    assert project.current_step == 12
    assert [year.summary for year in selectors.controle_overview(project)] == [
        SUMMARY_2027,
        SUMMARY_2028,
    ]
    args = [world.gemeente.slug, project.uuid]
    for name in ("kernbeleid:controle", "kernbeleid:progress", "kernbeleid:timeline"):
        page = world.client("ambtenaar").get(reverse(name, args=args)).content.decode()
        assert escape(SUMMARY_2027) in page and escape(SUMMARY_2028) in page, name
    # Partners see the yearly progress and the timeline, but not the raad's controle.
    for name in ("kernbeleid:progress", "kernbeleid:timeline"):
        page = world.client("partner").get(reverse(name, args=args)).content.decode()
        assert "B&amp;W 2027-031" not in page and "M-2027-04" not in page, name


def test_the_raadslid_reads_the_controle_and_cannot_post(world, at_step_10):
    project = at_step_10
    controle_2027(project, world.users["ambtenaar"])
    args = [world.gemeente.slug, project.uuid]
    # The first-run panel's own "Sluiten" form is not a form of the controle: closed here.
    world.users["raadslid"].tour_seen_at = timezone.now()
    world.users["raadslid"].save(update_fields=["tour_seen_at"])
    raadslid = world.client("raadslid")
    overview = raadslid.get(reverse("kernbeleid:controle", args=args))
    assert overview.status_code == 200
    assert escape(SUMMARY_2027) in overview.content.decode()
    assert "<form" not in overview.content.decode().split("<main", 1)[1]
    year = raadslid.get(reverse("kernbeleid:controle_year", args=[*args, 2027]))
    page = year.content.decode()
    assert year.status_code == 200
    assert "Hoe worden jongeren betrokken?" in page and "nog niet beantwoord" in page
    assert "Cameratoezicht volgt na de evaluatie in 2028." in page
    assert "Team Openbare Orde en Veiligheid" in page
    assert "<form" not in page.split("<main", 1)[1]  # nothing to send
    posts = {
        "kernbeleid:controle_vraag_add": {"asked_by": "D66", "question": "Nog een vraag?"},
        "kernbeleid:controle_kennisname": {"kind": "raad", "kennisname_date": "2027-02-04"},
        "kernbeleid:controle_motie_add": {"number": "M-1", "title": "T", "text": "T"},
    }
    for name, data in posts.items():
        assert raadslid.post(reverse(name, args=[*args, 2027]), data).status_code == 403
    assert ControleVraag.objects.filter(kennisname__project=project).count() == 2
    assert Motie.objects.filter(project=project).count() == 1
    assert world.client("partner").get(reverse("kernbeleid:controle", args=args)).status_code == 403


def test_editors_record_the_controle_through_the_pages(world, at_step_10):
    project = at_step_10
    args = [world.gemeente.slug, project.uuid, 2027]
    with on(date(2027, 2, 10)):
        client = world.client("adviseur")  # logged in on that day: the session is fresh
        client.post(
            reverse("kernbeleid:controle", args=args[:2]),
            {
                "year": 2027,
                "besluit_date": "2027-01-14",
                "number": "B&W 2027-031",
                "document": pdf(),
            },
        )
        # A question before the kennisname has nowhere to go.
        response = client.post(
            reverse("kernbeleid:controle_vraag_add", args=args),
            {"asked_by": "VVD", "question": "?"},
            follow=True,
        )
        assert "Leg eerst vast hoe en wanneer de raad kennisnam." in response.content.decode()
        client.post(
            reverse("kernbeleid:controle_kennisname", args=args),
            {"kind": "commissie", "kennisname_date": "2027-02-03"},
        )
        client.post(
            reverse("kernbeleid:controle_vraag_add", args=args),
            {"asked_by": "VVD", "question": "Waarom geen camera's?"},
        )
        vraag = ControleVraag.objects.get(kennisname__project=project)
        client.post(
            reverse("kernbeleid:controle_vraag_answer", args=args),
            {"vraag": vraag.pk, "answer": "Na de evaluatie."},
        )
        refused = client.post(
            reverse("kernbeleid:controle_motie_add", args=args),
            {
                "number": "M-2027-04",
                "title": "Jongerenwerk",
                "text": "Verzoekt ...",
                "outcome": "aangenomen",
                "asks_action": "on",
            },
        )
    assert refused.status_code == 200
    assert "Een aangenomen motie die iets vraagt, krijgt een deadline." in refused.content.decode()
    vraag.refresh_from_db()
    assert vraag.answer == "Na de evaluatie." and vraag.answered_at is not None
    (year,) = selectors.controle_overview(project)
    assert year.summary == (
        "Uitvoeringsprogramma 2027: collegebesluit B&W 2027-031 van 14 januari 2027; "
        "raad nam kennis via commissiebespreking op 3 februari 2027; 1 vraag (1 beantwoord)"
    )
    assert year.besluit.document.name.endswith(".pdf")


def test_an_answer_posted_for_another_years_question_is_refused(world, at_step_10):
    project, actor = at_step_10, world.users["ambtenaar"]
    controle_2027(project, actor)
    other = ProjectFactory(gemeente=world.gemeente, step=12)  # its own 2027 programme
    foreign = ControleVraag.objects.create(
        kennisname=other.kennisnames.get(), asked_by="CDA", question="Elders?"
    )
    url = reverse(
        "kernbeleid:controle_vraag_answer", args=[world.gemeente.slug, project.uuid, 2027]
    )
    world.client("ambtenaar").post(url, {"vraag": foreign.pk, "answer": "Gekaapt"})
    foreign.refresh_from_db()
    assert foreign.answer == "" and foreign.answered_at is None


def test_correcting_the_besluit_keeps_its_year_and_its_order_with_the_kennisname(world, at_step_10):
    actor = world.users["ambtenaar"]
    besluit = adopt_2027(at_step_10, actor)
    controle_of_2027(besluit, actor)
    with on(date(2027, 2, 10)):
        with pytest.raises(ValidationError) as error:
            services.college_besluit_update(
                actor=actor, besluit=besluit, besluit_date=date(2027, 2, 4), number="B&W 2027-031"
            )
        assert error.value.message_dict["besluit_date"] == [
            "De raad nam al kennis van dit programma op 3 februari 2027; "
            "het collegebesluit kan niet later liggen."
        ]
        with pytest.raises(ValidationError, match="niet in de toekomst"):
            services.kennisname_save(
                actor=actor, besluit=besluit, kind="raad", kennisname_date=date(2027, 2, 11)
            )
        client = world.client("ambtenaar")
        url = reverse(
            "kernbeleid:controle_besluit_edit", args=[world.gemeente.slug, at_step_10.uuid, 2027]
        )
        response = client.post(url, {"besluit_date": "2027-01-15", "number": "B&W 2027-032"})
    assert response.status_code == 302
    besluit.refresh_from_db()
    assert (besluit.year, besluit.date, besluit.number) == (2027, date(2027, 1, 15), "B&W 2027-032")
    assert besluit.document.name.endswith(".pdf")  # no new upload: the document stays
    assert world.client("raadslid").get(url).status_code == 403
