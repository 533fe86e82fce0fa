from django.urls import path

from . import joint_views, platform_views, privacy_views, views

app_name = "projects"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", privacy_views.privacy, name="privacy"),
    path(
        "g/<slug:gemeente_slug>/privacy/", privacy_views.gemeente_privacy, name="gemeente_privacy"
    ),
    path("platform/gemeenten/", platform_views.gemeenten, name="platform_gemeenten"),
    path(
        "platform/gemeenten/<str:cbs_code>/beeindigen/",
        platform_views.gemeente_end,
        name="platform_gemeente_end",
    ),
    path(
        "platform/exports/<str:cbs_code>/<str:name>/",
        platform_views.export_download,
        name="platform_export_download",
    ),
    path(
        "platform/exports/<str:cbs_code>/<str:name>/verwijderen/",
        platform_views.export_delete,
        name="platform_export_delete",
    ),
    path("g/<slug:gemeente_slug>/", views.gemeente_home, name="gemeente_home"),
    path("g/<slug:gemeente_slug>/instellingen/", views.gemeente_settings, name="gemeente_settings"),
    path("g/<slug:gemeente_slug>/logo/", views.gemeente_logo, name="gemeente_logo"),
    path("g/<slug:gemeente_slug>/leden/", views.gemeente_members, name="gemeente_members"),
    path(
        "g/<slug:gemeente_slug>/leden/<uuid:membership_uuid>/verwijderen/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "g/<slug:gemeente_slug>/leden/<uuid:membership_uuid>/einde-toegang/",
        views.member_end,
        name="member_end",
    ),
    path("g/<slug:gemeente_slug>/projecten/nieuw/", views.project_create, name="project_create"),
    path("g/<slug:gemeente_slug>/p/<uuid:project_uuid>/", views.project_home, name="project_home"),
    path(
        "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/bewerken/",
        views.project_edit,
        name="project_edit",
    ),
    path(
        "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/gemeenten/",
        joint_views.project_gemeenten,
        name="project_gemeenten",
    ),
    path(
        "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/gemeenten/<uuid:participant_uuid>/intrekken/",
        joint_views.participant_withdraw,
        name="participant_withdraw",
    ),
    path(
        "g/<slug:gemeente_slug>/deelname/<uuid:participant_uuid>/aannemen/",
        joint_views.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "g/<slug:gemeente_slug>/deelname/<uuid:participant_uuid>/afwijzen/",
        joint_views.invitation_decline,
        name="invitation_decline",
    ),
    path(
        "g/<slug:gemeente_slug>/deelname/<uuid:participant_uuid>/stoppen/",
        joint_views.participation_leave,
        name="participation_leave",
    ),
    path(
        "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/auditlog/",
        views.project_audit,
        name="project_audit",
    ),
]
