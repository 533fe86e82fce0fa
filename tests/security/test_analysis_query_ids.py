"""Ids read from the query string (and the wijk code in a path) of the analysis pages: a
malformed value gets the Dutch "niet gevonden" page (404), never an error page (500), and
changes nothing.

The values are what a curious or hostile visitor types: not a number, digits that Python's
int() accepts but are no year (superscripts, Arabic-Indic digits, underscores, spaces), a
number too large for the database, markup, SQL and a NUL byte (which PostgreSQL refuses in a
string, so it must never reach a query).
"""

import pytest
from django.urls import reverse

from analysis.figures.services import survey_import_now
from analysis.models import AnalysisTheme, ImportRun
from analysis.narrative import services as va_services
from projects.models import AuditEntry
from tests.analysis.conftest import MAPPING, csv_upload

NOT_FOUND = "Deze pagina bestaat niet"

MALFORMED = [
    "notauuid",
    "abc",
    "<script>alert(1)</script>",
    "²",
    "١٢",
    "2_023",
    " 2023",
    "-1",
    "1e3",
    "9" * 30,
    "\x00",
    "2023\x00",
    "'; DROP TABLE analysis_area; --",
    "../../etc/passwd",
    "x" * 3000,
]

# (view, its path arguments, the query parameter) for every analysis view that reads an id
# from the query string.
QUERY_IDS = [
    ("theme", {"theme_code": "1.4"}, "gebied"),
    ("indicator", {"code": "voelt_zich_weleens_onveilig"}, "editie"),
    ("export", {"fmt": "csv"}, "editie"),
    ("export", {"fmt": "xlsx"}, "editie"),
    ("export", {"fmt": "csv"}, "indicator"),
    ("export", {"fmt": "csv"}, "thema"),
    ("va_history", {"theme_uuid": "THEME"}, "versie"),
]


@pytest.fixture
def imported(world):
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    survey_import_now(actor=None, project=project, upload=csv_upload(), year=2023, mapping=MAPPING)
    va_services.analysis_ensure(project=project)
    return project


def page_url(world, view, kwargs):
    theme = AnalysisTheme.objects.get(field__project=world.project, code="1.4")
    kwargs = {key: theme.uuid if value == "THEME" else value for key, value in kwargs.items()}
    return reverse(
        f"analysis:{view}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


@pytest.mark.parametrize(("view", "kwargs", "parameter"), QUERY_IDS)
def test_a_malformed_query_id_is_not_found(imported, world, subtests, view, kwargs, parameter):
    client = world.client("adviseur")
    target = page_url(world, view, kwargs)
    assert client.get(target).status_code == 200  # the page itself works
    audit_before = AuditEntry.objects.count()
    for value in MALFORMED:
        with subtests.test(value=value[:20]):
            response = client.get(target, {parameter: value})
            assert response.status_code == 404
            assert NOT_FOUND in response.content.decode()
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(
    ("view", "kwargs", "parameter", "good"),
    [
        ("theme", {"theme_code": "1.4"}, "gebied", "WK036301"),
        ("indicator", {"code": "voelt_zich_weleens_onveilig"}, "editie", "2023"),
        ("export", {"fmt": "csv"}, "editie", "2023"),
        ("export", {"fmt": "csv"}, "indicator", "voelt_zich_weleens_onveilig"),
        ("export", {"fmt": "csv"}, "thema", "1.4"),
    ],
)
def test_a_wellformed_query_id_still_works(imported, world, view, kwargs, parameter, good):
    response = world.client("adviseur").get(page_url(world, view, kwargs), {parameter: good})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("view", "kwargs", "parameter", "unknown"),
    [
        ("theme", {"theme_code": "1.4"}, "gebied", "WK059900"),  # another gemeente's wijk
        ("indicator", {"code": "voelt_zich_weleens_onveilig"}, "editie", "2019"),
        ("export", {"fmt": "csv"}, "indicator", "bestaat_niet"),
        ("va_history", {"theme_uuid": "THEME"}, "versie", "99"),
    ],
)
def test_an_unknown_query_id_is_not_found(imported, world, view, kwargs, parameter, unknown):
    """Not silently another edition, area or version than the one asked for."""
    response = world.client("adviseur").get(page_url(world, view, kwargs), {parameter: unknown})
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()


def test_a_malformed_wijk_code_in_the_path_is_not_found(imported, world, subtests):
    target = reverse(
        "analysis:va_wijk",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "code": "WK036301",
        },
    )
    client = world.client("adviseur")
    for value in ["%00", "WK%00", "%3Cscript%3E", "x" * 3000]:
        with subtests.test(value=value[:20]):
            response = client.get(target.replace("WK036301", value))
            assert response.status_code == 404
            assert NOT_FOUND in response.content.decode()


@pytest.mark.parametrize("parameter", ["pagina", "zoek"])
def test_the_mapping_page_takes_any_search_or_page_value(world, subtests, parameter):
    """The variable list's page number and search text are no ids: a bad page number shows the
    nearest page, any search text is searched for; never an error page."""
    run = ImportRun.objects.create(
        project=world.project,
        kind="survey",
        original_name="vm.sav",
        year=2023,
        status="mapping",
        variables=[{"name": f"v{number}", "label": f"vraag {number}"} for number in range(900)],
    )
    target = reverse(
        "analysis:import_detail",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "run_uuid": run.uuid,
        },
    )
    client = world.client("ambtenaar")
    for value in MALFORMED:
        with subtests.test(value=value[:20]):
            response = client.get(target, {parameter: value})
            assert response.status_code == 200
            assert "Koppeling gebruiken en berekenen" in response.content.decode()
            # The same value from the form's search box or page buttons.
            turned = client.post(target + "koppelen/", {parameter: value, "navigeer": "zoeken"})
            assert turned.status_code == 302
            assert client.get(turned["Location"]).status_code == 200
    run.refresh_from_db()
    assert run.status == "mapping" and not run.project.editions.exists()
