"""The kadernota's *Evaluatie vorige periode* when the project names its predecessor: what
users wrote (Kadernota.evaluatie), then the drafted part (kernbeleid.cycle.evaluation): a
table of the predecessor's goals, a table of its actions, and the priorities then and now.
Without a predecessor the chapter is the plain hand-written one, exactly as before.

A goal under a confidential theme (marked in the predecessor, or a theme of the same name
marked in this project) or measured by a confidential figure keeps its figures from the
reader: its row goes into a ConfidentialBlock, like the kerncijfers do."""

from analysis.models import AnalysisTheme
from kernbeleid.cycle import evaluation

from .blocks import HeadingBlock, NoteBlock, TableBlock
from .confidential_marking import current_marks, hide, marks_for
from .kadernota_common import chapter, paragraphs
from .kadernota_sections import chapter_text_blocks, text_chapter

GOAL_COLUMNS = [
    "Doel",
    "Nulmeting",
    "Streefwaarde",
    "Laatste meting (met marge)",
    "Gehaald?",
    "Significant t.o.v. nulmeting?",
]
ACTION_COLUMNS = ["Actie", "Uitkomst", "Voortgang per jaar"]
PRIORITY_COLUMNS = ["Prioriteit", "Vorig plan", "Dit plan"]
SOURCE = (
    "Bron: de jaarlijkse metingen van de doelen van het vorige plan. Marge: 95%-interval; "
    "significant volgens de toets van de bron zelf, alleen binnen één reeks."
)

_plain = text_chapter("evaluatie")


def _confidential_reason_of(project):
    """reason_of(goal row): why a predecessor goal's figures are confidential, or ""."""
    predecessor_marks = marks_for(project.predecessor)
    marks = current_marks(project)
    marked_here = {
        theme.name: marks.theme(theme)
        for theme in AnalysisTheme.objects.filter(field__project=project)
        if marks.theme(theme)
    }

    def reason_of(goal: dict) -> str:
        return (
            predecessor_marks.reasons.get(f"thema:{goal['theme_uuid']}", "")
            or marked_here.get(goal["theme"], "")
            or predecessor_marks.figure(goal["indicator"])
            or marks.figure(goal["indicator"])
        )

    return reason_of


def goal_row(goal: dict) -> list[str]:
    return [
        f"{goal['theme']}: {goal['description']} ({goal['measure']})",
        evaluation.baseline_text(goal),
        evaluation.target_text(goal),
        evaluation.latest_text(goal),
        evaluation.reached_text(goal),
        goal["significance"],
    ]


def _goal_blocks(project, content) -> list:
    reason_of = _confidential_reason_of(project)
    rows, hidden = [], []
    for goal in content["goals"]:
        reason = reason_of(goal)
        (hidden.append((reason, goal)) if reason else rows.append(goal_row(goal)))
    name = content["predecessor"]["name"]
    blocks = [HeadingBlock("Doelen")]
    if rows:
        blocks.append(TableBlock(f"Doelen van {name}", GOAL_COLUMNS, rows, SOURCE))
    elif not hidden:
        blocks.append(NoteBlock("Het vorige plan had geen doelen om te evalueren."))
    for reason, goal in hidden:
        blocks += hide(
            reason,
            [
                TableBlock(
                    f"Doel van {name} bij {goal['theme']} (vertrouwelijk)",
                    GOAL_COLUMNS,
                    [goal_row(goal)],
                    SOURCE,
                )
            ],
        )
    return blocks


def _action_blocks(content) -> list:
    blocks = [HeadingBlock("Acties")]
    if not content["actions"]:
        return blocks + [NoteBlock("Het vorige plan had geen acties om te evalueren.")]
    rows = [
        [f"{a['title']} ({a['year']})", a["outcome"], evaluation.progress_text(a)]
        for a in content["actions"]
    ]
    caption = f"Acties van {content['predecessor']['name']}"
    return blocks + [TableBlock(caption, ACTION_COLUMNS, rows, "Bron: de voortgangsrapportages.")]


def _priority_blocks(content) -> list:
    priorities = content["priorities"]
    then, now = set(priorities["then"]), set(priorities["now"])
    rows = [
        [name, "ja" if name in then else "nee", "ja" if name in now else "nee"]
        for name in priorities["then"] + priorities["new"]
    ]
    summary = []
    for label, key in (("Behouden", "kept"), ("Nieuw", "new"), ("Vervallen", "dropped")):
        if priorities[key]:
            summary.append(f"{label}: {', '.join(priorities[key])}.")
    blocks = [HeadingBlock("Prioriteiten toen en nu")]
    if rows:
        blocks.append(
            TableBlock("Prioriteiten van het vorige plan en van dit plan", PRIORITY_COLUMNS, rows)
        )
    return blocks + [paragraphs(" ".join(summary))]


def evaluatie(project, document, structure_section):
    content = evaluation.current_evaluation(project) if project.predecessor_id else None
    if content is None:
        return _plain(project, document, structure_section)
    predecessor = content["predecessor"]
    intro = paragraphs(
        f"Hieronder staat wat het vorige plan, {predecessor['name']} "
        f"({predecessor['period']}), heeft opgeleverd: per doel de nulmeting, de streefwaarde "
        "en de laatste meting, per actie of zij is uitgevoerd, en welke prioriteiten bleven."
    )
    blocks = chapter_text_blocks(project, "evaluatie") + [intro]
    blocks += _goal_blocks(project, content)
    blocks += _action_blocks(content)
    blocks += _priority_blocks(content)
    return chapter(structure_section, blocks)
