"""The typed snapshot: the JSON versions store (today's and older) reads back, hashes as before
and renders; every block type has one renderer per format; user text and charts are sanitised
again at every render."""

import copy
import io
import logging
import zipfile

import docx
import pytest
from django.template.loader import get_template
from pypdf import PdfReader

from analysis import richtext
from reports import pdf as report_pdf
from reports import selectors, services
from reports.blocks import (
    BLOCK_TYPES,
    Block,
    ChartBlock,
    GemeenteInfo,
    HtmlBlock,
    ParagraphsBlock,
    Snapshot,
    UnknownBlock,
)
from reports.docx import blocks as docx_blocks
from reports.docx import html as docx_html
from reports.docx import render_docx
from reports.figures import figures_zip
from reports.models import ReportVersion
from reports.snapshot import content_hash, document_snapshot

from .snapshots import STORED, STORED_HASH, section, snapshot

BLOCK_CLASSES = [
    "HeadingBlock",
    "HtmlBlock",
    "ParagraphsBlock",
    "NoteBlock",
    "ChartBlock",
    "TableBlock",
    "GlossaryBlock",
]


# --------------------------------------------------------------------------- stored JSON


def test_the_content_hash_is_the_one_stored_versions_carry():
    assert content_hash(STORED) == STORED_HASH
    assert content_hash(Snapshot.from_json(STORED)) == STORED_HASH
    relabelled = copy.deepcopy(STORED) | {"date": "2031-01-01", "version_label": "vastgesteld 1.0"}
    assert content_hash(relabelled) == STORED_HASH  # date and label are not content
    changed = copy.deepcopy(STORED)
    changed["sections"][0]["title"] = "Andere titel"
    assert content_hash(changed) != STORED_HASH


def test_stored_json_reads_back_as_it_was_stored():
    loaded = Snapshot.from_json(STORED)
    assert [type(b).__name__ for s in loaded.sections for b in s.blocks] == BLOCK_CLASSES
    assert loaded.to_json() == STORED


def test_older_json_without_some_fields_gets_the_defaults():
    loaded = Snapshot.from_json(
        {
            "document": "kadernota",
            "title": "Kadernota",
            "sections": [{"title": "Visie", "blocks": [{"type": "paragraphs"}, {"type": "chart"}]}],
        }
    )
    assert loaded.gemeente == GemeenteInfo() and loaded.date == loaded.version_label == ""
    first = loaded.sections[0]
    assert (first.key, first.level, first.numbered) == ("", 1, True)
    assert first.blocks == [ParagraphsBlock([]), ChartBlock(svg="")]


def test_a_snapshot_stored_by_the_old_code_still_renders():
    html = report_pdf.build_html(STORED)
    assert (
        '<h3 id="s3-thema-1-4" class="section-heading"><span class="heading-number">1.1.1' in html
    )
    assert "Figuur 1:</span> Onveiligheidsgevoel, Almere" in html
    assert "Tabel 1:</span> Gebruikte edities van de Veiligheidsmonitor" in html
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(report_pdf.render_pdf(STORED))).pages
    )
    assert "1.1.1 Subjectieve veiligheid" in text and "Naar de weegfactor." in text
    document = docx.Document(io.BytesIO(render_docx(STORED)))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [
        "Figuur 1: Onveiligheidsgevoel, Almere",
        "Tabel 1: Gebruikte edities van de Veiligheidsmonitor",
    ]
    names = zipfile.ZipFile(io.BytesIO(figures_zip(STORED))).namelist()
    assert sorted(names) == ["LEESMIJ.txt", "figuur-01.png", "figuur-01.svg", "tabel-01.xlsx"]


def test_the_builder_output_is_stored_as_json_and_reads_back(content):
    version = services.version_for(actor=None, project=content, document="analyse")
    stored = ReportVersion.objects.get(pk=version.pk).snapshot
    assert Snapshot.from_json(stored).to_json() == stored
    built = document_snapshot(content, "analyse", selectors.structure_for(content, "analyse"))
    assert content_hash(built) == version.content_hash


def test_a_block_of_an_unknown_type_is_kept_refused_by_the_pdf_and_left_out_of_the_docx(
    caplog,
):
    stored = copy.deepcopy(STORED)
    stored["sections"][0]["blocks"].append({"type": "video", "url": "https://example.org/v"})
    loaded = Snapshot.from_json(stored)
    assert loaded.sections[0].blocks[-1] == UnknownBlock(stored["sections"][0]["blocks"][-1])
    assert loaded.to_json() == stored
    with pytest.raises(ValueError, match="video"):
        report_pdf.build_html(loaded)
    with caplog.at_level(logging.WARNING, logger="reports.docx"):
        document = docx.Document(io.BytesIO(render_docx(loaded)))
    assert "'video' is not supported" in caplog.text
    assert "example.org" not in "".join(p.text for p in document.paragraphs)


# --------------------------------------------------------------------------- block types


def test_seven_block_types():
    assert sorted(BLOCK_TYPES) == [
        "chart",
        "glossary",
        "heading",
        "html",
        "note",
        "paragraphs",
        "table",
    ]


@pytest.mark.parametrize("cls", list(BLOCK_TYPES.values()), ids=list(BLOCK_TYPES))
def test_every_block_type_has_one_renderer_per_format(cls):
    assert report_pdf.block_context.dispatch(cls) is not report_pdf.block_context.dispatch(Block)
    assert docx_blocks.write_block.dispatch(cls) is not docx_blocks.write_block.dispatch(Block)
    get_template(f"reports/document/{cls.type}.html")


# --------------------------------------------------------------------------- security


def _spy(monkeypatch, module, name: str, calls: list[str]) -> None:
    real = getattr(richtext, name)

    def spy(value: str) -> str:
        calls.append(name)
        return real(value)

    monkeypatch.setattr(module, name, spy)


def test_html_and_charts_are_sanitised_again_at_every_render(monkeypatch):
    """Blocks as a stored snapshot may hold them: written before a sanitiser fix."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">'
        '<script>alert(2)</script><image href="http://evil.example/x.png"/>'
        '<rect width="10" height="4"/></svg>'
    )
    unsafe = snapshot(
        section(
            "a",
            "Bijlage",
            [
                HtmlBlock('<p onclick="alert(3)" style="display:none">Tekst</p>'),
                ChartBlock(svg, "Figuur"),
                HtmlBlock("<script>alert(4)</script><p>Meer</p>"),
            ],
        )
    )
    calls: list[str] = []
    _spy(monkeypatch, report_pdf, "sanitize", calls)
    _spy(monkeypatch, report_pdf, "sanitize_svg", calls)
    html = report_pdf.build_html(unsafe).split("</style>")[-1]
    assert calls == ["sanitize", "sanitize_svg", "sanitize"]
    for marker in ("alert", "onclick", "onload", "display:none", "evil.example"):
        assert marker not in html, marker
    calls.clear()
    _spy(monkeypatch, docx_html, "sanitize", calls)
    _spy(monkeypatch, docx_blocks, "sanitize_svg", calls)
    data = render_docx(unsafe)
    assert calls == ["sanitize", "sanitize_svg", "sanitize"]
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "alert" not in body and "Tekst" in body and "Meer" in body
