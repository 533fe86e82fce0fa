"""The help pages, for every logged-in user: no gemeente in the URL, as the method and the
roles are the same everywhere."""

from django.urls import path

from . import help_views

app_name = "help"

urlpatterns = [
    path("", help_views.index, name="index"),
    path("methode/", help_views.method, name="method"),
    path("rondleiding/sluiten/", help_views.tour_close, name="tour_close"),
    path("rondleiding/tonen/", help_views.tour_reopen, name="tour_reopen"),
]
