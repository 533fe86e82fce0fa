"""Step 12, the yearly cycle: goals against the figures, yearly progress, and deadlines."""

from django.urls import path

from . import plan_views, views

_cycle = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/jaarcyclus/"

urlpatterns = [
    path(_cycle + "doelen/", views.goals, name="goals"),
    path(_cycle + "doelen/<uuid:goal_uuid>/", views.goal, name="goal"),
    path(_cycle + "voortgang/", views.progress, name="progress"),
    path(_cycle + "jaardocumenten/<int:year>/", views.jaardocumenten, name="jaardocumenten"),
    path(_cycle + "registraties/", views.own_series_list, name="own_series_list"),
    path(
        _cycle + "registraties/<uuid:series_uuid>/",
        views.own_series_detail,
        name="own_series_detail",
    ),
    path(
        _cycle + "registraties/<uuid:series_uuid>/jaar/",
        views.own_series_point,
        name="own_series_point",
    ),
    path(
        _cycle + "registraties/<uuid:series_uuid>/jaar/<int:year>/verwijderen/",
        views.own_series_point_remove,
        name="own_series_point_remove",
    ),
    path(
        _cycle + "registraties/<uuid:series_uuid>/inlezen/",
        views.own_series_upload,
        name="own_series_upload",
    ),
    path(_cycle + "evaluatie-vorige-periode/", plan_views.evaluation, name="evaluation"),
    path(
        _cycle + "evaluatie-vorige-periode/opnieuw/",
        plan_views.evaluation_redraft,
        name="evaluation_redraft",
    ),
    path(_cycle + "actualisatie/", plan_views.actualisatie, name="actualisatie"),
    path(_cycle + "actualisatie/start/", plan_views.actualisatie_start, name="actualisatie_start"),
    path(
        _cycle + "actualisatie/prioriteiten/",
        plan_views.actualisatie_priorities,
        name="actualisatie_priorities",
    ),
    path(
        _cycle + "actualisatie/versie/",
        plan_views.actualisatie_version,
        name="actualisatie_version",
    ),
    path(_cycle + "actualisatie/raad/", plan_views.actualisatie_raad, name="actualisatie_raad"),
    # Across every gemeente the user can reach, so not under /g/<gemeente>/.
    path("deadlines/", views.deadlines, name="deadlines"),
]
