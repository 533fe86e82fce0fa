"""Step 12, the yearly cycle: goals against the figures, yearly progress, and deadlines."""

from django.urls import path

from . import cycle_views

_cycle = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/jaarcyclus/"

urlpatterns = [
    path(_cycle + "doelen/", cycle_views.goals, name="goals"),
    path(_cycle + "voortgang/", cycle_views.progress, name="progress"),
    # Across every gemeente the user can reach, so not under /g/<gemeente>/.
    path("deadlines/", cycle_views.deadlines, name="deadlines"),
]
