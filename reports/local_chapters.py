"""A joint plan's local chapters in its analysis and kadernota (issue 19, items 3 and 5).

After the shared chapters the document has one chapter per gemeente ("Lokaal hoofdstuk
Vaals": its local priorities, local themes and kernen; kernbeleid/products/local.py). The
whole plan's document has every gemeente's chapter, the lead first; a gemeente's edition has
only its own. The chapters go before the closing parts (begrippen, bijlagen, colofon).
"""

from analysis.figures.plan_area_selectors import plan_area_newest
from kernbeleid.products.local import Document, local_chapters
from kernbeleid.products.models import LocalChapter
from projects.joint import plan_gemeenten
from projects.models import Gemeente, Project

from .blocks import GemeenteInfo, HeadingBlock, ParagraphsBlock, Section
from .confidential_marking import current_marks, hide
from .constants import DocumentKind, SectionSource
from .kadernota_common import local_goals_of
from .kadernota_priorities import goal_blocks
from .plan_area_blocks import plan_area_section, standing_out_blocks

DOCUMENTS = {DocumentKind.ANALYSE: Document.ANALYSE, DocumentKind.KADERNOTA: Document.KADERNOTA}

# The structure's closing parts: the local chapters come before the first of these.
CLOSING = frozenset(
    {
        SectionSource.BEGRIPPEN,
        SectionSource.BIJLAGE_ANALYSE,
        SectionSource.BESLUITEN,
        SectionSource.AFKORTINGEN,
        SectionSource.COLOFON,
    }
)

PARTS = (
    ("priorities", "Lokale prioriteiten"),
    ("themes", "Lokale thema's"),
    ("kernen", "Kernen"),
)


def has_local_chapters(project: Project, document: str) -> bool:
    return project.joint and document in DOCUMENTS


def gemeente_info(gemeente: Gemeente) -> GemeenteInfo:
    return GemeenteInfo(
        name=gemeente.name, code=gemeente.cbs_code, house_colour=gemeente.house_colour
    )


def edition_gemeente(project: Project, code: str) -> Gemeente | None:
    """The plan's gemeente with this CBS code (an edition's), or None."""
    return next((g for g in plan_gemeenten(project) if g.cbs_code == code), None)


def _paragraphs(text: str) -> list:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [ParagraphsBlock(lines)] if lines else []


def sections(project: Project, document: str, edition: Gemeente | None = None) -> list[Section]:
    """One level-1 section per gemeente of the plan (or only the edition's gemeente). The
    analysis first has the shared chapter on the plan area's figures, and each gemeente's
    chapter says where that gemeente stands out in them."""
    built = []
    figures = None
    if document == DocumentKind.ANALYSE:
        figures = plan_area_newest(project)
        built.append(plan_area_section(project, figures))
    for chapter in local_chapters(project, DOCUMENTS[document]):
        if edition is not None and chapter.gemeente_id != edition.pk:
            continue
        blocks = []
        for attribute, label in PARTS:
            text = getattr(chapter, attribute)
            if text:
                blocks += [HeadingBlock(label), *_paragraphs(text)]
        if document == DocumentKind.KADERNOTA:
            blocks += _local_goals(project, chapter)
        else:
            blocks += standing_out_blocks(figures, chapter.gemeente)
        if not blocks:
            blocks = [ParagraphsBlock(["Dit lokale hoofdstuk is nog niet geschreven."])]
        built.append(
            Section(
                key=f"lokaal-{chapter.gemeente.cbs_code}",
                title=f"Lokaal hoofdstuk {chapter.gemeente.name}",
                level=1,
                blocks=blocks,
            )
        )
    return built


def _local_goals(project: Project, chapter: LocalChapter) -> list:
    """The gemeente's own goals, per priority, as the shared Doelen chapter shows the shared
    ones; a confidential priority's goals go in the confidential part."""
    goals = local_goals_of(project, chapter.gemeente)
    if not goals:
        return []
    marks = current_marks(project)
    blocks: list = [HeadingBlock("Lokale doelen")]
    themes = list(dict.fromkeys(goal.theme for goal in goals))  # in the goals' order
    for theme in themes:
        own = [goal for goal in goals if goal.theme_id == theme.pk]
        blocks += hide(marks.theme(theme), goal_blocks(theme, own, marks))
    return blocks


def closing_index(structure_sections, built_counts: list[int]) -> int:
    """Where the local chapters go in the built sections: before the first closing part."""
    index = 0
    for section, count in zip(structure_sections, built_counts, strict=True):
        if section.source in CLOSING:
            return index
        index += count
    return index
