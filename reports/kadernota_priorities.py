"""The kadernota's chapters about what the gemeente will do: the veiligheidsbeeld in brief,
the bovenlokale kaders, one section per priority with its goals, the themes kept at
basisniveau, and the financiën with the goals' budgets added up."""

from django.utils.html import format_html, format_html_join

from analysis.figures import presenters, selectors
from analysis.figures.charts import format_value
from analysis.figures.constants import AreaKind
from analysis.figures.models import Area
from analysis.models import AnalysisTheme
from analysis.narrative.constants import ThemeCoverage
from analysis.richtext import sanitize
from kernbeleid.constants import BovenlokaalNiveau
from projects.joint import plan_gemeenten
from projects.nl_format import join_nl

from . import participation_blocks
from .blocks import HeadingBlock, HtmlBlock, NoteBlock, TableBlock
from .confidential_marking import current_marks, hide, mark_section
from .constants import SectionSource
from .kadernota_check import missing_note
from .kadernota_common import (
    chapter,
    euro,
    paragraphs,
    priority_themes,
    section,
    shared_goals_of,
    structure_title,
    text_blocks,
)
from .kadernota_sections import chapter_text_blocks, text_or_missing

# --- veiligheidsbeeld in het kort ---------------------------------------------------------------


def _main_indicator(theme, goals) -> str | None:
    """The indicator a priority is measured by: its first goal's, else the theme's first."""
    for goal in goals:
        if goal.indicator is not None and goal.theme_id == theme.id:
            return goal.indicator.code
    codes = list(theme.indicator_codes or [])
    return codes[0] if codes else None


def _change(view) -> str:
    latest = view.latest
    if latest is None or latest.suppressed or latest.change_significant is None:
        return "–"
    if not latest.change_significant:
        return f"gelijk gebleven sinds {latest.previous_year}"
    verb = "gestegen" if (latest.change or 0) > 0 else "gedaald"
    before = next((r for r in view.trend if r.edition.year == latest.previous_year), None)
    was = f" (was {presenters.shown(before, view.indicator.unit)})" if before else ""
    return f"{verb} sinds {latest.previous_year}{was}"


def _benchmark(view) -> str:
    if not view.benchmarks or view.latest is None or view.latest.suppressed:
        return "–"
    first = view.benchmarks[0]  # the broadest level, usually Nederland
    figure = format_value(first["estimate"], view.indicator.unit)
    word = {1: "hoger dan", -1: "lager dan"}.get(first["direction"], "gelijk aan")
    return f"{word} {first['name']}: {figure}"


def _value(view) -> str:
    margin = presenters.interval(view.latest, view.indicator.unit)
    shown = presenters.shown(view.latest, view.indicator.unit)
    return f"{shown} (marge {margin})" if margin else shown


def kerncijfers(project, document, structure_section):
    area = Area.objects.filter(gemeente=project.gemeente, kind=AreaKind.GEMEENTE).first()
    goals = shared_goals_of(project)
    marks = current_marks(project)
    rows = []
    hidden_rows: list[tuple[str, list[str]]] = []  # (reason, row) of confidential figures
    years = set()
    for theme in priority_themes(project):
        code = _main_indicator(theme, goals)
        if area is None or code is None:
            continue
        views = selectors.indicator_views(project, area=area, indicator_codes=[code])
        if not views or views[0].latest is None:
            continue
        view = views[0]
        row = [theme.name, view.indicator.name, _value(view), _change(view), _benchmark(view)]
        reason = marks.theme_or_figure(theme, code)
        if reason:  # a reader gets the table without it; the row is in the confidential part
            hidden_rows.append((reason, row))
            continue
        years.add(view.latest.edition.year)
        rows.append(row)
    columns = ["Prioriteit", "Indicator", "Laatste uitkomst", "Verandering", "Vergeleken"]
    compared = ", en hoe de gemeente zich verhoudt tot het landelijke beeld"
    if rows and all(row[-1] == "–" for row in rows):  # no benchmark for any of them
        columns, rows, compared = columns[:-1], [row[:-1] for row in rows], ""
    blocks = [
        paragraphs(
            "Dit hoofdstuk geeft de belangrijkste cijfers voor de prioriteiten: per prioriteit "
            "de indicator waarop zij wordt gemeten, de laatste uitkomst met de marge en of die "
            f"sinds de vorige meting significant is veranderd{compared}."
        )
    ]
    if rows:
        year_text = ", ".join(str(year) for year in sorted(years))
        blocks.append(
            TableBlock(
                caption="Kerncijfers bij de prioriteiten",
                columns=columns,
                rows=rows,
                source=f"Bron: Veiligheidsmonitor {year_text}. Gewogen, met 95%-marge; "
                "veranderingen en verschillen alleen als ze significant zijn.",
            )
        )
    elif not hidden_rows:
        blocks.append(NoteBlock("Er zijn (nog) geen cijfers bij de prioriteiten om hier te tonen."))
    for reason, row in hidden_rows:
        blocks += hide(
            reason,
            [
                TableBlock(
                    caption=f"Kerncijfer bij {row[0]} (vertrouwelijk)",
                    columns=[
                        "Prioriteit",
                        "Indicator",
                        "Laatste uitkomst",
                        "Verandering",
                        "Vergeleken",
                    ],
                    rows=[row],
                    source="Bron: Veiligheidsmonitor. Gewogen, met 95%-marge.",
                )
            ],
        )
    bijlage = structure_title(structure_section, SectionSource.BIJLAGE_ANALYSE)
    blocks.append(
        paragraphs(
            f"De volledige veiligheidsanalyse, per veiligheidsveld en thema met alle cijfers en "
            f"grafieken, staat in {bijlage}."
            if bijlage
            else "De volledige veiligheidsanalyse is als apart document beschikbaar."
        )
    )
    return chapter(structure_section, blocks)


# --- bovenlokale kaders -------------------------------------------------------------------------


def bovenlokaal(project, document, structure_section):
    items = list(project.bovenlokale_prioriteiten.all())
    if not items:
        blocks = [
            missing_note(
                "de prioriteiten die boven de gemeente zijn gesteld: in het regionaal "
                "beleidsplan, door het basisteam en het RIEC, elk met de bron."
            )
        ]
        return chapter(structure_section, blocks)
    who = f"{project.gemeente.name} werkt"
    if project.joint:  # a joint plan: the bovenlokale kaders hold for all its gemeenten
        who = f"De gemeenten {join_nl([g.name for g in plan_gemeenten(project)])} werken"
    blocks = [
        paragraphs(
            f"{who} niet alleen. Een deel van de veiligheidsopgave is "
            "bovenlokaal vastgelegd; deze prioriteiten gelden als kader voor de eigen "
            "prioriteiten in het volgende hoofdstuk."
        )
    ]
    order = {value: position for position, value in enumerate(BovenlokaalNiveau.values)}
    levels = sorted({item.niveau for item in items}, key=lambda value: order.get(value, 99))
    for level in levels:
        label = BovenlokaalNiveau(level).label
        blocks.append(HeadingBlock(label[:1].upper() + label[1:]))
        rows = format_html_join(
            "",
            "<li><strong>{}</strong>{}{} <em>(bron: {})</em></li>",
            (
                (
                    item.title,
                    ": " if item.description.strip() else "",
                    item.description.strip(),
                    item.source,
                )
                for item in items
                if item.niveau == level
            ),
        )
        blocks.append(HtmlBlock(sanitize(format_html("<ul>{}</ul>", rows))))
    return chapter(structure_section, blocks)


# --- prioriteiten en doelen ---------------------------------------------------------------------


def _measure(value, year, unit) -> str:
    if value is None:
        return "–"
    return f"{format_value(value, unit)} ({year})" if year else format_value(value, unit)


def goal_blocks(theme, goals, marks) -> list:
    """A priority's goals: their table and their aanpak. The nulmeting and streefwaarde quote
    the indicator: with a confidential figure the table is left out for readers."""
    return hide(marks.goals_figure(goals), [_goal_table(theme, goals)]) + _aanpak(goals)


def _goal_table(theme, goals) -> TableBlock:
    rows = []
    for goal in goals:
        unit = goal.measure_unit or "percent"
        rows.append(
            [
                goal.description,
                goal.measure_name,
                _measure(goal.baseline_value, goal.baseline_year, unit),
                _measure(goal.target_value, goal.target_year, unit),
            ]
        )
    return TableBlock(
        caption=f"Doelen: {theme.name}",
        columns=["Doel", "Indicator", "Nulmeting", "Streefwaarde"],
        rows=rows,
        source="Bron: kadernota; nulmeting uit de Veiligheidsmonitor.",
    )


def _aanpak(goals) -> list:
    blocks = []
    items = [(goal.description, goal.maatregelen.strip()) for goal in goals if goal.maatregelen]
    if items:
        blocks.append(HeadingBlock("Aanpak"))
        html = format_html_join(
            "", "<p><strong>{}.</strong> {}</p>", ((d.rstrip("."), m) for d, m in items)
        )
        blocks.append(HtmlBlock(sanitize(html)))
    if any(goal.partners or goal.budget is not None or goal.funding for goal in goals):
        blocks.append(
            TableBlock(
                caption="Partners en budget",
                columns=["Doel", "Partners", "Budget per jaar", "Dekking"],
                rows=[
                    [
                        goal.description,
                        goal.partners or "–",
                        euro(goal.budget) if goal.budget is not None else "–",
                        goal.funding or "–",
                    ]
                    for goal in goals
                ],
                source="Bron: kadernota.",
            )
        )
    return blocks


def doelen(project, document, structure_section):
    themes = priority_themes(project)
    intro = []
    # In a structure without its own "aanpak" chapter, the aanpak op hoofdlijnen opens this one.
    if not structure_section.structure.sections.filter(source=SectionSource.AANPAK).exists():
        intro = chapter_text_blocks(project, "aanpak")
    if not themes:
        intro.append(
            missing_note(
                "de prioriteiten die de raad koos, elk met doelen (indicator, nulmeting en "
                "streefwaarde), aanpak, partners en budget."
            )
        )
    sections = chapter(structure_section, intro)
    goals = shared_goals_of(project)
    marks = current_marks(project)
    for theme in themes:
        own = [goal for goal in goals if goal.theme_id == theme.id]
        blocks: list = [HeadingBlock("Waarom een prioriteit")]
        blocks += text_blocks(theme.priority_reasoning) or [
            missing_note(f"waarom {theme.name} een prioriteit is.")
        ]
        blocks += participation_blocks.why_blocks(theme)
        if own:
            blocks += goal_blocks(theme, own, marks)
        else:
            blocks.append(
                missing_note(
                    f"de doelen voor {theme.name}, met indicator, nulmeting en streefwaarde."
                )
            )
        built = section(
            f"prioriteit-{theme.code}", theme.name, 2, blocks, structure_section.numbered
        )
        sections.append(mark_section(built, marks.theme(theme)))
    return sections


# --- overige thema's ----------------------------------------------------------------------------

COVERAGE_INTRO = {
    ThemeCoverage.BASISNIVEAU: (
        "Op deze thema's houdt de gemeente het basisniveau vast: de gewone taken van gemeente "
        "en partners lopen door, zonder eigen doelen in deze kadernota."
    ),
    ThemeCoverage.NVT: "Deze thema's spelen in de gemeente niet of nauwelijks.",
}


def overige_themas(project, document, structure_section):
    themes = list(
        AnalysisTheme.objects.filter(
            field__project=project,
            hidden=False,
            field__hidden=False,
            coverage__in=[ThemeCoverage.BASISNIVEAU, ThemeCoverage.NVT],
        )
        .select_related("field")
        .order_by("field__position", "position")
    )
    if not themes:
        blocks = [
            paragraphs(
                "Alle thema's van de veiligheidsanalyse zijn uitgewerkt; geen thema staat op "
                "basisniveau."
            )
        ]
        return chapter(structure_section, blocks)
    marks = current_marks(project)
    blocks = []
    for coverage in (ThemeCoverage.BASISNIVEAU, ThemeCoverage.NVT):
        group = [theme for theme in themes if theme.coverage == coverage]
        if not group:
            continue
        blocks += [HeadingBlock(coverage.label.capitalize()), paragraphs(COVERAGE_INTRO[coverage])]
        public = [theme for theme in group if not marks.theme(theme)]
        if public:
            blocks.append(_coverage_list(public))
        for theme in group:  # a confidential theme's reasoning in the confidential part
            if marks.theme(theme):
                blocks += hide(marks.theme(theme), [_coverage_list([theme])])
    unexplained = [theme.name for theme in themes if not theme.coverage_reasoning.strip()]
    if unexplained:
        blocks.append(
            missing_note(
                "in één zin waarom deze thema's geen eigen aanpak krijgen: "
                + ", ".join(unexplained)
                + "."
            )
        )
    return chapter(structure_section, blocks)


def _coverage_list(themes) -> HtmlBlock:
    items = format_html_join(
        "",
        "<li><strong>{}</strong> ({}): {}</li>",
        ((t.name, t.field.name.lower(), t.coverage_reasoning.strip() or "–") for t in themes),
    )
    return HtmlBlock(sanitize(format_html("<ul>{}</ul>", items)))


# --- financiën ----------------------------------------------------------------------------------


def financien(project, document, structure_section):
    blocks = text_or_missing(project, "budget")
    goals = shared_goals_of(project)
    marks = current_marks(project)
    budgeted = [goal for goal in goals if goal.budget is not None]
    # A confidential theme's goals and budgets are in the confidential part, with their own
    # table; the readers' total leaves them out and says so.
    public = [goal for goal in budgeted if not marks.theme(goal.theme)]
    hidden = [goal for goal in budgeted if marks.theme(goal.theme)]
    if public:
        total = "Totaal (zonder de vertrouwelijke onderdelen)" if hidden else "Totaal"
        blocks.append(_budget_table(public, total, "Budget per jaar voor de doelen"))
    if hidden:
        blocks += hide(
            marks.theme(hidden[0].theme),
            [_budget_table(hidden, "Totaal vertrouwelijk", "Budget per jaar (vertrouwelijk)")],
        )
    open_goals = len(goals) - len(budgeted)
    if budgeted and open_goals:
        word = "doel" if open_goals == 1 else "doelen"
        blocks.append(
            NoteBlock(f"Voor {open_goals} {word} is nog geen budget genoemd; het totaal is zonder.")
        )
    return chapter(structure_section, blocks)


def _budget_table(goals, total: str, caption: str) -> TableBlock:
    rows = [
        [goal.theme.name, goal.description, euro(goal.budget), goal.funding or "–"]
        for goal in goals
    ]
    rows.append([total, "", euro(sum(goal.budget for goal in goals)), ""])
    return TableBlock(
        caption=caption,
        columns=["Prioriteit", "Doel", "Budget per jaar", "Dekking"],
        rows=rows,
        source="Bron: kadernota; bedragen in euro per jaar.",
    )
