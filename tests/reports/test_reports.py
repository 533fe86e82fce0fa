"""Report versions, idempotent renders, structures, review and downloads."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from projects.models import Membership
from reports import selectors, services
from reports.constants import STANDARD_STRUCTURES, DocumentKind, SectionSource
from reports.models import RenderRun, ReportStructure, ReportVersion, ReviewComment
from tests.factories import BureauFactory, ProjectFactory, gemeente


def url(world, name, **kwargs):
    return reverse(
        f"reports:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


def test_versions_are_numbered_and_the_same_content_is_the_same_version(content, world):
    actor = world.users["ambtenaar"]
    first = services.version_for(actor=actor, project=content, document="analyse")
    assert first.label == "concept 0.1"
    assert services.version_for(actor=actor, project=content, document="analyse") == first
    theme = AnalysisTheme.objects.get(field__project=content, code="1.4")
    va_services.theme_save(
        actor=actor,
        theme=theme,
        base_version=theme.version,
        texts={"knelpunten": "<p>Nieuwe tekst</p>"},
    )
    second = services.version_for(actor=actor, project=content, document="analyse")
    assert second.label == "concept 0.2"
    final = services.version_finalize(actor=actor, version=second, finalized_as="college")
    assert final.label == "vastgesteld 1.0" and final.snapshot["version_label"] == final.label
    keys = [s["key"] for s in first.snapshot["sections"]]
    assert "thema-1.4" in keys and "veld-1" in keys


def test_render_is_idempotent_and_produces_a_pdf(
    content, world, django_capture_on_commit_callbacks
):
    actor = world.users["adviseur"]
    version = services.version_for(actor=actor, project=content, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.render_request(actor=actor, version=version, fmt="pdf")
    run.refresh_from_db()
    assert run.status == "done", run.message
    with run.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Onveiligheid in het centrum" in text and "concept 0.1" in text
    again = services.render_request(actor=actor, version=version, fmt="pdf")
    assert again == run and RenderRun.objects.count() == 1
    archive = services.render_request(actor=actor, version=version, fmt="pdf", variant="pdf/a-2b")
    assert archive != run
    with pytest.raises(ValidationError):
        services.render_request(actor=actor, version=version, fmt="pdf", variant="pdf/x")


def test_a_failed_render_keeps_the_previous_file(
    content, world, monkeypatch, django_capture_on_commit_callbacks
):
    actor = world.users["ambtenaar"]
    version = services.version_for(actor=actor, project=content, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        good = services.render_request(actor=actor, version=version, fmt="pdf")
    good.refresh_from_db()
    theme = AnalysisTheme.objects.get(field__project=content, code="1.4")
    va_services.theme_save(
        actor=actor, theme=theme, base_version=theme.version, texts={"knelpunten": "<p>Anders</p>"}
    )
    newer = services.version_for(actor=actor, project=content, document="analyse")

    def broken(*args, **kwargs):
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr("reports.pdf.render_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        failed = services.render_request(actor=actor, version=newer, fmt="pdf")
    failed.refresh_from_db()
    assert failed.status == "failed" and "lettertype ontbreekt" in failed.message
    assert "Eerdere versies blijven beschikbaar" in failed.message
    good.refresh_from_db()
    assert good.status == "done"
    response = world.client("ambtenaar").get(url(world, "download", run_uuid=good.uuid))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_own_structure_reorders_and_adds_fixed_texts(content, world):
    actor = world.users["ambtenaar"]
    standard = selectors.structure_for(content, "kadernota")
    with pytest.raises(ValidationError, match="standaardindeling"):
        services.section_add(
            actor=actor,
            project=content,
            structure=standard,
            title="Voorwoord",
            source=SectionSource.FIXED,
        )
    own = services.structure_copy(
        actor=actor,
        project=content,
        document="kadernota",
        source=standard,
        name="Huisstijl Amsterdam",
    )
    assert selectors.structure_for(content, "kadernota") == own
    voorwoord = services.section_add(
        actor=actor,
        project=content,
        structure=own,
        title="Voorwoord",
        source=SectionSource.FIXED,
        fixed_text="<p>Beste lezer<script>x</script></p>",
    )
    for _ in range(20):
        services.section_move(actor=actor, project=content, section=voorwoord, offset=-1)
    assert own.sections.first() == voorwoord and "<script" not in voorwoord.fixed_text
    snapshot = services.version_for(actor=actor, project=content, document="kadernota").snapshot
    assert snapshot["sections"][0]["title"] == "Voorwoord"
    assert snapshot["sections"][0]["blocks"][0]["html"] == "<p>Beste lezer</p>"
    assert snapshot["structure"] == "Huisstijl Amsterdam"


def test_a_bureau_structure_is_reused_by_its_other_gemeenten(content, world):
    adviseur = world.users["adviseur"]
    standard = selectors.structure_for(content, "analyse")
    shared = services.structure_copy(
        actor=adviseur,
        project=content,
        document="analyse",
        source=standard,
        name="Bureau-stijl",
        for_bureau=True,
    )
    bureau = world.memberships["adviseur"].bureau
    other = gemeente("GM0344")
    bureau.gemeenten.add(other)
    other_project = ProjectFactory(gemeente=other)
    assert shared in selectors.structures_available(other_project, "analyse")
    assert shared not in selectors.structures_available(world.other_project, "analyse")
    with pytest.raises(ValidationError, match="adviseur"):
        services.structure_copy(
            actor=world.users["ambtenaar"],
            project=content,
            document="analyse",
            source=standard,
            name="X",
            for_bureau=True,
        )
    stranger = BureauFactory()
    stranger_adviseur = world.users["outsider"]
    Membership.objects.create(user=stranger_adviseur, bureau=stranger, role="adviseur")
    with pytest.raises(ValidationError, match="adviseurs van het bureau"):
        services.section_remove(
            actor=stranger_adviseur, project=content, section=shared.sections.first()
        )


# Publication at any step, by audience and purpose: tests/reports/test_publication.py.


def test_review_raad_reads_and_asks_the_ambtenaar_answers(content, world):
    version = services.version_for(actor=None, project=content, document="analyse")
    raad, partner = world.client("raadslid"), world.client("partner")
    assert raad.get(url(world, "version", version_uuid=version.uuid)).status_code == 404
    content.current_step = 5
    content.save()
    services.publish(actor=world.users["ambtenaar"], version=version, audience="raad")
    page = raad.get(url(world, "version", version_uuid=version.uuid))
    assert page.status_code == 200 and "Onveiligheid in het centrum" in page.content.decode()
    assert partner.get(url(world, "version", version_uuid=version.uuid)).status_code == 404
    raad.post(
        url(world, "comment", version_uuid=version.uuid),
        {"section_key": "thema-1.4", "body": "Waarom stijgt dit in het centrum?"},
    )
    question = ReviewComment.objects.get()
    assert question.author == world.users["raadslid"]
    refused = raad.post(
        url(world, "comment", version_uuid=version.uuid),
        {"section_key": "thema-1.4", "body": "Ik antwoord zelf", "parent": str(question.uuid)},
    )
    assert refused.status_code == 403
    world.client("ambtenaar").post(
        url(world, "comment", version_uuid=version.uuid),
        {
            "section_key": "thema-1.4",
            "parent": str(question.uuid),
            "body": "Door de nieuwe uitgaansstraat.",
        },
    )
    assert question.answers.get().author == world.users["ambtenaar"]
    thread = raad.get(url(world, "version", version_uuid=version.uuid)).content.decode()
    assert "Door de nieuwe uitgaansstraat." in thread
    # The content itself never changed.
    assert ReportVersion.objects.get(pk=version.pk).snapshot == version.snapshot
    bad = raad.post(
        url(world, "comment", version_uuid=version.uuid),
        {"section_key": "bestaat-niet", "body": "?"},
        follow=True,
    )
    assert "Dit hoofdstuk staat niet in deze versie" in bad.content.decode()


def test_every_download_checks_membership_again(content, world, django_capture_on_commit_callbacks):
    version = services.version_for(actor=None, project=content, document="analyse")
    content.current_step = 9
    content.save()
    services.publish(actor=world.users["ambtenaar"], version=version, audience="raad")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.render_request(actor=None, version=version, fmt="pdf")
    target = url(world, "download", run_uuid=run.uuid)
    raad = world.client("raadslid")
    assert raad.get(target).status_code == 200
    assert world.client("partner").get(target).status_code == 404
    assert world.client("outsider").get(target).status_code == 404
    world.memberships["raadslid"].delete()
    assert raad.get(target).status_code == 404


def test_diff_section_by_section(content, world):
    actor = world.users["ambtenaar"]
    old = services.version_for(actor=actor, project=content, document="analyse")
    theme = AnalysisTheme.objects.get(field__project=content, code="1.4")
    va_services.theme_save(
        actor=actor,
        theme=theme,
        base_version=theme.version,
        texts={"knelpunten": "<p>Minder onveiligheid</p>"},
    )
    new = services.version_for(actor=actor, project=content, document="analyse")
    page = world.client("adviseur").get(url(world, "diff") + f"?van={old.uuid}&naar={new.uuid}")
    text = page.content.decode()
    assert "verwijderd: </span>Onveiligheid in het centrum" in text
    assert "toegevoegd: </span>Minder onveiligheid" in text


def test_render_report_command(content, world, tmp_path):
    out = tmp_path / "kadernota.pdf"
    call_command(
        "render_report",
        "--project",
        str(content.uuid),
        "--document",
        "kadernota",
        "--format",
        "pdf",
        "--out",
        str(out),
    )
    assert out.read_bytes().startswith(b"%PDF")
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Geen project"):
        call_command(
            "render_report",
            "--project",
            "niet-een-id",
            "--document",
            "analyse",
            "--format",
            "pdf",
            "--out",
            str(out),
        )


def test_standard_structures_exist_for_every_document(db):
    names = set(ReportStructure.objects.filter(is_standard=True).values_list("document", flat=True))
    assert names == {
        "analyse",
        "kadernota",
        "uitvoeringsprogramma",
        "voortgang",
        "raadsvoorstel",
    }


@pytest.mark.django_db(transaction=True)
def test_standard_structures_come_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    standards = ReportStructure.objects.filter(is_standard=True)
    assert set(standards.values_list("document", flat=True)) == set(DocumentKind.values)
    kadernota = standards.get(document="kadernota")
    assert kadernota.sections.count() == len(STANDARD_STRUCTURES["kadernota"])


def test_a_missing_standard_is_said_and_not_made_on_a_page(world):
    ReportStructure.objects.filter(document="kadernota", is_standard=True).delete()
    client = world.client("ambtenaar")
    overview = client.get(url(world, "overview"))
    assert overview.status_code == 200
    assert selectors.STANDARD_MISSING in overview.content.decode()
    assert client.get(url(world, "structure", document="kadernota")).status_code == 404
    made = client.post(
        url(world, "render"), {"document": "kadernota", "format": "pdf"}, follow=True
    )
    assert selectors.STANDARD_MISSING in made.content.decode()
    assert not ReportStructure.objects.filter(document="kadernota").exists()
    assert not ReportVersion.objects.exists()


def test_docx_follows_the_gemeente_template_and_figures_export(
    content, world, django_capture_on_commit_callbacks
):
    import zipfile

    import docx
    from django.core.files.uploadedfile import SimpleUploadedFile

    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "Huisstijl Amsterdam"
    buffer = io.BytesIO()
    template.save(buffer)
    client = world.client("ambtenaar")
    bad = client.post(
        url(world, "template"),
        {"file": SimpleUploadedFile("sjabloon.docx", b"geen word")},
        follow=True,
    )
    assert "geen geldig Word-bestand" in bad.content.decode()
    client.post(
        url(world, "template"), {"file": SimpleUploadedFile("sjabloon.docx", buffer.getvalue())}
    )
    version = services.version_for(actor=None, project=content, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        word = services.render_request(actor=None, version=version, fmt="docx")
        figures = services.render_request(actor=None, version=version, fmt="figures")
    word.refresh_from_db()
    figures.refresh_from_db()
    assert word.status == "done" and figures.status == "done", (word.message, figures.message)
    with word.file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    headers = {p.text for s in document.sections for p in s.header.paragraphs}
    assert "Huisstijl Amsterdam" in headers
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    with figures.file.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert any(name.endswith(".png") for name in names)
    assert any(name.endswith(".svg") for name in names)
    assert any(name.endswith(".xlsx") for name in names)


@pytest.mark.parametrize(
    ("name", "kwargs", "data", "message"),
    [
        ("render", {}, {"document": "analyse", "format": "html"}, "Kies een document"),
        (
            "section_add",
            {"document": "kadernota"},
            {"title": "", "source": "fixed"},
            "Geef een titel",
        ),
        (
            "structure_choose",
            {"document": "kadernota"},
            {"structure": "x"},
            "Kies een structuur uit de lijst",
        ),
        (
            "structure_copy",
            {"document": "kadernota"},
            {"name": ""},
            "Geef de nieuwe structuur een naam",
        ),
        ("template", {}, {}, "Kies een Word-bestand"),
    ],
)
def test_report_forms_refuse_bad_input_in_dutch(world, name, kwargs, data, message):
    from reports.models import ReportVersion, StructureChoice, StructureSection

    before = (
        ReportVersion.objects.count(),
        StructureSection.objects.count(),
        StructureChoice.objects.count(),
    )
    response = world.client("ambtenaar").post(url(world, name, **kwargs), data, follow=True)
    assert message in response.content.decode()
    assert (
        ReportVersion.objects.count(),
        StructureSection.objects.count(),
        StructureChoice.objects.count(),
    ) == before


def test_comment_bad_input(content, world):
    version = services.version_for(actor=None, project=content, document="analyse")
    response = world.client("ambtenaar").post(
        url(world, "comment", version_uuid=version.uuid),
        {"section_key": "thema-1.4", "body": ""},
        follow=True,
    )
    assert "Schrijf een vraag of opmerking" in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_structure_section_actions_with_a_bad_id(world):
    response = world.client("ambtenaar").post(
        url(world, "section_remove", document="analyse"),
        {"section": "x"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Kies een hoofdstuk uit de lijst" in response.content.decode()


def test_structure_actions_post_to_their_own_urls_and_name_sections_by_uuid(world):
    client = world.client("ambtenaar")

    def post(name, data, **kwargs):
        return client.post(url(world, name, document="kadernota"), data, **kwargs)

    post("structure_copy", {"name": "Eigen opzet"})
    own = selectors.structure_for(world.project, "kadernota")
    assert own.name == "Eigen opzet" and not own.is_standard
    post("section_add", {"title": "Voorwoord", "source": "fixed", "fixed_text": "<p>Hallo</p>"})
    voorwoord = own.sections.get(title="Voorwoord")
    page = client.get(url(world, "structure", document="kadernota")).content.decode()
    assert f'value="{voorwoord.uuid}"' in page
    post("section_move", {"section": voorwoord.uuid, "direction": "up"})
    assert list(own.sections.all())[-2] == voorwoord
    post("section_move", {"section": voorwoord.uuid, "direction": "down"})
    assert own.sections.last() == voorwoord
    post("section_update", {"section": voorwoord.uuid, "title": "Woord vooraf", "fixed_text": ""})
    too_long = post("section_update", {"section": voorwoord.uuid, "title": "x" * 201}, follow=True)
    assert "Een titel is hooguit 200 tekens lang" in too_long.content.decode()
    voorwoord.refresh_from_db()
    assert voorwoord.title == "Woord vooraf"
    by_id = post("section_remove", {"section": voorwoord.pk, "confirmed": "1"}, follow=True)
    assert "Kies een hoofdstuk uit de lijst" in by_id.content.decode()
    standard = ReportStructure.objects.get(document="kadernota", is_standard=True)
    elsewhere = post(
        "section_remove",
        {"section": standard.sections.first().uuid, "confirmed": "1"},
        follow=True,
    )
    assert "Kies een hoofdstuk uit de lijst" in elsewhere.content.decode()
    post("section_remove", {"section": voorwoord.uuid, "confirmed": "1"})
    assert not own.sections.filter(pk=voorwoord.pk).exists()
    assert standard.sections.count() == len(STANDARD_STRUCTURES["kadernota"])
    post("structure_choose", {"structure": standard.uuid})
    assert selectors.structure_for(world.project, "kadernota") == standard


def test_themes_without_text_or_figures_stay_out_of_the_report(content):
    snapshot = services.version_for(actor=None, project=content, document="analyse").snapshot
    keys = [section["key"] for section in snapshot["sections"]]
    assert "thema-1.4" in keys  # written about and with figures
    assert "thema-2.4" not in keys  # veilige evenementen: nothing yet
    field = next(s for s in snapshot["sections"] if s["key"] == "veld-2")
    assert field["blocks"][0]["text"].startswith("Voor dit veiligheidsveld zijn (nog) geen")
