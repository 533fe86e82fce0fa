"""URLs of the besloten bijlage; included from reports/urls.py (namespace "reports")."""

from django.urls import path

from . import annex_views as views

_version = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/rapporten/versie/<uuid:version_uuid>/"
_annex = _version + "besloten-bijlage/"

urlpatterns = [
    path(_annex, views.annex, name="annex"),
    path(_annex + "downloaden/", views.annex_download, name="annex_download"),
]
