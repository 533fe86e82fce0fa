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


def build_snapshot() -> dict:
    from analysis.charts import Bar, Point, bar_chart_svg, trend_chart_svg

    sections = [
        {
            "key": "samenvatting",
            "title": "Samenvatting",
            "level": 1,
            "numbered": True,
            "blocks": [{"type": "paragraphs", "items": [TEXT * 3] * 6}],
        }
    ]
    charts = tables = 0
    for field in range(1, 6):
        sections.append(
            {
                "key": f"veld-{field}",
                "title": f"Veiligheidsveld {field}",
                "level": 1,
                "numbered": True,
                "blocks": [{"type": "paragraphs", "items": [TEXT * 2] * 3}],
            }
        )
        for theme in range(1, 6):
            blocks = [
                {"type": "heading", "text": "Knelpunten"},
                {
                    "type": "html",
                    "html": "<p>"
                    + TEXT * 3
                    + "</p><ul>"
                    + "".join(f"<li>Knelpunt {i}: {TEXT[:90]}</li>" for i in range(4))
                    + "</ul>",
                },
                {"type": "heading", "text": "Het verhaal achter de cijfers"},
                {"type": "paragraphs", "items": [TEXT * 2] * 8},
            ]
            for _ in range(2 if charts < 40 else 0):
                charts += 1
                svg = (
                    trend_chart_svg(
                        [
                            Point(
                                str(y),
                                20 + y % 7,
                                18 + y % 7,
                                22 + y % 7,
                                series_break_before=y == 2021,
                            )
                            for y in (2017, 2019, 2021, 2023)
                        ],
                        title=f"Figuur {charts}",
                        unit="percent",
                    )
                    if charts % 2
                    else bar_chart_svg(
                        [Bar(f"Wijk {w}", 10 + w * 3, 8 + w * 3, 12 + w * 3) for w in range(10)],
                        title=f"Figuur {charts}",
                        unit="percent",
                    )
                )
                blocks.append(
                    {
                        "type": "chart",
                        "svg": svg,
                        "caption": f"Indicator {charts}",
                        "source": "Bron: Veiligheidsmonitor",
                        "alt": "Trend",
                    }
                )
            if tables < 30 and (field - 1) * 5 + theme <= 30:
                tables += 1
                blocks.append(
                    {
                        "type": "table",
                        "caption": f"Cijfers per wijk {tables}",
                        "columns": ["Gebied", "2019", "2021", "2023", "n"],
                        "rows": [
                            [f"Wijk {w}", "21,4%", "19,8%", "22,1%", "412"] for w in range(16)
                        ],
                        "source": "Bron: VM",
                    }
                )
            sections.append(
                {
                    "key": f"thema-{field}.{theme}",
                    "title": f"Thema {field}.{theme}",
                    "level": 2,
                    "numbered": True,
                    "blocks": blocks,
                }
            )
    sections.append(
        {
            "key": "begrippen",
            "title": "Begrippenlijst",
            "level": 1,
            "numbered": False,
            "blocks": [
                {
                    "type": "glossary",
                    "items": [{"term": f"Begrip {i}", "definition": TEXT[:140]} for i in range(30)],
                }
            ],
        }
    )
    return {
        "document": "kadernota",
        "title": "Kadernota integrale veiligheid 2027-2030",
        "subtitle": "Gemeente Benchmark",
        "version_label": "concept 0.1",
        "date": "2026-11-26",
        "sections": sections,
        "gemeente": {"name": "Benchmark", "code": "GM0000", "house_colour": "#1f4e79"},
    }


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
        path.write_text(json.dumps(build_snapshot()))
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
