"""The plan area in a joint plan's analysis (issue 19, item 2): the figures of all its
gemeenten together and each gemeente's own, as the plan-area page shows them
(analysis/figures/combine.py), and in each gemeente's local chapter where it stands out.

The raad of every gemeente reads the same shared chapter, so its numbers are the plan area's
newest edition, with where the inhabitants each gemeente is weighted to come from.
"""

from analysis.figures.charts.formatting import format_value
from analysis.figures.combine import CombinedFigure, StoredFigure
from analysis.figures.plan_area_selectors import NewestPlanArea, plan_area_newest
from projects.models import Gemeente, Project

from .blocks import Block, HeadingBlock, NoteBlock, ParagraphsBlock, Section, TableBlock

SECTION_KEY = "plangebied-cijfers"
SECTION_TITLE = "Het plangebied in cijfers"
NONE = "–"
FEW = " *"  # fewer respondents than the warning threshold


def _own(figure: StoredFigure | None, unit: str) -> str:
    if figure is None or figure.estimate is None or figure.suppressed:
        return NONE
    return format_value(figure.estimate, unit) + (FEW if figure.low_n_warning else "")


def _combined(figure: CombinedFigure | None, unit: str) -> tuple[str, str]:
    """The plan area's figure and its margin."""
    if figure is None or not figure.shown:
        return NONE, ""
    value = format_value(figure.value, unit) + (FEW if figure.low_n_warning else "")
    if figure.ci_low is None or figure.ci_high is None:
        return value, ""
    return value, f"{format_value(figure.ci_low, unit)} – {format_value(figure.ci_high, unit)}"


def _table(figures: NewestPlanArea) -> TableBlock:
    plan, names = figures.plan, [g.name for g in figures.gemeenten]
    rows = []
    for row in plan.rows:
        unit = row.indicator.unit
        own = [_own(figure, unit) for _name, figure in row.gemeenten]
        if plan.side_by_side:
            rows.append([row.indicator.name, *own])
        else:
            rows.append([row.indicator.name, *_combined(row.combined, unit), *own])
    columns = ["Indicator", *([] if plan.side_by_side else ["Plangebied", "Marge (95%)"]), *names]
    what = "per gemeente" if plan.side_by_side else "het plangebied en elke gemeente"
    return TableBlock(
        caption=(
            f"Veiligheidsmonitor {figures.year}: {what}. {NONE}: geen cijfer of te weinig "
            f"respondenten; {FEW.strip()} weinig respondenten."
        ),
        columns=columns,
        rows=rows,
        source=f"Veiligheidsmonitor {figures.year}, gewogen; CBS StatLine 03759ned (inwoners).",
    )


def plan_area_section(project: Project, figures: NewestPlanArea | None = None) -> Section:
    """The shared chapter with the plan area's figures, for the whole plan and every edition;
    `figures` when the caller already has them (`plan_area_newest`)."""
    figures = figures or plan_area_newest(project)
    if figures is None:
        blocks: list[Block] = [
            ParagraphsBlock(["Er zijn nog geen cijfers van de gemeenten van dit plan."])
        ]
    else:
        plan = figures.plan
        intro = (
            "Hebben alle gemeenten dezelfde editie van de Veiligheidsmonitor, dan telt elke "
            "gemeente mee naar haar inwoners van 15 jaar en ouder: de gewichten van elk "
            "bestand zijn herschaald naar dat aantal."
        )
        # The population note says how the gemeenten were weighted; side by side, say why not.
        if plan.side_by_side:
            blocks = [ParagraphsBlock([intro]), NoteBlock(plan.reason)]
        else:
            blocks = [ParagraphsBlock([plan.population_note or intro])]
        blocks.append(_table(figures))
        sentences = [sentence for row in plan.rows for sentence in row.standing_out]
        if not plan.side_by_side:
            blocks += [
                HeadingBlock("Waar een gemeente opvalt"),
                ParagraphsBlock(
                    sentences
                    or [
                        "Geen gemeente wijkt meer dan door toeval af van de rest van het "
                        "plangebied."
                    ]
                ),
            ]
    return Section(key=SECTION_KEY, title=SECTION_TITLE, level=1, blocks=blocks)


def standing_out_blocks(figures: NewestPlanArea | None, gemeente: Gemeente) -> list[Block]:
    """For a gemeente's local chapter: where it differs from the rest of the plan area."""
    if figures is None or figures.plan.side_by_side:
        return []
    marker = f"’ komt {gemeente.name} uit op "
    sentences = [s for row in figures.plan.rows for s in row.standing_out if marker in s]
    if not sentences:
        return []
    return [HeadingBlock(f"Waar {gemeente.name} opvalt"), ParagraphsBlock(sentences)]
