"""Step 12, the yearly cycle: goals against the figures, yearly progress, and deadlines."""

from django.urls import path

from . import views

_cycle = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/jaarcyclus/"

urlpatterns = [
    path(_cycle + "doelen/", views.goals, name="goals"),
    path(_cycle + "voortgang/", views.progress, name="progress"),
    # Across every gemeente the user can reach, so not under /g/<gemeente>/.
    path("deadlines/", views.deadlines, name="deadlines"),
]
