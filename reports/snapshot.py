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
from analysis.figures.charts import MatrixPoint, format_value
from analysis.figures.constants import AreaKind
from analysis.figures.models import Area, Indicator
from analysis.narrative.constants import THEME_TEXTS
from analysis.narrative.drafting import is_about
from analysis.narrative.drafts import parts_on_few_respondents, parts_without_figures
from analysis.narrative.models import AnalysisField, GeneratedDraft
from analysis.narrative.selectors import analysis_settings, ranking
from analysis.richtext import is_empty, sanitize
from projects.joint import plan_gemeenten
from projects.models import Gemeente, Project
from projects.nl_format import format_date, format_integer, format_number, join_nl

from . import (
    kadernota_actualisatie,
    kadernota_appendix,
    kadernota_evaluatie,
    kadernota_priorities,
    kadernota_sections,
    local_chapters,
    participation_blocks,
    yearly_sections,
)
from .blocks import (
    Block,
    ChartBlock,
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
from .confidential_marking import (
    current_marks,
    hide,
    mark_section,
    marks_in_force,
    paragraphs_hidden,
)
from .constants import YEARLY_DOCUMENTS, DocumentKind, SectionSource
from .editions import edition_in_force
from .models import ReportStructure
from .models import document_title as version_document_title

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


def _low_n_note(result, project) -> str:
    """The promised warning for a figure on at least min_n but fewer than warn_n respondents."""
    if result is None or result.suppressed or not result.low_n_warning:
        return ""
    return (
        f" Let op: het cijfer van {result.edition.year} berust op {format_integer(result.n)} "
        f"respondenten, minder dan {format_integer(project.warn_n)}, en is daarom minder zeker."
    )


def _latest_benchmarks(series, year) -> list[str]:
    """ "Nederland 20,1%" per region, its value of `year` (or the latest before it)."""
    shown = []
    for name, values in series.items():
        usable = [b for b in values if not b.suppressed and b.estimate is not None]
        before = [b for b in usable if year is None or b.year <= year]
        if before:
            benchmark = before[-1]
            unit = benchmark.indicator.unit
            label = name if benchmark.year == year else f"{name} ({benchmark.year})"
            shown.append(f"{label} {format_value(benchmark.estimate, unit)}")
    return shown


def chart_alt(view, series, area_name: str) -> str:
    """What a reader of the chart sees, in words: the latest value with its margin, the
    benchmarks of that year, the earlier years and any trend break."""
    unit = view.indicator.unit
    latest = view.latest
    if latest is None:
        return f"{view.indicator.name} in {area_name}: geen cijfers."
    parts = []
    if latest.suppressed:
        parts.append(
            f"{view.indicator.name} in {area_name}: in {latest.edition.year} te weinig "
            "respondenten voor een cijfer."
        )
    else:
        margin = presenters.interval(latest, unit)
        parts.append(
            f"{view.indicator.name} in {area_name}: {format_value(latest.estimate, unit)} in "
            f"{latest.edition.year}" + (f", marge {margin}." if margin else ".")
        )
    benchmarks = _latest_benchmarks(series, latest.edition.year)
    if benchmarks:
        parts.append(f"Ter vergelijking: {join_nl(benchmarks)}.")
    earlier = [f"{r.edition.year} {presenters.shown(r, unit)}" for r in reversed(view.trend[:-1])]
    if earlier:
        parts.append(f"Eerdere jaren: {join_nl(earlier)}.")
    note = presenters.series_note(view.trend)
    if note:
        parts.append(note)
    return " ".join(parts)


def _indicator_blocks(project, area, codes, shown_at=None, theme_name="") -> list[Block]:
    """A chart per indicator of the theme. `shown_at` (indicator code -> theme name) makes each
    figure appear once per document: an indicator charted under an earlier theme gets a
    sentence that refers to it instead."""
    shown_at = {} if shown_at is None else shown_at
    marks = current_marks(project)
    blocks = []
    elsewhere: dict[str, list[str]] = {}
    for view in selectors.indicator_views(project, area=area, indicator_codes=codes):
        code = view.indicator.code
        if code in shown_at:
            elsewhere.setdefault(shown_at[code], []).append(view.indicator.name)
            continue
        shown_at[code] = theme_name
        series = selectors.benchmark_series(project, view.indicator)
        years = ", ".join(str(r.edition.year) for r in view.trend)
        latest = view.latest
        figure: list[Block] = [
            ChartBlock(
                svg=presenters.trend_svg(view, series, area_name=area.name),
                caption=f"{view.indicator.name}, {area.name}",
                source=f"Bron: Veiligheidsmonitor {years}"
                + (", CBS StatLine" if series else "")
                + ". Gewogen, met 95%-marge."
                + _break_note(view.trend)
                + _low_n_note(latest, project),
                alt=chart_alt(view, series, area.name),
            )
        ]
        if latest and latest.suppressed:
            figure.append(
                NoteBlock(
                    f"Voor {view.indicator.name} waren in {latest.edition.year} te weinig "
                    "respondenten voor een betrouwbaar cijfer."
                )
            )
        blocks += hide(marks.figure(code), figure)
    for theme, names in elsewhere.items():
        quoted = join_nl([f"‘{name}’" for name in names])
        where = f"bij het thema {theme}" if theme else "eerder in dit document"
        if len(names) == 1:
            sentence = f"De figuur van {quoted} staat {where}; die hoort ook bij dit thema."
        else:
            sentence = f"De figuren van {quoted} staan {where}; die horen ook bij dit thema."
        blocks.append(_paragraphs(sentence))
    return blocks


def _samenvatting(project, document, section):
    if document == DocumentKind.KADERNOTA:
        return kadernota_sections.samenvatting(project, document, section)
    proposed = [
        item
        for item in ranking(project, analysis_settings(project))
        if item.theme.proposed_priority
    ]
    blocks = []
    if document == DocumentKind.KADERNOTA and hasattr(project, "kadernota"):
        blocks += _text_blocks(project.kadernota.visie)
    if proposed:
        marks = current_marks(project)
        blocks.append(HeadingBlock("Voorgestelde prioriteiten"))
        public = [item for item in proposed if not marks.theme(item.theme)]
        if public:
            blocks.append(_priority_list(public))
        for item in proposed:  # a confidential theme's reasoning on its own, left out for readers
            reason = marks.theme(item.theme)
            blocks += hide(reason, [_priority_list([item])] if reason else [])
    editions = sorted(project.editions.all(), key=lambda edition: edition.year)
    if editions:
        # Per edition: a total over editions would count the same gemeente several times.
        parts = [
            f"{edition.year} ({format_integer(edition.respondents)}"
            + (" respondenten)" if index == 0 else ")")
            for index, edition in enumerate(editions)
        ]
        listed = join_nl(parts)
        blocks.append(_paragraphs(f"De analyse steunt op de Veiligheidsmonitor van {listed}."))
    return [_section(f"s{section.position}", section.title, 1, blocks, section.numbered)]


def _priority_list(items) -> HtmlBlock:
    lines = format_html_join(
        "",
        "<li><strong>{}</strong>: {}</li>",
        ((item.theme.name, item.theme.priority_reasoning) for item in items),
    )
    return HtmlBlock(sanitize(format_html("<ul>{}</ul>", lines)))


def _inleiding(project, document, section):
    if document == DocumentKind.KADERNOTA:
        return kadernota_sections.inleiding(project, document, section)
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


def _without_figures_sentence(project) -> str:
    """Once per document: the wijken and own areas with too few respondents for any figure (the
    texts per theme leave them out rather than repeat it)."""
    results = list(selectors.results_for_project(project))
    names = parts_without_figures(results)
    few = parts_on_few_respondents(results)
    sentences = []
    if names:
        sentences.append(
            f"In {join_nl(names)} waren bij alle indicatoren te weinig respondenten voor een "
            "betrouwbaar cijfer; de teksten per thema noemen "
            + ("dit gebied" if len(names) == 1 else "deze gebieden")
            + " daarom niet."
        )
    if few:
        sentences.append(
            f"De cijfers voor {join_nl(few)} berusten op minder dan "
            f"{format_integer(project.warn_n)} respondenten en zijn daarom minder zeker; in de "
            f"tabellen per wijk staat er een {LOW_N_MARK} bij."
        )
    return " ".join(sentences)


def _methode(project, document, section):
    editions = list(project.editions.all())
    blocks = [
        _paragraphs(
            "Alle percentages en gemiddelden zijn gewogen met de weegfactor uit het "
            "respondentenbestand. De marges zijn 95%-betrouwbaarheidsintervallen (Wilson voor "
            "percentages, t voor gemiddelden) op de effectieve steekproefomvang.",
            f"Cijfers op minder dan {format_integer(project.min_n)} respondenten worden niet "
            f"getoond; onder {format_integer(project.warn_n)} respondenten staat er een "
            "waarschuwing bij. Veranderingen en verschillen heten alleen gestegen, gedaald, "
            "hoger of lager als ze significant zijn.",
            _without_figures_sentence(project),
        )
    ]
    if editions:
        blocks.append(
            TableBlock(
                caption="Gebruikte edities van de Veiligheidsmonitor",
                columns=["Editie", "Reeks", "Respondenten"],
                rows=[
                    [str(e.year), e.get_series_display(), format_integer(e.respondents)]
                    for e in editions
                ],
                source="Bron: respondentenbestanden van de gemeente.",
            )
        )
    return [
        _section(f"s{section.position}", section.title, 1, blocks, section.numbered),
        *participation_blocks.methode_sections(project, section),
    ]


def _velden(project, document, section):
    area = _gemeente_area(project)
    sections = [_section(f"s{section.position}", section.title, 1, [], section.numbered)]
    drafts = {
        d.theme_id: d.paragraphs
        for d in GeneratedDraft.objects.filter(project=project, theme__isnull=False)
    }
    fields = AnalysisField.objects.filter(project=project, hidden=False).prefetch_related("themes")
    marks = current_marks(project)
    shown_at: dict[str, str] = {}  # each indicator's figure once: code -> theme it is under
    for field in fields:
        themes = []
        for theme in field.themes.all():
            if theme.hidden or not theme.worked_out:
                continue
            names = dict(
                Indicator.objects.filter(code__in=theme.indicator_codes).values_list("code", "name")
            )
            blocks = []
            for name, label in THEME_TEXTS:
                html = getattr(theme, name)
                if not is_empty(html):
                    blocks += hide(
                        marks.theme_text(theme, name),
                        [HeadingBlock(label), HtmlBlock(sanitize(html))],
                    )
            # An indicator of two themes is told once: its paragraph under the first theme.
            told = [name for code, name in names.items() if code in shown_at]
            draft = drafts.get(theme.id) or []
            story = [p for p in draft if not any(is_about(p, name) for name in told)]
            if story != draft and story == draft[-1:]:
                story = []  # only the closing note is left, about paragraphs told elsewhere
            if story:
                blocks.append(HeadingBlock("Het verhaal achter de cijfers"))
                # A paragraph about a confidential figure is left out for readers with its chart.
                blocks += paragraphs_hidden(
                    [paragraph for paragraph in story if paragraph],
                    _figure_reason_of(marks, names),
                )
            blocks += participation_blocks.theme_blocks(theme)
            if area is not None:
                blocks += _indicator_blocks(
                    project, area, list(theme.indicator_codes), shown_at, theme.name
                )
            if blocks:  # a theme nobody wrote about and without figures stays out
                built = _section(f"thema-{theme.code}", theme.name, 3, blocks, section.numbered)
                themes.append(mark_section(built, marks.theme(theme)))
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


def _ranking_table(scored, caption="Rangorde van de thema's") -> TableBlock:
    return TableBlock(
        caption=caption,
        columns=["Thema", "Score", "Voorgesteld"],
        rows=[
            [
                i.theme.name,
                format_number(i.score, 2),
                "ja" if i.theme.proposed_priority else "",
            ]
            for i in scored
        ],
        source="Bron: scores van de werkgroep.",
    )


def _priority_matrix(scored) -> ChartBlock:
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
    return ChartBlock(
        svg=presenters.priority_matrix(points, title="Prioriteitenmatrix"),
        caption="Prioriteitenmatrix",
        source="Bron: werkgroep.",
        alt="; ".join(
            f"{p.label}: probleem {format_number(p.x, 1)}, beïnvloedbaarheid "
            f"{p.y if p.y is None or isinstance(p.y, int) else format_number(p.y, 1)}"
            for p in points
        ),
    )


def _figure_reason_of(marks, names: dict[str, str]):
    """For a paragraph of a theme's draft: the reason when it is about a confidential figure
    (indicator code -> name in `names`), else ""."""

    def reason_of(paragraph: str) -> str:
        for code, name in names.items():
            if marks.figure(code) and is_about(paragraph, name):
                return marks.figure(code)
        return ""

    return reason_of


def _prioriteiten(project, document, section):
    ranked = ranking(project, analysis_settings(project))
    scored = [item for item in ranked if item.score is not None]
    marks = current_marks(project)
    blocks: list[Block | None] = []
    if scored:
        # A confidential theme's scores stay out of the table and matrix a reader gets; the
        # whole ranking (with them) is in the confidential part.
        public = [item for item in scored if not marks.theme(item.theme)]
        hidden = [item for item in scored if marks.theme(item.theme)]
        if public:
            blocks += [_ranking_table(public), _priority_matrix(public)]
        if hidden:
            blocks += hide(
                marks.theme(hidden[0].theme),
                [
                    _ranking_table(scored, "Rangorde van alle thema's, met de vertrouwelijke"),
                    _priority_matrix(scored),
                ],
            )
    for item in ranked:
        if item.theme.proposed_priority:
            blocks += hide(
                marks.theme(item.theme),
                [
                    HeadingBlock(item.theme.name),
                    _paragraphs(item.theme.priority_reasoning),
                    *participation_blocks.why_blocks(item.theme),
                ],
            )
    return [_section(f"s{section.position}", section.title, 1, blocks, section.numbered)]


LOW_N_MARK = "*"


def _low_n_footnote(project) -> str:
    return (
        f" {LOW_N_MARK} Minder dan {format_integer(project.warn_n)} respondenten: dit cijfer is "
        "minder zeker."
    )


def _wijken(project, document, section):
    years = selectors.project_years(project)
    marks = current_marks(project)
    blocks: list[Block] = []
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
            low_n = any(r.low_n_warning and not r.suppressed for r in results)
            table = TableBlock(
                caption=f"{results[0].indicator.name} per wijk, {year}",
                columns=["Gebied", "Uitkomst", "Marge", "n"],
                rows=[
                    [
                        r.area.label,
                        presenters.shown(r, unit)
                        + (LOW_N_MARK if r.low_n_warning and not r.suppressed else ""),
                        presenters.interval(r, unit),
                        format_integer(r.n),
                    ]
                    for r in results
                ],
                source=f"Bron: Veiligheidsmonitor {year}."
                + (_low_n_footnote(project) if low_n else ""),
            )
            blocks += hide(marks.figure(code), [table])
    return [_section(f"s{section.position}", section.title, 1, blocks, section.numbered)]


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
                        format_date(a.end) if a.end else "",
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
    SectionSource.INLEIDING: kadernota_actualisatie.with_actualisatie(_inleiding),
    SectionSource.METHODE: _methode,
    SectionSource.VELDEN: _velden,
    SectionSource.PRIORITEITEN: _prioriteiten,
    SectionSource.WIJKEN: _wijken,
    SectionSource.VISIE: kadernota_sections.text_chapter("visie"),
    SectionSource.DOELEN: kadernota_priorities.doelen,
    SectionSource.AANPAK: kadernota_sections.text_chapter("aanpak"),
    SectionSource.BORGING: kadernota_sections.text_chapter("borging"),
    SectionSource.BUDGET: kadernota_priorities.financien,
    SectionSource.UITVOERING: _uitvoering,
    SectionSource.BEGRIPPEN: _begrippen,
    SectionSource.EVALUATIE: kadernota_evaluatie.evaluatie,
    SectionSource.TRENDS: kadernota_sections.text_chapter("trends"),
    SectionSource.COMMUNICATIE: kadernota_sections.text_chapter("communicatie"),
    SectionSource.MONITORING: kadernota_sections.text_chapter("monitoring"),
    SectionSource.BIJLAGE_ANALYSE: kadernota_appendix.bijlage_analyse,
    SectionSource.KERNCIJFERS: kadernota_priorities.kerncijfers,
    SectionSource.BOVENLOKAAL: kadernota_priorities.bovenlokaal,
    SectionSource.OVERIGE_THEMAS: kadernota_priorities.overige_themas,
    SectionSource.BESLUITEN: kadernota_appendix.besluiten,
    SectionSource.AFKORTINGEN: kadernota_appendix.afkortingen,
    SectionSource.COLOFON: kadernota_appendix.colofon,
}


# Builders of the documents that come in parts (a programme year, a raadsvoorstel's
# occasion) take the part as well: (project, part, section). Registered by their modules.
PART_BUILDERS: dict[str, Any] = {}


def _build(project: Project, document: str, part: str, section) -> list[Section]:
    if section.source in PART_BUILDERS:
        return PART_BUILDERS[section.source](project, part, section)
    return BUILDERS[section.source](project, document, section)


def document_title(project: Project, document: str, part: str) -> str:
    if document in YEARLY_DOCUMENTS or document == DocumentKind.RAADSVOORSTEL:
        return version_document_title(document, part)
    return f"{DocumentKind(document).label} {project.period_start}-{project.period_end}"


def document_snapshot(
    project: Project,
    document: str,
    structure: ReportStructure,
    part: str = "",
    edition: Gemeente | None = None,
) -> Snapshot:
    """The document's content now, in the sections of `structure`. A joint plan's analysis
    and kadernota get the local chapters after the shared ones (reports/local_chapters.py);
    `edition` (one of the plan's gemeenten) makes that gemeente's edition: the shared
    chapters, only its own local chapter, and its name, logo and house colour on the cover."""
    gemeente = edition or project.gemeente
    sections: list[Section] = []
    counts: list[int] = []
    structure_sections = list(structure.sections.all())
    with marks_in_force(project) as marks, edition_in_force(edition):
        for section in structure_sections:
            built = _build(project, document, part, section)
            reason = marks.section(section)
            sections += [mark_section(part, reason) for part in built]  # all it holds
            counts.append(len(built))
    joint = local_chapters.has_local_chapters(project, document)
    if joint:
        at = local_chapters.closing_index(structure_sections, counts)
        sections[at:at] = local_chapters.sections(project, document, edition)
    sections = kadernota_appendix.afkortingen_fill(sections)
    plan = plan_gemeenten(project) if project.joint else [project.gemeente]
    if edition is not None:
        subtitle = f"Gemeente {edition.name}, editie van het gezamenlijke plan"
    elif len(plan) > 1:
        subtitle = f"Gemeenten {join_nl([g.name for g in plan])}"
    else:
        subtitle = f"Gemeente {gemeente.name}"
    return Snapshot(
        document=document,
        title=document_title(project, document, part),
        subtitle=subtitle,
        gemeente=local_chapters.gemeente_info(gemeente),
        structure=structure.name,
        date=timezone.localdate().isoformat(),
        version_label="",
        sections=sections,
        gemeenten=[local_chapters.gemeente_info(g) for g in plan]
        if len(plan) > 1 and edition is None
        else [],
        edition=edition.cbs_code if edition is not None else "",
    )


def build_snapshot(
    project: Project,
    document: str,
    structure: ReportStructure,
    part: str = "",
    edition: Gemeente | None = None,
) -> dict:
    """`document_snapshot` as a version stores it (JSON)."""
    return document_snapshot(project, document, structure, part, edition).to_json()


def content_hash(snapshot: Snapshot | Mapping[str, Any]) -> str:
    """What makes two renders the same document: content and structure, not date or label.
    Versions store the hash: a snapshot and its JSON give the same one, as they always have."""
    data = snapshot.to_json() if isinstance(snapshot, Snapshot) else snapshot
    content = {k: v for k, v in data.items() if k not in ("date", "version_label")}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


# The yearly documents' chapters (uitvoeringsprogramma, voortgangsrapportage).
PART_BUILDERS.update(yearly_sections.BUILDERS)

# The raadsvoorstel's sections, one per part of the voorstel (raadsvoorstel_sections).
from . import raadsvoorstel_sections  # noqa: E402

PART_BUILDERS.update(raadsvoorstel_sections.BUILDERS)
