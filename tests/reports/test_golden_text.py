"""Golden text: crafted results, and the Dutch sentence a policy writer reads, written out by
hand. Pure drafting cases first, then the report built from results in the database."""

import re

import pytest

from analysis.figures.constants import AreaKind
from analysis.figures.models import IndicatorResult
from analysis.models import AnalysisTheme
from analysis.narrative.drafting import BenchmarkFigure, Figure, IndicatorFacts, theme_draft
from analysis.narrative.services import drafts_refresh
from reports.blocks import ChartBlock, ParagraphsBlock, TableBlock
from reports.selectors import structure_for
from reports.snapshot import document_snapshot

UNSAFE = dict(
    code="onveilig",
    name="Voelt zich weleens onveilig",
    unit="percent",
    direction="higher_is_worse",
)
CIJFER = dict(
    code="cijfer",
    name="Rapportcijfer veiligheid",
    unit="rapportcijfer_1_10",
    direction="higher_is_better",
)


def fig(year, estimate, low=None, high=None, **kwargs):
    return Figure(year, "vm2021", estimate, low, high, **{"se": 1.0, "n": 900, **kwargs})


def test_a_significant_rise_with_a_benchmark_reads_without_nested_brackets():
    item = IndicatorFacts(
        **UNSAFE,
        trend=[
            fig(2021, 35.0),
            fig(2023, 40.0, 35.0, 45.0, change_significant=True, previous_year=2021),
        ],
        benchmarks=[BenchmarkFigure("Nederland", 30.0, significant=True, difference=10.0)],
    )
    assert theme_draft([item], area_name="Almere") == [
        "Voelt zich weleens onveilig: 40,0% in Almere in 2023 (marge 35,0% tot 45,0%). "
        "Dat is significant hoger dan Nederland (30,0%), en dat is ongunstig. "
        "Sinds 2021 is dit significant gestegen, van 35,0% naar 40,0%, en dat is ongunstig."
    ]


def test_a_significant_fall_and_a_steady_figure_vary_their_sentences():
    fall = IndicatorFacts(
        **CIJFER,
        trend=[
            fig(2021, 7.4),
            fig(2023, 7.0, 6.9, 7.1, change_significant=True, previous_year=2021),
        ],
    )
    steady = IndicatorFacts(
        **UNSAFE,
        trend=[
            fig(2021, 20.0),
            fig(2023, 21.0, 19.0, 23.0, change_significant=False, previous_year=2021),
        ],
    )
    assert theme_draft([fall, steady], area_name="Almere") == [
        "Rapportcijfer veiligheid: 7,0 in Almere in 2023 (marge 6,9 tot 7,1). "
        "Sinds 2021 is dit significant gedaald, van 7,4 naar 7,0, en dat is ongunstig.",
        "Bij ‘Voelt zich weleens onveilig’ komt Almere in 2023 uit op 21,0% "
        "(marge 19,0% tot 23,0%). Het verschil met 2021 (20,0%) is niet significant.",
    ]


def test_an_area_without_figures_is_named_once_per_theme_not_per_indicator():
    def item(base, value):
        return IndicatorFacts(
            **base,
            trend=[fig(2023, value)],
            wijken=[("Bloemenbuurt", Figure(2023, "vm2021", None, n=30, suppressed=True))],
        )

    paragraphs = theme_draft([item(UNSAFE, 20.0), item(CIJFER, 7.2)], area_name="Almere")
    text = " ".join(paragraphs)
    assert text.count("Bloemenbuurt") == 1
    assert paragraphs[-1] == (
        "In Bloemenbuurt waren bij alle indicatoren te weinig respondenten voor een "
        "betrouwbaar cijfer."
    )


def test_an_area_without_some_figures_names_those_indicators():
    with_figure = Figure(2023, "vm2021", 21.0, se=3.0, n=400)
    without = Figure(2023, "vm2021", None, n=30, suppressed=True)
    items = [
        IndicatorFacts(**UNSAFE, trend=[fig(2023, 20.0)], wijken=[("Noord", without)]),
        IndicatorFacts(**CIJFER, trend=[fig(2023, 7.2)], wijken=[("Noord", with_figure)]),
    ]
    assert theme_draft(items, area_name="Almere")[-1] == (
        "In Noord waren te weinig respondenten voor een betrouwbaar cijfer over "
        "‘Voelt zich weleens onveilig’."
    )


def test_a_figure_on_few_respondents_carries_the_promised_warning():
    item = IndicatorFacts(
        **UNSAFE,
        trend=[fig(2023, 20.0)],
        wijken=[("Buitengebied", Figure(2023, "vm2021", 40.0, se=2.0, n=72, low_n=True))],
    )
    paragraphs = theme_draft([item], area_name="Almere", warn_n=100)
    assert (
        "In Buitengebied (40,0%) ligt het cijfer significant hoger dan in Almere als geheel, "
        "en dat is ongunstig." in paragraphs[0]
    )
    assert paragraphs[-1] == (
        "De cijfers voor Buitengebied berusten op minder dan 100 respondenten en zijn daarom "
        "minder zeker."
    )
    gemeente = IndicatorFacts(**UNSAFE, trend=[fig(2023, 20.0, n=80, low_n=True)])
    assert theme_draft([gemeente], area_name="Almere", warn_n=1000) == [
        "Voelt zich weleens onveilig: 20,0% in Almere in 2023. Dit cijfer berust op minder "
        "dan 1.000 respondenten (80) en is daarom minder zeker."
    ]


# --- the report, from results in the database ---------------------------------------------


def _snapshot(project):
    drafts_refresh(project=project)
    return document_snapshot(project, "analyse", structure_for(project, "analyse"))


def _blocks(snapshot, kind):
    return [b for s in snapshot.sections for b in s.blocks if isinstance(b, kind)]


def _texts(snapshot) -> list[str]:
    texts = []
    for section in snapshot.sections:
        for block in section.blocks:
            texts += getattr(block, "items", []) if isinstance(block, ParagraphsBlock) else []
            for attr in ("caption", "source", "alt", "text"):
                value = getattr(block, attr, "")
                texts += [value] if isinstance(value, str) and value else []
            if isinstance(block, TableBlock):
                texts += [cell for row in block.rows for cell in row]
    return texts


@pytest.mark.django_db
def test_respondents_per_edition_with_thousands_separators(content):
    edition = content.editions.get(year=2023)
    edition.respondents = 15000
    edition.save()
    snapshot = _snapshot(content)
    (table,) = [t for t in _blocks(snapshot, TableBlock) if t.columns[-1] == "Respondenten"]
    assert table.rows[0][-1] == "15.000"
    assert any(
        "De analyse steunt op de Veiligheidsmonitor van 2023 (15.000 respondenten)." in t
        for t in _texts(snapshot)
    )


@pytest.mark.django_db
def test_an_area_without_any_figure_is_said_once_in_the_document(content):
    wijk = (
        IndicatorResult.objects.filter(edition__projects=content, area__kind=AreaKind.WIJK)
        .order_by("area__name")
        .first()
        .area
    )
    IndicatorResult.objects.filter(edition__projects=content, area=wijk).update(
        suppressed=True, estimate=None
    )
    texts = _texts(_snapshot(content))
    sentence = (
        f"In {wijk.name} waren bij alle indicatoren te weinig respondenten voor een "
        "betrouwbaar cijfer; de teksten per thema noemen dit gebied daarom niet."
    )
    assert sum(sentence in t for t in texts) == 1
    assert [
        t for t in texts if "te weinig respondenten" in t and wijk.name in t and sentence not in t
    ] == []


@pytest.mark.django_db
def test_a_wijk_on_few_respondents_is_marked_in_the_table_with_a_footnote(content):
    IndicatorResult.objects.filter(edition__projects=content).update(low_n_warning=False)
    result = IndicatorResult.objects.filter(
        edition__projects=content, area__kind=AreaKind.WIJK, suppressed=False
    ).first()
    result.low_n_warning, result.estimate, result.n = True, 40.0, 2
    result.save()
    content.warn_n = 3
    content.save()
    tables = [t for t in _blocks(_snapshot(content), TableBlock) if t.columns[0] == "Gebied"]
    marked = [t for t in tables if "* Minder dan 3 respondenten" in t.source]
    assert len(marked) == 1
    row = next(r for r in marked[0].rows if r[0] == result.area.label)
    unit_sign = "%" if result.indicator.unit == "percent" else ""
    assert row[1] == f"40,0{unit_sign}*"
    assert marked[0].source == (
        "Bron: Veiligheidsmonitor 2023. * Minder dan 3 respondenten: dit cijfer is minder zeker."
    )


@pytest.mark.django_db
def test_an_indicator_of_two_themes_is_charted_once_and_referred_to(content):
    themes = list(AnalysisTheme.objects.filter(field__project=content).order_by("code"))
    first, second = themes[0], themes[1]
    first.indicator_codes = ["voelt_zich_weleens_onveilig"]
    second.indicator_codes = ["voelt_zich_weleens_onveilig"]
    first.save()
    second.save()
    snapshot = _snapshot(content)
    charts = [c for c in _blocks(snapshot, ChartBlock) if c.caption.startswith("Voelt zich")]
    assert len(charts) == 1
    name = charts[0].caption.split(",")[0]
    assert (
        f"De figuur van ‘{name}’ staat bij het thema {first.name}; die hoort ook bij dit thema."
        in _texts(snapshot)
    )


@pytest.mark.django_db
def test_the_alt_text_says_value_margin_and_earlier_years(content):
    theme = AnalysisTheme.objects.filter(field__project=content).order_by("code").first()
    theme.indicator_codes = ["voelt_zich_weleens_onveilig"]
    theme.save()
    latest = IndicatorResult.objects.get(
        edition__projects=content,
        area__kind=AreaKind.GEMEENTE,
        indicator__code="voelt_zich_weleens_onveilig",
    )
    latest.estimate, latest.ci_low, latest.ci_high = 40.0, 35.0, 45.0
    latest.save()
    (chart,) = [
        c for c in _blocks(_snapshot(content), ChartBlock) if c.caption.startswith("Voelt zich")
    ]
    assert chart.alt == (
        f"{latest.indicator.name} in {latest.area.name}: 40,0% in 2023, marge 35,0% – 45,0%."
    )


NESTED = re.compile(r"\([^()]*\(")


def test_no_nested_brackets_and_no_english_dates_in_the_demo_analysis(db):
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from projects.models import Project

    call_command("load_demo", verbosity=0)
    call_command("load_demo_survey", verbosity=0)
    with scopes_disabled():
        project = Project.objects.filter(gemeente__name="Amsterdam").first()
        texts = _texts(_snapshot(project))
    assert texts
    assert [t for t in texts if NESTED.search(t)] == []
    months = r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
    assert [t for t in texts if re.search(months, t)] == []
    # Thousands separated: "15.000", never "15000" (years have four digits).
    assert [t for t in texts if re.search(r"\b\d{5,}\b", t)] == []


def test_own_areas_after_wijken_read_as_a_sentence_of_their_own():
    gemeente = fig(2023, 20.0, se=1.0)
    item = IndicatorFacts(
        **UNSAFE,
        trend=[gemeente],
        wijken=[("Haven", Figure(2023, "vm2021", 40.0, se=2.0, n=400))],
        own_areas=[("kern Oost", Figure(2023, "vm2021", 10.0, se=2.0, n=400))],
    )
    assert theme_draft([item], area_name="Almere") == [
        "Voelt zich weleens onveilig: 20,0% in Almere in 2023. In Haven (40,0%) ligt het "
        "cijfer significant hoger dan in Almere als geheel, en dat is ongunstig. Van de eigen "
        "gebieden ligt kern Oost (10,0%) significant lager, en dat is gunstig."
    ]


def test_an_area_where_every_figure_rests_on_few_respondents_is_warned_once():
    items = [
        IndicatorFacts(**UNSAFE, trend=[fig(2023, 20.0, n=72, low_n=True)]),
        IndicatorFacts(**CIJFER, trend=[fig(2023, 7.0, n=70, low_n=True)]),
    ]
    paragraphs = theme_draft(items, area_name="Buitengebied", warn_n=100)
    assert paragraphs == [
        "Voelt zich weleens onveilig: 20,0% in Buitengebied in 2023.",
        "Bij ‘Rapportcijfer veiligheid’ komt Buitengebied in 2023 uit op 7,0.",
        "Alle cijfers voor Buitengebied berusten op minder dan 100 respondenten en zijn daarom "
        "minder zeker.",
    ]


@pytest.mark.django_db
def test_a_wijk_whose_figures_all_rest_on_few_respondents_is_warned_about_in_the_methode(
    content,
):
    wijk = (
        IndicatorResult.objects.filter(
            edition__projects=content, area__kind=AreaKind.WIJK, suppressed=False
        )
        .order_by("area__name")
        .first()
        .area
    )
    IndicatorResult.objects.filter(edition__projects=content).update(low_n_warning=False)
    IndicatorResult.objects.filter(edition__projects=content, area=wijk).update(low_n_warning=True)
    texts = _texts(_snapshot(content))
    sentence = (
        f"De cijfers voor {wijk.name} berusten op minder dan 3 respondenten en zijn daarom "
        "minder zeker; in de tabellen per wijk staat er een * bij."
    )
    assert sum(sentence in t for t in texts) == 1
