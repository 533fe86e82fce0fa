"""The raad's controle of the uitvoeringsprogramma, per programme year (app "kernbeleid")."""

from django.urls import path

from . import controle_views as views

_base = "g/<slug:gemeente_slug>/p/<uuid:project_uuid>/traject/controle/"
_year = _base + "<int:year>/"

urlpatterns = [
    path(_base, views.overview, name="controle"),
    path(_year, views.year_detail, name="controle_year"),
    path(_year + "kennisname/", views.kennisname, name="controle_kennisname"),
    path(_year + "vragen/", views.vraag_add, name="controle_vraag_add"),
    path(_year + "vragen/antwoord/", views.vraag_answer, name="controle_vraag_answer"),
    path(_year + "moties/", views.motie_add, name="controle_motie_add"),
    path(_year + "collegebesluit/", views.besluit_edit, name="controle_besluit_edit"),
    path(_year + "collegebesluit/document/", views.besluit_document, name="controle_document"),
]
