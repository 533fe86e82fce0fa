"""URLs of the analysis-only commission; included from kernbeleid/urls.py."""

from django.urls import path

from . import opdracht_views as views

_base = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/traject/opdracht/"

urlpatterns = [
    path(_base, views.opdracht, name="opdracht"),
    path(_base + "opleveren/", views.deliver, name="deliver"),
    path(_base + "nazorg-beeindigen/", views.aftercare_end, name="aftercare_end"),
]
