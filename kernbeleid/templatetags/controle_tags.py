"""The raad's controle per programme year on pages that belong to others (the timeline, the
yearly progress), without their views having to know about it. Partners get nothing: the
controle is the raad's record, not the werkgroep's."""

from django import template

from kernbeleid.workflow.controle_selectors import (
    ControleYear,
    can_see_controle,
    controle_overview,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def controle_years(context) -> list[ControleYear] | None:
    """Every programme year with its collegebesluit and controle; None when the reader may
    not see the controle (the template then shows nothing, not even that it exists)."""
    request = context.get("request")
    access = getattr(request, "access", None)
    project = context.get("project")
    if access is None or project is None or not can_see_controle(access.role):
        return None
    # Read once per request: the timeline shows it in two places.
    memo = request.__dict__.setdefault("_controle_years", {})
    if project.pk not in memo:
        memo[project.pk] = controle_overview(project)
    return memo[project.pk]


@register.simple_tag
def controle_of_year(years: list[ControleYear] | None, year: int) -> ControleYear | None:
    return next((entry for entry in years or [] if entry.year == year), None)
