"""Pages for what each step produces; included from kernbeleid/urls.py (app "kernbeleid")."""

from django.urls import include, path

from . import local_views, views

_base = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/traject/"

urlpatterns = [
    path(_base + "startnotitie/", views.startnotitie, name="startnotitie"),
    path(_base + "werkgroep/", views.werkgroep, name="werkgroep"),
    path(
        _base + "werkgroep/<uuid:member_uuid>/verwijderen/",
        views.werkgroep_remove,
        name="werkgroep_remove",
    ),
    path(
        _base + "werkgroep/<uuid:member_uuid>/terugzetten/",
        views.werkgroep_undo,
        name="werkgroep_undo",
    ),
    path(_base + "bijeenkomsten/", views.meetings, name="meetings"),
    path(_base + "bijeenkomsten/<uuid:meeting_uuid>/", views.meeting_edit, name="meeting_edit"),
    path(_base + "beleidsvragen/", views.beleidsvragen, name="beleidsvragen"),
    path(
        _base + "beleidsvragen/antwoorden/",
        views.beleidsvragen_answer,
        name="beleidsvragen_answer",
    ),
    path(_base + "beleidsvragen/vraag/", views.beleidsvraag_add, name="beleidsvraag_add"),
    path(_base + "kadernota/", views.kadernota, name="kadernota"),
    path(_base + "kadernota/concept/", views.kadernota_draft, name="kadernota_draft"),
    path(
        _base + "kadernota/concept/verwerpen/",
        views.kadernota_draft_discard,
        name="kadernota_draft_discard",
    ),
    path(_base + "kadernota/doelen/", views.goal_add, name="goal_add"),
    path(
        _base + "kadernota/doelen/<uuid:goal_uuid>/verwijderen/",
        views.goal_remove,
        name="goal_remove",
    ),
    path(
        _base + "kadernota/doelen/<uuid:goal_uuid>/budget/",
        views.goal_budget,
        name="goal_budget",
    ),
    path(_base + "kadernota/bovenlokaal/", views.bovenlokaal, name="bovenlokaal"),
    path(
        _base + "kadernota/bovenlokaal/<uuid:prioriteit_uuid>/",
        views.bovenlokaal_edit,
        name="bovenlokaal_edit",
    ),
    path(
        _base + "kadernota/bovenlokaal/<uuid:prioriteit_uuid>/verwijderen/",
        views.bovenlokaal_remove,
        name="bovenlokaal_remove",
    ),
    path(
        _base + "kadernota/bovenlokaal/<uuid:prioriteit_uuid>/omhoog/",
        views.bovenlokaal_move,
        {"direction": "up"},
        name="bovenlokaal_up",
    ),
    path(
        _base + "kadernota/bovenlokaal/<uuid:prioriteit_uuid>/omlaag/",
        views.bovenlokaal_move,
        {"direction": "down"},
        name="bovenlokaal_down",
    ),
    path(
        _base + "lokaal-hoofdstuk/<str:document>/",
        local_views.local_chapter,
        name="local_chapter",
    ),
    path(_base + "draagvlak/", views.draagvlak, name="draagvlak"),
    path(_base + "uitvoeringsprogramma/", views.uitvoeringsprogramma, name="uitvoeringsprogramma"),
    path(
        _base + "uitvoeringsprogramma/<uuid:action_uuid>/",
        views.action_edit,
        name="action_edit",
    ),
    path(
        _base + "uitvoeringsprogramma/<uuid:action_uuid>/voortgang/",
        views.action_progress,
        name="action_progress",
    ),
    path("", include("kernbeleid.products.raadsvoorstel.urls")),
]
