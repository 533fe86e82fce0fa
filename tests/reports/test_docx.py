"""The DOCX renderer: real Word styles, fields, images with alt text, tables with a repeating
header row, header/footer, core properties, inline formatting from the rich text, and a gemeente's
own template. Every test reads the produced file back with python-docx (or its XML)."""

import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from reports.blocks import ChartBlock, TableBlock
from reports.docx import (
    TEMPLATE_ERROR,
    render_docx,
    svg_to_png,
)

from .snapshots import TREND_ALT, word_sample

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(word_sample())


@pytest.fixture(scope="module")
def document(rendered):
    return docx.Document(io.BytesIO(rendered))


def part_xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def make_template(**changes) -> bytes:
    """A gemeente template: Heading 1 in Georgia 20 pt dark red, its own header text, and body
    content (text, an image, a comment) that must not reach the output."""
    template = docx.Document()
    heading = template.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.size = Pt(20)
    heading.font.color.rgb = RGBColor(0x8B, 0x00, 0x00)
    template.sections[0].header.paragraphs[0].text = "Gemeente Voorbeeld huisstijl"
    template.add_paragraph("Oude inhoud van het sjabloon")
    logo_svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="red"/></svg>'  # noqa: E501
    template.add_picture(io.BytesIO(svg_to_png(logo_svg, width_px=20)))
    commented = template.add_paragraph("Besproken")
    template.add_comment(commented.runs, text="Intern: niet delen", author="Beleid")
    for name in changes.get("drop_styles", ()):
        element = template.styles[name].element
        element.getparent().remove(element)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- numbering


# --------------------------------------------------------------------------- structure


def test_cover_toc_and_headings_use_word_styles(document):
    assert styled(document, "Title") == ["Veiligheidsanalyse 2027-2030"]
    assert styled(document, "Subtitle") == ["Gemeente Almere"]
    texts = [p.text for p in document.paragraphs]
    assert "Versie: concept 0.2" in texts and "Datum: 26 november 2026" in texts
    # The numbers are Word list numbering (tests/reports/test_docx_opening.py), not text.
    assert styled(document, "Heading 1") == [
        "Samenvatting",
        "Cijfers per wijk",
        "Begrippenlijst",
    ]
    assert styled(document, "Heading 2") == [
        "Voorgestelde prioriteiten",  # a heading block one level below its level-1 section
        "Veilige woon- en leefomgeving",
    ]
    assert styled(document, "Heading 3") == ["Subjectieve veiligheid"]
    assert styled(document, "Heading 4") == ["Kop uit de editor"]  # Trix h1 in a level-3 section


def test_every_chapter_starts_on_a_new_page_after_cover_and_toc(document):
    breaks = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == ["Inhoud", "Samenvatting", "Cijfers per wijk", "Begrippenlijst"]
    inhoud = next(p for p in document.paragraphs if p.text == "Inhoud")
    assert inhoud.style.name == "TOC Heading"


def test_captions_are_numbered_through_the_document_with_seq_fields(document, rendered):
    assert styled(document, "Caption") == [
        "Figuur 1: Voelt zich weleens onveilig, Almere",
        "Tabel 1: Gebruikte edities",
        "Figuur 2: Slachtofferschap per wijk",
        "Tabel 2: Per wijk",
    ]
    body = part_xml(rendered, "word/document.xml")
    assert body.count(r"SEQ Figuur \* ARABIC") == 2
    assert body.count(r"SEQ Tabel \* ARABIC") == 2
    sources = styled(document, "Bronvermelding")
    assert "Bron: Veiligheidsmonitor 2019, 2021, 2023." in sources
    assert "Bron: respondentenbestanden van de gemeente." in sources  # "Bron: " added once


def test_chart_is_a_15_cm_png_with_alt_text(document):
    shapes = document.inline_shapes
    assert len(shapes) == 2
    first = shapes[0]
    assert round(first.width.cm, 1) == 15.0
    doc_pr = first._inline.docPr
    assert doc_pr.get("descr") == TREND_ALT
    assert doc_pr.get("title") == "Voelt zich weleens onveilig, Almere"
    blob = document.part.related_parts[first._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert blob.blob.startswith(PNG_SIGNATURE)


def test_table_has_repeating_header_row_caption_above_and_source_below(document):
    table = document.tables[0]
    assert table.style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Editie", "Reeks", "Respondenten"],
        ["2019", "oud", "1.234"],
        ["2021", "nieuw", "2.345"],
    ]
    header = table.rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    # Bold by the table style's first-row formatting (which a template may restyle), not by
    # direct formatting that would cover it.
    first_row = table.style.element.xpath('w:tblStylePr[@w:type="firstRow"]')
    assert first_row and first_row[0].find(f"{qn('w:rPr')}/{qn('w:b')}") is not None
    assert table._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstRow")) == "1"
    assert table.rows[1].cells[2].paragraphs[0].alignment == 2  # numbers right-aligned
    body = list(document.element.body)
    index = body.index(table._tbl)
    assert "Tabel 1: Gebruikte edities" in "".join(body[index - 1].itertext())
    assert "Bron: respondentenbestanden" in "".join(body[index + 1].itertext())


def test_lists_get_list_styles_levels_and_restarting_numbers(document):
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == [
        "Woninginbraak: stijgt in Noord.",
        "Overlast jongeren",
        "vooral 's zomers",
    ]
    levels = [p._p.pPr.numPr.ilvl.val for p in bullets]
    assert levels == [0, 0, 1]
    numbers = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbers] == ["eerste", "tweede", "weer één"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbers]
    assert num_ids[0] == num_ids[1] != num_ids[2]  # the second <ol> starts again at 1
    numbering = document.part.numbering_part.element
    restart = numbering.xpath(f'w:num[@w:numId="{num_ids[2]}"]//w:startOverride/@w:val')
    assert restart and restart[0] == "1"


def test_inline_formatting_and_hyperlinks_from_the_rich_text(document):
    item = next(p for p in document.paragraphs if p.text.startswith("Woninginbraak"))
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in item.runs] == [
        ("Woninginbraak", True, False),
        (": stijgt in ", False, False),
        ("Noord", False, True),
        (".", False, False),
    ]
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Zie "))
    assert paragraph.text == "Zie de monitor voor oude cijfers.\nTweede regel."
    link = paragraph.hyperlinks[0]
    assert link.url == "https://www.cbs.nl/vm"
    assert link.text == "de monitor"
    assert [r.bold for r in link.runs] == [None, True]
    assert any(r.font.strike for r in paragraph.runs if r.text == "oude")
    following = next(p for p in document.paragraphs if p.text.startswith("Nieuwe alinea"))
    assert following.text == "Nieuwe alinea met code & meer."  # <br><br> starts a paragraph
    code = next(r for r in following.runs if r.text == "code")
    assert code.font.name == "Courier New"
    assert styled(document, "Quote") == ["Een citaat."]
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "alert" not in texts  # the script is gone
    unsafe = next(p for p in document.paragraphs if p.text == "geen link")
    assert unsafe.hyperlinks == []


def test_glossary_and_note(document):
    term = next(p for p in document.paragraphs if p.text == "Gewogen")
    assert term.runs[0].bold
    assert any(p.text == "Naar de weegfactor." for p in document.paragraphs)
    note = next(p for p in document.paragraphs if p.text.startswith("Noord: te weinig"))
    assert note.runs[0].italic


# --------------------------------------------------------------------------- page furniture


def test_header_and_footer_on_every_page_but_the_cover(document, rendered):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.page_width.cm == pytest.approx(21.0, abs=0.01)  # A4
    assert section.header.paragraphs[0].text == "Veiligheidsanalyse 2027-2030\tGemeente Almere"
    footer = section.footer.paragraphs[0]
    # As in the PDF: the version on the left, the page number on the right.
    assert footer.text == "concept 0.2\tPagina 1 van 1"
    footer_xml = section.footer._element.xml
    assert "PAGE \\* Arabic" in footer_xml and "NUMPAGES \\* Arabic" in footer_xml
    assert "".join(p.text for p in section.first_page_header.paragraphs) == ""
    assert "".join(p.text for p in section.first_page_footer.paragraphs) == ""


def test_core_properties_and_language(document):
    props = document.core_properties
    assert props.title == "Veiligheidsanalyse 2027-2030, gemeente Almere"
    assert props.subject == "Veiligheidsanalyse"
    assert props.author == "Gemeente Almere"
    assert props.language == "nl-NL"
    assert props.content_status == "concept 0.2"
    normal_lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal_lang.get(qn("w:val")) == "nl-NL"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == (
        "nl-NL"
    )


def test_house_colour_on_headings_without_template(document):
    house = RGBColor(0x00, 0x52, 0x9B)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "TOC Heading"):
        assert document.styles[name].font.color.rgb == house, name
    assert document.styles["Caption"].font.color.rgb == RGBColor(0x21, 0x25, 0x29)


def test_no_style_the_document_uses_keeps_the_default_template_blue(document):
    """python-docx's template colours several styles #4F81BD (issue 13: Heading 3/4, Caption
    and Title stayed that blue beside the house-coloured Heading 1/2)."""
    used = {paragraph.style.name for paragraph in document.paragraphs}
    used |= {"Title", "Caption", "Heading 3", "Heading 4"}
    for name in used:
        style = document.styles[name]
        while style is not None:
            colour = style.font.color.rgb if style.font.color.type is not None else None
            assert colour != RGBColor(0x4F, 0x81, 0xBD), f"{name} (via {style.name})"
            if colour is not None:
                break
            style = style.base_style


def test_light_house_colour_is_darkened_until_readable():
    snapshot = word_sample()
    snapshot.gemeente.house_colour = "#ffdd00"  # yellow on white: unreadable
    document = docx.Document(io.BytesIO(render_docx(snapshot)))
    colour = str(document.styles["Heading 1"].font.color.rgb)
    assert colour != "FFDD00"
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    assert r > b and g > b  # still a yellowish hue, only darker


def test_logo_on_the_cover():
    logo = svg_to_png(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">'
        '<rect width="40" height="20" fill="#00529b"/></svg>',
        width_px=400,
    )
    document = docx.Document(io.BytesIO(render_docx(word_sample(), logo=logo)))
    first = document.inline_shapes[0]
    assert first._inline.docPr.get("descr") == "Logo gemeente Almere"
    assert first.width.cm == pytest.approx(6.0, abs=0.01)
    assert document.paragraphs[0].runs[0]._r.xpath(".//wp:docPr")  # before the title


def test_minimal_snapshot_renders():
    data = render_docx({"document": "kadernota", "title": "Kadernota", "sections": []})
    document = docx.Document(io.BytesIO(data))
    assert styled(document, "Title") == ["Kadernota"]
    assert document.core_properties.subject == "Kadernota integrale veiligheid"


def test_chart_without_svg_and_table_without_columns_keep_their_numbers():
    snapshot = word_sample()
    blocks = snapshot.sections[2].blocks
    blocks.insert(0, ChartBlock(svg="", caption="Leeg"))
    blocks.insert(0, TableBlock(caption="Geen kolommen", columns=[], rows=[]))
    document = docx.Document(io.BytesIO(render_docx(snapshot)))
    assert styled(document, "Caption")[:3] == [
        "Tabel 1: Geen kolommen",
        "Figuur 1: Leeg",
        "Figuur 2: Voelt zich weleens onveilig, Almere",
    ]
    assert len(document.inline_shapes) == 2
    assert len(document.tables) == 2


# --------------------------------------------------------------------------- templates


def test_template_styles_and_header_are_kept_and_its_body_dropped():
    data = render_docx(word_sample(), template=make_template())
    document = docx.Document(io.BytesIO(data))
    heading = document.styles["Heading 1"]
    assert heading.font.name == "Georgia"
    assert heading.font.size == Pt(20)
    assert heading.font.color.rgb == RGBColor(0x8B, 0x00, 0x00)  # no house colour over it
    assert styled(document, "Heading 1")[0] == "Samenvatting"
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["Gemeente Voorbeeld huisstijl"]
    assert "Veiligheidsanalyse" not in section.header._element.xml  # ours is not added
    assert "NUMPAGES" in section.footer._element.xml  # the template's footer was empty
    texts = [p.text for p in document.paragraphs]
    assert "Oude inhoud van het sjabloon" not in texts and "Besproken" not in texts
    assert len(document.inline_shapes) == 2  # our two charts, not the template's picture
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not [n for n in names if "comments" in n]  # its comments do not leak
    assert len([n for n in names if n.startswith("word/media/")]) == 2


def test_template_without_the_styles_we_need_gets_them_added():
    template = make_template(drop_styles=["Caption", "List Bullet", "Table Grid", "TOC Heading"])
    document = docx.Document(io.BytesIO(render_docx(word_sample(), template=template)))
    assert styled(document, "Caption")[0] == "Figuur 1: Voelt zich weleens onveilig, Almere"
    assert styled(document, "List Bullet")[0] == "Woninginbraak: stijgt in Noord."
    assert styled(document, "TOC Heading") == ["Inhoud"]
    assert document.styles["Table Grid"].type == WD_STYLE_TYPE.TABLE
    assert document.tables[0].style.name == "Table Grid"
    ids = document.styles.element.xpath("w:style/@w:styleId")
    assert len(ids) == len(set(ids))


def test_template_heading_numbering_gives_way_to_ours_and_stays_off_unnumbered_headings():
    template = docx.Document()
    ppr = template.styles["Heading 1"].element.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_numId().val = 1
    buffer = io.BytesIO()
    template.save(buffer)
    document = docx.Document(io.BytesIO(render_docx(word_sample(), template=buffer.getvalue())))
    headings = {p.text: p for p in document.paragraphs if p.style.name == "Heading 1"}
    heading = headings["Samenvatting"]
    assert heading._p.pPr.numPr.numId.val not in (0, 1)  # our heading list, not the template's
    unnumbered = headings["Begrippenlijst"]
    assert unnumbered._p.pPr.numPr.numId.val == 0


def test_word_template_dotx_is_accepted():
    data = make_template()
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
                )
            target.writestr(info, content)
    document = docx.Document(io.BytesIO(render_docx(word_sample(), template=output.getvalue())))
    assert styled(document, "Heading 1")[0] == "Samenvatting"


@pytest.mark.parametrize(
    "template",
    [
        b"",
        b"dit is geen Word-bestand",
        b"PK\x03\x04 kapot",
        "xlsx",
    ],
)
def test_invalid_template_is_refused_in_dutch(template):
    if template == "xlsx":
        from analysis.figures.exports import to_xlsx

        template = to_xlsx(["a"], [["b"]], title="Blad")  # a valid zip, but a spreadsheet
    with pytest.raises(ValueError) as error:
        render_docx(word_sample(), template=template)
    assert str(error.value) == TEMPLATE_ERROR == "Het sjabloon is geen geldig Word-bestand (.docx)."


# --------------------------------------------------------------------------- svg_to_png


def test_svg_to_png_is_white_and_as_wide_as_asked():
    from PIL import Image

    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100%"></svg>'
    png = svg_to_png(svg, width_px=300)
    assert png.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (300, 150)
        assert image.convert("RGB").getpixel((10, 10)) == (255, 255, 255)
