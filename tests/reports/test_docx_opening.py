"""Word that works on opening (issue 13): the table of contents is filled before anyone updates
a field, heading numbers are Word list numbering equal to the PDF's, every style the document
uses is the house style's (or the template's), tables get widths after their content, and the
file's properties name the gemeente. Read back with python-docx and lxml, and once through
LibreOffice, which prints the file as it opens it (no field update)."""

import io
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from reports.blocks import GemeenteInfo, HeadingBlock, ParagraphsBlock, TableBlock
from reports.common import section_numbers
from reports.docx import render_docx
from reports.docx.blocks import CELL_PADDING, CHAR_WIDTH, column_widths
from reports.docx.styles import BODY_COLOUR, readable_colour

from .libreoffice import docx_to_pdf, pdf_text
from .snapshots import section, snapshot

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
AMSTERDAM_RED = "#ec0000"


def kadernota():
    """A kadernota's outline: an unnumbered samenvatting before the chapters, three levels,
    and unnumbered bijlagen (with a subsection) and colofon after them."""
    return snapshot(
        section("samenvatting", "Samenvatting", numbered=False),
        section("inleiding", "Inleiding"),
        section("aanleiding", "Aanleiding", level=2),
        section("kader", "Kaderstelling (art. 38b Politiewet)", level=2),
        section("procedure", "Procedure", level=3),
        section("visie", "Visie"),
        section(
            "prioriteiten",
            "Prioriteiten",
            [
                TableBlock(
                    "Doelen",
                    ["Indicator", "Nulmeting", "Streefwaarde"],
                    [
                        ["Slachtoffer van woninginbraak, afgelopen 12 maanden", "4,1 %", "3 %"],
                        ["Voelt zich weleens onveilig in de eigen buurt", "40,0 % (35–45)", "35 %"],
                    ],
                    "Veiligheidsmonitor 2023.",
                )
            ],
        ),
        section("woninginbraak", "Woninginbraak", level=2),
        section("jeugd", "Jeugdoverlast", level=2),
        section("bijlagen", "Bijlagen", numbered=False),
        section("analyse", "Veiligheidsanalyse", level=2),
        section("colofon", "Colofon", numbered=False),
        document="kadernota",
        title="Kadernota integrale veiligheid 2027-2030",
        subtitle="Gemeente Amsterdam",
        gemeente=GemeenteInfo(name="Amsterdam", code="GM0363", house_colour=AMSTERDAM_RED),
    )


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(kadernota())


@pytest.fixture(scope="module")
def body(rendered):
    return etree.fromstring(_part(rendered, "word/document.xml")).find(f"{{{W}}}body")


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def _text(element) -> str:
    return "".join(element.xpath(".//w:t/text()", namespaces=NS))


def _expected_entries(snap, levels: int = 2) -> list[str]:
    """What the contents must list: every section to `levels` deep, with the PDF's number."""
    return [
        f"{number} {s.title}" if number else s.title
        for s, number in zip(snap.sections, section_numbers(snap.sections), strict=True)
        if s.level <= levels
    ]


def _toc_paragraphs(body) -> list:
    """The paragraphs from the TOC field's begin to its end, as Word reads them."""
    paragraphs = body.findall(f"{{{W}}}p")
    start = next(
        i
        for i, p in enumerate(paragraphs)
        if "TOC" in "".join(p.xpath(".//w:instrText/text()", namespaces=NS))
    )
    for end in range(start, len(paragraphs)):
        if paragraphs[end].xpath('.//w:fldChar[@w:fldCharType="end"]', namespaces=NS):
            return paragraphs[start : end + 1]
    raise AssertionError("the TOC field has no end")


# --------------------------------------------------------------------------- table of contents


def test_the_toc_field_already_holds_every_heading_in_order(body):
    entries = [_text(p) for p in _toc_paragraphs(body) if _text(p)]
    assert entries == _expected_entries(kadernota())
    assert "Procedure" not in " ".join(entries)  # level 3, as in the PDF's contents


def test_the_toc_is_a_real_field_word_can_update_and_nothing_asks_on_opening(rendered, body):
    paragraphs = _toc_paragraphs(body)
    sequence = [
        el.get(f"{{{W}}}fldCharType") or el.text.strip()
        for p in paragraphs
        for el in p.xpath(".//w:fldChar | .//w:instrText", namespaces=NS)
    ]
    assert sequence == ["begin", 'TOC \\o "1-2" \\h \\z \\u', "separate", "end"]
    settings = _part(rendered, "word/settings.xml")
    assert b"updateFields" not in settings  # Word would ask whether to update on opening
    assert b'w:dirty="true"' not in _part(rendered, "word/document.xml")


def test_toc_entries_link_to_bookmarks_on_their_headings(body):
    headings = {}
    for p in body.findall(f"{{{W}}}p"):
        style = p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)
        for name in p.xpath("w:bookmarkStart/@w:name", namespaces=NS):
            headings[name] = (style, _text(p))
    links = [
        (link.get(f"{{{W}}}anchor"), _text(link))
        for p in _toc_paragraphs(body)
        for link in p.xpath("w:hyperlink", namespaces=NS)
    ]
    assert len(links) == len(_expected_entries(kadernota()))
    for anchor, entry in links:
        style, heading = headings[anchor]
        assert style.startswith("Heading") and entry.endswith(heading), (anchor, entry)


def test_toc_entry_styles_follow_the_heading_level(rendered):
    document = docx.Document(io.BytesIO(rendered))
    levels = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("TOC")}
    assert levels["1 Inleiding"] == "TOC 1"
    assert levels["1.1 Aanleiding"] == "TOC 2"
    assert levels["Bijlagen"] == "TOC 1" and levels["Veiligheidsanalyse"] == "TOC 2"


# --------------------------------------------------------------------------- heading numbering


def _word_numbers(document) -> list[tuple[str, str]]:
    """(number Word shows, heading text) per heading, counted the way Word counts a list whose
    levels read "%1", "%1.%2", "%1.%2.%3" (checked below): a level's counter restarts under a
    higher level of the same list."""
    counters: dict[str, list[int]] = {}
    shown = []
    for p in document.paragraphs:
        if not p.style.name.startswith("Heading"):
            continue
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        if num_pr is None or num_pr.numId.val == 0:
            shown.append(("", p.text))
            continue
        level = num_pr.ilvl.val
        count = counters.setdefault(str(num_pr.numId.val), [0] * 9)
        count[level] += 1
        count[level + 1 :] = [0] * (8 - level)
        shown.append((".".join(str(n) for n in count[: level + 1]), p.text))
    return shown


def test_heading_numbers_are_word_list_numbering_equal_to_the_pdfs(rendered):
    document = docx.Document(io.BytesIO(rendered))
    snap = kadernota()
    titles = [s.title for s in snap.sections]
    expected = list(zip(section_numbers(snap.sections), titles, strict=True))
    assert _word_numbers(document) == expected
    # The number is not typed into the heading as well.
    assert not any(re.match(r"\d", t) for _, t in _word_numbers(document))


def test_the_heading_list_is_multilevel_and_linked_to_the_heading_styles(rendered):
    document = docx.Document(io.BytesIO(rendered))
    heading = next(p for p in document.paragraphs if p.text == "Inleiding")
    num_id = heading._p.pPr.numPr.numId.val
    numbering = etree.fromstring(_part(rendered, "word/numbering.xml"))
    abstract_id = numbering.xpath(
        f'string(w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val)', namespaces=NS
    )
    abstract = numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]', namespaces=NS)[0]
    assert abstract.xpath("string(w:multiLevelType/@w:val)", namespaces=NS) == "multilevel"
    for level, text in enumerate(["%1", "%1.%2", "%1.%2.%3"]):
        lvl = abstract.xpath(f'w:lvl[@w:ilvl="{level}"]', namespaces=NS)[0]
        assert lvl.xpath("string(w:lvlText/@w:val)", namespaces=NS) == text
        assert lvl.xpath("string(w:numFmt/@w:val)", namespaces=NS) == "decimal"
        style_id = document.styles[f"Heading {level + 1}"].style_id
        assert lvl.xpath("string(w:pStyle/@w:val)", namespaces=NS) == style_id


def test_unnumbered_sections_get_no_numbering():
    document = docx.Document(io.BytesIO(render_docx(kadernota())))
    for title in ("Samenvatting", "Bijlagen", "Veiligheidsanalyse", "Colofon"):
        paragraph = next(
            p for p in document.paragraphs if p.text == title and p.style.name.startswith("Head")
        )
        assert paragraph._p.pPr.numPr is None, title


# --------------------------------------------------------------------------- styles


def _used_styles(rendered) -> set[str]:
    xml = _part(rendered, "word/document.xml").decode()
    return set(re.findall(r'<w:(?:pStyle|tblStyle|rStyle) w:val="([^"]+)"', xml))


def test_every_style_the_document_uses_is_defined_in_the_house_style(rendered):
    document = docx.Document(io.BytesIO(rendered))
    defined = {s.style_id: s for s in document.styles}
    used = _used_styles(rendered)
    assert used <= set(defined), used - set(defined)
    house = RGBColor.from_string(readable_colour(AMSTERDAM_RED))
    body_grey = RGBColor.from_string(BODY_COLOUR)
    names = {defined[i].name for i in used}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "TOC 1", "TOC 2"} <= names
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "TOC Heading"):
        assert document.styles[name].font.color.rgb == house, name
    for name in ("Caption", "TOC 1", "TOC 2"):
        assert document.styles[name].font.color.rgb == body_grey, name
    table_style = document.tables[0].style
    rule = table_style.element.xpath(
        'w:tblStylePr[@w:type="firstRow"]/w:tcPr/w:tcBorders/w:bottom/@w:color'
    )
    assert rule == [readable_colour(AMSTERDAM_RED)]


def test_a_templates_own_toc_and_table_styles_win():
    template = docx.Document()
    toc1 = template.styles.add_style("TOC 1", 1)
    toc1.font.name, toc1.font.size = "Georgia", Pt(13)
    grid = template.styles["Table Grid"].element
    grid.append(
        etree.fromstring(
            f'<w:tblStylePr xmlns:w="{W}" w:type="firstRow"><w:rPr><w:i/></w:rPr></w:tblStylePr>'
        )
    )
    buffer = io.BytesIO()
    template.save(buffer)
    document = docx.Document(io.BytesIO(render_docx(kadernota(), template=buffer.getvalue())))
    assert document.styles["TOC 1"].font.name == "Georgia"
    assert document.styles["TOC 1"].font.size == Pt(13)
    first_rows = document.styles["Table Grid"].element.xpath('w:tblStylePr[@w:type="firstRow"]')
    # the template's own header row, kept
    assert len(first_rows) == 1 and first_rows[0].xpath("w:rPr/w:i", namespaces=NS)
    entries = [p.text for p in document.paragraphs if p.style.name == "TOC 1"]
    assert entries[:2] == ["Samenvatting", "1 Inleiding"]


# --------------------------------------------------------------------------- tables


def test_table_columns_fit_their_content_within_the_text_width(rendered):
    document = docx.Document(io.BytesIO(rendered))
    table = document.tables[0]
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(sum(grid) - text_width / 635) <= len(grid)  # twips; rounding per column
    indicator, nulmeting, streef = grid
    assert indicator > max(nulmeting, streef)  # the long texts get the room
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    for row in table.rows[1:]:
        assert [c.paragraphs[0].alignment for c in row.cells] == [None, 2, 2]  # numbers right
        assert [c.width for c in row.cells] == [c.width for c in table.rows[0].cells]


def test_column_widths_keep_figures_and_header_words_whole():
    total = Cm(16)
    figure = "40,0 % (35–45)"
    long_text = "Minder inwoners voelen zich weleens onveilig in de eigen buurt " * 3
    widths = column_widths(
        ["Doel", "Nulmeting", "Streefwaarde"],
        [[long_text, figure, "35 %"]],
        [False, True, True],
        total,
    )
    assert sum(widths) == total
    assert widths[1] >= CELL_PADDING + CHAR_WIDTH * len(figure)  # the figure on one line
    assert widths[2] >= CELL_PADDING + CHAR_WIDTH * len("Streefwaarde")  # the header word whole
    assert widths[0] > total / 2  # the long text gets the rest


def test_short_tables_share_the_width_after_their_content():
    widths = column_widths(["Wijk", "Respondenten"], [["Centrum", "1.234"]], [False, True], Cm(16))
    assert sum(widths) == Cm(16)
    assert widths[1] > widths[0]  # "Respondenten" is the longer text


# --------------------------------------------------------------------------- properties


def test_core_properties_name_the_gemeente(rendered):
    props = docx.Document(io.BytesIO(rendered)).core_properties
    assert props.title == "Kadernota integrale veiligheid 2027-2030, gemeente Amsterdam"
    assert props.author == "Gemeente Amsterdam"
    assert props.language == "nl-NL"


def test_a_title_that_names_the_gemeente_is_not_repeated():
    snap = kadernota()
    snap.title = "Integraal Veiligheidsplan Amsterdam 2027-2030"
    props = docx.Document(io.BytesIO(render_docx(snap))).core_properties
    assert props.title == "Integraal Veiligheidsplan Amsterdam 2027-2030"


# --------------------------------------------------------------------------- as opened


def test_libreoffice_opens_the_contents_filled_and_the_headings_numbered(rendered):
    pages = pdf_text(docx_to_pdf(rendered))
    toc_page = next(page for page in pages if "Inhoud" in page)
    lines = [line.strip() for line in toc_page.splitlines()]
    expected = _expected_entries(kadernota())
    assert [line for line in lines if line in expected] == expected
    body = "\n".join(pages[pages.index(toc_page) + 1 :])
    for heading in ("1 Inleiding", "1.2 Kaderstelling", "1.2.1 Procedure", "3.2 Jeugdoverlast"):
        assert heading in body, heading


def test_a_heading_block_is_listed_where_word_would_list_it():
    snap = kadernota()
    snap.sections[1].blocks = [ParagraphsBlock(["Tekst."]), HeadingBlock("Kort gezegd")]
    document = docx.Document(io.BytesIO(render_docx(snap)))
    toc = [p.text for p in document.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    assert toc[1:3] == ["1 Inleiding", "Kort gezegd"]  # a Heading 2, as Word's update lists it


def test_a_template_style_id_with_xml_characters_stays_an_attribute_value():
    """Heading style ids can come from an uploaded Word template; one holding quotes or '<'
    must be linked as it is, not break or extend the numbering XML."""
    from docx import Document

    from reports.docx.numbering import Numbering

    odd = 'Kop"1<&>'
    numbering = Numbering(Document())
    num_id = numbering.headings([odd, "Heading2", "Heading3"])
    root = numbering.root
    (abstract_id,) = root.xpath(f"./w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val")
    linked = root.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl/w:pStyle/@w:val")
    assert linked == [odd, "Heading2", "Heading3"]
