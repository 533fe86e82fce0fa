"""URLs of the veiligheidsanalyse; included by analysis/urls.py under the "analysis" namespace."""

from django.urls import path

from . import participation_views, partner_views, views

_va = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/analyse/"
_field = _va + "structuur/veld/<uuid:field_uuid>/"
_theme = _va + "structuur/thema/<uuid:theme_uuid>/"

urlpatterns = [
    path(_va, views.overview, name="va_overview"),
    path(_va + "structuur/", views.structure, name="va_structure"),
    path(_va + "structuur/veld-toevoegen/", views.field_add, name="va_field_add"),
    path(_field + "thema-toevoegen/", views.theme_add, name="va_theme_add"),
    path(_field + "naam/", views.field_rename, name="va_field_rename"),
    path(_field + "verbergen/", views.field_visibility, {"hidden": True}, name="va_field_hide"),
    path(_field + "tonen/", views.field_visibility, {"hidden": False}, name="va_field_show"),
    path(_theme + "naam/", views.theme_rename, name="va_theme_rename"),
    path(_theme + "uitwerking/", views.theme_coverage, name="va_theme_coverage"),
    path(_va + "status/", views.field_statuses, name="va_field_statuses"),
    path(_va + "veld/<uuid:field_uuid>/status/", views.field_status, name="va_field_status"),
    path(_va + "thema/<uuid:theme_uuid>/", views.theme, name="va_theme"),
    path(_va + "thema/<uuid:theme_uuid>/opslaan/", views.theme_save, name="va_theme_save"),
    path(_va + "thema/<uuid:theme_uuid>/concept/", views.theme_draft, name="va_theme_draft"),
    path(
        _va + "thema/<uuid:theme_uuid>/concept/verwerpen/",
        views.theme_draft_discard,
        name="va_theme_draft_discard",
    ),
    path(_va + "thema/<uuid:theme_uuid>/geschiedenis/", views.history, name="va_history"),
    path(_va + "thema/<uuid:theme_uuid>/herstellen/", views.restore, name="va_restore"),
    path(
        _va + "thema/<uuid:theme_uuid>/inbreng/<uuid:input_uuid>/overnemen/",
        partner_views.adopt,
        name="va_partner_adopt",
    ),
    path(_va + "prioriteiten/", views.priorities, name="va_priorities"),
    path(_va + "prioriteiten/weging/", views.weights, name="va_weights"),
    path(_va + "wijk/<str:code>/", views.wijkprofiel, name="va_wijk"),
    path(_va + "participatie/", participation_views.participatie, name="va_participatie"),
    path(
        _va + "participatie/toevoegen/",
        participation_views.participatie_add,
        name="va_participatie_add",
    ),
    path(
        _va + "participatie/<uuid:participation_uuid>/",
        participation_views.participatie_edit,
        name="va_participatie_edit",
    ),
    path(
        _va + "participatie/<uuid:participation_uuid>/verwijderen/",
        participation_views.participatie_delete,
        name="va_participatie_delete",
    ),
]
