"""The Dutch formatter, on values worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template

from projects.nl_format import (
    format_date,
    format_date_range,
    format_datetime,
    format_euro,
    format_integer,
    format_number,
    format_percent,
    join_nl,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567, 0, "1.234.567"),
        (931298, 0, "931.298"),
        (15000, 0, "15.000"),
        (999, 0, "999"),
        (2.45, 1, "2,5"),  # half up, where Python's round(2.45, 1) gives 2.5 only by luck
        (0.125, 2, "0,13"),  # round(0.125, 2) is 0.12 (banker's); by hand it is 0,13
        (2.5, 0, "3"),  # round(2.5) is 2
        (-0.04, 1, "0,0"),  # never "-0,0"
        (-1234.56, 1, "-1.234,6"),
        (Decimal("1234.5"), 2, "1.234,50"),
    ],
)
def test_numbers_in_dutch_notation_rounded_half_up(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_counts_percentages_and_money():
    assert format_integer(15000) == "15.000"
    assert format_integer(None) == "–"
    assert format_percent(40) == "40,0%"
    assert format_percent(12.345, 2) == "12,35%"
    assert format_euro(12500) == "€ 12.500,00"


def test_dates_with_dutch_month_names():
    assert format_date(datetime.date(2026, 12, 3)) == "3 december 2026"
    assert format_date("2027-01-15") == "15 januari 2027"
    assert format_date("geen datum") == "geen datum"
    assert format_date(None) == ""
    # 23:30 UTC on 31 December is 1 January in Amsterdam: the reader's date, not the server's.
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert format_date(moment) == "1 januari 2027"
    assert format_datetime(moment) == "1 januari 2027 00:30"


def test_date_ranges_say_the_shared_month_and_year_once():
    d = datetime.date
    assert format_date_range(d(2026, 12, 3), d(2026, 12, 17)) == "3 tot en met 17 december 2026"
    assert (
        format_date_range(d(2026, 11, 28), d(2026, 12, 3))
        == "28 november tot en met 3 december 2026"
    )
    assert (
        format_date_range(d(2026, 12, 15), d(2027, 1, 15))
        == "15 december 2026 tot en met 15 januari 2027"
    )
    assert format_date_range(None, d(2027, 1, 15)) == "tot en met 15 januari 2027"
    assert format_date_range(d(2026, 12, 3), d(2026, 12, 3)) == "3 december 2026"


def test_join_nl():
    assert join_nl(["Noord", "Zuid", "Oost"]) == "Noord, Zuid en Oost"
    assert join_nl(["Noord", "Zuid"], last="of") == "Noord of Zuid"
    assert join_nl(["Noord"]) == "Noord"


def test_template_filters():
    template = Template(
        "{% load nl %}{{ n|nl_integer }} | {{ x|nl_number:1 }} | {{ p|nl_percent }} | "
        "{{ x|nl_value:'percent' }} | {{ d|nl_date }} | {{ d|nl_date_range:e }} | {{ m|nl_euro }}"
    )
    text = template.render(
        Context(
            {
                "n": 931298,
                "x": 1234.56,
                "p": 40,
                "d": datetime.date(2026, 12, 3),
                "e": datetime.date(2026, 12, 17),
                "m": 2500,
            }
        )
    )
    assert text == (
        "931.298 | 1.234,6 | 40,0% | 1.234,6% | 3 december 2026 | "
        "3 tot en met 17 december 2026 | € 2.500,00"
    )


def test_djangos_own_date_filter_gives_dutch_months_too():
    """The pages use {{ d|date:"j F Y" }}; with LANGUAGE_CODE nl that reads "3 december 2026",
    never "3 Dec 2026"."""
    text = Template('{{ d|date:"j F Y" }}').render(Context({"d": datetime.date(2026, 12, 3)}))
    assert text == "3 december 2026"
