"""The builders mark what is vertrouwelijk in the snapshot, and ``redacted`` and
``confidential_parts`` read those marks back: a reader's snapshot holds the placeholder where
the content was, the besloten bijlage the content itself. A snapshot without marks is built
exactly as before (same content hash)."""

import pytest

from analysis.figures.models import Indicator
from analysis.models import AnalysisTheme
from kernbeleid.products.models import Goal, Kadernota
from projects.confidentiality import (
    figure_key,
    kadernota_key,
    section_key,
    theme_key,
    theme_text_key,
)
from projects.confidentiality_services import confidential_mark_clear, confidential_mark_set
from projects.constants import CONFIDENTIAL_PLACEHOLDER
from reports import selectors, services
from reports.blocks import (
    ChartBlock,
    ConfidentialBlock,
    HeadingBlock,
    HtmlBlock,
    NoteBlock,
    ParagraphsBlock,
    TableBlock,
)
from reports.confidential import confidential_parts, has_confidential, redacted
from reports.constants import SectionSource
from reports.kadernota_check import MISSING_PREFIX, missing_chapters
from reports.snapshot import content_hash, document_snapshot

FIGURE = "voelt_zich_weleens_onveilig"
PLACEHOLDER = NoteBlock(CONFIDENTIAL_PLACEHOLDER)


@pytest.fixture
def theme(content):
    return AnalysisTheme.objects.get(field__project=content, code="1.4")


def _mark(world, project, key, reason="ondermijning"):
    confidential_mark_set(
        actor=world.users["ambtenaar"], project=project, key=key, reason=reason, note=""
    )


def _build(project, document="analyse"):
    return document_snapshot(project, document, selectors.structure_for(project, document))


def _section(snapshot, key):
    return next(section for section in snapshot.sections if section.key == key)


def _text(value) -> str:
    return str(value.to_json() if hasattr(value, "to_json") else value)


def _priority(project, theme, *, budget=None):
    AnalysisTheme.objects.filter(pk=theme.pk).update(
        proposed_priority=True, priority_reasoning="Het veiligheidsgevoel daalt."
    )
    Goal.objects.create(
        project=project,
        theme=theme,
        description="Minder inwoners voelen zich onveilig",
        indicator=Indicator.objects.get(code=FIGURE, gemeente__isnull=True),
        baseline_value=41.7,
        baseline_year=2023,
        target_value=35.0,
        target_year=2030,
        budget=budget,
    )


def test_marking_and_unmarking_gives_the_snapshot_and_hash_of_before(content, world, theme):
    before = _build(content)
    assert not has_confidential(before)
    assert redacted(before) == before and confidential_parts(before) == []
    _mark(world, content, theme_key(theme))
    assert content_hash(_build(content)) != content_hash(before)
    confidential_mark_clear(actor=None, project=content, key=theme_key(theme))
    assert content_hash(_build(content)) == content_hash(before)


def test_a_confidential_theme_is_left_out_whole_with_its_figures(content, world, theme):
    _mark(world, content, theme_key(theme), reason="politie")
    snapshot = _build(content)
    section = _section(snapshot, "thema-1.4")
    assert section.confidential == "politie-informatie"
    assert "Onveiligheid in het centrum" in _text(section)
    # Its figures in it as they are (no mark of their own inside a marked section).
    assert any(isinstance(block, ChartBlock) for block in section.blocks)
    assert not any(isinstance(block, ConfidentialBlock) for block in section.blocks)
    reader = _section(redacted(snapshot), "thema-1.4")
    assert reader.title == section.title and reader.blocks == [PLACEHOLDER]
    assert not reader.confidential
    parts = confidential_parts(snapshot)
    assert parts[0].key == "thema-1.4" and parts[0].blocks == section.blocks
    assert all(part.confidential == "politie-informatie" for part in parts)
    # Its figures are confidential wherever they are shown: the wijk tables too.
    wijken = _section(snapshot, next(s.key for s in snapshot.sections if "wijk" in s.title.lower()))
    assert all(isinstance(block, ConfidentialBlock) for block in wijken.blocks if block)
    assert "50,0%" not in _text(redacted(snapshot))


def test_a_confidential_theme_text_is_wrapped_with_its_heading(content, world, theme):
    from analysis.narrative.services import theme_save

    theme_save(
        actor=world.users["ambtenaar"],
        theme=theme,
        base_version=theme.version,
        texts={"knelpunten": "<p>Openbaar</p>", "huidige_aanpak": "<p>Geheime aanpak</p>"},
    )
    _mark(world, content, theme_text_key(theme, "huidige_aanpak"))
    section = _section(_build(content), "thema-1.4")
    assert not section.confidential
    assert section.blocks[:3] == [
        HeadingBlock("Belangrijkste knelpunten"),
        HtmlBlock("<p>Openbaar</p>"),
        ConfidentialBlock(
            "ondermijningsbeeld (RIEC)",
            [HeadingBlock("Huidige aanpak"), HtmlBlock("<p>Geheime aanpak</p>")],
        ),
    ]
    reader = redacted(_build(content))
    assert _section(reader, "thema-1.4").blocks[2] == PLACEHOLDER
    assert "Geheime aanpak" not in _text(reader) and "Openbaar" in _text(reader)


def test_a_confidential_figure_is_wrapped_wherever_it_is_shown(content, world, theme):
    _priority(content, theme)
    _mark(world, content, figure_key(FIGURE), reason="politie")
    analyse = _build(content)
    section = _section(analyse, "thema-1.4")
    hidden = [block for block in section.blocks if isinstance(block, ConfidentialBlock)]
    charts = [b for block in hidden for b in block.blocks if isinstance(b, ChartBlock)]
    assert [chart.caption.split(",")[0] for chart in charts] == [
        "Voelt zich weleens onveilig (algemeen)"
    ]
    # The other indicator of the theme stays for readers, and so does the theme's own text.
    public = _text(_section(redacted(analyse), "thema-1.4"))
    assert "Rapportcijfer veiligheid in de buurt" in public and "41,7" not in public
    assert "41,7" in _text(section)
    kadernota = _build(content, "kadernota")
    reader = _text(redacted(kadernota))
    assert "41,7" in _text(kadernota) and "41,7" not in reader
    for value in ("50,0%", "25,0%"):  # the wijk tables of the analysis
        assert value in _text(analyse) and value not in _text(redacted(analyse))
    # The samenvatting keeps the priority's goal, without the figures it quotes.
    assert "Minder inwoners voelen zich onveilig" in reader
    assert "naar 35,0%" not in reader


def test_the_kerncijfers_row_of_a_confidential_theme_goes_to_the_confidential_part(
    content, world, theme
):
    _priority(content, theme, budget=40000)
    _mark(world, content, theme_key(theme))
    kadernota = _build(content, "kadernota")
    position = (
        selectors.structure_for(content, "kadernota")
        .sections.get(source=SectionSource.KERNCIJFERS)
        .position
    )
    kern = _section(kadernota, f"s{position}")
    tables = [b for b in kern.blocks if isinstance(b, TableBlock)]
    assert tables == []  # its only priority is confidential: no public table, no "geen cijfers"
    (hidden,) = [b for b in kern.blocks if isinstance(b, ConfidentialBlock)]
    assert hidden.blocks[0].rows[0][0] == theme.name
    # The priority's own chapter is confidential as a whole, its budget left out of the total.
    assert _section(kadernota, "prioriteit-1.4").confidential == "ondermijningsbeeld (RIEC)"
    reader = _text(redacted(kadernota))
    assert "40.000" not in reader and "Het veiligheidsgevoel daalt" not in reader


def test_a_confidential_kadernota_chapter_and_its_quote_in_the_samenvatting(content, world):
    Kadernota.objects.update_or_create(
        project=content, defaults={"visie": "Geheime visie.\nTweede alinea.", "evaluatie": ""}
    )
    _mark(world, content, kadernota_key("visie"), reason="geheimhouding")
    _mark(world, content, kadernota_key("evaluatie"))  # empty: stays "nog in te vullen"
    snapshot = _build(content, "kadernota")
    wrapped = [
        block
        for section in snapshot.sections
        for block in section.blocks
        if isinstance(block, ConfidentialBlock)
    ]
    assert ParagraphsBlock(["Geheime visie.", "Tweede alinea."]) in wrapped[-1].blocks or any(
        ParagraphsBlock(["Geheime visie.", "Tweede alinea."]) in block.blocks for block in wrapped
    )
    assert any(HeadingBlock("Visie in het kort") in block.blocks for block in wrapped)
    assert "Geheime visie" not in _text(redacted(snapshot))
    assert any(title.lower().startswith("evaluatie") for title in missing_chapters(snapshot))
    assert MISSING_PREFIX in _text(redacted(snapshot))


def test_a_confidential_structure_section_takes_all_it_builds(content, world):
    actor = world.users["ambtenaar"]
    standard = selectors.structure_for(content, "analyse")
    own = services.structure_copy(
        actor=actor, project=content, document="analyse", source=standard, name="Eigen"
    )
    velden = own.sections.get(source=SectionSource.VELDEN)
    fixed = services.section_add(
        actor=actor,
        project=content,
        structure=own,
        title="RIEC-beeld",
        source=SectionSource.FIXED,
        fixed_text="<p>Het RIEC ziet ondermijning in de haven.</p>",
    )
    _mark(world, content, section_key(velden))
    _mark(world, content, section_key(fixed), reason="geheimhouding")
    snapshot = _build(content)
    under_velden = [s for s in snapshot.sections if s.key.startswith(("veld-", "thema-"))]
    assert under_velden and all(s.confidential for s in under_velden)
    reader = redacted(snapshot)
    keys = [s.key for s in reader.sections]
    assert not any(key.startswith(("veld-", "thema-")) for key in keys)
    assert _section(reader, f"s{velden.position}").blocks == [PLACEHOLDER]
    assert _section(reader, f"s{fixed.position}").title == "RIEC-beeld"
    assert "ondermijning in de haven" not in _text(reader)
    parts = confidential_parts(snapshot)
    assert f"s{fixed.position}" in [part.key for part in parts]
    assert "ondermijning in de haven" in _text(parts[-1])


def test_an_abbreviation_only_in_a_confidential_chapter_is_not_listed(content, world):
    Kadernota.objects.update_or_create(
        project=content, defaults={"trends": "Meer zorgmeldingen onder de Wvggz."}
    )
    before = _build(content, "kadernota")
    afkortingen = next(s for s in before.sections if s.key.startswith("afkortingen-"))
    assert "Wet verplichte geestelijke gezondheidszorg" in _text(afkortingen)
    _mark(world, content, kadernota_key("trends"))
    after = _build(content, "kadernota")
    afkortingen = next(s for s in after.sections if s.key.startswith("afkortingen-"))
    assert "Wet verplichte geestelijke gezondheidszorg" not in _text(afkortingen)


def test_a_confidential_theme_on_basisniveau_keeps_its_reasoning_from_readers(content, world):
    theme = AnalysisTheme.objects.get(field__project=content, code="5.2")
    AnalysisTheme.objects.filter(pk=theme.pk).update(
        coverage="basisniveau", coverage_reasoning="Het RIEC-beeld volgt apart."
    )
    _mark(world, content, theme_key(theme))
    kadernota = _build(content, "kadernota")
    position = (
        selectors.structure_for(content, "kadernota")
        .sections.get(source=SectionSource.OVERIGE_THEMAS)
        .position
    )
    section = _section(kadernota, f"s{position}")
    hidden = [block for block in section.blocks if isinstance(block, ConfidentialBlock)]
    assert len(hidden) == 1 and "Het RIEC-beeld volgt apart." in _text(hidden[0])
    assert "Het RIEC-beeld volgt apart." not in _text(_section(redacted(kadernota), f"s{position}"))
