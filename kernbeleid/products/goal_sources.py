"""What a goal is measured on: the rules for its source and area, and the baseline a goal
takes from its own source when the user leaves it empty (step 7, used again in step 12).

A Veiligheidsmonitor goal names an indicator, a police goal a 47018NED crime code, a BBV goal
a BBV beleidsindicator and an own-registration goal a series of the gemeente. A goal is for
the gemeente as a whole or for one of its wijken or own areas; BBV figures are published for
the gemeente only, and an own series counts one area, so its goal is for that area.
"""

from django.core.exceptions import ValidationError

from analysis.figures.constants import OWN_AREA_KINDS, AreaKind, Source, Unit
from analysis.figures.statline import CRIME_LABELS
from analysis.models import Area, Indicator
from projects.models import Project

from ..constants import GoalSource

AREA_KINDS = (AreaKind.WIJK, *OWN_AREA_KINDS)


def goal_areas(project: Project):
    return Area.objects.filter(gemeente=project.gemeente, kind__in=AREA_KINDS).order_by(
        "kind", "name"
    )


def bbv_indicators():
    return Indicator.objects.filter(gemeente=None, source=Source.BBV).order_by("name")


def own_series_of(project: Project):
    from ..cycle.models import OwnSeries

    return OwnSeries.objects.filter(gemeente=project.gemeente).select_related("area")


def source_check(
    project: Project,
    *,
    source_kind: str,
    indicator: Indicator | None,
    crime_code: str,
    bbv_indicator: Indicator | None,
    own_series,
    area: Area | None,
) -> dict:
    """The goal's source fields, cleaned: only those of its source kind are kept. A refusal
    names the field in Dutch."""
    if source_kind not in GoalSource.values:
        raise ValidationError({"source_kind": "Kies waarop het doel wordt gemeten."})
    if area is not None and not goal_areas(project).filter(pk=area.pk).exists():
        raise ValidationError({"area": "Kies een wijk of eigen gebied van deze gemeente."})
    values = {
        "source_kind": source_kind,
        "indicator": None,
        "crime_code": "",
        "own_series": None,
        "area": area,
    }
    if source_kind == GoalSource.VM:
        values["indicator"] = indicator
    elif source_kind == GoalSource.POLICE:
        if not crime_code:
            raise ValidationError({"crime_code": "Kies de soort misdrijf uit de politiecijfers."})
        if crime_code not in CRIME_LABELS:
            raise ValidationError({"crime_code": "Deze soort misdrijf kent CBS 47018NED niet."})
        values["crime_code"] = crime_code
    elif source_kind == GoalSource.BBV:
        if bbv_indicator is None:
            raise ValidationError({"bbv_indicator": "Kies de BBV-beleidsindicator."})
        if not bbv_indicators().filter(pk=bbv_indicator.pk).exists():
            raise ValidationError({"bbv_indicator": "Kies een BBV-beleidsindicator."})
        if area is not None:
            raise ValidationError(
                {
                    "area": "BBV-beleidsindicatoren worden alleen voor de gemeente als geheel "
                    "gepubliceerd; kies voor een wijk de politiecijfers."
                }
            )
        values["indicator"] = bbv_indicator
    else:
        if own_series is None:
            raise ValidationError({"own_series": "Kies de eigen registratie."})
        if own_series.gemeente_id != project.gemeente_id:
            raise ValidationError({"own_series": "Kies een registratie van deze gemeente."})
        if own_series.area_id != (area.pk if area else None):
            where = own_series.area.name if own_series.area_id else "de gemeente als geheel"
            raise ValidationError(
                {
                    "area": f"De registratie ‘{own_series.name}’ telt voor {where}; kies dat "
                    "gebied voor het doel."
                }
            )
        values["own_series"] = own_series
    return values


def measure_unit(goal) -> str:
    """The unit of the goal's figures ("" when it has no measure)."""
    if goal.source_kind == GoalSource.POLICE and goal.crime_code:
        return Unit.PER_1000
    if goal.source_kind == GoalSource.OWN and goal.own_series_id:
        return goal.own_series.unit
    return goal.indicator.unit if goal.indicator_id else ""


def measure_name(goal) -> str:
    """What the goal is measured on, for tables of goals: "Diefstal/inbraak woning per 1.000
    inwoners (politie)", with the area when the goal is for one ("–" without a measure)."""
    if goal.source_kind == GoalSource.POLICE and goal.crime_code:
        name = f"{CRIME_LABELS.get(goal.crime_code, goal.crime_code)} per 1.000 inwoners (politie)"
    elif goal.source_kind == GoalSource.OWN and goal.own_series_id:
        name = f"{goal.own_series.name} (eigen registratie)"
    elif goal.indicator_id:
        name = goal.indicator.name
    else:
        return "–"
    return f"{name}, {goal.area.name}" if goal.area_id else name


def measured(values: dict) -> bool:
    return bool(values["indicator"] or values["crime_code"] or values["own_series"])


def baseline_from_series(project: Project, values: dict) -> tuple[float, int]:
    """The latest figure of the goal's own series (its area, its source)."""
    from ..cycle.goal_series import goal_series
    from .models import Goal

    series = goal_series(Goal(project=project, **values), project)
    latest = [o for o in (series.observations if series else []) if o.value is not None]
    if not latest:
        raise ValidationError(
            {
                "baseline_value": "Er is nog geen cijfer van deze bron voor dit gebied. Vul de "
                "nulmeting zelf in."
            }
        )
    return latest[-1].value, latest[-1].year
