"""The analysis app's URLs: the figures and the veiligheidsanalyse, one namespace."""

from django.urls import include, path

app_name = "analysis"

urlpatterns = [
    path("", include("analysis.narrative.urls")),
    path("", include("analysis.figures.urls")),
]
