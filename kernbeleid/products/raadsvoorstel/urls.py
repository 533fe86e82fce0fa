"""Pages of the raadsvoorstel; included from kernbeleid/products/urls.py (app "kernbeleid")."""

from django.urls import path

from . import views

_base = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/traject/raadsvoorstel/"
_occasion = _base + "<str:occasion>/"

urlpatterns = [
    path(_base, views.raadsvoorstel_list, name="raadsvoorstel_list"),
    path(_occasion, views.raadsvoorstel, name="raadsvoorstel"),
    path(_occasion + "opstellen/", views.raadsvoorstel_redraft, name="raadsvoorstel_redraft"),
    path(_occasion + "overnemen/", views.raadsvoorstel_adopt, name="raadsvoorstel_adopt"),
    path(_occasion + "versie/", views.raadsvoorstel_version, name="raadsvoorstel_version"),
]
