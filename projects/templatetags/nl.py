"""Dutch numbers and dates in templates, from projects.nl_format:
``{% load nl %}`` then ``{{ n|nl_integer }}`` "15.000", ``{{ x|nl_number:1 }}`` "1.234,6",
``{{ x|nl_percent }}`` "40,0%", ``{{ x|nl_value:indicator.unit }}`` as the charts write it,
``{{ x|nl_euro }}`` "€ 12.500,00", ``{{ d|nl_date }}`` "3 december 2026",
``{{ dt|nl_datetime }}``, ``{{ start|nl_date_range:end }}``.

Django's own ``|date:"j F Y"`` gives the same Dutch dates (LANGUAGE_CODE nl); these filters
are for numbers above all, where ``floatformat`` leaves out the thousands separator."""

from django import template

from projects import nl_format

register = template.Library()


def _number(value):
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@register.filter
def nl_number(value, decimals=0) -> str:
    number = _number(value)
    return nl_format.MISSING if number is None else nl_format.format_number(number, int(decimals))


@register.filter
def nl_integer(value) -> str:
    number = _number(value)
    return nl_format.MISSING if number is None else nl_format.format_number(number, 0)


@register.filter
def nl_percent(value, decimals=1) -> str:
    return nl_format.format_percent(_number(value), int(decimals))


@register.filter
def nl_euro(value) -> str:
    return nl_format.format_euro(_number(value))


@register.filter
def nl_value(value, unit) -> str:
    """A figure in its indicator's unit: "23,4%", "7,1", "1.234"; without a known unit, one
    decimal and no sign (a goal without an indicator)."""
    from analysis.figures.charts.formatting import UNITS, format_value

    if unit not in UNITS:
        return nl_number(value, 1)
    return format_value(_number(value), unit)


@register.filter
def nl_date(value) -> str:
    return nl_format.format_date(value)


@register.filter
def nl_datetime(value) -> str:
    return nl_format.format_datetime(value)


@register.filter
def nl_date_range(start, end) -> str:
    return nl_format.format_date_range(start, end)
