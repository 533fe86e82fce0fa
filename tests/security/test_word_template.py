"""Hostile Word templates: zip bombs (also ones whose headers lie about the sizes) and external
relationships that make Word fetch an http or UNC address when a reader opens the report.

One check guards the upload and every DOCX render. Each bomb is built here from a small recipe
(zeros compress a thousandfold), gets its exact Dutch message, and leaves nothing stored.
"""

import io
import re
import struct
import zipfile

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from projects.models import AuditEntry
from reports import services
from reports.docx import render_docx
from reports.models import RenderRun, WordTemplate

MB = 1024 * 1024
INVALID = "Het sjabloon is geen geldig Word-bestand (.docx)."
TOO_MANY = "Het Word-sjabloon bestaat uit meer dan 500 onderdelen. Kies een eenvoudiger sjabloon."
MEMBER_TOO_LARGE = (
    "Een onderdeel van het Word-sjabloon is uitgepakt groter dan 25 MB. "
    "Kies een sjabloon met kleinere afbeeldingen."
)
TOTAL_TOO_LARGE = "Het Word-sjabloon is uitgepakt groter dan 100 MB. Kies een kleiner sjabloon."
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ATTACHED_TEMPLATE = f"{OFFICE_RELS}/attachedTemplate"
MAIL_MERGE_SOURCE = f"{OFFICE_RELS}/mailMergeSource"


# --------------------------------------------------------------------------- recipes


def base_template() -> bytes:
    """A real template: Heading 1 in Georgia 20 pt and a header text."""
    template = docx.Document()
    template.styles["Heading 1"].font.name = "Georgia"
    template.styles["Heading 1"].font.size = Pt(20)
    template.sections[0].header.paragraphs[0].text = "Huisstijl Gemeente Voorbeeld"
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def with_members(
    template: bytes,
    members: list[tuple[str, int]],
    *,
    claimed: int | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """`template` plus members of zeros (name, size), streamed into the zip so no test holds
    them in memory. With `claimed`, both headers of those members say that size instead."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source:
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in source.infolist():
                archive.writestr(info, source.read(info))
            for name, size in members:
                info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = compression
                with archive.open(info, "w") as stream:
                    for _ in range(size // MB):
                        stream.write(bytes(MB))
                    stream.write(bytes(size % MB))
    data = output.getvalue()
    if claimed is not None:
        for name, _size in members:
            data = lie_about_size(data, name, claimed)
    return data


def lie_about_size(data: bytes, name: str, claimed: int) -> bytes:
    """Both the local header and the central directory entry of `name` claim `claimed` bytes
    uncompressed (the CRC still matches the real contents)."""
    data = bytearray(data)
    encoded = name.encode()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        offset = archive.getinfo(name).header_offset
    assert data[offset : offset + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, offset + 22, claimed)
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == encoded:
            struct.pack_into("<I", data, position + 24, claimed)
            break
        position = data.find(b"PK\x01\x02", position + 4)
    else:
        raise AssertionError(f"{name} not in the central directory")
    return bytes(data)


def bombs() -> list:
    """(id, recipe, the Dutch message it must get)."""
    return [
        # 200 MB of zeros whose headers claim 1 kB: refused at the 25 MB cap, not inflated.
        (
            "lying-header-200mb",
            lambda: with_members(
                base_template(), [("word/media/image9.png", 200 * MB)], claimed=1000
            ),
            MEMBER_TOO_LARGE,
        ),
        # The headers tell the truth: refused on their claim before anything is inflated.
        (
            "member-30mb",
            lambda: with_members(base_template(), [("word/media/a.png", 30 * MB)]),
            MEMBER_TOO_LARGE,
        ),
        (
            "total-120mb",
            lambda: with_members(
                base_template(), [(f"word/media/{i}.png", 24 * MB) for i in range(5)]
            ),
            TOTAL_TOO_LARGE,
        ),
        # Four honest 24 MB members and a fifth that claims 1 kB but holds 20 MB: the total is
        # over 100 MB only when the inflated bytes are counted.
        (
            "lying-total",
            lambda: lie_about_size(
                with_members(
                    base_template(),
                    [(f"word/media/{i}.png", 24 * MB) for i in range(4)]
                    + [("word/media/x.png", 20 * MB)],
                ),
                "word/media/x.png",
                1000,
            ),
            TOTAL_TOO_LARGE,
        ),
        (
            "501-members",
            lambda: with_members(
                base_template(), [(f"customXml/extra{i}.xml", 0) for i in range(501)]
            ),
            TOO_MANY,
        ),
        # Claims 1 kB, holds 2 MB: within the limits, but the header lies.
        (
            "lying-header-small",
            lambda: with_members(base_template(), [("word/media/b.png", 2 * MB)], claimed=1000),
            INVALID,
        ),
        # bzip2 is inflated a whole block at a time, past any cap; OOXML never uses it.
        (
            "bzip2-member",
            lambda: with_members(
                base_template(), [("word/media/c.png", MB)], compression=zipfile.ZIP_BZIP2
            ),
            INVALID,
        ),
    ]


BOMBS = bombs()


@pytest.fixture
def inflated(monkeypatch) -> list[int]:
    """Every chunk any zip reader inflates during the test (python-docx included)."""
    chunks: list[int] = []
    original = zipfile.ZipExtFile.read

    def counting(self, n=-1):
        data = original(self, n)
        chunks.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    return chunks


def template_url(world) -> str:
    return reverse(
        "reports:template",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


def stored_files(private_media) -> list:
    return (
        [path for path in private_media.rglob("*") if path.is_file()]
        if private_media.exists()
        else []
    )


# --------------------------------------------------------------------------- bombs


@pytest.mark.parametrize(("recipe", "message"), [b[1:] for b in BOMBS], ids=[b[0] for b in BOMBS])
def test_bomb_upload_is_refused_in_dutch_and_nothing_is_stored(
    world, private_media, inflated, recipe, message
):
    bomb = recipe()
    assert len(bomb) < 2 * MB  # the recipe stays small
    inflated.clear()
    response = world.client("ambtenaar").post(
        template_url(world), {"file": SimpleUploadedFile("sjabloon.docx", bomb)}, follow=True
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WordTemplate.objects.exists()
    assert stored_files(private_media) == []
    assert not AuditEntry.objects.filter(action="Word-sjabloon opgeslagen").exists()
    # Never more than the caps inflated: 25 MB per member (plus a read chunk), 100 MB in all.
    assert sum(inflated) <= 100 * MB + 4 * 64 * 1024


def test_lying_header_stops_at_the_cap_not_after_inflating_everything(inflated):
    base = base_template()
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        base_size = sum(info.file_size for info in archive.infolist())
    bomb = with_members(base, [("word/media/image9.png", 200 * MB)], claimed=1000)
    inflated.clear()
    with pytest.raises(ValueError, match=re.escape(MEMBER_TOO_LARGE)):
        render_docx({"document": "analyse", "title": "T", "sections": []}, template=bomb)
    # The other members once, then the bomb up to one byte past 25 MB: not its 200 MB.
    assert 25 * MB < sum(inflated) - base_size <= 25 * MB + 64 * 1024


@pytest.mark.parametrize(("recipe", "message"), [b[1:] for b in BOMBS], ids=[b[0] for b in BOMBS])
def test_bomb_template_is_refused_at_render_too(recipe, message):
    with pytest.raises(ValueError) as error:
        render_docx({"document": "analyse", "title": "T", "sections": []}, template=recipe())
    assert str(error.value) == message


@pytest.fixture
def project_with_text(world):
    """A project whose analysis text holds a link (a body hyperlink in the DOCX)."""
    project = world.project
    va_services.analysis_ensure(project=project)
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    va_services.theme_save(
        actor=world.users["ambtenaar"],
        theme=theme,
        base_version=theme.version,
        texts={"knelpunten": '<p>Zie <a href="https://www.politie.nl/cijfers">de cijfers</a></p>'},
    )
    return project


def _new_text(world, text: str) -> None:
    theme = AnalysisTheme.objects.get(field__project=world.project, code="1.4")
    va_services.theme_save(
        actor=world.users["ambtenaar"],
        theme=theme,
        base_version=theme.version,
        texts={"knelpunten": f"<p>{text}</p>"},
    )


def test_bomb_stored_before_the_check_fails_the_render_and_keeps_the_previous_file(
    world, project_with_text, django_capture_on_commit_callbacks
):
    actor = world.users["ambtenaar"]
    version = services.version_for(actor=actor, project=project_with_text, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        good = services.render_request(actor=actor, version=version, fmt="docx")
    good.refresh_from_db()
    assert good.status == "done", good.message
    # A template stored before the upload checked anything: the lying 200 MB bomb.
    bomb = with_members(base_template(), [("word/media/image9.png", 200 * MB)], claimed=1000)
    stored = WordTemplate(gemeente=world.gemeente, original_name="sjabloon.docx")
    stored.file.save("sjabloon.docx", ContentFile(bomb))
    _new_text(world, "Nieuwe tekst")
    newer = services.version_for(actor=actor, project=project_with_text, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        failed = services.render_request(actor=actor, version=newer, fmt="docx")
    failed.refresh_from_db()
    assert failed.status == "failed" and not failed.file
    assert MEMBER_TOO_LARGE in failed.message
    assert "Eerdere versies blijven beschikbaar." in failed.message
    good.refresh_from_db()
    assert good.status == "done"
    response = world.client("ambtenaar").get(
        reverse(
            "reports:download",
            kwargs={
                "gemeente_slug": world.gemeente.slug,
                "project_uuid": world.project.uuid,
                "run_uuid": good.uuid,
            },
        )
    )
    assert response.status_code == 200
    docx.Document(io.BytesIO(b"".join(response.streaming_content)))  # still a Word file
    assert RenderRun.objects.count() == 2


# --------------------------------------------------------------------------- external relationships

UNC = "\\\\fileserver.gemeente.local\\sjablonen\\huisstijl.dotx"
TRACKER = "http://evil.example/pixel.png"


def template_with_external_relationships() -> bytes:
    """A template that makes Word fetch from outside: an attachedTemplate on a UNC share and a
    mail merge data source (settings), a linked picture and a hyperlink in the header, a
    package-level link, and an external hyperlink in its body (which our render drops)."""
    template = docx.Document(io.BytesIO(base_template()))
    settings = template.part._settings_part
    attached = settings.relate_to(UNC, ATTACHED_TEMPLATE, is_external=True)
    source = settings.relate_to(
        "http://evil.example/adressen.xlsx", MAIL_MERGE_SOURCE, is_external=True
    )
    settings.element.insert(
        0,
        parse_xml(f'<w:attachedTemplate {nsdecls("w", "r")} r:id="{attached}"/>'),
    )
    settings.element.append(
        parse_xml(
            f'<w:mailMerge {nsdecls("w", "r")}><w:mainDocumentType w:val="formLetters"/>'
            f'<w:dataType w:val="native"/><w:dataSource r:id="{source}"/></w:mailMerge>'
        )
    )
    header = template.sections[0].header
    header_part = header.part
    link = header_part.relate_to(
        "file://///fileserver/share/intranet.html", RT.HYPERLINK, is_external=True
    )
    pixel = header_part.relate_to(TRACKER, RT.IMAGE, is_external=True)
    paragraph = header.add_paragraph()
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{link}">'
            "<w:r><w:t>Intranet</w:t></w:r></w:hyperlink>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f"<w:r {nsdecls('w', 'r', 'a', 'wp', 'pic')}><w:drawing><wp:inline>"
            '<wp:extent cx="10" cy="10"/><wp:docPr id="99" name="pixel"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic><pic:nvPicPr><pic:cNvPr id="99" name="pixel"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:link="{pixel}"/></pic:blipFill><pic:spPr/></pic:pic>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
    )
    template.part.package.rels.get_or_add_ext_rel(RT.HYPERLINK, "http://evil.example/package")
    template.add_paragraph().part.relate_to(
        "http://evil.example/body", RT.HYPERLINK, is_external=True
    )
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def external_relationships(data: bytes) -> list[tuple[str, str, str]]:
    """(rels part, type, target) of every external relationship in a zip."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith(".rels"):
                continue
            root = parse_xml(archive.read(name))
            for rel in root.iter(f"{{{REL_NS}}}Relationship"):
                if rel.get("TargetMode") == "External":
                    found.append((name, rel.get("Type").rsplit("/", 1)[-1], rel.get("Target")))
    return found


def dangling_ids(data: bytes) -> list[tuple[str, str]]:
    """(part, id) of every r:* reference in an XML part that its .rels does not define."""
    missing = []
    r_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for name in names:
            if not name.endswith(".xml") or "_rels" in name:
                continue
            folder, base = name.rsplit("/", 1) if "/" in name else ("", name)
            rels_name = f"{folder}/_rels/{base}.rels".lstrip("/")
            ids = set()
            if rels_name in names:
                ids = {
                    r.get("Id")
                    for r in parse_xml(archive.read(rels_name)).iter(f"{{{REL_NS}}}Relationship")
                }
            for element in parse_xml(archive.read(name)).iter():
                for key, value in element.attrib.items():
                    if key.startswith(r_ns) and value not in ids:
                        missing.append((name, value))
    return missing


def test_the_hostile_template_really_has_external_relationships():
    found = {
        (part, kind)
        for part, kind, _target in external_relationships(template_with_external_relationships())
    }
    assert {
        ("word/_rels/settings.xml.rels", "attachedTemplate"),
        ("word/_rels/settings.xml.rels", "mailMergeSource"),
        ("word/_rels/header1.xml.rels", "hyperlink"),
        ("word/_rels/header1.xml.rels", "image"),
        ("_rels/.rels", "hyperlink"),
        ("word/_rels/document.xml.rels", "hyperlink"),
    } <= found


def test_upload_stores_the_template_without_external_relationships(world, private_media):
    response = world.client("ambtenaar").post(
        template_url(world),
        {"file": SimpleUploadedFile("sjabloon.docx", template_with_external_relationships())},
        follow=True,
    )
    assert "Het Word-sjabloon is opgeslagen." in response.content.decode()
    stored = WordTemplate.objects.get(gemeente=world.gemeente)
    with stored.file.open("rb") as handle:
        data = handle.read()
    # Only a hyperlink of the body may point outside (here the template's own body link).
    assert [(p, k) for p, k, _t in external_relationships(data)] == [
        ("word/_rels/document.xml.rels", "hyperlink")
    ]
    assert dangling_ids(data) == []
    kept = docx.Document(io.BytesIO(data))
    assert kept.styles["Heading 1"].font.name == "Georgia"
    header_texts = [p.text for p in kept.sections[0].header.paragraphs]
    assert "Huisstijl Gemeente Voorbeeld" in header_texts and "Intranet" in header_texts
    settings_xml = kept.settings.element.xml
    assert "attachedTemplate" not in settings_xml and "dataSource" not in settings_xml


def _download_docx(world, run: RenderRun) -> bytes:
    response = world.client("ambtenaar").get(
        reverse(
            "reports:download",
            kwargs={
                "gemeente_slug": world.gemeente.slug,
                "project_uuid": world.project.uuid,
                "run_uuid": run.uuid,
            },
        )
    )
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _assert_only_body_hyperlinks(data: bytes) -> None:
    external = external_relationships(data)
    assert external, "the body link of the text should be there"
    assert {(part, kind) for part, kind, _target in external} == {
        ("word/_rels/document.xml.rels", "hyperlink")
    }
    assert {target for _part, _kind, target in external} == {"https://www.politie.nl/cijfers"}
    assert dangling_ids(data) == []
    document = docx.Document(io.BytesIO(data))
    assert document.styles["Heading 1"].font.name == "Georgia"
    headers = {p.text for s in document.sections for p in s.header.paragraphs}
    assert "Huisstijl Gemeente Voorbeeld" in headers


def test_downloaded_docx_has_no_external_relationship_but_body_hyperlinks(
    world, project_with_text, django_capture_on_commit_callbacks
):
    client = world.client("ambtenaar")
    client.post(
        template_url(world),
        {"file": SimpleUploadedFile("sjabloon.docx", template_with_external_relationships())},
    )
    version = services.version_for(actor=None, project=project_with_text, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.render_request(actor=None, version=version, fmt="docx")
    run.refresh_from_db()
    assert run.status == "done", run.message
    _assert_only_body_hyperlinks(_download_docx(world, run))


def test_template_stored_before_the_check_is_cleaned_at_render(
    world, project_with_text, django_capture_on_commit_callbacks
):
    stored = WordTemplate(gemeente=world.gemeente, original_name="sjabloon.docx")
    stored.file.save("sjabloon.docx", ContentFile(template_with_external_relationships()))
    version = services.version_for(actor=None, project=project_with_text, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.render_request(actor=None, version=version, fmt="docx")
    run.refresh_from_db()
    assert run.status == "done", run.message
    _assert_only_body_hyperlinks(_download_docx(world, run))
