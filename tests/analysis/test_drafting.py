"""The generated draft on crafted results: it never claims more than the figures carry."""

from analysis.narrative.drafting import BenchmarkFigure, Figure, IndicatorFacts, theme_draft

UNSAFE = dict(
    code="onveilig_in_buurt_weleens",
    name="Voelt zich weleens onveilig in de buurt",
    unit="percent",
    direction="higher_is_worse",
)


def facts(*trend, benchmarks=(), wijken=()):
    return IndicatorFacts(
        **UNSAFE, trend=list(trend), benchmarks=list(benchmarks), wijken=list(wijken)
    )


def text(item) -> str:
    return " ".join(theme_draft([item], area_name="Almere"))


def test_a_significant_rise_is_called_a_rise_and_judged():
    result = text(
        facts(
            Figure(2021, "vm2021", 25.0, 23.0, 27.0, se=1.0, n=900),
            Figure(
                2023,
                "vm2021",
                31.0,
                29.0,
                33.0,
                se=1.0,
                n=900,
                change_significant=True,
                previous_year=2021,
            ),
        )
    )
    assert "31,0% in Almere in 2023 (marge 29,0% tot 33,0%)" in result
    assert (
        "Sinds 2021 is dit significant gestegen, van 25,0% naar 31,0%, en dat is ongunstig."
        in result
    )


def test_a_non_significant_change_is_not_called_a_rise():
    result = text(
        facts(
            Figure(2021, "vm2021", 25.0, se=2.0, n=200),
            Figure(
                2023, "vm2021", 28.0, se=2.0, n=200, change_significant=False, previous_year=2021
            ),
        )
    )
    assert "geen significante verandering" in result
    for word in ("gestegen", "gedaald", "stijging", "daling", "toegenomen", "afgenomen"):
        assert word not in result


def test_a_suppressed_figure_is_not_reported():
    result = text(facts(Figure(2023, "vm2021", 12.3, n=31, suppressed=True)))
    assert "te weinig respondenten om een cijfer te noemen" in result
    assert "12,3" not in result


def test_nothing_is_compared_across_the_series_break():
    result = text(
        facts(
            Figure(2019, "vm2012", 40.0, se=1.0, n=900),
            Figure(2021, "vm2021", 30.0, se=1.0, n=900),
        )
    )
    assert "trendbreuk" in result and "Met 2019 is niet vergeleken" in result
    assert "gedaald" not in result and "40,0" not in result


def test_benchmarks_only_differ_when_significant_and_favourable_is_named():
    better = dict(
        UNSAFE,
        direction="higher_is_better",
        name="Rapportcijfer veiligheid",
        unit="rapportcijfer_1_10",
    )
    item = IndicatorFacts(
        **better,
        trend=[Figure(2023, "vm2021", 7.4, se=0.05, n=900)],
        benchmarks=[
            BenchmarkFigure("Nederland", 7.1, significant=True, difference=0.3),
            BenchmarkFigure("Provincie Flevoland", 7.3, significant=False, difference=0.1),
        ],
    )
    result = text(item)
    assert (
        "Dat is significant hoger dan Nederland (7,1), en dat is gunstig; van Provincie "
        "Flevoland (7,3) verschilt het niet significant." in result
    )


def test_wijken_that_stand_out_and_wijken_with_too_few_respondents():
    gemeente = Figure(2023, "vm2021", 22.7, se=0.6, n=4900)
    item = facts(
        gemeente,
        wijken=[
            ("Haven", Figure(2023, "vm2021", 40.0, se=1.8, n=850)),
            ("Noord", Figure(2023, "vm2021", 21.0, se=1.5, n=900)),
            ("Bloemenbuurt", Figure(2023, "vm2021", 30.0, n=39, suppressed=True)),
        ],
    )
    result = text(item)
    assert (
        "In Haven (40,0%) ligt het cijfer significant hoger dan in Almere als geheel, en dat is "
        "ongunstig." in result
    )
    assert "Noord" not in result  # 21,0% does not differ significantly from 22,7%
    assert "In Bloemenbuurt waren bij deze indicator te weinig respondenten" in result
    assert "30,0" not in result


def test_significant_findings_come_first_and_output_is_deterministic():
    calm = IndicatorFacts(
        code="a",
        name="Rustig",
        unit="percent",
        direction="neutral",
        trend=[Figure(2023, "vm2021", 10.0, se=1.0, n=500)],
    )
    notable = facts(
        Figure(2021, "vm2021", 25.0, se=1.0, n=900),
        Figure(2023, "vm2021", 31.0, se=1.0, n=900, change_significant=True, previous_year=2021),
    )
    first = theme_draft([calm, notable], area_name="Almere")
    assert first[0].startswith("Voelt zich weleens onveilig")
    assert first == theme_draft([calm, notable], area_name="Almere")
