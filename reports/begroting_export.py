"""The paragraaf veiligheid for the begroting (what is planned for a year) or the jaarverslag
(what was realised), per BBV taakveld: the goals and the actions with their budget. As DOCX
in the gemeente's house style (through the report renderer) and as XLSX for the
financial department.

The paragraph goes into a public document: goals and actions of a theme marked confidential
are left out (and said so), like the readers' version of the kadernota."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from analysis.figures.charts import format_value
from analysis.figures.exports import to_xlsx
from kernbeleid.constants import Taakveld
from kernbeleid.models import ActionProgress
from projects.models import Project
from projects.nl_format import format_date_range

from .blocks import GemeenteInfo, NoteBlock, ParagraphsBlock, Section, Snapshot, TableBlock
from .confidential_marking import marks_for
from .kadernota_common import goals_of
from .yearly_sections import NO_TAAKVELD, actions_of, euro, latest_measurement, taakveld_label

BEGROTING = "begroting"
JAARVERSLAG = "jaarverslag"
VARIANTS = {BEGROTING: "begroting", JAARVERSLAG: "jaarverslag"}


@dataclass
class TaakveldPart:
    label: str
    goals: list = field(default_factory=list)
    actions: list = field(default_factory=list)

    @property
    def budget(self) -> Decimal:
        return sum((a.budget for a in self.actions if a.budget is not None), Decimal(0))


@dataclass
class Paragraph:
    project: Project
    year: int
    variant: str
    parts: list[TaakveldPart]
    left_out: int  # goals and actions of confidential themes

    @property
    def total(self) -> Decimal:
        return sum((part.budget for part in self.parts), Decimal(0))

    @property
    def title(self) -> str:
        return f"Paragraaf veiligheid {VARIANTS[self.variant]} {self.year}"

    @property
    def filename_stem(self) -> str:
        return f"paragraaf-veiligheid-{self.variant}-{self.year}"


def paragraph_check(project: Project, year, variant: str) -> tuple[int, str]:
    if variant not in VARIANTS:
        raise ValidationError("Kies de begroting of het jaarverslag.")
    text = str(year or "")
    if not text.isdigit() or not project.period_start <= int(text) <= project.period_end:
        raise ValidationError(
            f"Kies een jaar van de kadernota ({project.period_start} tot en met "
            f"{project.period_end})."
        )
    return int(text), variant


def paragraph_build(project: Project, year, variant: str, gemeente=None) -> Paragraph:
    """The goals and the year's actions per taakveld (1.1, 1.2, then those without one).
    With `gemeente`, for that gemeente's begroting: in a joint plan the shared goals and its
    own local ones, not another gemeente's (nor the actions under those)."""
    year, variant = paragraph_check(project, year, variant)
    marks = marks_for(project)
    goals = goals_of(project)
    actions = actions_of(project, year)
    if gemeente is not None:
        others = {g.pk for g in goals if g.gemeente_id not in (None, gemeente.pk)}
        goals = [g for g in goals if g.pk not in others]
        actions = [a for a in actions if a.goal_id not in others]
    hidden_goals = [g for g in goals if marks.theme(g.theme)]
    hidden_actions = [a for a in actions if a.goal is not None and marks.theme(a.goal.theme)]
    goals = [g for g in goals if g not in hidden_goals]
    actions = [a for a in actions if a not in hidden_actions]
    parts = []
    for value in [*Taakveld.values, ""]:
        part = TaakveldPart(
            label=taakveld_label(value),
            goals=[g for g in goals if g.taakveld == value],
            actions=[a for a in actions if a.taakveld == value],
        )
        if part.goals or part.actions or value:
            parts.append(part)
    return Paragraph(project, year, variant, parts, len(hidden_goals) + len(hidden_actions))


def _progress(actions, year: int) -> dict:
    return {p.action_id: p for p in ActionProgress.objects.filter(action__in=actions, year=year)}


def _goal_cells(goal, paragraph: Paragraph) -> list[str]:
    unit = goal.measure_unit or "percent"
    target = (
        f"{format_value(goal.target_value, unit)} in {goal.target_year}"
        if goal.target_value is not None
        else "–"
    )
    cells = [goal.description, goal.theme.name, goal.begroting_programma or "–", target]
    if paragraph.variant == JAARVERSLAG:
        m = latest_measurement(goal, paragraph.year)
        cells += (
            [f"{format_value(m.value, unit)} ({m.year})", m.get_status_display()]
            if m is not None
            else ["nog niet gemeten", "–"]
        )
    return cells


def _action_cells(action, paragraph: Paragraph, progress: dict) -> list[str]:
    cells = [action.title, action.owner or "–", action.begroting_programma or "–"]
    if paragraph.variant == BEGROTING:
        cells.append(format_date_range(action.start, action.end) or "–")
    else:
        report = progress.get(action.id)
        status = report.get_status_display() if report else action.get_status_display()
        cells += [status, report.text.strip() if report else "–"]
    return cells


def _goal_columns(paragraph: Paragraph) -> list[str]:
    columns = ["Doel", "Prioriteit", "Begrotingsprogramma", "Streefwaarde"]
    if paragraph.variant == JAARVERSLAG:
        columns += ["Laatste meting", "Stand"]
    return columns


def _action_columns(paragraph: Paragraph) -> list[str]:
    columns = ["Actie", "Trekker", "Begrotingsprogramma"]
    columns += ["Planning"] if paragraph.variant == BEGROTING else ["Status", "Voortgang"]
    return columns


# --- DOCX --------------------------------------------------------------------------------------


def paragraph_snapshot(paragraph: Paragraph) -> Snapshot:
    project, year = paragraph.project, paragraph.year
    progress = _progress([a for part in paragraph.parts for a in part.actions], year)
    intro = (
        f"Deze paragraaf hoort bij de begroting {year}: de doelen van de kadernota integrale "
        f"veiligheid {project.period_start}-{project.period_end} en de acties die in {year} "
        "gepland zijn, per taakveld van programma 1 (Veiligheid)."
        if paragraph.variant == BEGROTING
        else f"Deze paragraaf hoort bij het jaarverslag {year}: hoe de doelen van de kadernota "
        f"integrale veiligheid {project.period_start}-{project.period_end} ervoor staan en "
        f"wat er van de acties van {year} terechtkwam, per taakveld van programma 1 (Veiligheid)."
    )
    sections = [Section("inleiding", "Inleiding", 1, True, [ParagraphsBlock([intro])])]
    for number, part in enumerate(paragraph.parts, start=1):
        blocks: list = []
        if part.goals:
            blocks.append(
                TableBlock(
                    caption=f"Doelen: {part.label}",
                    columns=_goal_columns(paragraph),
                    rows=[_goal_cells(goal, paragraph) for goal in part.goals],
                    source="Bron: kadernota en metingen bij de doelen.",
                )
            )
        if part.actions:
            rows = [
                [*_action_cells(a, paragraph, progress), euro(a.budget) if a.budget else "–"]
                for a in part.actions
            ]
            width = len(_action_columns(paragraph))
            rows.append(["Totaal", *[""] * (width - 1), euro(part.budget)])
            blocks.append(
                TableBlock(
                    caption=f"Acties {year}: {part.label}",
                    columns=[*_action_columns(paragraph), "Budget"],
                    rows=rows,
                    source=f"Bron: uitvoeringsprogramma {year}; bedragen in euro.",
                )
            )
        if not blocks:
            blocks.append(NoteBlock(f"Geen doelen of acties op {part.label}."))
        title = part.label if part.label != NO_TAAKVELD else "Zonder taakveld"
        sections.append(Section(f"taakveld-{number}", title, 1, True, blocks))
    closing = [
        ParagraphsBlock([f"Het budget voor de acties van {year} is samen {euro(paragraph.total)}."])
    ]
    if paragraph.left_out:
        closing.append(
            NoteBlock(
                f"{paragraph.left_out} vertrouwelijke onderdelen (doelen of acties) staan niet "
                "in deze paragraaf en niet in het totaal."
            )
        )
    sections.append(Section("totaal", "Totaal", 1, True, closing))
    gemeente = project.gemeente
    return Snapshot(
        document="paragraaf",
        title=paragraph.title,
        subtitle=f"Gemeente {gemeente.name}",
        gemeente=GemeenteInfo(
            name=gemeente.name, code=gemeente.cbs_code, house_colour=gemeente.house_colour
        ),
        structure="Paragraaf veiligheid",
        date=timezone.localdate().isoformat(),
        version_label="",
        sections=sections,
    )


def paragraph_docx(paragraph: Paragraph) -> bytes:
    """The paragraph in the gemeente's Word template and with its logo, as reports are."""
    from .docx import render_docx
    from .models import WordTemplate
    from .services import _logo_png

    gemeente = paragraph.project.gemeente
    template = None
    word_template = WordTemplate.objects.filter(gemeente=gemeente).first()
    if word_template is not None:
        with word_template.file.open("rb") as handle:
            template = handle.read()
    return render_docx(paragraph_snapshot(paragraph), template=template, logo=_logo_png(gemeente))


# --- XLSX --------------------------------------------------------------------------------------

XLSX_HEADER = [
    "Taakveld",
    "Soort",
    "Omschrijving",
    "Prioriteit",
    "Begrotingsprogramma",
    "Trekker",
    "Planning of stand",
    "Toelichting",
    "Budget (€)",
]


def paragraph_rows(paragraph: Paragraph) -> list[list]:
    """One row per goal and action, a subtotal per taakveld and the total; amounts as numbers."""
    progress = _progress([a for part in paragraph.parts for a in part.actions], paragraph.year)
    rows: list[list] = []
    for part in paragraph.parts:
        for goal in part.goals:
            cells = _goal_cells(goal, paragraph)
            stand = " ".join(cells[4:]) if paragraph.variant == JAARVERSLAG else ""
            rows.append(
                [part.label, "doel", cells[0], cells[1], cells[2], "", stand, cells[3], None]
            )
        for action in part.actions:
            theme = action.goal.theme.name if action.goal else ""
            if paragraph.variant == BEGROTING:
                when = format_date_range(action.start, action.end)
                note = ""
            else:
                report = progress.get(action.id)
                when = report.get_status_display() if report else action.get_status_display()
                note = report.text.strip() if report else ""
            budget = float(action.budget) if action.budget is not None else None
            rows.append(
                [
                    part.label,
                    "actie",
                    action.title,
                    theme,
                    action.begroting_programma,
                    action.owner,
                    when,
                    note,
                    budget,
                ]
            )
        rows.append([part.label, "subtotaal", "", "", "", "", "", "", float(part.budget)])
    rows.append(["Totaal", "totaal", "", "", "", "", "", "", float(paragraph.total)])
    return rows


def paragraph_xlsx(paragraph: Paragraph) -> bytes:
    return to_xlsx(XLSX_HEADER, paragraph_rows(paragraph), title=f"Veiligheid {paragraph.year}")
