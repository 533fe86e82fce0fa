"""Participatie in the documents: what residents said, told where the method asks for it.

- Under each theme of the analysis (and the kadernota's bijlage), "Wat inwoners zeiden": the
  participations linked to the theme, with their main points (``theme_blocks``).
- In the analysis' chapter on sources and method, a paragraph "Participatie van inwoners" with a
  table (datum, vorm, bereik, thema's en wijken) and the main points of each (``methode_sections``).
- Under each priority's reasoning (the analysis' conclusions, the kadernota's "Waarom een
  prioriteit"), one sentence naming the participatie that brought the theme up (``why_blocks``).
- In the kadernota's procedure, one paragraph that says how residents took part before the raad
  chose the priorities (``procedure_blocks``).

Without participatie nothing is added (no empty headings), so a document's snapshot and content
hash stay what they were.

A participation linked to a theme marked vertrouwelijk (projects.confidentiality) is told only
inside a ConfidentialBlock, wherever it appears: readers get the placeholder, the besloten
bijlage the points. Summary sentences (procedure, a priority's why) leave it out.
"""

from django.utils.html import format_html, format_html_join

from analysis.narrative import participation as participations_
from analysis.narrative.constants import ParticipationMethod
from analysis.narrative.models import AnalysisTheme, Participation
from analysis.richtext import sanitize
from projects.confidentiality import confidential_marks, theme_key
from projects.constants import ConfidentialReason
from projects.nl_format import format_date, format_integer, join_nl

from .blocks import (
    Block,
    ConfidentialBlock,
    HeadingBlock,
    HtmlBlock,
    ParagraphsBlock,
    Section,
    TableBlock,
)

THEME_HEADING = "Wat inwoners zeiden"
SECTION_TITLE = "Participatie van inwoners"
SECTION_KEY = "participatie"
TABLE_CAPTION = "Participatie van inwoners"
TIMES = dict(
    enumerate(
        ("", "één keer", "twee keer", "drie keer", "vier keer", "vijf keer", "zes keer"),
    )
)


def _points_html(participation: Participation) -> HtmlBlock:
    """ "<p><strong>Wijkschouw: Rondgang Haven, 12 maart 2025, 35 deelnemers</strong></p>" and
    the main points as a list (one line, one point)."""
    lines = participations_.main_point_lines(participation)
    points = format_html_join("", "<li>{}</li>", ((line,) for line in lines))
    html = format_html(
        "<p><strong>{}</strong></p><ul>{}</ul>", participations_.heading_text(participation), points
    )
    return HtmlBlock(sanitize(html))


def _closed_reasons(project, found: list[Participation]) -> dict[int, str]:
    """Participation id -> the reason (label) when one of its themes is marked vertrouwelijk."""
    marks = confidential_marks(project) if found else {}
    closed = {}
    for item in found:
        for theme in item.themes.all():
            mark = marks.get(theme_key(theme))
            if mark is not None:
                closed[item.pk] = ConfidentialReason(mark.reason).label
                break
    return closed


def _points(found: list[Participation], closed: dict[int, str]) -> list[Block]:
    """The main points of each, in the order given; a closed one inside a ConfidentialBlock."""
    blocks: list[Block] = []
    for item in found:
        block = _points_html(item)
        reason = closed.get(item.pk)
        blocks.append(ConfidentialBlock(reason=reason, blocks=[block]) if reason else block)
    return blocks


def theme_blocks(theme: AnalysisTheme) -> list[Block]:
    """The theme's "Wat inwoners zeiden", or nothing when no participation is linked to it."""
    found = participations_.for_theme(theme)
    if not found:
        return []
    project = theme.field.project
    closed = _closed_reasons(project, found)
    if theme_key(theme) in confidential_marks(project):
        # The whole theme is vertrouwelijk: its section goes as one (no block inside it may be
        # marked again, the besloten bijlage renders the section's blocks as they are).
        closed = {}
    # In the order it happened, as in the table of the method chapter.
    return [HeadingBlock(THEME_HEADING), *_points(list(reversed(found)), closed)]


def _table(found: list[Participation], gemeente_name: str) -> TableBlock:
    return TableBlock(
        caption=TABLE_CAPTION,
        columns=["Datum", "Vorm", "Bereik", "Thema's en wijken"],
        rows=[
            [
                format_date(item.held_on),
                f"{participations_.method_label(item)}: {item.title}",
                participations_.reach_text(item) or "niet vastgelegd",
                participations_.links_text(item),
            ]
            for item in found
        ],
        source=f"Bron: verslagen van de participatie, gemeente {gemeente_name}.",
    )


def methode_sections(project, structure_section) -> list[Section]:
    """A paragraph (level 2) under the chapter on sources and method, or nothing."""
    found = list(reversed(participations_.participations(project)))  # the order it happened
    if not found:
        return []
    closed = _closed_reasons(project, found)
    shown = [item for item in found if item.pk not in closed]
    blocks: list[Block] = []
    if shown:
        blocks += [
            ParagraphsBlock(
                [
                    "Voordat de prioriteiten werden gekozen, is inwoners gevraagd wat zij zien "
                    f"en ervaren. Dat gebeurde {TIMES.get(len(shown), f'{len(shown)} keer')}: "
                    f"{_forms_sentence(shown)}. De punten staan hieronder en, per thema, onder "
                    f"‘{THEME_HEADING}’."
                ]
            ),
            _table(shown, project.gemeente.name),
            *_points(shown, closed),
        ]
    hidden = [item for item in found if item.pk in closed]
    if hidden:
        blocks.append(
            ConfidentialBlock(
                reason=closed[hidden[0].pk],
                blocks=[_table(hidden, project.gemeente.name), *_points(hidden, {})],
            )
        )
    return [Section(SECTION_KEY, SECTION_TITLE, 2, structure_section.numbered, blocks)]


def _forms_sentence(found: list[Participation]) -> str:
    """ "een wijkschouw (12 maart 2025) en een inwonerspanel (3 april 2025)"."""
    return join_nl(
        [f"een {item.get_method_display()} ({format_date(item.held_on)})" for item in found]
    )


def procedure_blocks(project) -> list[Block]:
    """For the kadernota's procedure: how residents took part, in one paragraph, or nothing."""
    found = list(reversed(participations_.participations(project)))  # the order it happened
    closed = _closed_reasons(project, found)
    found = [item for item in found if item.pk not in closed]
    if not found:
        return []
    reached = sum(item.reach or 0 for item in found)
    reach = f" Samen bereikten zij {format_integer(reached)} inwoners." if reached else ""
    themes = list(dict.fromkeys(theme.name for item in found for theme in item.themes.all()))
    about = f" Zij noemden onder meer {join_nl(themes)}." if themes else ""
    return [
        ParagraphsBlock(
            [
                "Voordat de raad de prioriteiten koos, dachten inwoners mee: "
                f"{_forms_sentence(found)}.{reach}{about} De belangrijkste punten staan in de "
                "veiligheidsanalyse, per thema onder ‘Wat inwoners zeiden’."
            ]
        )
    ]


# "bij de wijkschouw", "bij het inwonerspanel"; a form of its own ("anders") goes by its title.
ARTICLE = {
    ParticipationMethod.BEWONERSBIJEENKOMST: "de",
    ParticipationMethod.INWONERSPANEL: "het",
    ParticipationMethod.WIJKSCHOUW: "de",
    ParticipationMethod.ENQUETE: "de",
}


def _occasion(item: Participation) -> str:
    """ "bij de wijkschouw ‘Avondschouw Haven’ (12 maart 2025)"."""
    article = ARTICLE.get(item.method)
    form = f"{article} {item.get_method_display()} " if article else ""
    return f"bij {form}‘{item.title}’ ({format_date(item.held_on)})"


def why_blocks(theme: AnalysisTheme) -> list[Block]:
    """For a priority: the participatie that brought the theme up, in one sentence, or nothing."""
    found = list(reversed(participations_.for_theme(theme)))  # the order it happened
    closed = _closed_reasons(theme.field.project, found)
    found = [item for item in found if item.pk not in closed]
    if not found:
        return []
    occasions = join_nl([_occasion(item) for item in found])
    return [ParagraphsBlock([f"Ook inwoners brachten dit thema naar voren: {occasions}."])]
