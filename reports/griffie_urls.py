"""URL of the griffie bundle; included from reports/urls.py (namespace "reports")."""

from django.urls import path

from . import griffie_views as views

_version = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/rapporten/versie/<uuid:version_uuid>/"

urlpatterns = [
    path(_version + "griffiebundel/", views.griffie_bundle_download, name="griffie_bundle"),
]
