"""The app's own Dutch error pages, as `make run` (DEBUG off) and production show them."""

from django.test import Client, override_settings
from django.urls import path


def _broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("stuk/", _broken_view)]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_server_error_shows_the_apps_own_dutch_page(db):
    response = Client(raise_request_exception=False).get("/stuk/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1" in page and "Er ging iets mis" in page
    assert "/static/css/app" in page  # looks like the app, not a bare page
    assert "RuntimeError" not in page and "Traceback" not in page


def test_an_unknown_page_shows_the_apps_own_dutch_404(client, db):
    response = client.get("/dit-adres-bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()
