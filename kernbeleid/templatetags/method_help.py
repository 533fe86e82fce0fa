from django import template

from ..help import field_help_url, step_help_url

register = template.Library()


@register.simple_tag
def step_help(step: int) -> str:
    """`{% step_help 4 %}`: the URL of the help on step 4 of Kernbeleid Veiligheid."""
    return step_help_url(int(step))


@register.simple_tag
def field_help(code: str) -> str:
    return field_help_url(str(code))
