"""A vastgestelde version always has its PDF and DOCX and keeps them: a new Word template or
house style re-renders concept versions only; a failed or missing final file is made again
(by a button, and by the daily check), never by opening a page."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.services import gemeente_update_settings
from reports import selectors, services, tasks
from reports.models import RenderRun

from .publication_helpers import reports_url, stored_version


def _template(header: str) -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _headers(run: RenderRun) -> set[str]:
    with run.file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    return {p.text for s in document.sections for p in s.header.paragraphs}


def _bytes(run: RenderRun) -> bytes:
    with run.file.open("rb") as handle:
        return handle.read()


def test_a_new_template_or_house_style_rerenders_concepts_and_leaves_the_final_files(
    content, world, django_capture_on_commit_callbacks
):
    actor, client = world.users["ambtenaar"], world.client("ambtenaar")
    client.post(
        reports_url(content, "template"),
        {"file": SimpleUploadedFile("oud.docx", _template("Oude huisstijl"))},
    )
    concept = services.version_for(actor=actor, project=content, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        concept_docx = services.render_request(actor=actor, version=concept, fmt="docx")
        concept_pdf = services.render_request(actor=actor, version=concept, fmt="pdf")
        final = services.version_finalize(actor=actor, version=concept, finalized_as="college")
    final_docx = final.renders.get(format="docx")
    final_pdf = final.renders.get(format="pdf")
    assert {final_docx.status, final_pdf.status} == {"done"}, (
        final_docx.message,
        final_pdf.message,
    )
    kept_name, kept_bytes = final_docx.file.name, _bytes(final_docx)
    assert "Oude huisstijl" in _headers(final_docx)

    client.post(
        reports_url(content, "template"),
        {"file": SimpleUploadedFile("nieuw.docx", _template("Nieuwe huisstijl"))},
    )
    concept_docx.refresh_from_db()
    concept_pdf.refresh_from_db()
    final_docx.refresh_from_db()
    assert concept_docx.status == "outdated"
    assert concept_pdf.status == "done"  # the template is Word's only
    assert (final_docx.status, final_docx.file.name) == ("done", kept_name)
    assert _bytes(final_docx) == kept_bytes
    download = client.get(reports_url(content, "download", run_uuid=final_docx.uuid))
    assert b"".join(download.streaming_content) == kept_bytes

    with django_capture_on_commit_callbacks(execute=True):
        again = services.render_request(actor=actor, version=concept, fmt="docx")
    again.refresh_from_db()
    assert again != concept_docx and again.status == "done"
    assert "Nieuwe huisstijl" in _headers(again)
    assert services.final_files_ensure(actor=actor, version=final) == []  # nothing to make

    # A new house colour (the style of the cover) outdates the concept's PDF, not the final's.
    gemeente_update_settings(
        actor=actor, gemeente=world.gemeente, inhabitants=None, house_colour="#00529b"
    )
    concept_pdf.refresh_from_db()
    final_pdf.refresh_from_db()
    assert (concept_pdf.status, final_pdf.status) == ("outdated", "done")


def test_missing_final_files_are_made_by_the_button_and_the_daily_check(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("lettertype ontbreekt")

    actor, project = world.users["ambtenaar"], world.project
    monkeypatch.setattr("reports.pdf.render_pdf", broken)
    monkeypatch.setattr("reports.docx.render_docx", broken)
    with django_capture_on_commit_callbacks(execute=True):
        final = services.version_finalize(
            actor=actor, version=stored_version(project), finalized_as="college"
        )
    assert selectors.final_files_missing(final) == ["pdf", "docx"]
    client = world.client("ambtenaar")
    page_url = reports_url(project, "version", version_uuid=final.uuid)
    before = RenderRun.objects.count()
    page = client.get(page_url).content.decode()
    assert RenderRun.objects.count() == before  # opening the page makes nothing
    assert "ontbreekt de PDF en het Word-bestand" in page and "Bestanden maken" in page

    monkeypatch.undo()
    button = reports_url(project, "final_files", version_uuid=final.uuid)
    with django_capture_on_commit_callbacks(execute=True):
        made = client.post(button, follow=True)
    assert "De bestanden worden gemaakt." in made.content.decode()
    assert selectors.final_files_missing(final) == []
    assert sorted(final.renders.filter(status="done").values_list("format", flat=True)) == [
        "docx",
        "pdf",
    ]
    assert "Bestanden maken" not in client.get(page_url).content.decode()
    again = client.post(button, follow=True)
    assert "De bestanden zijn er al of worden al gemaakt." in again.content.decode()
    assert final.renders.count() == 4  # two failed, kept; two made

    # The daily check finds a final whose files failed, once.
    monkeypatch.setattr("reports.pdf.render_pdf", broken)
    monkeypatch.setattr("reports.docx.render_docx", broken)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.version_finalize(
            actor=actor, version=stored_version(project, minor=2), finalized_as="college"
        )
    assert selectors.final_files_missing(second) == ["pdf", "docx"]
    assert tasks.ensure_final_files() == 2
    assert tasks.ensure_final_files() == 0  # requested (queued) counts as on its way
    assert selectors.final_files_missing(second) == []
