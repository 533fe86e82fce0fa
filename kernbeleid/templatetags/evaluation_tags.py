"""How a drafted evaluation row reads on the page (the same words as in the kadernota)."""

from django import template

from kernbeleid.cycle import evaluation

register = template.Library()


@register.filter
def baseline_text(goal: dict) -> str:
    return evaluation.baseline_text(goal)


@register.filter
def target_text(goal: dict) -> str:
    return evaluation.target_text(goal)


@register.filter
def latest_text(goal: dict) -> str:
    return evaluation.latest_text(goal)


@register.filter
def reached_text(goal: dict) -> str:
    return evaluation.reached_text(goal)


@register.filter
def measured_text(measurement, unit: str) -> str:
    return f"{evaluation.shown_value(measurement.value, unit)} ({measurement.year})"


@register.filter
def is_actualisatie(version) -> bool:
    """Whether this kadernota version was made for an actualisatie (a badge beside it)."""
    from kernbeleid.cycle.models import Actualisatie

    known = getattr(version, "is_actualisatie_version", None)  # reports.selectors.versions_listed
    if known is not None:
        return known
    return Actualisatie.objects.filter(version=version).exists()
