"""The rules a step product's input must meet. The services apply them before they write,
so a caller other than the page cannot break them; each refusal is a Dutch message on the
field it concerns."""

from typing import Any

from django.core.exceptions import ValidationError

from analysis.models import Indicator
from projects.models import Project

from ..constants import ActionStatus, BovenlokaalNiveau, GoalSource, Taakveld
from . import selectors


def stripped(value: str | None) -> str:
    return (value or "").strip()


def belongs_to(project: Project, obj, what: str) -> None:
    """The object a service is asked to change is one of this project's."""
    if obj.project_id != project.pk:
        raise ValidationError(f"{what} hoort niet bij dit project.")


def period_check(project: Project, year: int, field: str, what: str) -> None:
    if not project.period_start <= year <= project.period_end:
        raise ValidationError(
            {
                field: f"{what} {year} valt buiten de beleidsperiode "
                f"({project.period_start}-{project.period_end})."
            }
        )


def meeting_values(**fields: Any) -> dict[str, Any]:
    values = {
        "date": fields["date"],
        "title": stripped(fields["title"]),
        "is_startbijeenkomst": bool(fields.get("is_startbijeenkomst", False)),
        "agenda": stripped(fields.get("agenda")),
        "minutes": stripped(fields.get("minutes")),
        "decisions": stripped(fields.get("decisions")),
    }
    if values["date"] is None:
        raise ValidationError({"date": "Geef de datum van de bijeenkomst."})
    if not values["title"]:
        raise ValidationError({"title": "Geef de bijeenkomst een titel."})
    return values


def _baseline_from_results(
    project: Project, indicator: Indicator, gemeente=None
) -> tuple[float, int]:
    result = selectors.baseline_result(project, indicator, gemeente)
    if result is None:
        raise ValidationError(
            {
                "baseline_value": f"Er is nog geen uitkomst van ‘{indicator.name}’ voor de "
                "gemeente als geheel. Vul de nulmeting zelf in."
            }
        )
    if result.suppressed or result.estimate is None:
        raise ValidationError(
            {
                "baseline_value": f"De laatste uitkomst van ‘{indicator.name}’ "
                f"({result.edition.year}) wordt niet getoond: te weinig respondenten. Vul de "
                "nulmeting zelf in of kies een andere indicator."
            }
        )
    return result.estimate, result.edition.year


def goal_measure_check(
    project: Project,
    *,
    indicator: Indicator | None,
    baseline_value: float | None,
    baseline_year: int | None,
    target_value: float | None,
    target_year: int | None,
    source: dict | None = None,
) -> tuple[float | None, int | None]:
    """A goal without a measure has no baseline or target. With one it needs a target value
    and year (within the period); an empty baseline is taken from the latest stored figure of
    its source (goal_sources.py; for a Veiligheidsmonitor goal on the gemeente as a whole,
    the latest result). Returns the baseline (value, year)."""
    from .goal_sources import baseline_from_series, measured

    other_source = source is not None and (
        source["source_kind"] != GoalSource.VM
        or source["area"] is not None
        # A joint plan's shared goal starts from the plan area (cycle/plan_area_series.py).
        or (project.joint and source.get("gemeente") is None)
    )
    if other_source and measured(source):
        if source["source_kind"] == GoalSource.VM and not (
            selectors.indicators_with_results(project).filter(pk=indicator.pk).exists()
        ):
            raise ValidationError(
                {"indicator": "Kies een indicator waarvan dit project cijfers heeft."}
            )
        return _measure_check(
            project,
            lambda: baseline_from_series(project, source),
            baseline_value=baseline_value,
            baseline_year=baseline_year,
            target_value=target_value,
            target_year=target_year,
            what="bij deze bron",
        )
    if indicator is None or (source is not None and not measured(source)):
        if any(v is not None for v in (baseline_value, baseline_year, target_value, target_year)):
            raise ValidationError(
                {
                    "indicator": "Een nulmeting of streefwaarde hoort bij een indicator; kies "
                    "de indicator of laat die velden leeg."
                }
            )
        return baseline_value, baseline_year
    if not selectors.indicators_with_results(project).filter(pk=indicator.pk).exists():
        raise ValidationError(
            {"indicator": "Kies een indicator waarvan dit project cijfers heeft."}
        )
    return _measure_check(
        project,
        lambda: _baseline_from_results(project, indicator, (source or {}).get("gemeente")),
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        target_value=target_value,
        target_year=target_year,
        what="bij deze indicator",
    )


def _measure_check(
    project, baseline, *, baseline_value, baseline_year, target_value, target_year, what
) -> tuple[float, int]:
    errors = {}
    if target_value is None:
        errors["target_value"] = f"Geef de streefwaarde {what}."
    if target_year is None:
        errors["target_year"] = "Geef het jaar waarin de streefwaarde gehaald moet zijn."
    if errors:
        raise ValidationError(errors)
    period_check(project, target_year, "target_year", "Streefjaar")
    if baseline_value is None:
        if baseline_year is not None:
            raise ValidationError(
                {"baseline_value": "Geef de nulmeting bij het jaar, of laat beide leeg."}
            )
        baseline_value, baseline_year = baseline()
    elif baseline_year is None:
        raise ValidationError({"baseline_year": "Geef het jaar van de nulmeting."})
    if baseline_year > target_year:
        raise ValidationError(
            {"baseline_year": "De nulmeting ligt na het streefjaar; dat kan niet."}
        )
    return baseline_value, baseline_year


def action_values(project: Project, fields: dict[str, Any]) -> dict[str, Any]:
    values = {
        "year": fields["year"],
        "title": stripped(fields["title"]),
        "owner": stripped(fields["owner"]),
        "partners": stripped(fields.get("partners")),
        "budget": fields.get("budget"),
        "start": fields.get("start"),
        "end": fields.get("end"),
        "goal": fields.get("goal"),
        "status": fields.get("status") or ActionStatus.GEPLAND,
        **begroting_values(fields),
    }
    if not values["title"]:
        raise ValidationError({"title": "Beschrijf de actie."})
    if not values["owner"]:
        raise ValidationError({"owner": "Wie trekt deze actie?"})
    if values["year"] is None:
        raise ValidationError({"year": "Geef het jaar van de actie."})
    period_check(project, values["year"], "year", "Jaar")
    if values["budget"] is not None and values["budget"] < 0:
        raise ValidationError({"budget": "Het budget is 0 of meer."})
    if values["start"] and values["end"] and values["end"] < values["start"]:
        raise ValidationError({"end": "De actie is gereed op of na de startdatum."})
    if values["goal"] is not None and values["goal"].project_id != project.pk:
        raise ValidationError({"goal": "Kies een doel van dit project."})
    if values["status"] not in ActionStatus.values:
        raise ValidationError({"status": "Kies een status uit de lijst."})
    return values


def begroting_values(fields: dict[str, Any]) -> dict[str, Any]:
    """Where a goal or action sits in the begroting: the programme's name as the gemeente
    calls it and the BBV taakveld (1.1 or 1.2); both may stay empty."""
    values = {
        "begroting_programma": stripped(fields.get("begroting_programma")),
        "taakveld": fields.get("taakveld") or "",
    }
    if len(values["begroting_programma"]) > 150:
        raise ValidationError(
            {"begroting_programma": "Houd de naam van het begrotingsprogramma onder 150 tekens."}
        )
    if values["taakveld"] and values["taakveld"] not in Taakveld.values:
        raise ValidationError({"taakveld": "Kies taakveld 1.1 of 1.2, of laat het leeg."})
    return values


def goal_budget_values(budget, funding: str | None) -> dict[str, Any]:
    """A goal's budget per year (whole euro, 0 or more) and its dekking."""
    funding = stripped(funding)
    if budget is not None:
        if budget < 0:
            raise ValidationError({"budget": "Het budget is 0 of meer."})
        if budget != int(budget):
            raise ValidationError({"budget": "Geef het budget in hele euro's."})
        if budget >= 10**12:
            raise ValidationError({"budget": "Dit bedrag is te groot."})
    if len(funding) > 200:
        raise ValidationError({"funding": "Beschrijf de dekking in hooguit 200 tekens."})
    return {"budget": budget, "funding": funding}


def bovenlokaal_values(fields: dict[str, Any]) -> dict[str, Any]:
    """A bovenlokale prioriteit: its level, a name, and always its source."""
    values = {
        "niveau": fields.get("niveau") or "",
        "title": stripped(fields.get("title")),
        "description": stripped(fields.get("description")),
        "source": stripped(fields.get("source")),
    }
    if values["niveau"] not in BovenlokaalNiveau.values:
        raise ValidationError({"niveau": "Kies van welk niveau deze prioriteit komt."})
    if not values["title"]:
        raise ValidationError({"title": "Geef de prioriteit een naam."})
    if len(values["title"]) > 200:
        raise ValidationError({"title": "Houd de naam van de prioriteit onder 200 tekens."})
    if not values["source"]:
        raise ValidationError(
            {
                "source": "Geef de bron van deze prioriteit, bijvoorbeeld ‘Regionaal "
                "beleidsplan 2023-2026’: de raad moet kunnen nagaan waar zij vandaan komt."
            }
        )
    if len(values["source"]) > 300:
        raise ValidationError({"source": "Houd de bron onder 300 tekens."})
    return values
