"""Partner pages and the editors' partner tools; included from kernbeleid/urls.py."""

from django.urls import path

from . import views

_base = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/traject/"
_mine = _base + "mijn-inbreng/"

urlpatterns = [
    path(_mine, views.partner_home, name="partner_home"),
    path(_mine + "thema/<uuid:theme_uuid>/", views.partner_theme_input, name="partner_theme"),
    path(
        _mine + "beleidsvraag/<uuid:question_uuid>/",
        views.partner_beleidsvraag,
        name="partner_beleidsvraag",
    ),
    path(
        _mine + "draagvlak/<uuid:version_uuid>/",
        views.partner_draagvlak,
        name="partner_draagvlak",
    ),
    path(
        _base + "werkgroep/<uuid:member_uuid>/account/",
        views.werkgroep_account,
        name="werkgroep_account",
    ),
    path(
        _base + "werkgroep/account/<uuid:membership_uuid>/toevoegen/",
        views.werkgroep_from_account,
        name="werkgroep_from_account",
    ),
    path(
        _base + "beleidsvragen/<uuid:question_uuid>/voorleggen/",
        views.beleidsvraag_assign,
        name="beleidsvraag_assign",
    ),
]
