"""A document's content gathered from the analysis, the kadernota and the figures, frozen as
a snapshot (the types are in ``reports.blocks``). Renderers (HTML, PDF, DOCX, figures) only ever
read a snapshot; a version stores it as JSON."""

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.html import format_html, format_html_join

from analysis.figures import presenters, selectors
from analysis.figures.charts import MatrixPoint, format_value, priority_matrix_svg
from analysis.figures.constants import AreaKind
from analysis.figures.models import Area
from analysis.narrative.constants import THEME_TEXTS
from analysis.narrative.models import AnalysisField, GeneratedDraft
from analysis.narrative.selectors import analysis_settings, ranking
from analysis.richtext import is_empty, sanitize
from projects.models import Project

from .blocks import (
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
from .constants import DocumentKind, SectionSource
from .models import ReportStructure

GLOSSARY = [
    ("Betrouwbaarheidsmarge", "Het gebied waarin de werkelijke waarde met 95% zekerheid ligt."),
    (
        "Effectieve steekproefomvang",
        "Het aantal respondenten dat een gewogen steekproef waard "
        "is (Kish): bij ongelijke gewichten minder dan het werkelijke aantal.",
    ),
    (
        "Gewogen",
        "Elke respondent telt mee naar zijn weegfactor, zodat de uitkomst past bij de bevolking.",
    ),
    (
        "Kadernota integrale veiligheid",
        "Het beleidsplan voor vier jaar dat de raad vaststelt (art. 38b Politiewet).",
    ),
    (
        "Kernbeleid Veiligheid",
        "De methode van de VNG om in 12 stappen tot veiligheidsbeleid te komen.",
    ),
    ("Significant", "Een verschil dat met 95% zekerheid niet op toeval berust."),
    (
        "Trendbreuk",
        "Een verandering in de opzet van de Veiligheidsmonitor, waardoor cijfers van voor en "
        "na niet rechtstreeks vergelijkbaar zijn: in 2012 volgde de Veiligheidsmonitor de "
        "Integrale Veiligheidsmonitor (2008-2011) op, in 2021 is de Veiligheidsmonitor "
        "vernieuwd.",
    ),
    (
        "Veiligheidsmonitor",
        "Het bevolkingsonderzoek naar veiligheid van CBS (tot 2011: de "
        "Integrale Veiligheidsmonitor).",
    ),
]


def _section(key, title, level, blocks, numbered=True) -> Section:
    return Section(key, title, level, numbered, [block for block in blocks if block])


def _paragraphs(*items) -> ParagraphsBlock | None:
    items = [item for item in items if item]
    return ParagraphsBlock(list(items)) if items else None


def _text_blocks(text: str) -> list[Block | None]:
    return [_paragraphs(*[line.strip() for line in text.splitlines() if line.strip()])]


def _gemeente_area(project):
    return Area.objects.filter(gemeente=project.gemeente, kind=AreaKind.GEMEENTE).first()


def _break_note(trend) -> str:
    # The break(s) between the editions in the chart, named (2012 IVM→VM, 2021 vernieuwing).
    note = presenters.series_note(trend)
    return f" {note}" if note else ""


def _indicator_blocks(project, area, codes) -> list[Block]:
    blocks = []
    for view in selectors.indicator_views(project, area=area, indicator_codes=codes):
        series = selectors.benchmark_series(project, view.indicator)
        years = ", ".join(str(r.edition.year) for r in view.trend)
        latest = view.latest
        alt = f"{view.indicator.name} in {area.name}: " + "; ".join(
            f"{r.edition.year} {presenters.shown(r, view.indicator.unit)}" for r in view.trend
        )
        blocks.append(
            ChartBlock(
                svg=presenters.trend_svg(view, series, area_name=area.name),
                caption=f"{view.indicator.name}, {area.name}",
                source=f"Bron: Veiligheidsmonitor {years}"
                + (", CBS StatLine" if series else "")
                + ". Gewogen, met 95%-marge."
                + _break_note(view.trend),
                alt=alt,
            )
        )
        if latest and latest.suppressed:
            blocks.append(
                NoteBlock(
                    f"{view.indicator.name}: te weinig "
                    f"respondenten in {latest.edition.year} voor een betrouwbaar cijfer."
                )
            )
    return blocks


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Dutch thousands: 15.000


def _samenvatting(project, document, section):
    proposed = [
        item
        for item in ranking(project, analysis_settings(project))
        if item.theme.proposed_priority
    ]
    blocks = []
    if document == DocumentKind.KADERNOTA and hasattr(project, "kadernota"):
        blocks += _text_blocks(project.kadernota.visie)
    if proposed:
        blocks.append(HeadingBlock("Voorgestelde prioriteiten"))
        items = format_html_join(
            "",
            "<li><strong>{}</strong>: {}</li>",
            ((item.theme.name, item.theme.priority_reasoning) for item in proposed),
        )
        blocks.append(HtmlBlock(sanitize(format_html("<ul>{}</ul>", items))))
    editions = sorted(project.editions.all(), key=lambda edition: edition.year)
    if editions:
        # Per edition: a total over editions would count the same gemeente several times.
        parts = [
            f"{edition.year} ({_thousands(edition.respondents)}"
            + (" respondenten)" if index == 0 else ")")
            for index, edition in enumerate(editions)
        ]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
        blocks.append(_paragraphs(f"De analyse steunt op de Veiligheidsmonitor van {listed}."))
    return [_section(f"s{section.position}", section.title, 1, blocks, section.numbered)]


def _inleiding(project, document, section):
    gemeente = project.gemeente
    items = [
        # Not "<project> van gemeente <gemeente>": the project's name often names the
        # gemeente already ("… Almere van gemeente Almere").
        f"Deze {DocumentKind(document).label.lower()} is onderdeel van {project.name}. Zij "
        f"gaat over de gemeente {gemeente.name} (provincie {gemeente.provincie.name}, "
        f"veiligheidsregio {gemeente.veiligheidsregio.name}) en over de beleidsjaren "
        f"{project.period_start} tot en met {project.period_end}.",
        "Het volgt de methode Kernbeleid Veiligheid van de VNG: een veiligheidsanalyse per "
        "veiligheidsveld, prioriteiten die de raad vaststelt, en een kadernota met doelen die "
        "het college uitwerkt in een uitvoeringsprogramma.",
    ]
    if document == DocumentKind.KADERNOTA:
        items.append(
            "De raad stelt deze kadernota vast op grond van artikel 38b van de "
            "Politiewet 2012: ten minste eens in de vier jaar de doelen voor de "
            "handhaving van de openbare orde en de hulpverlening door de politie."
        )
    return [
        _section(f"s{section.position}", section.title, 1, [_paragraphs(*items)], section.numbered)
    ]


def _methode(project, document, section):
    editions = list(project.editions.all())
    blocks = [
        _paragraphs(
            "Alle percentages en gemiddelden zijn gewogen met de weegfactor uit het "
            "respondentenbestand. De marges zijn 95%-betrouwbaarheidsintervallen (Wilson voor "
            "percentages, t voor gemiddelden) op de effectieve steekproefomvang.",
            f"Cijfers op minder dan {project.min_n} respondenten worden niet getoond; onder "
            f"{project.warn_n} respondenten staat er een waarschuwing bij. Veranderingen en "
            "verschillen heten alleen gestegen, gedaald, hoger of lager als ze significant zijn.",
        )
    ]
    if editions:
        blocks.append(
            TableBlock(
                caption="Gebruikte edities van de Veiligheidsmonitor",
                columns=["Editie", "Reeks", "Respondenten"],
                rows=[[str(e.year), e.get_series_display(), str(e.respondents)] for e in editions],
                source="Bron: respondentenbestanden van de gemeente.",
            )
        )
    return [_section(f"s{section.position}", section.title, 1, blocks, section.numbered)]


def _velden(project, document, section):
    area = _gemeente_area(project)
    sections = [_section(f"s{section.position}", section.title, 1, [], section.numbered)]
    drafts = {
        d.theme_id: d.paragraphs
        for d in GeneratedDraft.objects.filter(project=project, theme__isnull=False)
    }
    fields = AnalysisField.objects.filter(project=project, hidden=False).prefetch_related("themes")
    for field in fields:
        themes = []
        for theme in field.themes.all():
            if theme.hidden or not theme.worked_out:
                continue
            blocks = []
            for name, label in THEME_TEXTS:
                html = getattr(theme, name)
                if not is_empty(html):
                    blocks += [HeadingBlock(label), HtmlBlock(sanitize(html))]
            if drafts.get(theme.id):
                blocks += [
                    HeadingBlock("Het verhaal achter de cijfers"),
                    _paragraphs(*drafts[theme.id]),
                ]
            if area is not None:
                blocks += _indicator_blocks(project, area, list(theme.indicator_codes))
            if blocks:  # a theme nobody wrote about and without figures stays out
                themes.append(
                    _section(f"thema-{theme.code}", theme.name, 3, blocks, section.numbered)
                )
        note = (
            None
            if themes
            else NoteBlock(
                "Voor dit veiligheidsveld zijn (nog) geen knelpunten of cijfers beschreven."
            )
        )
        sections.append(_section(f"veld-{field.code}", field.name, 2, [note], section.numbered))
        sections += themes
    return sections


def _prioriteiten(project, document, section):
    ranked = ranking(project, analysis_settings(project))
    scored = [item for item in ranked if item.score is not None]
    blocks = []
    if scored:
        blocks.append(
            TableBlock(
                caption="Rangorde van de thema's",
                columns=["Thema", "Score", "Voorgesteld"],
                rows=[
                    [
                        i.theme.name,
                        f"{i.score:.2f}".replace(".", ","),
                        "ja" if i.theme.proposed_priority else "",
                    ]
                    for i in scored
                ],
                source="Bron: scores van de werkgroep.",
            )
        )
        points = [
            MatrixPoint(
                label=i.theme.name,
                x=i.problem,
                y=i.theme.beinvloedbaarheid,
                highlight=i.theme.proposed_priority,
            )
            for i in scored
            if i.problem is not None
        ]
        blocks.append(
            ChartBlock(
                svg=priority_matrix_svg(points, title="Prioriteitenmatrix"),
                caption="Prioriteitenmatrix",
                source="Bron: werkgroep.",
                alt="; ".join(
                    f"{p.label}: probleem {p.x:.1f}, beïnvloedbaarheid {p.y}" for p in points
                ),
            )
        )
    for item in ranked:
        if item.theme.proposed_priority:
            blocks += [HeadingBlock(item.theme.name), _paragraphs(item.theme.priority_reasoning)]
    return [_section(f"s{section.position}", section.title, 1, blocks, section.numbered)]


def _wijken(project, document, section):
    years = selectors.project_years(project)
    blocks = []
    if years:
        year = years[-1]
        codes = sorted(
            {
                r.indicator.code
                for r in selectors.results_for_project(project, edition=year)
                if r.area.kind == AreaKind.WIJK
            }
        )
        for code in codes:
            results = [
                r
                for r in selectors.results_for_project(project, edition=year)
                if r.indicator.code == code
            ]
            if not results:
                continue
            unit = results[0].indicator.unit
            blocks.append(
                TableBlock(
                    caption=f"{results[0].indicator.name} per wijk, {year}",
                    columns=["Gebied", "Uitkomst", "Marge", "n"],
                    rows=[
                        [
                            r.area.label,
                            presenters.shown(r, unit),
                            presenters.interval(r, unit),
                            str(r.n),
                        ]
                        for r in results
                    ],
                    source=f"Bron: Veiligheidsmonitor {year}.",
                )
            )
    return [_section(f"s{section.position}", section.title, 1, blocks, section.numbered)]


def _kadernota_text(attribute):
    def build(project, document, section):
        kadernota = getattr(project, "kadernota", None)
        text = getattr(kadernota, attribute, "") if kadernota else ""
        return [
            _section(f"s{section.position}", section.title, 1, _text_blocks(text), section.numbered)
        ]

    return build


def _doelen(project, document, section):
    sections = [_section(f"s{section.position}", section.title, 1, [], section.numbered)]
    goals = list(project.goals.select_related("theme", "indicator"))
    for theme in sorted({goal.theme for goal in goals}, key=lambda t: t.code):
        rows = []
        for goal in [g for g in goals if g.theme_id == theme.id]:
            unit = goal.indicator.unit if goal.indicator else "percent"
            rows.append(
                [
                    goal.description,
                    goal.indicator.name if goal.indicator else "",
                    f"{format_value(goal.baseline_value, unit)} ({goal.baseline_year})"
                    if goal.baseline_value is not None
                    else "",
                    f"{format_value(goal.target_value, unit)} ({goal.target_year})"
                    if goal.target_value is not None
                    else "",
                    goal.maatregelen,
                    goal.partners,
                ]
            )
        sections.append(
            _section(
                f"prioriteit-{theme.code}",
                theme.name,
                2,
                [
                    _paragraphs(theme.priority_reasoning),
                    TableBlock(
                        caption=f"Doelen: {theme.name}",
                        columns=[
                            "Doel",
                            "Indicator",
                            "Nulmeting",
                            "Streefwaarde",
                            "Maatregelen",
                            "Partners",
                        ],
                        rows=rows,
                        source="Bron: kadernota; nulmeting uit de Veiligheidsmonitor.",
                    ),
                ],
                section.numbered,
            )
        )
    return sections


def _uitvoering(project, document, section):
    actions = list(project.actions.select_related("goal"))
    blocks = []
    for year in sorted({action.year for action in actions}):
        blocks.append(
            TableBlock(
                caption=f"Uitvoeringsprogramma {year}",
                columns=["Actie", "Trekker", "Partners", "Gereed", "Status"],
                rows=[
                    [
                        a.title,
                        a.owner,
                        a.partners,
                        a.end.strftime("%d-%m-%Y") if a.end else "",
                        a.get_status_display(),
                    ]
                    for a in actions
                    if a.year == year
                ],
                source="Bron: uitvoeringsprogramma van het college.",
            )
        )
    return [_section(f"s{section.position}", section.title, 1, blocks, section.numbered)]


def _fixed(project, document, section):
    return [
        _section(
            f"s{section.position}",
            section.title,
            1,
            [HtmlBlock(sanitize(section.fixed_text))] if not is_empty(section.fixed_text) else [],
            section.numbered,
        )
    ]


def _begrippen(project, document, section):
    return [
        _section(
            f"s{section.position}",
            section.title,
            1,
            [GlossaryBlock([GlossaryItem(term, definition) for term, definition in GLOSSARY])],
            numbered=False,
        )
    ]


BUILDERS = {
    SectionSource.FIXED: _fixed,
    SectionSource.SAMENVATTING: _samenvatting,
    SectionSource.INLEIDING: _inleiding,
    SectionSource.METHODE: _methode,
    SectionSource.VELDEN: _velden,
    SectionSource.PRIORITEITEN: _prioriteiten,
    SectionSource.WIJKEN: _wijken,
    SectionSource.VISIE: _kadernota_text("visie"),
    SectionSource.DOELEN: _doelen,
    SectionSource.AANPAK: _kadernota_text("aanpak"),
    SectionSource.BORGING: _kadernota_text("borging"),
    SectionSource.BUDGET: _kadernota_text("budget"),
    SectionSource.UITVOERING: _uitvoering,
    SectionSource.BEGRIPPEN: _begrippen,
    SectionSource.EVALUATIE: _kadernota_text("evaluatie"),
    SectionSource.TRENDS: _kadernota_text("trends"),
    SectionSource.COMMUNICATIE: _kadernota_text("communicatie"),
    SectionSource.MONITORING: _kadernota_text("monitoring"),
    SectionSource.BIJLAGE_ANALYSE: _velden,
    SectionSource.KERNCIJFERS: _kadernota_text("-"),
    SectionSource.BOVENLOKAAL: _kadernota_text("-"),
    SectionSource.OVERIGE_THEMAS: _kadernota_text("-"),
    SectionSource.BESLUITEN: _kadernota_text("-"),
    SectionSource.AFKORTINGEN: _kadernota_text("-"),
    SectionSource.COLOFON: _kadernota_text("-"),
}


def document_snapshot(project: Project, document: str, structure: ReportStructure) -> Snapshot:
    """The document's content now, in the sections of `structure`."""
    gemeente = project.gemeente
    sections: list[Section] = []
    for section in structure.sections.all():
        sections += BUILDERS[section.source](project, document, section)
    return Snapshot(
        document=document,
        title=f"{DocumentKind(document).label} {project.period_start}-{project.period_end}",
        subtitle=f"Gemeente {gemeente.name}",
        gemeente=GemeenteInfo(
            name=gemeente.name, code=gemeente.cbs_code, house_colour=gemeente.house_colour
        ),
        structure=structure.name,
        date=timezone.localdate().isoformat(),
        version_label="",
        sections=sections,
    )


def build_snapshot(project: Project, document: str, structure: ReportStructure) -> dict:
    """`document_snapshot` as a version stores it (JSON)."""
    return document_snapshot(project, document, structure).to_json()


def content_hash(snapshot: Snapshot | Mapping[str, Any]) -> str:
    """What makes two renders the same document: content and structure, not date or label.
    Versions store the hash: a snapshot and its JSON give the same one, as they always have."""
    data = snapshot.to_json() if isinstance(snapshot, Snapshot) else snapshot
    content = {k: v for k, v in data.items() if k not in ("date", "version_label")}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
