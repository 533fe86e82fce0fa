"""The gemeente's inhabitants aged 15 and over per year (Population15Plus): the population a
joint plan weights each gemeente's respondent file to (figures/combine.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from projects.joint import projects_of_gemeente
from projects.models import Gemeente
from projects.nl_format import format_integer
from projects.scopes import project_scope
from projects.services import audit_record

from ..models import Population15Plus

FIRST_YEAR = 1990  # CBS StatLine 03759ned starts in 1988; no VM edition is older than 1993


def _validate(*, gemeente: Gemeente, year: int, count: int, source: str) -> None:
    errors = {}
    last_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= last_year:
        errors["year"] = f"Kies een jaar van {FIRST_YEAR} tot en met {last_year}."
    if count <= 0:
        errors["count"] = "Het aantal inwoners van 15 jaar en ouder moet groter zijn dan nul."
    elif gemeente.inhabitants and count > gemeente.inhabitants:
        errors["count"] = (
            f"{gemeente.name} heeft {format_integer(gemeente.inhabitants)} inwoners; "
            f"{format_integer(count)} inwoners van 15 jaar en ouder kan dus niet kloppen."
        )
    if not source.strip():
        errors["source"] = "Vermeld de bron van het aantal."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def population_set(
    *, actor, gemeente: Gemeente, year: int, count: int, source: str
) -> Population15Plus:
    """Enter (or correct) the inhabitants aged 15 and over on 1 January of `year`.

    Raises ValidationError (Dutch, per field) and changes nothing when the number cannot be
    right: not above zero, or more than the gemeente's inhabitants when those are known."""
    _validate(gemeente=gemeente, year=year, count=count, source=source)
    source = source.strip()
    population = (
        Population15Plus.objects.select_for_update().filter(gemeente=gemeente, year=year).first()
    )
    before = None if population is None else {"aantal": population.count, "bron": population.source}
    if before == {"aantal": count, "bron": source}:
        return population
    if population is None:
        population = Population15Plus(gemeente=gemeente, year=year)
    population.count, population.source = count, source
    population.save()
    audit_record(
        actor=actor,
        action="inwoners van 15 jaar en ouder ingevuld",
        obj=population,
        gemeente=gemeente,
        detail={"jaar": year, "van": before, "naar": {"aantal": count, "bron": source}},
    )
    _joint_drafts_follow(gemeente)
    return population


def _joint_drafts_follow(gemeente: Gemeente) -> None:
    """The drafts of each joint plan the gemeente is in name where a gemeente stands out, on
    the plan area weighted by these populations; wherever the number was entered."""
    from ...narrative.services import drafts_refresh  # the drafts build on the figures

    for project in projects_of_gemeente(gemeente).filter(joint=True).order_by("id"):
        with project_scope(project):  # a joint plan spans gemeenten the caller's may not
            drafts_refresh(project=project)
