"""Small helpers the kadernota builders share: sections, paragraphs, euro amounts, dates, and
the project's facts several chapters name (its priorities, goals, the step-9 raadsbesluit)."""

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format

from analysis.figures.charts.formatting import format_number
from kernbeleid.constants import DecisionKind, Outcome
from kernbeleid.models import Goal, RaadDecision
from kernbeleid.products import selectors as products

from .blocks import Block, ParagraphsBlock, Section
from .editions import in_edition

VASTSTELLING_STEP = 9
ADOPTED = (Outcome.AANGENOMEN, Outcome.GEAMENDEERD)


def section(key: str, title: str, level: int, blocks, numbered: bool = True) -> Section:
    return Section(key, title, level, numbered, [block for block in blocks if block])


def chapter(structure_section, blocks, *, key: str = "") -> list[Section]:
    """The one level-1 section a structure section becomes, under its own (editable) title."""
    return [
        section(
            key or f"s{structure_section.position}",
            structure_section.title,
            1,
            blocks,
            structure_section.numbered,
        )
    ]


def paragraphs(*items: str) -> ParagraphsBlock | None:
    items = tuple(item for item in items if item)
    return ParagraphsBlock(list(items)) if items else None


def text_blocks(text: str) -> list[Block]:
    """Hand-written plain text: one paragraph per non-empty line."""
    block = paragraphs(*[line.strip() for line in (text or "").splitlines() if line.strip()])
    return [block] if block else []


def euro(amount: Decimal | int | float) -> str:
    """ "€ 40.000": whole euros with Dutch thousands."""
    return f"€ {format_number(float(amount), 0)}"


def long_date(day: date) -> str:
    """ "3 december 2026"."""
    return date_format(day, "j F Y")


def listed(items: list[str]) -> str:
    """ "a", "a en b", "a, b en c"."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def priority_themes(project) -> list:
    """The priorities in the analysis's order, plus any theme that still carries goals."""
    themes = list(products.priorities(project))
    seen = {theme.id for theme in themes}
    for goal in goals_of(project):
        if goal.theme_id not in seen:
            seen.add(goal.theme_id)
            themes.append(goal.theme)
    return themes


def goals_of(project) -> list[Goal]:
    """Every goal of the plan, shared and local (the yearly documents, the begroting); in a
    gemeente's edition the shared ones and its own (editions.edition_in_force)."""
    goals = (
        Goal.objects.filter(project=project)
        .select_related("theme", "indicator", "area", "own_series", "gemeente")
        .order_by("theme__field__position", "theme__position", "id")
    )
    return [goal for goal in goals if in_edition(goal.gemeente_id)]


def shared_goals_of(project) -> list[Goal]:
    """The goals for the whole plan: what the kadernota's shared chapters carry. A joint
    plan's local goals go in their gemeente's local chapter (local_chapters.py); a plan of
    one gemeente has only shared goals."""
    return [goal for goal in goals_of(project) if goal.gemeente_id is None]


def local_goals_of(project, gemeente) -> list[Goal]:
    """One gemeente's own goals in a joint plan, for its local chapter."""
    return [goal for goal in goals_of(project) if goal.gemeente_id == gemeente.pk]


def vaststelling_decision(project) -> RaadDecision | None:
    """The raadsbesluit that adopted the kadernota (step 9), if the raad has adopted it."""
    return (
        RaadDecision.objects.filter(
            project=project,
            step=VASTSTELLING_STEP,
            kind=DecisionKind.RAADSBESLUIT,
            outcome__in=ADOPTED,
            superseded_at__isnull=True,
        )
        .order_by("-date", "-id")
        .first()
    )


def decision_sentence(decision: RaadDecision) -> str:
    """ "De gemeenteraad heeft deze kadernota op 12 maart 2027 vastgesteld bij raadsbesluit
    RB 2027-057 (aangenomen met amendementen)."""
    number = f" bij raadsbesluit {decision.number}" if decision.number else ""
    return (
        f"De gemeenteraad heeft deze kadernota op {long_date(decision.date)} vastgesteld"
        f"{number} ({decision.get_outcome_display()})."
    )


def structure_title(structure_section, source: str) -> str:
    """The title another chapter of the same structure carries ("Bijlage 1. …"), or ""."""
    other = structure_section.structure.sections.filter(source=source).first()
    return other.title if other else ""
