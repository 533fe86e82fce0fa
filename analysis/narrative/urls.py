"""URLs of the veiligheidsanalyse; included by analysis/urls.py under the "analysis" namespace."""

from django.urls import path

from . import views

_va = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/analyse/"

urlpatterns = [
    path(_va, views.overview, name="va_overview"),
    path(_va + "structuur/", views.structure, name="va_structure"),
    path(_va + "veld/<uuid:field_uuid>/status/", views.field_status, name="va_field_status"),
    path(_va + "thema/<uuid:theme_uuid>/", views.theme, name="va_theme"),
    path(_va + "thema/<uuid:theme_uuid>/opslaan/", views.theme_save, name="va_theme_save"),
    path(_va + "thema/<uuid:theme_uuid>/geschiedenis/", views.history, name="va_history"),
    path(_va + "thema/<uuid:theme_uuid>/herstellen/", views.restore, name="va_restore"),
    path(_va + "prioriteiten/", views.priorities, name="va_priorities"),
    path(_va + "prioriteiten/weging/", views.weights, name="va_weights"),
    path(_va + "wijk/<str:code>/", views.wijkprofiel, name="va_wijk"),
]
