"""The yearly documents: the uitvoeringsprogramma and the voortgangsrapportage of a programme
year render as PDF and DOCX with the project's own actions, budgets and figures; versions are
numbered per year; the college adopts them (the uitvoeringsprogramma on the year's
collegebesluit of the controle); the raad reads them once published and never decides."""

import io
from datetime import date

import docx
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from pypdf import PdfReader

from kernbeleid.models import CollegeBesluit, YearTexts
from projects.constants import Role
from reports import selectors, services
from reports.constants import Audience, DocumentKind, PublicationPurpose
from reports.models import ReportVersion
from tests.reports.publication_helpers import reports_url
from tests.reports.yearly_scene import build_yearly

UP = DocumentKind.UITVOERINGSPROGRAMMA
VG = DocumentKind.VOORTGANG


@pytest.fixture
def yearly(world):
    return build_yearly(world.project)


def _rendered(run) -> bytes:
    run.refresh_from_db()
    assert run.status == "done", run.message
    with run.file.open("rb") as handle:
        return handle.read()


def _pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return " ".join(" ".join(parts).split())


def _render(world, document, part, fmt, capture) -> str:
    actor = world.users["ambtenaar"]
    version = services.version_for(actor=actor, project=world.project, document=document, part=part)
    with capture(execute=True):
        run = services.render_request(actor=actor, version=version, fmt=fmt)
    data = _rendered(run)
    return _pdf_text(data) if fmt == "pdf" else _docx_text(data)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_uitvoeringsprogramma_renders_actions_per_priority_with_budgets(
    world, yearly, fmt, django_capture_on_commit_callbacks
):
    text = _render(world, UP, "2027", fmt, django_capture_on_commit_callbacks)
    assert "Uitvoeringsprogramma integrale veiligheid 2027" in text
    assert "In 2027 ligt de nadruk op woninginbraak." in text  # the year's own inleiding
    assert "Buurtpreventie begeleiden" in text and "Politie, wijkraden" in text
    assert "Overige acties" in text and "Oefening crisisteam" in text  # without a goal
    assert "Evaluatie buurtpreventie" not in text  # an action of 2028
    # 12.500 + 7.250,50 + 30.000 = 49.750,50; taakveld 1.2: 12.500 + 7.250,50 = 19.750,50.
    assert "€ 49.750,50" in text and "€ 19.750,50" in text and "€ 30.000" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_voortgangsrapportage_renders_latest_figures_and_progress(
    world, yearly, fmt, django_capture_on_commit_callbacks
):
    text = _render(world, VG, "2027", fmt, django_capture_on_commit_callbacks)
    assert "Voortgangsrapportage integrale veiligheid 2027" in text
    # The newest measurement up to 2027 is 2026's (2,4 with 2,1 – 2,7), not 2029's 1,9.
    assert "2,4 (2026)" in text and "2,1 – 2,7" in text and "1,9" not in text
    assert "significant" in text
    assert "Twaalf appgroepen begeleid; vier nieuwe in Almere Haven." in text
    assert "Het aantal inbraken daalde verder." in text
    assert "Nog in te vullen" in text  # the empty "wat komt"


def test_render_report_command_takes_the_year(world, yearly, tmp_path):
    for fmt in ("pdf", "docx"):
        out = tmp_path / f"up.{fmt}"
        call_command(
            "render_report",
            "--project",
            str(world.project.uuid),
            "--document",
            "uitvoeringsprogramma",
            "--part",
            "2027",
            "--format",
            fmt,
            "--out",
            str(out),
        )
        data = out.read_bytes()
        assert data.startswith(b"%PDF" if fmt == "pdf" else b"PK")
    assert "Buurtpreventie begeleiden" in _pdf_text((tmp_path / "up.pdf").read_bytes())


def test_versions_are_numbered_per_year(world, yearly):
    actor = world.users["ambtenaar"]
    first = services.version_for(actor=actor, project=world.project, document=UP, part="2027")
    other = services.version_for(actor=actor, project=world.project, document=UP, part="2028")
    assert (first.label, other.label) == ("concept 0.1", "concept 0.1")
    assert first.document_title == "Uitvoeringsprogramma integrale veiligheid 2027"
    assert services.version_for(actor=actor, project=world.project, document=UP, part=2027) == first
    YearTexts.objects.filter(document=UP, year=2027).update(inleiding="Een andere inleiding.")
    second = services.version_for(actor=actor, project=world.project, document=UP, part="2027")
    assert second.label == "concept 0.2"
    again = services.version_for(actor=actor, project=world.project, document=UP, part="2028")
    assert again == other  # 2028 did not change


def test_a_year_outside_the_kadernota_is_refused_in_dutch(world, yearly):
    actor = world.users["ambtenaar"]
    with pytest.raises(ValidationError, match="Kies een programmajaar van de kadernota"):
        services.version_for(actor=actor, project=world.project, document=UP, part="2031")
    client = world.client("ambtenaar")
    response = client.post(
        reports_url(world.project, "render"),
        {"document": UP, "part": "", "format": "pdf", "variant": "pdf/ua-1"},
    )
    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("2027 tot en met 2030" in text for text in texts), texts
    assert not ReportVersion.objects.filter(project=world.project, document=UP).exists()


def test_the_render_form_makes_the_chosen_year(world, yearly):
    client = world.client("ambtenaar")
    page = client.get(reports_url(world.project, "overview"))
    assert b"Jaar of besluit" in page.content and b"Programmajaar" in page.content
    response = client.post(
        reports_url(world.project, "render"),
        {"document": VG, "part": "2028", "format": "docx"},
    )
    assert response.status_code == 302
    version = ReportVersion.objects.get(project=world.project, document=VG)
    assert version.part == "2028"


@pytest.mark.parametrize("document", [UP, VG])
def test_structure_pages_work_for_the_yearly_kinds(world, document):
    response = world.client("ambtenaar").get(
        reports_url(world.project, "structure", document=document)
    )
    assert response.status_code == 200
    assert b"Inleiding" in response.content


def _on_step_10(project):
    project.current_step = 10
    project.save(update_fields=["current_step"])


def test_college_finalization_records_the_years_collegebesluit(world, yearly):
    _on_step_10(world.project)
    actor = world.users["ambtenaar"]
    concept = services.version_for(actor=actor, project=world.project, document=UP, part="2027")
    response = world.client("ambtenaar").get(
        reports_url(world.project, "finalize", version_uuid=concept.uuid)
    )
    assert response.status_code == 200 and b"uitvoeringsprogramma 2027" in response.content
    final = services.version_finalize_by_college(
        actor=actor,
        version=concept,
        decided_on=date(2026, 11, 3),
        number="CB-2026-88",
        confirmed=True,
    )
    assert final.label == "vastgesteld 1.0" and final.part == "2027"
    besluit = CollegeBesluit.objects.get(project=world.project, year=2027)
    assert (besluit.date, besluit.number) == (date(2026, 11, 3), "CB-2026-88")
    assert final.college_decision_number == "CB-2026-88"
    # The concept said the college would decide; the final version names the besluit.
    assert "Het college stelt dit uitvoeringsprogramma vast" in str(concept.snapshot)
    assert "op 3 november 2026 vastgesteld (besluit CB-2026-88)" in str(final.snapshot)
    assert "Het college stelt dit uitvoeringsprogramma vast" not in str(final.snapshot)


def test_college_finalization_matches_an_existing_besluit_and_refuses_another(world, yearly):
    _on_step_10(world.project)
    actor = world.users["ambtenaar"]
    CollegeBesluit.objects.create(
        project=world.project, year=2028, date=date(2026, 10, 1), number="CB-17"
    )
    concept = services.version_for(actor=actor, project=world.project, document=UP, part="2028")
    with pytest.raises(ValidationError, match="al collegebesluit CB-17"):
        services.version_finalize_by_college(
            actor=actor,
            version=concept,
            decided_on=date(2026, 10, 1),
            number="CB-18",
            confirmed=True,
        )
    assert not concept.final and ReportVersion.objects.filter(major=1).count() == 0
    final = services.version_finalize_by_college(
        actor=actor, version=concept, decided_on=date(2026, 10, 1), number="CB-17", confirmed=True
    )
    assert final.final and CollegeBesluit.objects.filter(project=world.project).count() == 1


def test_the_voortgangsrapportage_is_adopted_by_the_college_without_a_programme_besluit(
    world, yearly
):
    actor = world.users["ambtenaar"]
    concept = services.version_for(actor=actor, project=world.project, document=VG, part="2027")
    final = services.version_finalize_by_college(
        actor=actor, version=concept, decided_on=date(2026, 12, 1), number="CB-99", confirmed=True
    )
    assert final.get_finalized_as_display() and final.final
    assert not CollegeBesluit.objects.filter(project=world.project).exists()


def test_a_raadslid_sees_a_yearly_version_only_once_published(world, yearly):
    actor = world.users["ambtenaar"]
    version = services.version_for(actor=actor, project=world.project, document=UP, part="2027")
    raad = world.client("raadslid")
    page = reports_url(world.project, "version", version_uuid=version.uuid)
    assert raad.get(page).status_code == 404
    visible = selectors.versions_visible(world.project, Role.RAADSLID, world.users["raadslid"])
    assert version not in list(visible)
    services.publish(actor=actor, version=version, audience=Audience.RAAD)
    response = raad.get(page)
    assert response.status_code == 200 and b"Buurtpreventie begeleiden" in response.content


@pytest.mark.parametrize("document", [UP, VG])
def test_ter_besluitvorming_is_refused_for_the_yearly_documents(world, yearly, document):
    world.project.current_step = 9
    world.project.save(update_fields=["current_step"])
    actor = world.users["ambtenaar"]
    version = services.version_for(
        actor=actor, project=world.project, document=document, part="2027"
    )
    with pytest.raises(ValidationError, match="de raad neemt er kennis van"):
        services.publish(
            actor=actor,
            version=version,
            audience=Audience.RAAD,
            purpose=PublicationPurpose.BESLUITVORMING,
        )
    assert not version.publications.exists()
    page = world.client("ambtenaar").get(
        reports_url(world.project, "publish", version_uuid=version.uuid)
    )
    assert page.status_code == 200


def test_the_year_page_stores_the_texts_the_documents_show(world, yearly):
    from django.urls import reverse

    url = reverse(
        "kernbeleid:jaardocumenten",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "year": 2027,
        },
    )
    client = world.client("ambtenaar")
    assert client.get(url).status_code == 200
    response = client.post(url, {"voortgang__vooruitblik": "In 2028 volgt <b>cameratoezicht</b>."})
    assert response.status_code == 302
    texts = YearTexts.objects.get(project=world.project, document=VG, year=2027)
    assert texts.vooruitblik == "In 2028 volgt <b>cameratoezicht</b>."
    assert texts.veranderd == "Het aantal inbraken daalde verder."  # not sent: kept
    version = services.version_for(
        actor=world.users["ambtenaar"], project=world.project, document=VG, part="2027"
    )
    blocks = [
        b for s in version.snapshot["sections"] if s["title"] == "Wat komt" for b in s["blocks"]
    ]
    assert blocks == [{"type": "paragraphs", "items": ["In 2028 volgt <b>cameratoezicht</b>."]}]
    outside = url.replace("/2027/", "/2035/")
    assert client.get(outside).status_code == 404
