"""The chapters of the yearly documents: the uitvoeringsprogramma (the year's actions per
priority, with their budgets) and the voortgangsrapportage (the goals with their latest
figures, the actions with their progress, what changed and what comes). Each builder takes
(project, part, structure section): the part is the programme year as text ("2027").

What users write for a year (YearTexts) is theirs; the rest comes from the goals, actions,
measurements and decisions already in the project. Confidential marks hold as in the
kadernota: a marked theme's actions and figures go to the confidential part."""

from collections import defaultdict
from decimal import Decimal

from analysis.figures.charts import format_value
from kernbeleid.constants import Taakveld
from kernbeleid.cycle.goal_status import latest_judged
from kernbeleid.cycle.models import GoalMeasurement, YearTexts
from kernbeleid.models import Action, ActionProgress
from kernbeleid.workflow.models import CollegeBesluit, RaadKennisname
from projects.nl_format import format_date, format_date_range, format_euro, format_number

from .blocks import NoteBlock, TableBlock
from .confidential_marking import current_marks, hide, mark_section
from .constants import DocumentKind, SectionSource
from .editions import in_edition
from .kadernota_check import missing_note
from .kadernota_common import chapter, goals_of, paragraphs, priority_themes, section, text_blocks

OTHER_ACTIONS = "Overige acties"
NO_TAAKVELD = "geen taakveld genoemd"


def euro(amount) -> str:
    """Whole euros as "€ 12.500", cents only when there are any: "€ 12.500,50"."""
    amount = Decimal(amount)
    return format_euro(amount, 0 if amount == amount.to_integral_value() else 2)


def year_texts(project, document: str, year: int) -> YearTexts | None:
    return YearTexts.objects.filter(project=project, document=document, year=year).first()


def _text(project, document: str, year: int, attribute: str) -> str:
    texts = year_texts(project, document, year)
    return (getattr(texts, attribute, "") or "").strip() if texts else ""


def _user_text(project, document: str, year: int, attribute: str, what: str) -> list:
    """What the gemeente wrote, or the note that says what belongs there."""
    return text_blocks(_text(project, document, year, attribute)) or [missing_note(what)]


def actions_of(project, year: int) -> list[Action]:
    """The year's actions; in a gemeente's edition those under shared goals, its own local
    goals or no goal (editions.edition_in_force)."""
    actions = (
        Action.objects.filter(project=project, year=year)
        .select_related("goal", "goal__theme")
        .order_by("start", "end", "title", "id")
    )
    return [a for a in actions if in_edition(a.goal.gemeente_id if a.goal else None)]


def taakveld_label(value: str) -> str:
    return Taakveld(value).label if value in Taakveld.values else NO_TAAKVELD


def _planning(action: Action) -> str:
    return format_date_range(action.start, action.end) or "–"


def _grouped(project, actions: list[Action]):
    """[(theme or None, actions)] in the order of the priorities; None: without a goal."""
    groups = []
    for theme in priority_themes(project):
        own = [a for a in actions if a.goal is not None and a.goal.theme_id == theme.id]
        if own:
            groups.append((theme, own))
    seen = {theme.id for theme, _ in groups}
    loose = [a for a in actions if a.goal is None or a.goal.theme_id not in seen]
    if loose:
        groups.append((None, loose))
    return groups


# --- uitvoeringsprogramma --------------------------------------------------------------------


# What a concept says before the college decided; the final version names the besluit.
COLLEGE_PENDING = (
    "Het college stelt dit uitvoeringsprogramma vast; de gemeenteraad neemt er kennis van."
)


def college_sentence(project, year: int) -> str:
    besluit = CollegeBesluit.objects.filter(project=project, year=year).first()
    if besluit is None:
        return COLLEGE_PENDING
    text = (
        f"Het college heeft dit uitvoeringsprogramma op {format_date(besluit.date)} "
        f"vastgesteld (besluit {besluit.number})."
    )
    kennisname = RaadKennisname.objects.filter(college_besluit=besluit).first()
    if kennisname is not None:
        reference = f", {kennisname.reference}" if kennisname.reference else ""
        text += (
            f" De gemeenteraad heeft er op {format_date(kennisname.date)} kennis van genomen "
            f"({kennisname.get_kind_display()}{reference})."
        )
    return text


def up_inleiding(project, part, structure_section):
    year = int(part)
    blocks = _user_text(
        project,
        DocumentKind.UITVOERINGSPROGRAMMA,
        year,
        "inleiding",
        f"de inleiding: wat de gemeente in {year} met dit programma wil bereiken.",
    )
    blocks.append(
        paragraphs(
            f"Dit uitvoeringsprogramma werkt de kadernota integrale veiligheid "
            f"{project.period_start}-{project.period_end} uit voor {year}: de acties van het "
            "jaar, per prioriteit, met trekker, partners, planning, budget en het doel dat zij "
            "dienen.",
            college_sentence(project, year),
        )
    )
    return chapter(structure_section, blocks)


def _action_table(caption: str, actions: list[Action]) -> TableBlock:
    rows = [
        [
            action.title,
            action.owner or "–",
            action.partners or "–",
            _planning(action),
            euro(action.budget) if action.budget is not None else "–",
            action.goal.description if action.goal else "–",
            action.taakveld or "–",
        ]
        for action in actions
    ]
    return TableBlock(
        caption=caption,
        columns=["Actie", "Trekker", "Partners", "Planning", "Budget", "Dient doel", "Taakveld"],
        rows=rows,
        source="Bron: uitvoeringsprogramma; bedragen in euro.",
    )


def up_acties(project, part, structure_section):
    year = int(part)
    actions = actions_of(project, year)
    if not actions:
        blocks = [missing_note(f"de acties voor {year}, elk met trekker, planning en budget.")]
        return chapter(structure_section, blocks)
    marks = current_marks(project)
    sections = chapter(
        structure_section,
        [
            paragraphs(
                f"Per prioriteit de acties voor {year}. Acties die geen doel van de kadernota "
                f"dienen staan onder ‘{OTHER_ACTIONS}’."
            )
        ],
    )
    for theme, own in _grouped(project, actions):
        title = theme.name if theme else OTHER_ACTIONS
        key = f"acties-{theme.code}" if theme else "acties-overig"
        built = section(
            key,
            title,
            2,
            [_action_table(f"Acties {year}: {title}", own)],
            structure_section.numbered,
        )
        sections.append(mark_section(built, marks.theme(theme) if theme else ""))
    return sections


def _total_rows(groups: dict[str, list[Action]]) -> list[list[str]]:
    rows = []
    for label, actions in groups.items():
        amounts = [a.budget for a in actions if a.budget is not None]
        rows.append([label, str(len(actions)), euro(sum(amounts, Decimal(0)))])
    return rows


def budget_totals(project, actions: list[Action]):
    """(per taakveld, per priority, total) of these actions' budgets, as ordered dicts."""
    per_taakveld: dict[str, list[Action]] = defaultdict(list)
    for action in sorted(actions, key=lambda a: (a.taakveld or "9", a.id)):
        per_taakveld[taakveld_label(action.taakveld)].append(action)
    per_priority = {
        (theme.name if theme else OTHER_ACTIONS): own for theme, own in _grouped(project, actions)
    }
    total = sum((a.budget for a in actions if a.budget is not None), Decimal(0))
    return per_taakveld, per_priority, total


def _totals_blocks(project, actions, year: int, total_label: str, suffix: str = "") -> list:
    per_taakveld, per_priority, total = budget_totals(project, actions)
    columns_taakveld = ["Taakveld", "Acties", "Budget"]
    columns_priority = ["Prioriteit", "Acties", "Budget"]
    total_row = [total_label, str(len(actions)), euro(total)]
    return [
        TableBlock(
            caption=f"Budget {year} per taakveld{suffix}",
            columns=columns_taakveld,
            rows=[*_total_rows(per_taakveld), total_row],
            source="Bron: uitvoeringsprogramma; taakvelden volgens het BBV.",
        ),
        TableBlock(
            caption=f"Budget {year} per prioriteit{suffix}",
            columns=columns_priority,
            rows=[*_total_rows(per_priority), total_row],
            source="Bron: uitvoeringsprogramma.",
        ),
    ]


def up_financien(project, part, structure_section):
    year = int(part)
    actions = actions_of(project, year)
    if not actions:
        return chapter(structure_section, [missing_note(f"de acties voor {year} met budget.")])
    marks = current_marks(project)

    def reason(action):
        return marks.theme(action.goal.theme) if action.goal else ""

    public = [a for a in actions if not reason(a)]
    hidden = [a for a in actions if reason(a)]
    blocks: list = []
    if public:
        total = "Totaal (zonder de vertrouwelijke onderdelen)" if hidden else "Totaal"
        blocks += _totals_blocks(project, public, year, total)
    if hidden:
        blocks += hide(
            reason(hidden[0]),
            _totals_blocks(project, hidden, year, "Totaal vertrouwelijk", " (vertrouwelijk)"),
        )
    open_count = sum(a.budget is None for a in actions)
    if open_count:
        word = "actie" if open_count == 1 else "acties"
        blocks.append(
            NoteBlock(f"Voor {open_count} {word} is nog geen budget genoemd; het totaal is zonder.")
        )
    return chapter(structure_section, blocks)


# --- voortgangsrapportage --------------------------------------------------------------------


def vg_inleiding(project, part, structure_section):
    year = int(part)
    blocks = _user_text(
        project,
        DocumentKind.VOORTGANG,
        year,
        "inleiding",
        f"de inleiding: waarover deze rapportage over {year} gaat en voor wie.",
    )
    blocks.append(
        paragraphs(
            f"Deze voortgangsrapportage laat zien hoe de doelen van de kadernota integrale "
            f"veiligheid {project.period_start}-{project.period_end} ervoor staan en hoe de "
            f"acties van het uitvoeringsprogramma {year} zijn verlopen."
        )
    )
    return chapter(structure_section, blocks)


def latest_measurement(goal, year: int) -> GoalMeasurement | None:
    """The goal's newest measurement up to `year`, preferring one that could be judged."""
    return latest_judged(list(goal.measurements.filter(year__lte=year).order_by("year")))


def _margin(m: GoalMeasurement, unit: str) -> str:
    if m.ci_low is None or m.ci_high is None:
        return "–"
    about = "ca. " if m.approximate else ""
    return f"{about}{format_value(m.ci_low, unit)} – {format_value(m.ci_high, unit)}"


def _significance(m: GoalMeasurement) -> str:
    if m.significant_vs_baseline is None:
        return "niet getoetst"
    return "significant" if m.significant_vs_baseline else "niet significant"


def _break_note(goal, m: GoalMeasurement) -> str:
    start = goal.baseline_year or 0
    broke = goal.measurements.filter(
        year__gt=start, year__lte=m.year, series_break_before=True
    ).exists()
    return "nieuwe reeks sinds de nulmeting; niet te vergelijken" if broke else "–"


def goal_title(goal) -> str:
    """The goal as the whole joint plan's yearly documents name it: a gemeente's own goal
    says whose it is ("…(lokaal: Vaals)"); a shared goal, and every goal of a plan of one
    gemeente, only its description."""
    if goal.gemeente_id is None:
        return goal.description
    return f"{goal.description} (lokaal: {goal.gemeente.name})"


def goal_figure_row(goal, year: int) -> list[str]:
    unit = goal.measure_unit or "percent"
    m = latest_measurement(goal, year)
    baseline = (
        f"{format_value(goal.baseline_value, unit)} ({goal.baseline_year})"
        if goal.baseline_value is not None
        else "–"
    )
    target = format_value(goal.target_value, unit) if goal.target_value is not None else "–"
    if m is None:
        return [goal_title(goal), baseline, target, "nog niet gemeten", "–", "–", "–", "–"]
    return [
        goal_title(goal),
        baseline,
        target,
        f"{format_value(m.value, unit)} ({m.year})",
        _margin(m, unit),
        m.get_status_display(),
        _significance(m),
        _break_note(goal, m),
    ]


GOAL_COLUMNS = [
    "Doel",
    "Nulmeting",
    "Streefwaarde",
    "Laatste meting",
    "Marge (95%)",
    "Stand",
    "Verschil met nulmeting",
    "Opmerking",
]


def vg_doelen(project, part, structure_section):
    year = int(part)
    goals = goals_of(project)
    if not goals:
        return chapter(structure_section, [missing_note("de doelen van de kadernota.")])
    marks = current_marks(project)
    sections = chapter(
        structure_section,
        [
            paragraphs(
                f"Per prioriteit de doelen met hun laatste meting tot en met {year}: de waarde "
                "met de marge, hoe het doel ervoor staat en of het verschil met de nulmeting "
                "significant is. Een cijfer uit een nieuwe reeks (andere telwijze, trendbreuk "
                "of herindeling) is niet met de nulmeting te vergelijken."
            )
        ],
    )
    for theme in priority_themes(project):
        own = [goal for goal in goals if goal.theme_id == theme.id]
        if not own:
            continue
        table = TableBlock(
            caption=f"Doelen en laatste cijfers: {theme.name}",
            columns=GOAL_COLUMNS,
            rows=[goal_figure_row(goal, year) for goal in own],
            source="Bron: metingen bij de doelen (Veiligheidsmonitor, politie, BBV of eigen "
            "registratie); marge: 95%-betrouwbaarheidsinterval.",
        )
        # The figures quote the indicator: with a confidential figure they go to the
        # confidential part, as the kadernota's goals table does.
        blocks = hide(marks.goals_figure(own), [table])
        built = section(f"doelen-{theme.code}", theme.name, 2, blocks, structure_section.numbered)
        sections.append(mark_section(built, marks.theme(theme)))
    return sections


def _progress_rows(actions: list[Action], year: int) -> list[list[str]]:
    reports = {p.action_id: p for p in ActionProgress.objects.filter(action__in=actions, year=year)}
    rows = []
    for action in actions:
        report = reports.get(action.id)
        rows.append(
            [
                action.title,
                action.owner or "–",
                report.get_status_display() if report else action.get_status_display(),
                report.text.strip() if report else "Nog geen voortgang gemeld.",
            ]
        )
    return rows


def vg_acties(project, part, structure_section):
    year = int(part)
    actions = actions_of(project, year)
    if not actions:
        return chapter(
            structure_section, [missing_note(f"de acties van het uitvoeringsprogramma {year}.")]
        )
    marks = current_marks(project)
    sections = chapter(
        structure_section,
        [paragraphs(f"De acties van het uitvoeringsprogramma {year} en hun voortgang.")],
    )
    for theme, own in _grouped(project, actions):
        title = theme.name if theme else OTHER_ACTIONS
        table = TableBlock(
            caption=f"Voortgang {year}: {title}",
            columns=["Actie", "Trekker", "Status", "Voortgang"],
            rows=_progress_rows(own, year),
            source=f"Bron: voortgang van de acties over {year}.",
        )
        key = f"voortgang-{theme.code}" if theme else "voortgang-overig"
        built = section(key, title, 2, [table], structure_section.numbered)
        sections.append(mark_section(built, marks.theme(theme) if theme else ""))
    done = sum(a.status == "gereed" for a in actions)
    sections[0].blocks.append(
        paragraphs(
            f"Van de {format_number(len(actions))} acties "
            f"{'is' if done == 1 else 'zijn'} er {format_number(done)} gereed."
        )
    )
    return sections


def vg_veranderd(project, part, structure_section):
    year = int(part)
    blocks = _user_text(
        project,
        DocumentKind.VOORTGANG,
        year,
        "veranderd",
        f"wat er in {year} veranderde in de veiligheid en in de aanpak.",
    )
    return chapter(structure_section, blocks)


def vg_vooruit(project, part, structure_section):
    year = int(part)
    blocks = _user_text(
        project,
        DocumentKind.VOORTGANG,
        year,
        "vooruitblik",
        f"wat er na {year} komt: wat de gemeente en haar partners gaan doen.",
    )
    return chapter(structure_section, blocks)


BUILDERS = {
    SectionSource.UP_INLEIDING: up_inleiding,
    SectionSource.UP_ACTIES: up_acties,
    SectionSource.UP_FINANCIEN: up_financien,
    SectionSource.VG_INLEIDING: vg_inleiding,
    SectionSource.VG_DOELEN: vg_doelen,
    SectionSource.VG_ACTIES: vg_acties,
    SectionSource.VG_VERANDERD: vg_veranderd,
    SectionSource.VG_VOORUIT: vg_vooruit,
}


def snapshot_at_college(snapshot: dict, project, year: int) -> dict:
    """The concept's snapshot (JSON) as the college adopted it: the sentence that said the
    college would decide now names its collegebesluit, as the kadernota's colofon names the
    raadsbesluit. Nothing else changes."""
    sentence = college_sentence(project, year)
    data = dict(snapshot)
    sections = []
    for section_data in data.get("sections") or []:
        blocks = []
        for block in section_data.get("blocks") or []:
            if block.get("type") == "paragraphs" and COLLEGE_PENDING in (block.get("items") or []):
                items = [sentence if item == COLLEGE_PENDING else item for item in block["items"]]
                block = dict(block, items=items)
            blocks.append(block)
        sections.append(dict(section_data, blocks=blocks))
    data["sections"] = sections
    return data
