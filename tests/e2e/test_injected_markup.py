"""In a real browser, with htmx loaded: the payload that made an attacker adviseur of another
gemeente sits in a priority reasoning and in a stored analysis text, and the adviseur opens
the report version and the theme page. No request leaves the page and nothing is hidden."""

import pytest
from django.urls import reverse

from analysis.figures.services import survey_import_now
from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from reports.constants import DocumentKind
from reports.services import version_for
from tests.analysis.conftest import MAPPING, csv_upload

from .test_personas import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def payload(other_slug: str) -> str:
    return (
        f'<div id="aanval" hx-post="/g/{other_slug}/leden/" hx-trigger="load" '
        'hx-vals=\'{"email": "aanvaller@example.nl", "role": "adviseur"}\'>aanval</div>'
        "<style>body *{display:none!important}</style>"
    )


@pytest.fixture
def attacked(world):
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    va_services.analysis_ensure(project=project)
    survey_import_now(actor=None, project=project, upload=csv_upload(), year=2023, mapping=MAPPING)
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    # Straight into the database, as text stored before the sanitiser was fixed would be.
    AnalysisTheme.objects.filter(pk=theme.pk).update(
        proposed_priority=True,
        priority_reasoning=payload(world.other.slug),
        knelpunten=payload(world.other.slug),
    )
    version = version_for(
        actor=world.users["ambtenaar"], project=project, document=DocumentKind.ANALYSE
    )
    return theme, version


def _requests_while_open(page, url: str) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    page.on("request", lambda request: seen.append((request.method, request.url)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # htmx's "load" trigger fires right after processing
    return seen


def test_payload_neither_posts_nor_hides(world, attacked, live_server, page):
    theme, version = attacked
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    login(page, live_server, world.users["adviseur"].email)
    pages = [
        reverse("reports:version", kwargs=base | {"version_uuid": version.uuid}),
        reverse("analysis:va_theme", kwargs=base | {"theme_uuid": theme.uuid}),
    ]
    for path in pages:
        requests = _requests_while_open(page, live_server.url + path)
        assert [r for r in requests if r[0] != "GET" or "/leden/" in r[1]] == []
        assert page.locator("#aanval").count() == 0
        assert page.locator("h1").first.is_visible()
    assert not world.other.memberships.filter(user__email="aanvaller@example.nl").exists()


def test_htmx_still_loads_more_audit_rows(world, live_server, page):
    """The hardening keeps our own htmx working: the audit log's "older rows" link."""
    from projects.services import audit_record

    for index in range(60):
        audit_record(
            actor=world.users["ambtenaar"],
            action=f"regel {index}",
            obj=world.project,
            project=world.project,
        )
    login(page, live_server, world.users["ambtenaar"].email)
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    page.goto(live_server.url + reverse("projects:project_audit", kwargs=base))
    before = page.locator("tbody tr").count()
    page.get_by_text("Oudere regels tonen").click()
    page.locator("tbody tr").nth(before).wait_for()  # (no wait_for_function: CSP bans eval)
    assert page.locator("tbody tr").count() > before
