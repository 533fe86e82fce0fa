"""The traject page: timeline, moves, raad decisions, planning (app "kernbeleid")."""

from django.urls import path

from . import views

_base = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/traject/"

urlpatterns = [
    path(_base, views.timeline, name="timeline"),
    path(_base + "volgende-stap/", views.advance, name="advance"),
    path(_base + "terug/", views.send_back, name="send_back"),
    path(_base + "raadsbesluit/", views.decision_record, name="decision_record"),
    path(
        _base + "raadsbesluit/<uuid:decision_uuid>/document/",
        views.decision_document,
        name="decision_document",
    ),
    path(_base + "motie/", views.motie_add, name="motie_add"),
    path(_base + "motie/<uuid:motie_uuid>/afgehandeld/", views.motie_done, name="motie_done"),
    path(_base + "planning/", views.planning, name="planning"),
    path(_base + "lichte-route/", views.light_route, name="light_route"),
]
