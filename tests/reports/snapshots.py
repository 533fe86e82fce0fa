"""Report snapshots for the tests and the benchmark, built in one place with the types of
``reports.blocks``.

- ``snapshot(*sections, **cover)`` and ``section(...)``: a document of your own, with the cover
  of an Almere analyse unless told otherwise;
- ``print_sample()``: every block type, three section levels, an unnumbered chapter and a table
  long enough to break across pages (the PDF tests); ``stored_print_sample(**overrides)`` gives
  it as a version stores it (JSON), with top-level fields replaced;
- ``word_sample()``: every block type, links and lists in the rich text, two charts and two
  tables (the DOCX and figures tests);
- ``STORED`` and ``STORED_HASH``: a snapshot as the builder stored it before the types existed,
  and the content hash that code gave it.
"""

from analysis.figures.charts import Bar, Point, bar_chart_svg, trend_chart_svg
from reports.blocks import (
    Block,
    ChartBlock,
    GemeenteInfo,
    GlossaryBlock,
    GlossaryItem,
    HeadingBlock,
    HtmlBlock,
    NoteBlock,
    ParagraphsBlock,
    Section,
    Snapshot,
    TableBlock,
)

TEXT = (
    "Het gevoel van veiligheid in de eigen buurt is de afgelopen jaren licht verbeterd. Toch "
    "voelt een op de vijf inwoners zich weleens onveilig, vooral 's avonds in het centrum."
)
TREND_ALT = "Voelt zich weleens onveilig in Almere: 2019 20,1%; 2021 22,3%; 2023 25,0%"


def snapshot(*sections: Section, **cover) -> Snapshot:
    """A snapshot of `sections`; the cover is that of an Almere analyse (concept 0.2 of
    26 november 2026) except for the fields given in `cover`."""
    fields = {
        "document": "analyse",
        "title": "Veiligheidsanalyse 2027-2030",
        "subtitle": "Gemeente Almere",
        "gemeente": GemeenteInfo(name="Almere", code="GM0034", house_colour="#00529b"),
        "version_label": "concept 0.2",
        "date": "2026-11-26",
    }
    return Snapshot(sections=list(sections), **(fields | cover))


def section(
    key: str, title: str, blocks: list[Block] | None = None, *, level: int = 1, numbered=True
) -> Section:
    """A section; without `blocks` it holds one paragraph of TEXT."""
    return Section(
        key, title, level, numbered, blocks if blocks is not None else [ParagraphsBlock([TEXT])]
    )


def trend_svg(title: str, *points: Point) -> str:
    return trend_chart_svg(list(points), title=title, unit="percent")


def bars_svg(title: str, *bars: Bar) -> str:
    return bar_chart_svg(list(bars), title=title, unit="percent")


def glossary(**definitions: str) -> GlossaryBlock:
    return GlossaryBlock([GlossaryItem(term, text) for term, text in definitions.items()])


def print_sample() -> Snapshot:
    trend = trend_svg(
        "Voelt zich weleens onveilig in de eigen buurt",
        Point("2019", 23.5, 22.2, 24.8),
        Point("2021", 21.0),
        Point("2023", 22.7, 21.5, 23.9),
    )
    bars = bars_svg(
        "Onveiligheidsgevoel per stadsdeel",
        Bar("Haven", 18.2),
        Bar("Stad", 24.9),
        Bar("Almere", 22.7, highlight=True),
    )
    rows = [[f"Wijk {i:02d}", f"{15 + i % 9},{i % 10}%", str(3000 + i)] for i in range(1, 61)]
    source = "Bron: Veiligheidsmonitor 2023"
    return snapshot(
        section(
            "samenvatting",
            "Samenvatting",
            [
                HtmlBlock(
                    f"<p>{TEXT}</p><h1>Belangrijkste bevindingen</h1>"
                    "<ul><li><strong>Inbraak</strong> daalt.</li></ul>"
                ),
                NoteBlock("De cijfers over 2025 zijn voorlopig."),
            ],
        ),
        section("inleiding", "Inleiding en leeswijzer"),
        section("aanleiding", "Aanleiding", level=2),
        section("methode", "Bronnen en methode", level=2),
        section(
            "veld-1",
            "Veilige woon- en leefomgeving",
            [ParagraphsBlock([TEXT]), HeadingBlock("X")],
        ),
        section(
            "thema-1.4",
            "Subjectieve veiligheid",
            [
                HeadingBlock("Knelpunten"),
                ChartBlock(
                    trend,
                    "Onveiligheidsgevoel, 2019-2023",
                    source,
                    "Lijngrafiek: 22,7% voelt zich weleens onveilig (2023).",
                ),
                ChartBlock(bars, "Per stadsdeel", source, "Staafdiagram per stadsdeel."),
            ],
            level=2,
        ),
        section("thema-1.4.1", "Verschillen tussen stadsdelen", level=3),
        section(
            "veld-2",
            "Bedrijvigheid en veiligheid",
            [
                TableBlock(
                    "Onveiligheidsgevoel per wijk", ["Wijk", "Onveilig", "Inwoners"], rows, source
                )
            ],
        ),
        section("conclusies", "Conclusies"),
        section(
            "begrippen",
            "Begrippenlijst",
            [
                glossary(
                    KBV="Kernbeleid Veiligheid van de VNG.", VM="Veiligheidsmonitor van het CBS."
                )
            ],
            numbered=False,
        ),
    )


def stored_print_sample(**overrides) -> dict:
    """The print sample as a version stores it (JSON), with top-level fields replaced."""
    return print_sample().to_json() | overrides


def _word_rich_text() -> tuple[HtmlBlock, HtmlBlock]:
    lists = HtmlBlock(
        "<ul><li><strong>Woninginbraak</strong>: stijgt in <em>Noord</em>.</li><li>Overlast "
        "jongeren<ul><li>vooral 's zomers</li></ul></li></ul><ol><li>eerste</li><li>tweede"
        "</li></ol><ol><li>weer één</li></ol>"
    )
    inline = HtmlBlock(
        '<div>Zie <a href="https://www.cbs.nl/vm">de <b>monitor</b></a> voor <del>oude</del> '
        "cijfers.<br>Tweede regel.<br><br>Nieuwe alinea met <code>code</code> &amp; meer.</div>"
        "<h1>Kop uit de editor</h1><blockquote>Een citaat.</blockquote>"
        '<script>alert(1)</script><p><a href="javascript:alert(1)">geen link</a></p>'
    )
    return lists, inline


def word_sample() -> Snapshot:
    trend = trend_svg(
        "Voelt zich weleens onveilig",
        Point("2019", 20.1, 18, 22),
        Point("2021", 22.3, 20, 24),
        Point("2023", 25.0, 23, 27),
    )
    bars = bars_svg(
        "Slachtofferschap per wijk",
        Bar("Centrum", 31.2, 28, 34, highlight=True),
        Bar("Noord", 22.0, 19, 25),
    )
    lists, inline = _word_rich_text()
    source = "Bron: Veiligheidsmonitor 2023."
    return snapshot(
        section(
            "samenvatting",
            "Samenvatting",
            [
                ParagraphsBlock(["De veiligheid is stabiel.", "Maar let op."]),
                HeadingBlock("Voorgestelde prioriteiten"),
                lists,
            ],
        ),
        section("veld-1", "Veilige woon- en leefomgeving", [], level=2),
        section(
            "thema-1.4",
            "Subjectieve veiligheid",
            [
                inline,
                ChartBlock(
                    trend,
                    "Voelt zich weleens onveilig, Almere",
                    "Bron: Veiligheidsmonitor 2019, 2021, 2023.",
                    TREND_ALT,
                ),
                NoteBlock("Noord: te weinig respondenten in 2023."),
                TableBlock(
                    "Gebruikte edities",
                    ["Editie", "Reeks", "Respondenten"],
                    [["2019", "oud", "1.234"], ["2021", "nieuw", "2.345"]],
                    "respondentenbestanden van de gemeente.",
                ),
            ],
            level=3,
        ),
        section(
            "wijken",
            "Cijfers per wijk",
            [
                ChartBlock(bars, "Slachtofferschap per wijk", source, "Centrum 31,2%, Noord 22,0%"),
                TableBlock(
                    "Per wijk",
                    ["Wijk", "Uitkomst"],
                    [["=cmd", "31,2%"], ["Noord", "22,0%"]],
                    source,
                ),
            ],
        ),
        section(
            "begrippen", "Begrippenlijst", [glossary(Gewogen="Naar de weegfactor.")], numbered=False
        ),
    )


# A snapshot as reports.snapshot stored it before the types existed (every field the builder
# wrote, every block type), and the content hash that code computed for it.
STORED = {
    "document": "analyse",
    "title": "Veiligheidsanalyse 2027-2030",
    "subtitle": "Gemeente Almere",
    "gemeente": {"name": "Almere", "code": "GM0034", "house_colour": "#00529b"},
    "structure": "VNG-standaard",
    "date": "2026-11-26",
    "version_label": "concept 0.1",
    "sections": [
        {
            "key": "s1",
            "title": "Samenvatting",
            "level": 1,
            "numbered": True,
            "blocks": [
                {"type": "heading", "text": "Voorgestelde prioriteiten"},
                {"type": "html", "html": "<ul><li><strong>Inbraak</strong>: daalt</li></ul>"},
                {"type": "paragraphs", "items": ["De analyse steunt op de Veiligheidsmonitor."]},
            ],
        },
        {
            "key": "veld-1",
            "title": "Veilige woon- en leefomgeving",
            "level": 2,
            "numbered": True,
            "blocks": [{"type": "note", "text": "Nog geen knelpunten beschreven."}],
        },
        {
            "key": "thema-1.4",
            "title": "Subjectieve veiligheid",
            "level": 3,
            "numbered": True,
            "blocks": [
                {
                    "type": "chart",
                    "svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                    '<title>Trend</title><rect width="10" height="4" fill="#00529b"/></svg>',
                    "caption": "Onveiligheidsgevoel, Almere",
                    "source": "Bron: Veiligheidsmonitor 2021, 2023. Gewogen, met 95%-marge.",
                    "alt": "Onveiligheidsgevoel in Almere: 2021 22,3%; 2023 25,0%",
                },
                {
                    "type": "table",
                    "caption": "Gebruikte edities van de Veiligheidsmonitor",
                    "columns": ["Editie", "Reeks", "Respondenten"],
                    "rows": [["2021", "nieuw", "2345"], ["2023", "nieuw", "2410"]],
                    "source": "Bron: respondentenbestanden van de gemeente.",
                },
            ],
        },
        {
            "key": "s9",
            "title": "Begrippenlijst",
            "level": 1,
            "numbered": False,
            "blocks": [
                {
                    "type": "glossary",
                    "items": [{"term": "Gewogen", "definition": "Naar de weegfactor."}],
                }
            ],
        },
    ],
}
STORED_HASH = "920d1ecb0ce2653b92264641da11995e60312ea83c508f659998f1469a9d7ed0"
