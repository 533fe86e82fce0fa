from django.contrib import admin
from django.urls import include, path

from .health import healthz

admin.site.site_header = "Integraal – platformbeheer"
admin.site.site_title = "Integraal beheer"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("account/", include("accounts.urls")),
    path("hulp/", include("accounts.help_urls")),
    path("beheer/", admin.site.urls),
    path("", include("analysis.urls")),
    path("", include("kernbeleid.urls")),
    path("", include("reports.urls")),
    path("", include("projects.urls")),
]
