"""Issue 14: the download of a besloten bijlage. The file carries the confidential parts with
their reasons, the reader's name on every page and in its metadata, and each download leaves
one line in the audit log; the version's own PDF still carries none of the parts."""

import io

import pikepdf
import pytest

from projects.models import AuditEntry
from reports import services
from reports.annex_pdf import WATERMARK_BDC, XMP_NS
from reports.besloten_bijlage import ACTION_DOWNLOADED, besloten_bijlage_set
from reports.models import RenderRun

from .annex_helpers import (
    OPEN_TEXT,
    SECRET_BLOCK,
    SECRET_SECTION,
    SECRET_SUBSECTION,
    confidential_version,
    page_texts,
)
from .publication_helpers import reports_url

# Letters outside ASCII: the watermark's font must carry them, and the text must be found.
READER = "Anouk van der Meulen-Çelik"
PLACEHOLDER = "Dit onderdeel is vertrouwelijk en ter inzage bij de griffie."


@pytest.fixture
def named(world):
    """A confidential version published to the raad, with the raadslid named as reader."""
    raadslid = world.users["raadslid"]
    raadslid.full_name = READER
    raadslid.save()
    version = confidential_version(world.project)
    services.publish(actor=world.users["ambtenaar"], version=version, audience="raad")
    besloten_bijlage_set(
        actor=world.users["ambtenaar"], version=version, readers=[raadslid], note=""
    )
    return version


def _downloads(version) -> int:
    return AuditEntry.objects.filter(
        action=ACTION_DOWNLOADED, object_id=str(version.besloten_bijlage.uuid)
    ).count()


def test_the_named_raadslid_downloads_a_copy_with_their_name_on_every_page(world, named):
    url = reports_url(world.project, "annex_download", version_uuid=named.uuid)
    client = world.client("raadslid")

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "besloten-bijlage-analyse-concept-0.2.pdf" in response["Content-Disposition"]
    data = response.content
    pages = page_texts(data)
    assert len(pages) >= 4  # cover, contents, the explanation, the parts
    for number, text in enumerate(pages, start=1):
        assert f"alleen voor {READER}" in text, f"page {number}: {text[:200]}"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert READER in meta["dc:rights"]
        assert meta[f"{{{XMP_NS}}}lezer"] == READER
        assert meta[f"{{{XMP_NS}}}email"] == "raadslid@example.nl"
        assert str(pdf.docinfo["/Lezer"]) == READER
        # The watermark is a pagination artifact on every page, outside the structure tree.
        for page in pdf.pages:
            contents = page.obj.Contents
            streams = contents if isinstance(contents, pikepdf.Array) else [contents]
            assert WATERMARK_BDC in b"".join(stream.read_bytes() for stream in streams)
    entry = AuditEntry.objects.get(action=ACTION_DOWNLOADED)
    assert entry.actor == world.users["raadslid"]
    assert entry.project == world.project
    assert entry.detail["lezer"] == READER and entry.detail["versie"] == "concept 0.2"

    assert client.get(url).status_code == 200
    assert _downloads(named) == 2  # one row per download


def test_the_bijlage_holds_every_confidential_part_with_its_reason(world, named):
    data = world.client("raadslid").get(
        reports_url(world.project, "annex_download", version_uuid=named.uuid)
    )
    text = " ".join(page_texts(data.content))

    assert "Besloten bijlage bij Veiligheidsanalyse 2027-2030 concept 0.2" in text
    assert SECRET_SECTION in text and SECRET_SUBSECTION in text and SECRET_BLOCK in text
    assert "Vertrouwelijk: geheimhouding (art. 25 Gemeentewet)." in text
    assert "Hoort in de versie bij 2 Ondermijning." in text
    assert "Vertrouwelijk: politie-informatie. Hoort in de versie bij 3 Jeugd en overlast." in text
    assert "geheimhouding op grond van artikel 25 van de Gemeentewet" in text
    assert OPEN_TEXT not in text  # only the confidential parts


def test_the_stamped_bijlage_is_still_pdf_ua_for_the_checkers(world, named, tmp_path):
    from tests.reports.test_pdfua import _outloud_errors, _pdfua_findings

    response = world.client("raadslid").get(
        reports_url(world.project, "annex_download", version_uuid=named.uuid)
    )
    path = tmp_path / "bijlage.pdf"
    path.write_bytes(response.content)

    assert _pdfua_findings(path) == []
    errors, _ = _outloud_errors(path)
    assert errors == []


def test_the_versions_own_pdf_still_leaves_the_parts_out(world, named):
    run = services.render_request(actor=world.users["ambtenaar"], version=named, fmt="pdf")
    services.render_execute(run=run)  # the task, which waits for a commit the test never makes
    run.refresh_from_db()
    assert run.status == "done", run.message

    with run.file.open("rb") as handle:
        text = " ".join(page_texts(handle.read()))

    assert OPEN_TEXT in text and PLACEHOLDER in text
    for secret in (SECRET_SECTION, SECRET_SUBSECTION, SECRET_BLOCK):
        assert secret not in text
    assert RenderRun.objects.filter(version=named).count() == 1


def test_the_unstamped_file_is_made_once_and_each_copy_names_its_own_reader(
    world, named, monkeypatch
):
    from reports import pdf

    ambtenaar = world.users["ambtenaar"]
    calls = []
    real = pdf.render_pdf

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", counting)
    url = reports_url(world.project, "annex_download", version_uuid=named.uuid)
    mine = world.client("raadslid").get(url).content
    theirs = world.client("ambtenaar").get(url).content  # editors, named or not

    assert len(calls) == 1
    assert READER in page_texts(mine)[0] and ambtenaar.full_name not in page_texts(mine)[0]
    assert all(ambtenaar.full_name in text for text in page_texts(theirs))
    assert _downloads(named) == 2
