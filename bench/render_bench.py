"""Benchmark: a 100-page kadernota (5 fields, 25 themes, 40 charts, 30 tables).

Prints wall time and peak memory (max RSS) for the PDF render, for WeasyPrint alone on the
same HTML, and for the DOCX render; and the ratio of our whole PDF render to WeasyPrint alone.
Goal on a 2-core machine: PDF within 20 s and 1 GB, DOCX within 5 s, ratio at most 1.2.

Run: .venv/bin/python bench/render_bench.py
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TEXT = (
    "Het gevoel van veiligheid in de eigen buurt is de afgelopen jaren licht verbeterd. Toch "
    "voelt een op de vijf inwoners zich weleens onveilig, vooral 's avonds en in het centrum. "
    "Jongeren en ouderen verschillen daarin duidelijk van elkaar, en per wijk lopen de cijfers "
    "uiteen. De werkgroep ziet hierin aanleiding om de aanpak per wijk aan te scherpen. "
)


def _chart(number: int):
    from analysis.figures.charts import Bar, Point
    from reports.blocks import ChartBlock
    from tests.reports.snapshots import bars_svg, trend_svg

    if number % 2:
        svg = trend_svg(
            f"Figuur {number}",
            *(
                Point(str(y), 20 + y % 7, 18 + y % 7, 22 + y % 7, series_break_before=y == 2021)
                for y in (2017, 2019, 2021, 2023)
            ),
        )
    else:
        svg = bars_svg(
            f"Figuur {number}",
            *(Bar(f"Wijk {w}", 10 + w * 3, 8 + w * 3, 12 + w * 3) for w in range(10)),
        )
    return ChartBlock(svg, f"Indicator {number}", "Bron: Veiligheidsmonitor", "Trend")


def _table(number: int):
    from reports.blocks import TableBlock

    return TableBlock(
        f"Cijfers per wijk {number}",
        ["Gebied", "2019", "2021", "2023", "n"],
        [[f"Wijk {w}", "21,4%", "19,8%", "22,1%", "412"] for w in range(16)],
        "Bron: VM",
    )


def _theme_blocks() -> list:
    from reports.blocks import HeadingBlock, HtmlBlock, ParagraphsBlock

    knelpunten = "".join(f"<li>Knelpunt {i}: {TEXT[:90]}</li>" for i in range(4))
    return [
        HeadingBlock("Knelpunten"),
        HtmlBlock(f"<p>{TEXT * 3}</p><ul>{knelpunten}</ul>"),
        HeadingBlock("Het verhaal achter de cijfers"),
        ParagraphsBlock([TEXT * 2] * 8),
    ]


def build_snapshot():
    """5 fields of 5 themes each, 40 charts in the first 20 themes, 30 tables (one per theme
    while they last), and a glossary of 30 terms."""
    from reports.blocks import GemeenteInfo, ParagraphsBlock
    from tests.reports.snapshots import glossary, section, snapshot

    sections = [section("samenvatting", "Samenvatting", [ParagraphsBlock([TEXT * 3] * 6)])]
    charts = tables = 0
    for field in range(1, 6):
        blocks = [ParagraphsBlock([TEXT * 2] * 3)]
        sections.append(section(f"veld-{field}", f"Veiligheidsveld {field}", blocks))
        for theme in range(1, 6):
            blocks = _theme_blocks()
            for _ in range(2 if charts < 40 else 0):
                charts += 1
                blocks.append(_chart(charts))
            if tables < 30 and (field - 1) * 5 + theme <= 30:
                tables += 1
                blocks.append(_table(tables))
            title = f"Thema {field}.{theme}"
            sections.append(section(f"thema-{field}.{theme}", title, blocks, level=2))
    terms = glossary(**{f"Begrip {i}": TEXT[:140] for i in range(30)})
    sections.append(section("begrippen", "Begrippenlijst", [terms], numbered=False))
    return snapshot(
        *sections,
        document="kadernota",
        title="Kadernota integrale veiligheid 2027-2030",
        subtitle="Gemeente Benchmark",
        version_label="concept 0.1",
        gemeente=GemeenteInfo(name="Benchmark", code="GM0000", house_colour="#1f4e79"),
    )


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def measure(kind: str, snapshot_path: str) -> None:
    import resource

    _setup()
    snapshot = json.loads(Path(snapshot_path).read_text())
    # A render worker imports WeasyPrint once per process; both PDF measurements start warm.
    import weasyprint  # noqa: F401

    started = time.perf_counter()
    if kind == "pdf":
        from reports.pdf import render_pdf

        data = render_pdf(snapshot)
    elif kind == "weasyprint":
        import weasyprint

        from reports import pdf

        html = pdf.build_html(snapshot)
        started = time.perf_counter()  # WeasyPrint alone: HTML already built
        data = weasyprint.HTML(
            string=html, base_url=pdf.BASE_URL, url_fetcher=pdf._weasyprint_fetcher()
        ).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    else:
        from reports.docx import render_docx

        data = render_docx(snapshot)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    pages = 0
    if kind != "docx":
        import io

        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(data)).pages)
    print(json.dumps({"seconds": seconds, "peak": peak, "bytes": len(data), "pages": pages}))


def child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode != 0:
        sys.exit(f"The measurement failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        measure(sys.argv[2], sys.argv[3])
        return
    _setup()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "snapshot.json"
        path.write_text(json.dumps(build_snapshot().to_json()))
        pdf = child("--child", "pdf", str(path))
        alone = child("--child", "weasyprint", str(path))
        docx = child("--child", "docx", str(path))
    print(
        f"PDF (whole render):  {pdf['seconds']:6.2f} s, peak {pdf['peak'] / 1e6:5.0f} MB, "
        f"{pdf['pages']} pages, {pdf['bytes'] / 1e6:.1f} MB"
    )
    print(f"WeasyPrint alone:    {alone['seconds']:6.2f} s, peak {alone['peak'] / 1e6:5.0f} MB")
    print(
        f"DOCX:                {docx['seconds']:6.2f} s, peak {docx['peak'] / 1e6:5.0f} MB, "
        f"{docx['bytes'] / 1e6:.1f} MB"
    )
    print(
        f"ratio whole/WeasyPrint alone = {pdf['seconds'] / alone['seconds']:.2f}   goals: "
        "PDF <= 20 s and 1000 MB, DOCX <= 5 s, ratio <= 1.2"
    )


if __name__ == "__main__":
    main()
