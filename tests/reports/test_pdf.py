"""The PDF renderer: snapshot -> HTML -> PDF/UA-1 or PDF/A-2b, with a locked-down URL fetcher."""

import base64
import re
import socket
from io import BytesIO

import pytest
from pypdf import PdfReader

from reports import pdf as report_pdf
from reports.blocks import HtmlBlock, ParagraphsBlock
from reports.pdf import (
    build_html,
    contrast_ratio,
    format_date_nl,
    house_colour,
    house_palette,
    render_pdf,
    url_fetcher,
)

from .snapshots import print_sample, section, snapshot, stored_print_sample


def png(colour="#00529b", size=(8, 4)) -> bytes:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


PNG = png()


def read(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def texts(reader: PdfReader) -> list[str]:
    return [re.sub(r"[ \t]+", " ", page.extract_text() or "") for page in reader.pages]


@pytest.fixture(scope="module")
def ua_pdf() -> bytes:
    return render_pdf(print_sample(), logo=PNG)


@pytest.fixture(scope="module")
def ua(ua_pdf) -> PdfReader:
    return read(ua_pdf)


# --------------------------------------------------------------------------- numbering


# --------------------------------------------------------------------------- HTML


def test_build_html_numbers_headings_and_links_the_toc():
    html = build_html(stored_print_sample())
    assert '<html lang="nl">' in html
    assert "<title>Veiligheidsanalyse 2027-2030 — gemeente Almere</title>" in html
    assert '<meta name="author" content="Gemeente Almere">' in html
    assert '<meta name="description" content="Veiligheidsanalyse van gemeente Almere' in html

    headings = re.findall(
        r'<(h[1-3]) id="([^"]+)" class="section-heading">'
        r'(?:<span class="heading-number">([\d.]+)</span> )?([^<]+)</h[1-3]>',
        html,
    )
    assert [(tag, number, title) for tag, _, number, title in headings] == [
        ("h1", "1", "Samenvatting"),
        ("h1", "2", "Inleiding en leeswijzer"),
        ("h2", "2.1", "Aanleiding"),
        ("h2", "2.2", "Bronnen en methode"),
        ("h1", "3", "Veilige woon- en leefomgeving"),
        ("h2", "3.1", "Subjectieve veiligheid"),
        ("h3", "3.1.1", "Verschillen tussen stadsdelen"),
        ("h1", "4", "Bedrijvigheid en veiligheid"),
        ("h1", "5", "Conclusies"),
        ("h1", "", "Begrippenlijst"),
    ]
    # The TOC links every level-1 and level-2 heading (not level 3), with its number.
    toc = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="#([^"]+)">', toc)
    ids = {tag: [i for t, i, _, _ in headings if t == tag] for tag in ("h1", "h2", "h3")}
    assert links == [i for t, i, _, _ in headings if t in ("h1", "h2")]
    assert not set(links) & set(ids["h3"])
    assert '<span class="toc-number">2.1</span> <span class="toc-text">Aanleiding</span>' in toc
    assert '<a href="#s10-begrippen"><span class="toc-text">Begrippenlijst</span>' in toc


def test_build_html_numbers_figures_and_tables_and_keeps_text_headings_small():
    html = build_html(stored_print_sample())
    assert re.findall(r"(Figuur|Tabel) (\d+):", html) == [
        ("Figuur", "1"),
        ("Figuur", "2"),
        ("Tabel", "1"),
    ]
    # Trix's h1 becomes a subheading one level below its section; no stray document h1.
    assert '<h2 class="subheading">Belangrijkste bevindingen</h2>' in html
    assert "<h1>Belangrijkste" not in html
    assert '<h3 class="subheading">Knelpunten</h3>' in html
    # The chart's <title> carries the alt text (WeasyPrint tags it as the figure's /Alt).
    assert ">Lijngrafiek: 22,7% voelt zich weleens onveilig (2023).</title>" in html
    # Tables: header group, row headers, numeric columns right-aligned; glossary as <dl>.
    assert '<thead>\n        <tr><th scope="col">Wijk</th><th scope="col" class="num">' in html
    assert '<th scope="row">Wijk 01</th><td class="num">16,1%</td>' in html
    assert '<dl class="glossary">' in html and "<dt>KBV</dt>" in html
    assert '<div class="note" role="note">' in html


def test_build_html_escapes_plain_text_fields():
    sample = print_sample()
    sample.title, sample.subtitle = "<script>alert(1)</script>", '"><b>x'
    sample.sections[1].blocks = [ParagraphsBlock(["<i>niet</i>"])]
    html = build_html(sample)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;i&gt;niet&lt;/i&gt;" in html
    assert '"><b>x' not in html


def test_cover_shows_dutch_date_logo_and_house_colour():
    html = build_html(stored_print_sample(), logo_data_uri="data:image/png;base64,AAAA")
    assert "26 november 2026" in html
    assert '<img class="cover-logo" src="data:image/png;base64,AAAA" alt="Logo gemeente Almere">'
    assert "--band: #00529b" in html
    assert "cover-logo" not in build_html(stored_print_sample()).split("</style>")[-1]
    assert format_date_nl("2027-03-01") == "1 maart 2027"
    assert format_date_nl("voorjaar 2027") == "voorjaar 2027"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("#00529B", "#00529b"),
        ("#1a2b3c", "#1a2b3c"),
        ("red", "#1f4e79"),
        ("#123", "#1f4e79"),
        ("#12345g", "#1f4e79"),
        ("#123456; } body { display: none", "#1f4e79"),
        (None, "#1f4e79"),
        (0x00529B, "#1f4e79"),
    ],
)
def test_house_colour_is_validated(value, expected):
    assert house_colour(value) == expected
    html = build_html(stored_print_sample(gemeente={"name": "Almere", "house_colour": value}))
    assert f"--band: {expected};" in html


def test_light_house_colour_gets_readable_text_colours():
    palette = house_palette("#ffd700")  # gold: unreadable as heading colour on white
    assert palette["band"] == "#ffd700"
    assert contrast_ratio(palette["accent"], "#ffffff") >= 4.5
    assert palette["band_text"] == "#212529"
    assert house_palette("#00529b") == {
        "band": "#00529b",
        "band_text": "#ffffff",
        "accent": "#00529b",
    }


def test_bad_input_raises_value_error():
    with pytest.raises(ValueError, match="variant"):
        render_pdf(stored_print_sample(), variant="pdf/a-3b")
    with pytest.raises(ValueError, match="variant"):
        render_pdf(stored_print_sample(), variant="PDF/UA-1")
    with pytest.raises(ValueError, match="document"):
        build_html(stored_print_sample(document="begroting"))
    bad_block = stored_print_sample()
    bad_block["sections"][0]["blocks"] = [{"type": "video"}]
    with pytest.raises(ValueError, match="video"):
        build_html(bad_block)
    with pytest.raises(ValueError, match="logo"):
        render_pdf(stored_print_sample(), logo=b"GIF89a", logo_type="image/gif")
    # A broken logo would otherwise abort WeasyPrint late, while it writes the PDF.
    with pytest.raises(ValueError, match="logo"):
        render_pdf(stored_print_sample(), logo=PNG[:40])
    with pytest.raises(ValueError, match="logo"):
        render_pdf(stored_print_sample(), logo=PNG, logo_type="image/jpeg")


def test_print_css_has_no_external_references():
    css = (report_pdf.static_dir() / "css" / "print.css").read_text()
    assert not re.search(r"https?:|url\(|@import|file:", css, re.IGNORECASE)
    assert "target-counter(attr(href), page)" in css
    assert 'counter(page) " van " counter(pages)' in css
    assert "display: table-header-group" in css


# --------------------------------------------------------------------------- URL fetcher


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.org/x.png",
        "https://example.org/x.png",
        "ftp://example.org/x.png",
        "//example.org/x.png",
        "integraal:/static/../../etc/passwd",
        "integraal:/static/%2e%2e/%2e%2e/etc/passwd",
        "integraal:/static/css/../../reports/pdf.py",
        "integraal:/static/",
        "integraal:/static/does-not-exist.png",
        "integraal:/reports/pdf.py",
        "../../etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "data:,hallo",
        "javascript:alert(1)",
    ],
)
def test_fetcher_refuses(url):
    with pytest.raises(ValueError):
        url_fetcher(url)


def test_fetcher_serves_image_data_uris_and_our_static_files():
    result = url_fetcher("data:image/png;base64," + base64.b64encode(PNG).decode())
    assert result["string"] == PNG and result["mime_type"] == "image/png"
    with pytest.raises(ValueError, match="Broken"):
        url_fetcher("data:image/png;base64," + base64.b64encode(PNG[:40]).decode())
    svg = url_fetcher("data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A//www.w3.org/2000/svg%22/%3E")
    assert svg["string"].startswith(b"<svg") and svg["mime_type"] == "image/svg+xml"
    css = url_fetcher("integraal:/static/css/print.css")
    assert css["mime_type"] == "text/css" and b"@page" in css["string"]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def test_render_never_fetches_images_from_user_text(monkeypatch, no_network):
    calls = []

    def spy(url):
        try:
            result = url_fetcher(url)
        except ValueError:
            calls.append((url, "refused"))
            raise
        calls.append((url, "served"))
        return result

    monkeypatch.setattr(report_pdf, "url_fetcher", spy)
    user_text = snapshot(
        section(
            "a",
            "Bijlage",
            [
                HtmlBlock(
                    '<p>Voor <img src="http://evil.example/x.png" alt="evil">'
                    '<img src="file:///etc/passwd" alt="passwd">'
                    '<img src="integraal:/static/img/favicon.svg" alt="icoon"> na</p>'
                )
            ],
        )
    )
    reader = read(render_pdf(user_text))
    # The renderer sanitises user text again, so its images never reach the fetcher at all;
    # the fetcher's own refusals are tested on their own above.
    assert [url for url, _ in calls if "evil" in url or "passwd" in url] == []
    assert no_network == []
    assert "Bijlage" in "".join(texts(reader))
    assert "root:" not in "".join(texts(reader))


# --------------------------------------------------------------------------- PDF


def test_pdf_pages_cover_toc_and_running_footer(ua):
    pages = texts(ua)
    total = len(pages)
    chapters = 6  # level-1 sections, each on a new page
    assert total >= 2 + chapters
    cover = pages[0]
    assert "Veiligheidsanalyse 2027-2030" in cover
    assert "concept 0.2" in cover
    assert "26 november 2026" in cover
    assert "Pagina" not in cover  # no header or footer on the cover
    assert f"Pagina 2 van {total}" in pages[1]
    for number, text in enumerate(pages[1:], start=2):
        assert f"Pagina {number} van {total}" in text
        assert "Veiligheidsanalyse 2027-2030" in text  # running header
        assert "Gemeente Almere" in text
        assert "concept 0.2" in text  # version label in the footer


def test_pdf_toc_page_numbers_point_at_the_headings(ua):
    pages = texts(ua)
    toc = pages[1]
    assert "Inhoudsopgave" in toc
    entries = dict(
        (title, int(page))
        for title, page in re.findall(r"^((?:\d+(?:\.\d+)* )?[A-Z][\w -]+?)[ .]+(\d+)$", toc, re.M)
        if title != "Inhoudsopgave"
    )
    assert len(entries) == 9  # 5 chapters, 3 paragraphs, the begrippenlijst
    assert entries["1 Samenvatting"] == 3
    assert entries["2.1 Aanleiding"] == entries["2 Inleiding en leeswijzer"]
    assert "Begrippenlijst" in entries
    for title, page in entries.items():
        assert title in pages[page - 1].replace("\n", " "), (title, page)


def test_pdf_captions_and_repeated_table_header(ua):
    text = "\n".join(texts(ua))
    assert "Figuur 1: Onveiligheidsgevoel, 2019-2023" in text
    assert "Figuur 2: Per stadsdeel" in text
    assert "Tabel 1: Onveiligheidsgevoel per wijk" in text
    # 60 rows do not fit on one page: the table breaks and its header row comes back.
    pages_with_header = [p for p in texts(ua) if "Wijk Onveilig Inwoners" in p]
    assert len(pages_with_header) >= 2
    assert "Wijk 60" in text


def test_pdf_ua_is_tagged_with_language_and_metadata(ua):
    catalog = ua.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "nl"
    assert "/StructTreeRoot" in catalog
    assert ua.metadata.title == "Veiligheidsanalyse 2027-2030 — gemeente Almere"
    assert ua.metadata.author == "Gemeente Almere"
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    # The outline (bookmarks) holds the numbered chapters, not the cover title.
    titles = [item["/Title"] for item in ua.outline if isinstance(item, dict)]
    assert titles[:3] == ["Inhoudsopgave", "1 Samenvatting", "2 Inleiding en leeswijzer"]


def test_pdf_a2b_declares_its_conformance():
    reader = read(render_pdf(stored_print_sample(), variant="pdf/a-2b"))
    catalog = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp
    assert 'pdfaid:conformance="B"' in xmp
    assert catalog["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert catalog["/Lang"] == "nl"
