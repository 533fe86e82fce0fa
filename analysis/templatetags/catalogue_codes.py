"""Catalogue codes as users see them: numbered codes only, never a placeholder such as "1.x"."""

from django import template

from analysis.catalogue import shown_code, with_code

register = template.Library()

register.filter("shown_code", shown_code)


@register.filter
def with_theme_code(name: str, code: str) -> str:
    """`{{ theme.name|with_theme_code:theme.code }}` gives "1.4 Subjectieve veiligheid"."""
    return with_code(code, name)


@register.filter
def with_field_code(name: str, code: str) -> str:
    """`{{ field.name|with_field_code:field.code }}` gives "1. Veilige woon- en leefomgeving"."""
    return with_code(code, name, ". ")
