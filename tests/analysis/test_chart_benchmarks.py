"""A trend chart has room for three benchmark lines: Nederland and the areas nearest the
gemeente (its basisteam and district), not the broadest three; the table lists them all."""

from analysis.figures.presenters import MAX_BENCHMARK_LINES, chart_benchmarks

BROADEST_FIRST = [
    "Nederland",
    "Provincie Limburg",
    "Politie-eenheid Limburg",
    "Politiedistrict Zuid-Limburg",
    "Basisteam Heuvelland",
]


def test_nederland_and_the_nearest_areas_are_drawn():
    series = {name: [] for name in BROADEST_FIRST}
    drawn = [name for name, _values in chart_benchmarks(series)]
    assert MAX_BENCHMARK_LINES == 3
    assert drawn == ["Nederland", "Politiedistrict Zuid-Limburg", "Basisteam Heuvelland"]


def test_up_to_three_are_all_drawn_in_their_order():
    series = {name: [] for name in BROADEST_FIRST[:3]}
    assert [name for name, _v in chart_benchmarks(series)] == BROADEST_FIRST[:3]
    assert chart_benchmarks({}) == []
