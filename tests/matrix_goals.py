"""Permission matrix rows for a goal's own page and the gemeente's own registrations
(kernbeleid.cycle.views): editing roles only; readers 403 (live figures), others 404."""

from tests.matrix_helpers import row, tenant


def _project(world) -> dict:
    return {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}


def _goal(world) -> dict:
    from analysis.models import AnalysisTheme
    from analysis.narrative import services as va_services
    from kernbeleid.models import Goal

    goal = Goal.objects.filter(project=world.project).first()
    if goal is None:
        va_services.analysis_ensure(project=world.project)
        theme = AnalysisTheme.objects.filter(field__project=world.project).first()
        goal = Goal.objects.create(project=world.project, theme=theme, description="Doel")
    return _project(world) | {"goal_uuid": goal.uuid}


def _series(**extra):
    def build(world) -> dict:
        from kernbeleid.models import OwnSeries

        series = OwnSeries.objects.filter(gemeente=world.gemeente).first()
        if series is None:
            series = OwnSeries.objects.create(
                gemeente=world.gemeente, name="Meldingen", source="MOR"
            )
        return _project(world) | {"series_uuid": series.uuid} | extra

    return build


ROWS = {
    "kernbeleid:goal": (_goal, row(tenant(200, 403), tenant(405, 403))),
    # An empty form comes back with its Dutch messages (200); nothing is stored.
    "kernbeleid:own_series_list": (_project, row(tenant(200, 403), tenant(200, 403))),
    "kernbeleid:own_series_detail": (_series(), row(tenant(200, 403), tenant(405, 403))),
    "kernbeleid:own_series_point": (_series(), row(tenant(405, 403), tenant(200, 403))),
    # GET, and a POST without the confirmation: the question (tests/matrix_confirm.py).
    "kernbeleid:own_series_point_remove": (
        _series(year=2024),
        row(tenant(200, 403), tenant(200, 403)),
    ),
    "kernbeleid:own_series_upload": (_series(), row(tenant(405, 403), tenant(200, 403))),
}
