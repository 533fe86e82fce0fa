from django.urls import include, path

from . import begroting_views, views

app_name = "reports"

_base = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/rapporten/"
# The structure page only reads; each change to the structure posts to a URL of its own.
_structure = _base + "structuur/<str:document>/"

urlpatterns = [
    path(_base, views.overview, name="overview"),
    path(_base + "maken/", views.render_new, name="render"),
    path(
        _base + "paragraaf-veiligheid/<int:year>/<slug:variant>/<slug:fmt>/",
        begroting_views.begroting_paragraph,
        name="begroting_paragraph",
    ),
    path(_base + "opmaak/<uuid:run_uuid>/", views.run, name="run"),
    path(_base + "bestand/<uuid:run_uuid>/", views.download, name="download"),
    path(_base + "versie/<uuid:version_uuid>/", views.version, name="version"),
    path(_base + "versie/<uuid:version_uuid>/reactie/", views.comment, name="comment"),
    path(_base + "versie/<uuid:version_uuid>/publiceren/", views.publish, name="publish"),
    path(_base + "versie/<uuid:version_uuid>/vaststellen/", views.finalize, name="finalize"),
    path(_base + "versie/<uuid:version_uuid>/bestanden/", views.final_files, name="final_files"),
    path(_base + "verschillen/", views.diff, name="diff"),
    path(_structure, views.structure, name="structure"),
    path(_structure + "kiezen/", views.structure_choose, name="structure_choose"),
    path(_structure + "kopie/", views.structure_copy, name="structure_copy"),
    path(_structure + "hoofdstuk/", views.section_add, name="section_add"),
    path(_structure + "hoofdstuk/wijzigen/", views.section_update, name="section_update"),
    path(_structure + "hoofdstuk/verplaatsen/", views.section_move, name="section_move"),
    path(_structure + "hoofdstuk/verwijderen/", views.section_remove, name="section_remove"),
    path(
        _structure + "hoofdstuk/<uuid:section_uuid>/terugzetten/",
        views.section_undo,
        name="section_undo",
    ),
    path(_base + "sjabloon/", views.template_upload, name="template"),
    path("", include("reports.outline_urls")),
    path("", include("reports.annex_urls")),
    path("", include("reports.confidential_urls")),
    path("", include("reports.griffie_urls")),
]
