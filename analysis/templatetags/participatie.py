"""{{ participation|main_points }}: the main points one per line, without typed bullets, as the
report lists them."""

from django import template

from analysis.narrative.participation import main_point_lines

register = template.Library()


@register.filter
def main_points(participation) -> list[str]:
    return main_point_lines(participation)
