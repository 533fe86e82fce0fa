"""The app's URLs, all in the namespace "kernbeleid", from its three parts."""

from django.urls import include, path

app_name = "kernbeleid"

urlpatterns = [
    path("", include("kernbeleid.workflow.urls")),
    path("", include("kernbeleid.workflow.controle_urls")),
    path("", include("kernbeleid.products.urls")),
    path("", include("kernbeleid.cycle.urls")),
    path("", include("kernbeleid.products.opdracht_urls")),
    path("", include("kernbeleid.partners.urls")),
]
