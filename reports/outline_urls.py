"""URLs of the outline agreement; included from reports/urls.py (namespace "reports")."""

from django.urls import path

from . import outline_views as views

_outline = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/rapporten/opzet/<str:document>/"

urlpatterns = [
    path(_outline, views.outline_page, name="outline"),
    path(_outline + "akkoord/", views.outline_agree, name="outline_agree"),
    path(_outline + "wijziging/", views.outline_propose, name="outline_propose"),
]
