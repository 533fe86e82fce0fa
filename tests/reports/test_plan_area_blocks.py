"""The plan area in a joint plan's analysis document (issue 19, item 2): the shared chapter
gives the plan area's figure (checked by hand) beside each gemeente's own, and a gemeente's
local chapter says where that gemeente stands out."""

from analysis.figures.plan_area_selectors import plan_area_newest
from analysis.figures.services import population_set
from reports.blocks import HeadingBlock, ParagraphsBlock, TableBlock
from reports.plan_area_blocks import plan_area_section, standing_out_blocks
from tests.analysis.test_plan_area_page import import_unsafe_at_times, plan  # noqa: F401

ONVEILIG = "Voelt zich weleens onveilig (algemeen)"


def _figures(world, project, diemen, *, populations=True):
    import_unsafe_at_times(world, project, diemen)
    for g in (world.gemeente, diemen) if populations else ():
        population_set(actor=None, gemeente=g, year=2023, count=1000, source="CBS")


def test_the_shared_chapter_combines_the_gemeenten_by_their_inhabitants(world, plan):  # noqa: F811
    project, diemen, _ambtenaar = plan
    _figures(world, project, diemen)
    section = plan_area_section(project)
    (table,) = [block for block in section.blocks if isinstance(block, TableBlock)]
    assert table.columns == ["Indicator", "Plangebied", "Marge (95%)", "Amsterdam", "Diemen"]
    row = next(row for row in table.rows if row[0] == ONVEILIG)
    # By hand: 200 respondents of weight 1 in each file, each rescaled to 1.000 inhabitants
    # (×5): (5 × 40 + 5 × 120) / (5 × 200 + 5 × 200) = 800 / 2.000 = 40,0 %.
    assert row[1] == "40,0%"
    assert row[3:] == ["20,0%", "60,0%"]
    low, high = (float(part.rstrip("%").replace(",", ".")) for part in row[2].split(" – "))
    assert low < 40.0 < high
    text = " ".join(" ".join(b.items) for b in section.blocks if isinstance(b, ParagraphsBlock))
    assert "Amsterdam 1.000" in text  # whose inhabitants, and of when
    assert "komt Diemen uit op 60,0%, significant hoger dan in Amsterdam (20,0%)" in text

    figures = plan_area_newest(project)
    own = standing_out_blocks(figures, diemen)
    assert isinstance(own[0], HeadingBlock) and own[0].text == "Waar Diemen opvalt"
    assert isinstance(own[1], ParagraphsBlock) and "komt Diemen uit op" in own[1].items[0]
    assert standing_out_blocks(figures, world.gemeente) == []  # named only once, the higher


def test_without_populations_the_gemeenten_stand_side_by_side(world, plan):  # noqa: F811
    project, diemen, _ambtenaar = plan
    _figures(world, project, diemen, populations=False)
    section = plan_area_section(project)
    (table,) = [block for block in section.blocks if isinstance(block, TableBlock)]
    assert table.columns == ["Indicator", "Amsterdam", "Diemen"]
    assert "niet ingevuld" in " ".join(getattr(b, "text", "") for b in section.blocks)
    assert standing_out_blocks(plan_area_newest(project), diemen) == []


def test_before_any_figures_the_chapter_says_so(world, plan):  # noqa: F811
    project, _diemen, _ambtenaar = plan
    section = plan_area_section(project)
    assert section.blocks[0].items == ["Er zijn nog geen cijfers van de gemeenten van dit plan."]


def test_the_joint_analysis_and_each_edition_carry_the_plan_area(world, plan):  # noqa: F811
    from analysis.narrative.services import analysis_ensure
    from reports.constants import DocumentKind
    from reports.services import version_for

    project, diemen, _ambtenaar = plan
    analysis_ensure(project=project)
    _figures(world, project, diemen)
    actor = world.users["ambtenaar"]

    def titles_and_text(version) -> tuple[list[str], str]:
        sections = version.snapshot["sections"]
        return [s["title"] for s in sections], str(sections)

    whole = version_for(actor=actor, project=project, document=DocumentKind.ANALYSE)
    titles, text = titles_and_text(whole)
    at = titles.index("Het plangebied in cijfers")
    # The shared chapter comes before the local chapters, the lead's first.
    assert titles[at + 1 : at + 3] == ["Lokaal hoofdstuk Amsterdam", "Lokaal hoofdstuk Diemen"]
    assert "40,0%" in text and "Waar Diemen opvalt" in text

    edition = version_for(
        actor=actor, project=project, document=DocumentKind.ANALYSE, edition_gemeente=diemen
    )
    titles, text = titles_and_text(edition)
    assert "Het plangebied in cijfers" in titles
    assert "Lokaal hoofdstuk Amsterdam" not in titles and "Lokaal hoofdstuk Diemen" in titles
    assert "Waar Diemen opvalt" in text
