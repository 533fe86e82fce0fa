"""The figures export: every chart as SVG and PNG, every table as a formula-safe XLSX, numbered
as in the document, with a Dutch LEESMIJ.txt."""

import io
import zipfile

import openpyxl

from reports.blocks import ChartBlock
from reports.figures import chart_files, figure_file, figures_zip, file_names

from .snapshots import word_sample
from .test_docx import PNG_SIGNATURE


def open_zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_chart_files_in_document_order_numbered_per_kind():
    files = chart_files(word_sample())
    assert [(number, kind, block.caption) for number, kind, block in files] == [
        ("1", "chart", "Voelt zich weleens onveilig, Almere"),
        ("1", "table", "Gebruikte edities"),
        ("2", "chart", "Slachtofferschap per wijk"),
        ("2", "table", "Per wijk"),
    ]
    assert file_names("1", "chart") == ["figuur-01.svg", "figuur-01.png"]
    assert file_names("2", "table") == ["tabel-02.xlsx"]


def test_zip_holds_every_figure_and_table_and_a_readme():
    archive = open_zip(figures_zip(word_sample()))
    assert sorted(archive.namelist()) == [
        "LEESMIJ.txt",
        "figuur-01.png",
        "figuur-01.svg",
        "figuur-02.png",
        "figuur-02.svg",
        "tabel-01.xlsx",
        "tabel-02.xlsx",
    ]
    assert archive.testzip() is None
    assert archive.read("figuur-01.png").startswith(PNG_SIGNATURE)
    svg = archive.read("figuur-01.svg").decode("utf-8")
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    assert 'width="640" height="' in svg and 'width="100%"' not in svg  # opens at its own size


def test_xlsx_has_the_rows_and_is_formula_safe():
    archive = open_zip(figures_zip(word_sample()))
    first = openpyxl.load_workbook(io.BytesIO(archive.read("tabel-01.xlsx"))).active
    assert list(first.values) == [
        ("Editie", "Reeks", "Respondenten"),
        ("2019", "oud", "1.234"),
        ("2021", "nieuw", "2.345"),
    ]
    second = openpyxl.load_workbook(io.BytesIO(archive.read("tabel-02.xlsx"))).active
    assert second.title == "Tabel 2"
    assert second["A2"].value == "'=cmd"
    assert second["A2"].data_type == "s"
    assert second["B2"].value == "31,2%"


def test_readme_lists_each_file_with_caption_and_source():
    raw = open_zip(figures_zip(word_sample())).read("LEESMIJ.txt")
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    assert text.startswith("Figuren en tabellen uit: Veiligheidsanalyse 2027-2030\r\n")
    assert "Gemeente Almere, versie concept 0.2, 26 november 2026" in text
    lines = text.splitlines()
    index = lines.index("figuur-01.svg, figuur-01.png")
    assert lines[index + 1 : index + 4] == [
        "  Figuur 1: Voelt zich weleens onveilig, Almere",
        "  Bron: Veiligheidsmonitor 2019, 2021, 2023.",
        "  In hoofdstuk/paragraaf: 1.1.1 Subjectieve veiligheid",
    ]
    index = lines.index("tabel-01.xlsx")
    assert lines[index + 1 : index + 3] == [
        "  Tabel 1: Gebruikte edities",
        "  Bron: respondentenbestanden van de gemeente.",
    ]


def test_single_downloads_by_name():
    snapshot = word_sample()
    content, content_type = figure_file(snapshot, "figuur-02.png")
    assert content.startswith(PNG_SIGNATURE) and content_type == "image/png"
    content, content_type = figure_file(snapshot, "tabel-01.xlsx")
    assert content_type.endswith("spreadsheetml.sheet")
    assert figure_file(snapshot, "figuur-03.svg") is None
    assert figure_file(snapshot, "tabel-01.png") is None
    assert figure_file(snapshot, "../etc/passwd") is None


def test_numbers_match_the_document_when_a_block_has_nothing_to_export():
    snapshot = word_sample()
    snapshot.sections[0].blocks.insert(0, ChartBlock(svg="", caption="Leeg"))
    assert [(n, k) for n, k, _ in chart_files(snapshot)] == [
        ("2", "chart"),  # Figuur 1 is the empty one, as in the DOCX and PDF captions
        ("1", "table"),
        ("3", "chart"),
        ("2", "table"),
    ]
    names = open_zip(figures_zip(snapshot)).namelist()
    assert "figuur-01.svg" not in names and "figuur-03.png" in names


def test_snapshot_without_figures():
    snapshot = {"document": "kadernota", "title": "Kadernota", "sections": []}
    archive = open_zip(figures_zip(snapshot))
    assert archive.namelist() == ["LEESMIJ.txt"]
    assert "geen figuren of tabellen" in archive.read("LEESMIJ.txt").decode("utf-8-sig")
