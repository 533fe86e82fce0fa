"""No page's query count grows with the data: the heaviest pages make at most the same number of
queries for one gemeente with one edition as for a bureau with four gemeenten, three editions,
texts in more themes and more report versions. A count that grows with the data (a query per
row: N+1) fails at the large size."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis.figures.services import survey_import_now
from analysis.models import AnalysisTheme, WijkMap
from analysis.narrative.services import theme_save
from projects.models import Bureau
from reports.models import Publication
from tests.analysis.conftest import MAPPING, csv_upload
from tests.factories import ProjectFactory, gemeente
from tests.reports.publication_helpers import stored_version

# The most queries each page may make, at either size: what it makes at the small one
# (PostgreSQL and SQLite alike), so one query per row more fails at the large one.
MAX_QUERIES = {
    "portfolio": 15,
    "gemeente_home": 7,  # 6, and an editor's open invitations to joint plans (issue 19)
    "project_home": 20,
    "cijfers": 19,
    "theme": 12,
    "indicator_with_map": 16,
    "wijkprofiel": 24,
    "analysis_editor": 21,
    "analysis_overview": 10,
    "timeline": 16,
    "report_versions": 13,
    "report_version": 16,
}

# world.other (GM0034) is another bureau's gemeente.
OTHER_GEMEENTEN = ("GM0599", "GM0344", "GM0014")
THEME_CODES = ("1.1", "1.2", "1.3", "1.4", "2.1")


def _square(x: float) -> list:
    return [
        [[4.8 + x, 52.3], [4.85 + x, 52.3], [4.85 + x, 52.35], [4.8 + x, 52.35], [4.8 + x, 52.3]]
    ]


def _wijk_map(gemeente_) -> None:
    features = [
        {
            "type": "Feature",
            "properties": {"wijkcode": code, "wijknaam": name},
            "geometry": {"type": "Polygon", "coordinates": _square(offset)},
        }
        for code, name, offset in (("WK036300", "Burgwallen", 0), ("WK036301", "Gracht", 0.05))
    ]
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    WijkMap.objects.create(
        gemeente=gemeente_,
        file=SimpleUploadedFile("wijken.geojson", data),
        code_property="wijkcode",
        name_property="wijknaam",
    )


def _build(world, large: bool) -> dict:
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    years = (2019, 2021, 2023) if large else (2023,)
    for year in years:
        survey_import_now(
            actor=None, project=project, upload=csv_upload(), year=year, mapping=MAPPING
        )
    _wijk_map(world.gemeente)
    themes = THEME_CODES if large else THEME_CODES[:1]
    for code in themes:
        theme_save(
            actor=world.users["ambtenaar"],
            theme=AnalysisTheme.objects.get(field__project=project, code=code),
            base_version=1,
            texts={"knelpunten": f"<p>Knelpunt in thema {code}</p>"},
        )
    versions = [
        stored_version(project, document=document, minor=minor)
        for document in (("analyse", "kadernota") if large else ("analyse",))
        for minor in ((1, 2, 3) if large else (1,))
    ]
    Publication.objects.create(version=versions[-1], audience="raad", purpose="informatie", step=3)
    # The bureau serves two gemeenten (its portfolio page), or four with more projects.
    bureau = Bureau.objects.get(memberships__user=world.users["adviseur"])
    for code in OTHER_GEMEENTEN if large else OTHER_GEMEENTEN[:1]:
        other = gemeente(code)
        bureau.gemeenten.add(other)
        ProjectFactory(gemeente=other)
        if large:
            ProjectFactory(gemeente=other, current_step=3)
    if large:
        ProjectFactory(gemeente=world.gemeente)
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
    editor_theme = AnalysisTheme.objects.get(field__project=project, code=THEME_CODES[0])
    return {
        "portfolio": reverse("projects:home"),
        "gemeente_home": reverse("projects:gemeente_home", args=[world.gemeente.slug]),
        "project_home": reverse("projects:project_home", kwargs=base),
        "cijfers": reverse("analysis:overview", kwargs=base),
        "theme": reverse("analysis:theme", kwargs=base | {"theme_code": "1.1"}),
        "indicator_with_map": reverse(
            "analysis:indicator", kwargs=base | {"code": "voelt_zich_weleens_onveilig"}
        ),
        "wijkprofiel": reverse("analysis:va_wijk", kwargs=base | {"code": "WK036300"}),
        "analysis_editor": reverse(
            "analysis:va_theme", kwargs=base | {"theme_uuid": editor_theme.uuid}
        ),
        "analysis_overview": reverse("analysis:va_overview", kwargs=base),
        "timeline": reverse("kernbeleid:timeline", kwargs=base),
        "report_versions": reverse("reports:overview", kwargs=base),
        "report_version": reverse(
            "reports:version", kwargs=base | {"version_uuid": versions[-1].uuid}
        ),
    }


# What a raadslid opens (the figures and the analysis are the editors' until published).
RAADSLID_PAGES = ("gemeente_home", "project_home", "report_versions", "report_version")


@pytest.mark.parametrize("large", [False, True], ids=["small", "large"])
def test_the_heaviest_pages_make_no_more_queries_for_more_data(
    world, django_assert_max_num_queries, large
):
    pages = _build(world, large)
    for persona in ("adviseur", "ambtenaar", "raadslid"):
        client = world.client(persona)
        for name, url in pages.items():
            if persona == "raadslid" and name not in RAADSLID_PAGES:
                continue
            if persona != "adviseur" and name == "portfolio":
                continue  # the bureau's page
            client.get(url)  # the first request fills the per-process caches
            with django_assert_max_num_queries(MAX_QUERIES[name]):
                response = client.get(url)
            assert response.status_code == 200, (persona, name, response.status_code)
