"""Police counts, areas and goals built by hand for the goal tests (no file import)."""

from analysis.figures.constants import AreaKind
from analysis.models import AnalysisTheme, Area, AreaLink, CrimeCount, ImportRun
from analysis.narrative import services as va_services
from kernbeleid.constants import GoalSource
from kernbeleid.models import Goal

WONING = "1.1.1"  # Diefstal/inbraak woning


class PoliceFigures:
    def __init__(self, project, *, inhabitants=40_000):
        self.project = project
        gemeente = project.gemeente
        self.gemeente_area, _ = Area.objects.get_or_create(
            gemeente=gemeente,
            code=gemeente.cbs_code,
            defaults={"name": gemeente.name, "kind": AreaKind.GEMEENTE},
        )
        self.gemeente_area.inhabitants = inhabitants
        self.gemeente_area.save()
        self.run = ImportRun.objects.create(
            project=project, kind="crime", status="done", original_name="47018NED.csv"
        )

    def wijk(self, code, name, inhabitants, *, indeling_year=None) -> Area:
        return Area.objects.create(
            gemeente=self.project.gemeente,
            code=code,
            name=name,
            kind=AreaKind.WIJK,
            inhabitants=inhabitants,
            indeling_year=indeling_year,
        )

    def count(self, year, count, *, area=None, code=WONING):
        return CrimeCount.objects.create(
            gemeente=self.project.gemeente,
            area=area or self.gemeente_area,
            year=year,
            crime_code=code,
            crime_label="Diefstal/inbraak woning",
            count=count,
            import_run=self.run,
        )

    def link(self, old, new, kind=AreaLink.Kind.SAME):
        return AreaLink.objects.create(
            gemeente=self.project.gemeente, old_area=old, new_area=new, kind=kind
        )


def theme_of(project):
    va_services.analysis_ensure(project=project)
    return AnalysisTheme.objects.filter(field__project=project).order_by("id").first()


def police_goal(project, **values) -> Goal:
    defaults = {
        "source_kind": GoalSource.POLICE,
        "crime_code": WONING,
        "baseline_year": 2023,
        "target_value": 2.0,
        "target_year": 2030,
        "description": "Minder woninginbraken",
    }
    return Goal.objects.create(project=project, theme=theme_of(project), **(defaults | values))
