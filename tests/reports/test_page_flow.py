"""Page flow in the PDF: what belongs together stays on one page, and a figure that moves to
the next page does not leave half a page empty.

One crafted document (rendered once) puts headings, figures and tables after ever different
amounts of text, so they land at every height of a page. The checks read the PDF text per page
with pypdf: which page a string is on, and (for the empty space) how low the text of a page
reaches. Chart text is drawn through SVG transforms whose positions pypdf does not resolve, so
positions are only taken from the document's own text (paragraphs, captions, sources).
"""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from analysis.figures.charts import Bar, Point
from reports.blocks import ChartBlock, HeadingBlock, ParagraphsBlock, TableBlock
from reports.pdf import render_pdf
from tests.reports.snapshots import bars_svg, section, snapshot, trend_svg

MM = 72 / 25.4
PAGE_HEIGHT = 297 * MM
BODY_TOP, BODY_BOTTOM = PAGE_HEIGHT - 24 * MM, 22 * MM  # the @page margins of print.css

SENTENCE = (
    "Bewoners noemen de overlast in de avonduren vaker dan vroeger, en de partners zien "
    "hetzelfde beeld in hun eigen meldingen. "
)


def _text(k: int) -> ParagraphsBlock:
    """Between 1 and 9 lines of text, different for every k, so what follows lands anywhere."""
    return ParagraphsBlock([f"Alinea {k}. " + SENTENCE * (1 + (k * 7) % 9)])


def _chart(k: int) -> ChartBlock:
    if k % 3 == 2:  # a tall bar chart: 20 wijken
        svg = bars_svg(f"Staaf {k}", *(Bar(f"Wijk {w}", 10 + w, 8 + w, 12 + w) for w in range(20)))
    else:
        svg = trend_svg(
            f"Trend {k}", *(Point(str(y), 20 + y % 5, 18 + y % 5, 22 + y % 5) for y in (2019, 2021))
        )
    return ChartBlock(svg, f"Grafiek {k}", f"Bron bij grafiek {k}.", f"Grafiek {k}")


def _table(k: int, rows: int) -> TableBlock:
    return TableBlock(
        f"Overzicht {k}",
        [f"Gebied {k}", "Uitkomst", "n"],
        [[f"Rij {k}-{r}", "21,4%", "412"] for r in range(1, rows + 1)],
        f"Bron bij overzicht {k}.",
    )


def _document():
    """Per round: text, a subheading with text after it, a figure, a table (mostly short, every
    fourth 30 rows long), and every third round a new paragraph (h2) with text after it."""
    sections = [section("flow", "Hoofdstuk", [ParagraphsBlock([SENTENCE])])]
    blocks = sections[0].blocks
    for k in range(1, 25):
        if k % 3 == 0:
            blocks = [ParagraphsBlock([f"Na paragraaf {k}. {SENTENCE}"])]
            sections.append(section(f"p{k}", f"Paragraaf {k}", blocks, level=2))
        blocks += [
            _text(k),
            HeadingBlock(f"Kopje {k}"),
            ParagraphsBlock([f"Na kopje {k}. {SENTENCE}"]),
            _text(k + 50),
            _chart(k),
            _text(k + 100),
            _table(k, 30 if k % 4 == 0 else 12),
        ]
    return snapshot(*sections)


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    """Per page: its text and the (y, text) of every piece of text pypdf reads from it."""
    reader = PdfReader(BytesIO(render_pdf(_document())))
    result = []
    for page in reader.pages:
        pieces: list[tuple[float, str]] = []

        def visit(text, cm, tm, _font, _size, pieces=pieces):
            if text.strip():
                pieces.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

        text = page.extract_text(visitor_text=visit)
        result.append({"text": text, "pieces": pieces})
    return result


def _page_of(pages: list[dict], pattern: str) -> int:
    """The first page after the cover and the table of contents with `pattern` on it."""
    found = [i for i, page in enumerate(pages) if i >= 2 and re.search(pattern, page["text"])]
    assert found, pattern
    return found[0]


def _figures(pages) -> list[int]:
    return sorted({int(n) for page in pages for n in re.findall(r"Figuur (\d+):", page["text"])})


def test_the_document_is_long_enough_to_test_page_flow(pages):
    assert len(pages) > 20 and len(_figures(pages)) == 24


def test_a_figure_keeps_its_caption_and_source(pages):
    for number in _figures(pages):
        caption = _page_of(pages, rf"Figuur {number}: Grafiek (\d+)")
        k = re.search(rf"Figuur {number}: Grafiek (\d+)", pages[caption]["text"]).group(1)
        assert _page_of(pages, rf"Bron bij grafiek {k}\.") == caption, f"figuur {number}"


def test_a_heading_keeps_the_text_after_it(pages):
    for k in range(1, 25):
        assert _page_of(pages, rf"Kopje {k}\b") == _page_of(pages, rf"Na kopje {k}\."), k
        if k % 3 == 0:
            heading = _page_of(pages, rf"Paragraaf {k}\b")
            assert heading == _page_of(pages, rf"Na paragraaf {k}\."), k


def test_a_table_caption_and_header_keep_at_least_two_rows(pages):
    for k in range(1, 25):
        caption = _page_of(pages, rf"Tabel \d+: Overzicht {k}\b")
        assert _page_of(pages, rf"Gebied {k}\b") == caption
        assert _page_of(pages, rf"Rij {k}-1\b") == caption
        assert _page_of(pages, rf"Rij {k}-2\b") == caption


def test_a_short_table_is_not_split_and_a_long_one_repeats_its_header(pages):
    for k in range(1, 25):
        rows = 30 if k % 4 == 0 else 12
        on = {_page_of(pages, rf"Rij {k}-{r}\b") for r in range(1, rows + 1)}
        if rows == 12:
            assert len(on) == 1, f"overzicht {k} split over pages {sorted(on)}"
        else:
            for page in on:  # every page the table runs over starts with its header row
                assert re.search(rf"Gebied {k}\b", pages[page]["text"]), (k, page)
            last = _page_of(pages, rf"Rij {k}-{rows}\b")
            assert _page_of(pages, rf"Rij {k}-{rows - 1}\b") == last  # no last row alone


def _own_text(page: dict) -> list[tuple[float, str]]:
    """The document's own text on a page (not the chart text, not the running header/footer)."""
    return [
        (y, text)
        for y, text in page["pieces"]
        if BODY_BOTTOM <= y <= BODY_TOP
        and (text.startswith(("Alinea", "Na ", "Bron bij", "Figuur", "Tabel")) or text in SENTENCE)
    ]


def test_a_figure_moved_to_the_next_page_leaves_no_half_empty_page(pages):
    moved = 0
    for index in range(1, len(pages)):
        own = _own_text(pages[index])
        if not own or not max(own)[1].startswith("Figuur"):
            continue  # the page does not start with a figure
        moved += 1
        before = _own_text(pages[index - 1])
        lowest = min(y for y, _ in before)
        filled = (BODY_TOP - lowest) / (BODY_TOP - BODY_BOTTOM)
        assert filled >= 0.5, f"page {index} is {filled:.0%} full before a moved figure"
    assert moved >= 3  # the document does move figures, so the check above checked something
