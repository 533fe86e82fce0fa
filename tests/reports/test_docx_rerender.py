"""What changes the next Word download (issue 13): a new house colour, logo, Word template or
report structure gives a concept a new DOCX that shows the change; a vastgestelde version keeps
the file it was adopted with. End to end through the pages an ambtenaar uses: the gemeente's
settings, the template upload, "maken" and the download."""

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from reports import services
from reports.docx.styles import readable_colour
from reports.models import RenderRun, ReportVersion

from .publication_helpers import reports_url

pytestmark = pytest.mark.usefixtures("private_media")


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _template(header: str) -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class Ambtenaar:
    def __init__(self, world, project, capture) -> None:
        self.world, self.project, self.capture = world, project, capture
        self.client = world.client("ambtenaar")

    def settings(self, **data) -> None:
        slug = self.world.gemeente.slug
        url = reverse("projects:gemeente_settings", kwargs={"gemeente_slug": slug})
        fields = {"house_colour": self.world.gemeente.house_colour, **data}
        assert self.client.post(url, fields).status_code == 302

    def upload_template(self, header: str) -> None:
        upload = SimpleUploadedFile("huisstijl.docx", _template(header))
        response = self.client.post(reports_url(self.project, "template"), {"file": upload})
        assert response.status_code == 302

    def download_docx(self) -> tuple[RenderRun, bytes]:
        """Maken (Word) and then the download, as the reports page offers them."""
        with self.capture(execute=True):
            response = self.client.post(
                reports_url(self.project, "render"), {"document": "analyse", "format": "docx"}
            )
        assert response.status_code == 302
        run = RenderRun.objects.get(uuid=response["Location"].rstrip("/").rsplit("/", 1)[-1])
        assert run.status == "done", run.message
        return run, self.download(run)

    def download(self, run: RenderRun) -> bytes:
        response = self.client.get(reports_url(self.project, "download", run_uuid=run.uuid))
        assert response.status_code == 200
        return b"".join(response.streaming_content)


@pytest.fixture
def ambtenaar(content, world, django_capture_on_commit_callbacks):
    return Ambtenaar(world, content, django_capture_on_commit_callbacks)


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8", "replace")


def _media(data: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]


def test_a_new_house_colour_shows_in_the_next_download(ambtenaar):
    ambtenaar.settings(house_colour="#00529b")
    _, before = ambtenaar.download_docx()
    ambtenaar.settings(house_colour="#7b2d8e")
    _, after = ambtenaar.download_docx()
    assert after != before
    new, old = readable_colour("#7b2d8e"), readable_colour("#00529b")
    assert new != old
    assert f'w:val="{new}"' in _part(after, "word/styles.xml")
    assert f'w:val="{old}"' not in _part(after, "word/styles.xml")


def test_an_outdated_concept_renders_again_in_the_current_house_colour(ambtenaar, world):
    ambtenaar.settings(house_colour="#00529b")
    first, _ = ambtenaar.download_docx()
    ambtenaar.settings(house_colour="#7b2d8e")
    first.refresh_from_db()
    assert first.status == "outdated"
    with ambtenaar.capture(execute=True):  # the same concept, asked again (e.g. by a task)
        again = services.render_request(actor=None, version=first.version, fmt="docx")
    again.refresh_from_db()
    assert again != first
    styles = _part(ambtenaar.download(again), "word/styles.xml")
    assert f'w:val="{readable_colour("#7b2d8e")}"' in styles


def test_a_new_logo_shows_in_the_next_download(ambtenaar):
    ambtenaar.settings(logo=SimpleUploadedFile("wapen.png", _png("red")))
    first, before = ambtenaar.download_docx()
    ambtenaar.settings(logo=SimpleUploadedFile("wapen.png", _png("green")))
    second, after = ambtenaar.download_docx()
    assert second.version == first.version  # same content, new file
    assert second != first and after != before
    ambtenaar.world.gemeente.refresh_from_db()
    with ambtenaar.world.gemeente.logo.open("rb") as handle:
        stored = handle.read()
    assert stored in _media(after) and stored not in _media(before)


def test_a_new_template_shows_in_the_next_download(ambtenaar):
    ambtenaar.upload_template("Huisstijl 2026")
    _, before = ambtenaar.download_docx()
    ambtenaar.upload_template("Huisstijl 2027")
    _, after = ambtenaar.download_docx()
    headers = {
        p.text for s in docx.Document(io.BytesIO(after)).sections for p in s.header.paragraphs
    }
    assert "Huisstijl 2027" in headers and after != before


def test_a_changed_structure_shows_in_the_next_download(ambtenaar, world):
    _, before = ambtenaar.download_docx()
    project = ambtenaar.project
    standard = services.structure_for(project, "analyse")
    own = services.structure_copy(
        actor=world.users["ambtenaar"],
        project=project,
        document="analyse",
        source=standard,
        name="Onze indeling",
    )
    first = own.sections.order_by("position").first()
    services.section_update(
        actor=world.users["ambtenaar"],
        project=project,
        section=first,
        title="Kort en bondig",
        fixed_text=first.fixed_text,
    )
    _, after = ambtenaar.download_docx()
    headings = [
        p.text for p in docx.Document(io.BytesIO(after)).paragraphs if p.style.name == "Heading 1"
    ]
    assert headings[0] == "Kort en bondig"
    assert "Kort en bondig" not in _part(before, "word/document.xml")


def test_a_vastgestelde_version_keeps_the_file_it_was_adopted_with(ambtenaar, world):
    ambtenaar.upload_template("Huisstijl bij vaststelling")
    concept_run, _ = ambtenaar.download_docx()
    with ambtenaar.capture(execute=True):
        final = services.version_finalize(
            actor=world.users["ambtenaar"], version=concept_run.version, finalized_as="college"
        )
    final_run = final.renders.get(format="docx")
    adopted = ambtenaar.download(final_run)

    ambtenaar.upload_template("Nieuwe huisstijl")
    ambtenaar.settings(house_colour="#7b2d8e", logo=SimpleUploadedFile("wapen.png", _png("green")))
    with ambtenaar.capture(execute=True):
        asked_again = services.render_request(actor=None, version=final, fmt="docx")
    assert asked_again == final_run
    final_run.refresh_from_db()
    assert final_run.status == "done"
    assert ambtenaar.download(final_run) == adopted
    assert ReportVersion.objects.get(pk=final.pk).renders.filter(format="docx").count() == 1
