"""URLs of the survey figures; included by analysis/urls.py under the "analysis" namespace."""

from django.urls import path

from . import (
    area_link_views,
    area_views,
    bbv_views,
    edition_views,
    mapping_views,
    plan_area_views,
    privacy_views,
    views,
)

_base = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/cijfers/"

urlpatterns = [
    path(_base, views.overview, name="overview"),
    path(_base + "edities/", edition_views.editions_choose, name="editions_choose"),
    path(_base + "importeren/", views.import_new, name="import_new"),
    path(_base + "importeren/<uuid:run_uuid>/", views.import_detail, name="import_detail"),
    path(
        _base + "importeren/<uuid:run_uuid>/koppelen/", views.import_mapping, name="import_mapping"
    ),
    path(
        _base + "importeren/<uuid:run_uuid>/koppelen/antwoorden/<slug:prefix>/",
        mapping_views.mapping_answers,
        name="mapping_answers",
    ),
    path(
        _base + "importeren/<uuid:run_uuid>/koppelen/antwoorden/",
        mapping_views.mapping_answers_show,
        name="mapping_answers_show",
    ),
    path(_base + "importeren/<uuid:run_uuid>/signaal/", views.import_flag, name="import_flag"),
    path(_base + "importeren/<uuid:run_uuid>/opslaan/", views.import_store, name="import_store"),
    path(_base + "importeren/<uuid:run_uuid>/terug/", views.import_back, name="import_back"),
    path(
        _base + "importeren/<uuid:run_uuid>/bestand-verwijderen/",
        privacy_views.import_file_delete,
        name="import_file_delete",
    ),
    path(_base + "thema/<str:theme_code>/", views.theme, name="theme"),
    path(_base + "indicator/<slug:code>/", views.indicator, name="indicator"),
    path(_base + "export.<str:fmt>", views.export, name="export"),
    path(_base + "drempels/", views.thresholds, name="thresholds"),
    path(_base + "vergelijking/", views.comparables, name="comparables"),
    path(_base + "wijkkaart/", views.wijkmap, name="wijkmap"),
    path(_base + "politiecijfers/", views.crime, name="crime"),
    path(_base + "plangebied/", plan_area_views.plan_area, name="plan_area"),
    path(_base + "inwoners/", views.inhabitants, name="inhabitants"),
    path(_base + "gebieden/", area_views.own_areas, name="own_areas"),
    path(_base + "gebieden/herberekenen/", area_views.own_area_figures, name="own_area_figures"),
    path(_base + "gebieden/<str:code>/", area_views.own_area_edit, name="own_area_edit"),
    path(
        _base + "gebieden/<str:code>/verwijderen/",
        area_views.own_area_delete,
        name="own_area_delete",
    ),
    path(_base + "bbv-cijfers/", bbv_views.bbv_upload, name="bbv_upload"),
    path(_base + "wijkindeling/", area_link_views.area_links, name="area_links"),
    path(
        _base + "wijkindeling/verwijderen/",
        area_link_views.area_link_delete,
        name="area_link_delete",
    ),
]
