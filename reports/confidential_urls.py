"""URLs of the page "Vertrouwelijke onderdelen"; included from reports/urls.py."""

from django.urls import path

from . import confidential_views as views

_base = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/vertrouwelijk/"

urlpatterns = [
    path(_base, views.parts, name="confidential"),
    path(_base + "markeren/", views.mark, name="confidential_mark"),
    path(_base + "opheffen/", views.clear, name="confidential_clear"),
]
