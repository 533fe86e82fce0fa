"""Participatie in the documents: each theme of the analysis says what residents said about
it, the chapter on sources and method gets a paragraph with a table of the participatie, and
the kadernota's procedure names it. Without participatie nothing changes: no empty headings,
the same content hash."""

import datetime
import io

import docx
import pytest
from pypdf import PdfReader

from analysis.figures.models import Area
from analysis.models import AnalysisTheme
from analysis.narrative import participation as participation_services
from reports import pdf as report_pdf
from reports import selectors
from reports.blocks import HeadingBlock, HtmlBlock, ParagraphsBlock, TableBlock
from reports.docx import render_docx
from reports.snapshot import content_hash, document_snapshot

SCHOUW_HTML = (
    "<p><strong>Wijkschouw: Rondgang centrum, 12 maart 2025, 35 deelnemers</strong></p>"
    "<ul><li>Donkere steeg achter het station</li><li>Fietsers op de stoep</li></ul>"
)
PANEL_HTML = (
    "<p><strong>Inwonerspanel: Panel over overlast, 3 april 2025, open inloop</strong></p>"
    "<ul><li>Scooters die 's avonds racen</li></ul>"
)


def _theme(project, code):
    return AnalysisTheme.objects.get(field__project=project, code=code)


def _analyse(project):
    return document_snapshot(project, "analyse", selectors.structure_for(project, "analyse"))


def _kadernota(project):
    return document_snapshot(project, "kadernota", selectors.structure_for(project, "kadernota"))


@pytest.fixture
def participatie(content, world):
    """Two participations: a wijkschouw about theme 1.4 in a wijk, a panel about 1.4 and 1.1."""
    wijk = Area.objects.get(gemeente=world.gemeente, code="WK036300")
    actor = world.users["ambtenaar"]
    schouw = participation_services.participation_create(
        actor=actor,
        project=content,
        method="wijkschouw",
        title="Rondgang centrum",
        held_on=datetime.date(2025, 3, 12),
        reach=35,
        main_points="- Donkere steeg achter het station\n- Fietsers op de stoep",
        themes=[_theme(content, "1.4")],
        areas=[wijk],
    )
    panel = participation_services.participation_create(
        actor=actor,
        project=content,
        method="panel",
        title="Panel over overlast",
        held_on=datetime.date(2025, 4, 3),
        reach=None,
        reach_note="open inloop",
        main_points="Scooters die 's avonds racen",
        themes=[_theme(content, "1.4"), _theme(content, "1.1")],
    )
    return content, wijk, schouw, panel


def _section(snapshot, key):
    return next(s for s in snapshot.sections if s.key == key)


def test_each_theme_says_what_residents_said_in_the_order_it_happened(participatie):
    project, _wijk, _schouw, _panel = participatie
    snapshot = _analyse(project)
    theme = _section(snapshot, "thema-1.4")
    start = theme.blocks.index(HeadingBlock("Wat inwoners zeiden"))
    assert theme.blocks[start + 1 : start + 3] == [HtmlBlock(SCHOUW_HTML), HtmlBlock(PANEL_HTML)]
    # Theme 1.1 has no text and no figures: the panel alone brings it into the report.
    sociale = _section(snapshot, "thema-1.1")
    assert sociale.blocks == [HeadingBlock("Wat inwoners zeiden"), HtmlBlock(PANEL_HTML)]


def test_the_method_chapter_gets_a_participatie_paragraph_with_a_table(participatie):
    project, wijk, _schouw, _panel = participatie
    snapshot = _analyse(project)
    keys = [s.key for s in snapshot.sections]
    methode = next(s for s in snapshot.sections if s.title == "Bronnen en methode")
    assert keys[keys.index(methode.key) + 1] == "participatie"
    section = _section(snapshot, "participatie")
    assert (section.title, section.level, section.numbered) == (
        "Participatie van inwoners",
        2,
        True,
    )
    intro, table, first, second = section.blocks
    assert intro == ParagraphsBlock(
        [
            "Voordat de prioriteiten werden gekozen, is inwoners gevraagd wat zij zien en "
            "ervaren. Dat gebeurde twee keer: een wijkschouw (12 maart 2025) en een inwonerspanel "
            "(3 april 2025). De punten staan hieronder en, per thema, onder ‘Wat inwoners "
            "zeiden’."
        ]
    )
    assert isinstance(table, TableBlock)
    assert table.columns == ["Datum", "Vorm", "Bereik", "Thema's en wijken"]
    assert table.rows == [
        [
            "12 maart 2025",
            "Wijkschouw: Rondgang centrum",
            "35 deelnemers",
            f"Subjectieve veiligheid (veiligheidsgevoel); {wijk.label}",
        ],
        [
            "3 april 2025",
            "Inwonerspanel: Panel over overlast",
            "open inloop",
            "Sociale kwaliteit en Subjectieve veiligheid (veiligheidsgevoel)",
        ],
    ]
    assert (first, second) == (HtmlBlock(SCHOUW_HTML), HtmlBlock(PANEL_HTML))


def test_the_kadernota_procedure_names_the_participatie(participatie):
    project, *_ = participatie
    snapshot = _kadernota(project)
    inleiding = next(s for s in snapshot.sections if s.title == "Inleiding")
    sentence = (
        "Voordat de raad de prioriteiten koos, dachten inwoners mee: een wijkschouw "
        "(12 maart 2025) en een inwonerspanel (3 april 2025). Samen bereikten zij 35 inwoners. "
        "Zij noemden onder meer Subjectieve veiligheid (veiligheidsgevoel) en Sociale "
        "kwaliteit. De belangrijkste punten staan in de veiligheidsanalyse, per thema onder "
        "‘Wat inwoners zeiden’."
    )
    assert ParagraphsBlock([sentence]) in inleiding.blocks
    procedure = inleiding.blocks.index(HeadingBlock("Procedure"))
    assert inleiding.blocks.index(ParagraphsBlock([sentence])) == procedure + 2
    # The bijlage with the analysis carries the theme's part too.
    bijlage = _section(snapshot, "thema-1.4")
    assert HeadingBlock("Wat inwoners zeiden") in bijlage.blocks


def test_without_participatie_nothing_is_added_and_the_hash_stays(content, world):
    before_analyse = _analyse(content)
    before_kadernota = _kadernota(content)
    every = [b for s in before_analyse.sections for b in s.blocks]
    assert HeadingBlock("Wat inwoners zeiden") not in every
    assert "participatie" not in [s.key for s in before_analyse.sections]
    made = participation_services.participation_create(
        actor=None,
        project=content,
        method="enquete",
        title="Enquête",
        held_on=datetime.date(2025, 1, 10),
        main_points="Meer blauw op straat",
        themes=[_theme(content, "1.4")],
    )
    assert content_hash(_analyse(content)) != content_hash(before_analyse)
    participation_services.participation_delete(actor=None, project=content, participation=made)
    assert content_hash(_analyse(content)) == content_hash(before_analyse)
    assert content_hash(_kadernota(content)) == content_hash(before_kadernota)


def _pdf_text(snapshot) -> str:
    reader = PdfReader(io.BytesIO(report_pdf.render_pdf(snapshot.to_json())))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _docx_text(snapshot) -> str:
    document = docx.Document(io.BytesIO(render_docx(snapshot.to_json())))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_the_rendered_pdf_and_docx_carry_the_participatie(participatie):
    project, *_ = participatie
    snapshot = _analyse(project)
    pdf = _pdf_text(snapshot)
    assert "Participatie van inwoners" in pdf
    assert "Wat inwoners zeiden" in pdf
    assert "Donkere steeg achter het station" in pdf
    assert "Wijkschouw: Rondgang centrum, 12 maart 2025, 35 deelnemers" in pdf
    assert "Scooters die 's avonds racen" in pdf or "Scooters die ’s avonds racen" in pdf
    word = _docx_text(snapshot)
    assert "Participatie van inwoners" in word
    assert "Wat inwoners zeiden" in word
    assert "Wijkschouw: Rondgang centrum" in word  # the table's Vorm cell
    assert "Fietsers op de stoep" in word
    assert "open inloop" in word


def test_typed_markup_reaches_the_report_as_text(content):
    participation_services.participation_create(
        actor=None,
        project=content,
        method="bijeenkomst",
        title="Avond <i>centrum</i>",
        held_on=datetime.date(2025, 2, 1),
        main_points="<script>alert(1)</script>\nBord & paal",
        themes=[_theme(content, "1.4")],
    )
    theme = _section(_analyse(content), "thema-1.4")
    start = theme.blocks.index(HeadingBlock("Wat inwoners zeiden"))
    assert theme.blocks[start + 1] == HtmlBlock(
        "<p><strong>Bewonersbijeenkomst: Avond &lt;i&gt;centrum&lt;/i&gt;, 1 februari 2025"
        "</strong></p><ul><li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"
        "<li>Bord &amp; paal</li></ul>"
    )


WHY = ParagraphsBlock(
    [
        "Ook inwoners brachten dit thema naar voren: bij de wijkschouw ‘Rondgang centrum’ "
        "(12 maart 2025) en bij het inwonerspanel ‘Panel over overlast’ (3 april 2025)."
    ]
)


def test_a_priority_says_residents_brought_it_up(participatie, world):
    from analysis.narrative import services as va_services

    project, *_ = participatie
    theme = _theme(project, "1.4")
    reasoning = "Het veiligheidsgevoel is verslechterd."
    va_services.priorities_save(
        actor=world.users["ambtenaar"],
        project=project,
        scores={theme: {"proposed_priority": True, "priority_reasoning": reasoning}},
    )
    analyse = next(
        s for s in _analyse(project).sections if s.title == "Conclusies en kandidaat-prioriteiten"
    )
    at = analyse.blocks.index(HeadingBlock(theme.name))
    assert analyse.blocks[at + 1 : at + 3] == [ParagraphsBlock([reasoning]), WHY]

    doelen = _section(_kadernota(project), "prioriteit-1.4")
    assert doelen.blocks[:3] == [
        HeadingBlock("Waarom een prioriteit"),
        ParagraphsBlock([reasoning]),
        WHY,
    ]
    # A priority without participatie gets no such sentence.
    other = _theme(project, "3.1")
    va_services.priorities_save(
        actor=None,
        project=project,
        scores={other: {"proposed_priority": True, "priority_reasoning": "Jongeren."}},
    )
    assert not any(
        isinstance(b, ParagraphsBlock) and b.items[0].startswith("Ook inwoners")
        for b in _section(_kadernota(project), "prioriteit-3.1").blocks
    )


def test_participatie_about_a_confidential_theme_reaches_readers_only_as_a_placeholder(
    participatie,
):
    from projects.confidentiality import theme_key
    from projects.constants import CONFIDENTIAL_PLACEHOLDER
    from projects.models import ConfidentialMark
    from reports.blocks import ConfidentialBlock, NoteBlock
    from reports.confidential import confidential_parts, redacted

    project, *_ = participatie
    sociale = _theme(project, "1.1")  # the panel is linked to it (and to 1.4)
    ConfidentialMark.objects.create(project=project, key=theme_key(sociale), reason="ondermijning")
    snapshot = _analyse(project)

    section = _section(snapshot, "participatie")
    intro, table, schouw, closed = section.blocks
    assert intro.items[0].startswith(
        "Voordat de prioriteiten werden gekozen, is inwoners gevraagd wat zij zien en ervaren. "
        "Dat gebeurde één keer: een wijkschouw (12 maart 2025)."
    )
    assert [row[1] for row in table.rows] == ["Wijkschouw: Rondgang centrum"]
    assert schouw == HtmlBlock(SCHOUW_HTML)
    assert isinstance(closed, ConfidentialBlock) and closed.reason == "ondermijningsbeeld (RIEC)"
    assert closed.blocks[0].rows[0][1] == "Inwonerspanel: Panel over overlast"
    assert closed.blocks[1] == HtmlBlock(PANEL_HTML)

    theme = _section(snapshot, "thema-1.4")
    start = theme.blocks.index(HeadingBlock("Wat inwoners zeiden"))
    assert theme.blocks[start + 1 : start + 3] == [
        HtmlBlock(SCHOUW_HTML),
        ConfidentialBlock(reason="ondermijningsbeeld (RIEC)", blocks=[HtmlBlock(PANEL_HTML)]),
    ]
    # The confidential theme itself is not marked again inside (its section goes as one).
    assert _section(snapshot, "thema-1.1").blocks == [
        HeadingBlock("Wat inwoners zeiden"),
        HtmlBlock(PANEL_HTML),
    ]

    reader = redacted(snapshot)
    for key in ("participatie", "thema-1.4"):
        text = str(_section(reader, key).to_json())
        assert "Scooters" not in text and "Panel over overlast" not in text
        assert NoteBlock(CONFIDENTIAL_PLACEHOLDER) in _section(reader, key).blocks
    # The besloten bijlage carries them.
    assert any(HtmlBlock(PANEL_HTML) in part.blocks for part in confidential_parts(snapshot))

    # Summary sentences leave the panel out.
    kadernota = _kadernota(project)
    inleiding = next(s for s in kadernota.sections if s.title == "Inleiding")
    assert "inwonerspanel" not in str(inleiding.to_json())
    assert "een wijkschouw (12 maart 2025)" in str(inleiding.to_json())
