"""The kadernota's own chapters: the samenvatting, the inleiding (aanleiding, kaderstelling,
procedure) and the hand-written chapters. The priorities and figures are in
``kadernota_priorities``, the bijlagen and colofon in ``kadernota_appendix``. Each builder
takes (project, document, structure section) like every builder in ``reports.snapshot`` and
works under any title and in any order: gemeenten edit their structure."""

from django.utils import timezone
from django.utils.html import format_html, format_html_join

from analysis.figures.charts import format_value
from analysis.richtext import sanitize
from kernbeleid.models import Kadernota
from kernbeleid.workflow.models import RaadDecision, StepRecord
from projects.constants import KERNBELEID_STEPS

from . import participation_blocks
from .blocks import HeadingBlock, HtmlBlock, TableBlock
from .confidential_marking import current_marks, hide
from .constants import DocumentKind, SectionSource
from .kadernota_check import missing_note
from .kadernota_common import (
    VASTSTELLING_STEP,
    chapter,
    decision_sentence,
    euro,
    listed,
    long_date,
    paragraphs,
    priority_themes,
    shared_goals_of,
    structure_title,
    text_blocks,
    vaststelling_decision,
)

# What belongs in each hand-written chapter, said in the note of an empty one.
TEXT_CHAPTERS = {
    "aanleiding": "de aanleiding: waarom de gemeente nu een nieuwe kadernota maakt en wat de "
    "raad daarbij vroeg.",
    "evaluatie": "wat het vorige veiligheidsbeleid heeft opgeleverd: welke doelen zijn gehaald, "
    "wat werkte en wat niet. Is er geen vorig plan, haal dit hoofdstuk dan uit de indeling.",
    "trends": "de trends en ontwikkelingen die de komende jaren op de veiligheid in de gemeente "
    "afkomen: landelijk, in de regio en in de eigen gemeente.",
    "visie": "wat de gemeente met haar veiligheidsbeleid wil bereiken en waarom, en de "
    "uitgangspunten die daarbij gelden.",
    "aanpak": "de aanpak op hoofdlijnen: hoe de gemeente en haar partners de doelen willen halen.",
    "borging": "wie wat doet: de rollen van raad, college en burgemeester, de ambtelijke regie "
    "en de samenwerking met de partners.",
    "communicatie": "hoe de gemeente inwoners, ondernemers en partners over het beleid en de "
    "resultaten informeert en betrekt.",
    "budget": "de financiën: welke middelen er voor de aanpak zijn en waar ze vandaan komen.",
    "monitoring": "hoe de voortgang wordt gemeten en hoe de raad via de planning-en-"
    "controlcyclus (begroting, jaarverslag, voortgangsrapportage) wordt geïnformeerd.",
}


def kadernota_text(project, attribute: str) -> str:
    # Read afresh: a project instance may hold an older kadernota in its relation cache.
    text = Kadernota.objects.filter(project=project).values_list(attribute, flat=True).first()
    return (text or "").strip()


def chapter_text_blocks(project, attribute: str) -> list:
    """The chapter's text as paragraphs, in a ConfidentialBlock when the chapter is marked."""
    reason = current_marks(project).kadernota(attribute)
    return hide(reason, text_blocks(kadernota_text(project, attribute)))


def text_or_missing(project, attribute: str) -> list:
    """The chapter's text, or the note that says what belongs there."""
    return chapter_text_blocks(project, attribute) or [missing_note(TEXT_CHAPTERS[attribute])]


def text_chapter(attribute: str):
    """A builder for a hand-written chapter (Kadernota.<attribute>)."""

    def build(project, document, structure_section):
        return chapter(structure_section, text_or_missing(project, attribute))

    build.__name__ = f"kadernota_{attribute}"
    return build


# --- samenvatting ------------------------------------------------------------------------------


def _main_goal_line(theme, goals, hide_figure: bool = False) -> str:
    """ "<strong>Woninginbraak</strong>: minder inbraken (… van 3,0% in 2023 naar 2,5% in 2029)"."""
    goal = next((g for g in goals if g.indicator and g.target_value is not None), None)
    goal = goal or (goals[0] if goals else None)
    if goal is None:
        return format_html("<li><strong>{}</strong></li>", theme.name)
    measure = ""
    if goal.indicator and goal.target_value is not None and not hide_figure:
        unit = goal.indicator.unit
        start = ""
        if goal.baseline_value is not None:
            start = f"van {format_value(goal.baseline_value, unit)}"
            start += f" in {goal.baseline_year} " if goal.baseline_year else " "
        year = f" in {goal.target_year}" if goal.target_year else ""
        measure = (
            f" ({goal.indicator.name.lower()}: {start}naar "
            f"{format_value(goal.target_value, unit)}{year})"
        )
    return format_html("<li><strong>{}</strong>: {}{}</li>", theme.name, goal.description, measure)


# Who set a bovenlokale prioriteit, as a sentence names them.
NIVEAU_IN_A_SENTENCE = {
    "regionaal": "het regionaal beleidsplan",
    "basisteam": "het basisteam",
    "riec": "het RIEC",
    "veiligheidsregio": "de veiligheidsregio",
    "anders": "andere samenwerkingsverbanden",
}
NUMBER_WORDS = dict(
    enumerate(("nul een twee drie vier vijf zes zeven acht negen tien elf twaalf").split())
)


def _bovenlokaal_sentence(project, structure_section) -> str:
    items = list(project.bovenlokale_prioriteiten.all())
    if not items:
        return ""
    levels = list(dict.fromkeys(NIVEAU_IN_A_SENTENCE.get(item.niveau, "") for item in items))
    count = NUMBER_WORDS.get(len(items), str(len(items)))
    noun = "bovenlokale prioriteit" if len(items) == 1 else "bovenlokale prioriteiten"
    chapter_title = structure_title(structure_section, SectionSource.BOVENLOKAAL)
    where = f" (hoofdstuk {chapter_title})" if chapter_title else ""
    return (
        f"Daarnaast werkt de gemeente mee aan {count} {noun} van {listed(levels)}{where}. "
        "Die gelden als kader boven de eigen prioriteiten."
    )


def _budget_sentence(goals, partial: bool = False) -> str:
    amounts = [goal.budget for goal in goals if goal.budget is not None]
    if not amounts:
        return ""
    without = " (zonder de vertrouwelijke onderdelen)" if partial else ""
    return f"Voor de aanpak van de doelen is{without} {euro(sum(amounts))} per jaar geraamd."


def _decision_when(project) -> str:
    decision = vaststelling_decision(project)
    if decision is not None:
        return decision_sentence(decision)
    planned = (
        StepRecord.objects.filter(project=project, step=VASTSTELLING_STEP)
        .values_list("planned_end", flat=True)
        .first()
    )
    when = f" naar verwachting vóór {long_date(planned)}" if planned else ""
    return (
        f"{CONCEPT_START} De gemeenteraad besluit{when} over de vaststelling "
        "(artikel 38b Politiewet 2012)."
    )


def samenvatting(project, document, structure_section):
    gemeente = project.gemeente.name
    blocks = [
        paragraphs(
            f"Deze kadernota legt vast welke veiligheidsdoelen {gemeente} in de jaren "
            f"{project.period_start} tot en met {project.period_end} nastreeft, en waarom."
        )
    ]
    marks = current_marks(project)
    visie = text_blocks(kadernota_text(project, "visie"))
    if visie:
        blocks += hide(
            marks.kadernota("visie"),
            [HeadingBlock("Visie in het kort"), paragraphs(visie[0].items[0])],
        )
    themes = priority_themes(project)
    goals = shared_goals_of(project)
    if themes:
        blocks.append(HeadingBlock("Prioriteiten en hun belangrijkste doel"))
        # A confidential theme's line goes in the confidential part. A goal measured by a
        # confidential figure keeps its line for readers, without the figures.
        public = [theme for theme in themes if not marks.theme(theme)]
        lines = format_html_join(
            "",
            "{}",
            (
                (_main_goal_line(t, own, hide_figure=bool(marks.goals_figure(own))),)
                for t in public
                for own in [[g for g in goals if g.theme_id == t.id]]
            ),
        )
        if public:
            blocks.append(HtmlBlock(sanitize(format_html("<ul>{}</ul>", lines))))
        for theme in themes:
            own = [g for g in goals if g.theme_id == theme.id]
            reason = marks.theme(theme) or marks.goals_figure(own)
            if reason:
                line = _main_goal_line(theme, own)
                blocks += hide(reason, [HtmlBlock(sanitize(format_html("<ul>{}</ul>", line)))])
    public_goals = [goal for goal in goals if not marks.theme(goal.theme)]
    partial = any(goal.budget is not None for goal in goals if marks.theme(goal.theme))
    blocks.append(
        paragraphs(
            _bovenlokaal_sentence(project, structure_section),
            _budget_sentence(public_goals, partial=partial),
        )
    )
    blocks.append(paragraphs(_decision_when(project)))
    return chapter(structure_section, blocks)


# --- inleiding ---------------------------------------------------------------------------------


PROCEDURE_CAPTION = "Het traject tot nu toe"
CONCEPT_START = "Dit is een concept."


def decision_row(decision: RaadDecision) -> list[str]:
    """The procedure table's row of a raad decision."""
    what = decision.get_kind_display()
    if decision.number:
        what += f" {decision.number}"
    if decision.outcome:
        what += f", {decision.get_outcome_display()}"
    name = dict(KERNBELEID_STEPS)[decision.step]
    return [str(decision.step), name, what, long_date(decision.date)]


def _procedure_rows(project) -> list[list[str]]:
    """The traject's steps up to the vaststelling that happened, with their date: the raad's
    decision for a raad step, else the day the step was completed; a planned vaststelling
    with its planned date."""
    names = dict(KERNBELEID_STEPS)
    decisions: dict[int, RaadDecision] = {}
    for decision in RaadDecision.objects.filter(
        project=project, superseded_at__isnull=True
    ).order_by("date", "id"):
        decisions[decision.step] = decision  # the latest standing decision per step
    rows = []
    records = StepRecord.objects.filter(project=project, step__lte=VASTSTELLING_STEP)
    for record in records.order_by("step"):
        decision = decisions.get(record.step)
        if decision is not None:
            rows.append(decision_row(decision))
        elif record.completed_at is not None:
            day = timezone.localtime(record.completed_at).date()
            rows.append([str(record.step), names[record.step], "afgerond", long_date(day)])
        elif record.step == VASTSTELLING_STEP and record.planned_end is not None:
            rows.append(
                [str(record.step), names[record.step], "gepland", long_date(record.planned_end)]
            )
    return rows


def inleiding(project, document, structure_section):
    gemeente = project.gemeente
    blocks: list = [HeadingBlock("Aanleiding"), *text_or_missing(project, "aanleiding")]
    blocks += [
        HeadingBlock("Kaderstelling door de raad"),
        paragraphs(
            "De gemeenteraad stelt op grond van artikel 38b van de Politiewet 2012 ten minste "
            "eens in de vier jaar de doelen vast die de gemeente nastreeft op het gebied van de "
            "veiligheid, voor zover het gaat om de handhaving van de openbare orde en de "
            "hulpverlening door de politie. Deze kadernota is dat kader voor "
            f"{project.period_start} tot en met {project.period_end}; het college werkt haar "
            "uit in een uitvoeringsprogramma.",
            f"De lokale prioriteiten van {gemeente.name} tellen mee bij het opstellen van het "
            "regionaal beleidsplan van de politie (artikel 39 Politiewet 2012).",
        ),
        HeadingBlock("Procedure"),
        paragraphs(
            "De kadernota is gemaakt volgens de methode Kernbeleid Veiligheid van de VNG: een "
            "werkgroep van gemeente en partners maakte de veiligheidsanalyse, de raad koos de "
            "prioriteiten, en de werkgroep werkte die uit tot doelen en een aanpak, getoetst "
            "bij de achterban van de partners."
        ),
    ]
    blocks += participation_blocks.procedure_blocks(project)
    rows = _procedure_rows(project)
    if rows:
        blocks.append(
            TableBlock(
                caption=PROCEDURE_CAPTION,
                columns=["Stap", "Onderdeel", "Besluit of stand", "Datum"],
                rows=rows,
                source=f"Bron: traject van gemeente {gemeente.name}.",
            )
        )
    return chapter(structure_section, blocks)


def is_kadernota(document: str) -> bool:
    return document == DocumentKind.KADERNOTA
