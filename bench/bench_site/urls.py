"""The product's URLs plus the floor: a bare view, no database, no template."""

from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("__floor__", floor, name="bench_floor"),
    path("", include("config.urls")),
]
