from django.urls import path

from . import va_views, views

app_name = "analysis"

_base = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/cijfers/"

_va = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/analyse/"

urlpatterns = [
    path(_va, va_views.overview, name="va_overview"),
    path(_va + "structuur/", va_views.structure, name="va_structure"),
    path(_va + "veld/<uuid:field_uuid>/status/", va_views.field_status, name="va_field_status"),
    path(_va + "thema/<uuid:theme_uuid>/", va_views.theme, name="va_theme"),
    path(_va + "thema/<uuid:theme_uuid>/opslaan/", va_views.theme_save, name="va_theme_save"),
    path(_va + "thema/<uuid:theme_uuid>/geschiedenis/", va_views.history, name="va_history"),
    path(_va + "thema/<uuid:theme_uuid>/herstellen/", va_views.restore, name="va_restore"),
    path(_va + "prioriteiten/", va_views.priorities, name="va_priorities"),
    path(_va + "prioriteiten/weging/", va_views.weights, name="va_weights"),
    path(_va + "wijk/<str:code>/", va_views.wijkprofiel, name="va_wijk"),
    path(_base, views.overview, name="overview"),
    path(_base + "importeren/", views.import_new, name="import_new"),
    path(_base + "importeren/<uuid:run_uuid>/", views.import_detail, name="import_detail"),
    path(
        _base + "importeren/<uuid:run_uuid>/koppelen/", views.import_mapping, name="import_mapping"
    ),
    path(
        _base + "importeren/<uuid:run_uuid>/bevestigen/",
        views.import_confirm,
        name="import_confirm",
    ),
    path(_base + "thema/<str:theme_code>/", views.theme, name="theme"),
    path(_base + "indicator/<slug:code>/", views.indicator, name="indicator"),
    path(_base + "export.<str:fmt>", views.export, name="export"),
    path(_base + "drempels/", views.thresholds, name="thresholds"),
    path(_base + "vergelijking/", views.comparables, name="comparables"),
    path(_base + "wijkkaart/", views.wijkmap, name="wijkmap"),
    path(_base + "politiecijfers/", views.crime, name="crime"),
    path(_base + "inwoners/", views.inhabitants, name="inhabitants"),
]
