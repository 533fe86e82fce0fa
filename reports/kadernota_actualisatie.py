"""The "Actualisatie" part of a kadernota whose project has an actualisatie (open or
completed): at the end of the inleiding, the year, the priorities kept, changed, added or
dropped with their reasons, and the goals measured so far. So the actualisatie version
differs from the vastgestelde kadernota, and the diff between them shows the changes.
Without an actualisatie the inleiding is built exactly as before."""

from django.utils import timezone

from kernbeleid.constants import PriorityChangeKind
from kernbeleid.cycle.actualisatie import current_actualisatie, goals_so_far
from kernbeleid.cycle.evaluation import shown_value

from .blocks import HeadingBlock, TableBlock
from .confidential_marking import current_marks, hide
from .constants import DocumentKind
from .kadernota_common import paragraphs


def _goal_rows(project):
    marks = current_marks(project)
    rows, hidden = [], []
    for goal, latest in goals_so_far(project):
        if goal.gemeente_id is not None:
            continue  # a joint plan's local goal belongs to its gemeente's local chapter
        if latest is None:
            row = [f"{goal.theme.name}: {goal.description}", "nog niet gemeten", "–"]
        else:
            value = shown_value(latest.value, goal.measure_unit)
            row = [
                f"{goal.theme.name}: {goal.description}",
                f"{value} ({latest.year})",
                latest.get_status_display(),
            ]
        code = goal.indicator.code if goal.indicator_id else None
        reason = marks.theme_or_figure(goal.theme, code)
        (hidden.append((reason, row)) if reason else rows.append(row))
    return rows, hidden


def actualisatie_blocks(project) -> list:
    actualisatie = current_actualisatie(project)
    if actualisatie is None:
        return []
    year = timezone.localtime(actualisatie.started_at).year
    how = actualisatie.get_mode_display()
    blocks = [
        HeadingBlock(f"Actualisatie {year}"),
        paragraphs(
            f"Na twee jaar is deze kadernota in {year} geactualiseerd; {how}.",
            actualisatie.reason,
        ),
    ]
    changes = list(actualisatie.priority_changes.select_related("theme").order_by("theme__name"))
    if changes:
        blocks.append(
            TableBlock(
                f"Prioriteiten in de actualisatie {year}",
                ["Prioriteit", "Wat er gebeurt", "Reden"],
                [
                    [c.theme.name, PriorityChangeKind(c.change).label, c.reason or "–"]
                    for c in changes
                ],
            )
        )
    rows, hidden = _goal_rows(project)
    columns = ["Doel", "Laatste meting", "Stand"]
    if rows:
        blocks.append(TableBlock(f"Doelen gemeten tot {year}", columns, rows))
    for reason, row in hidden:
        blocks += hide(reason, [TableBlock("Doel (vertrouwelijk)", columns, [row])])
    return [block for block in blocks if block]


def with_actualisatie(build):
    """The inleiding builder, with the Actualisatie part at the end of a kadernota's."""

    def inleiding(project, document, structure_section):
        sections = build(project, document, structure_section)
        if document != DocumentKind.KADERNOTA or not sections:
            return sections
        extra = actualisatie_blocks(project)
        if extra:
            sections[-1].blocks += extra
        return sections

    inleiding.__name__ = getattr(build, "__name__", "inleiding")
    return inleiding
