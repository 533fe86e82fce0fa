"""An ambtenaar writes a theme in the editor; a raadslid neither reads the draft nor changes it."""

import pytest
from django.urls import reverse

from analysis.figures.services import survey_import_now
from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from tests.analysis.conftest import MAPPING, csv_upload

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def analysis(world):
    world.project.min_n, world.project.warn_n = 1, 3
    world.project.save()
    va_services.analysis_ensure(project=world.project)
    survey_import_now(
        actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=MAPPING
    )
    return world.project


def va_url(world, name, **kwargs):
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


def test_ambtenaar_writes_a_theme_and_raadslid_cannot(
    world, analysis, live_server, page, browser, screenshot_dir
):
    subject = AnalysisTheme.objects.get(field__project=analysis, code="1.4")
    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(live_server.url + va_url(world, "va_overview"))
    assert_accessible(page, "va-overzicht", screenshot_dir)
    page.get_by_role("link", name="Subjectieve veiligheid (veiligheidsgevoel)").click()
    page.get_by_text("Het verhaal achter de cijfers").wait_for()
    editor = page.locator("trix-editor").first
    editor.click()
    page.keyboard.type("Meer mensen voelen zich onveilig in het centrum.")
    page.get_by_role("button", name="Vet").first.wait_for()  # Dutch toolbar
    assert_accessible(page, "va-thema-bewerken", screenshot_dir)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Het thema is opgeslagen").wait_for()
    subject.refresh_from_db()
    assert "Meer mensen voelen zich onveilig in het centrum." in subject.knelpunten
    assert subject.version == 2
    page.goto(live_server.url + va_url(world, "va_history", theme_uuid=subject.uuid))
    assert_accessible(page, "va-geschiedenis", screenshot_dir)
    page.goto(live_server.url + va_url(world, "va_priorities"))
    assert_accessible(page, "va-prioriteiten", screenshot_dir)
    page.goto(live_server.url + va_url(world, "va_structure"))
    assert_accessible(page, "va-structuur", screenshot_dir)
    page.goto(live_server.url + va_url(world, "va_wijk", code="WK036300"))
    assert_accessible(page, "va-wijkprofiel", screenshot_dir)

    context = browser.new_context(locale="nl-NL")
    reader = context.new_page()
    login(reader, live_server, world.users["raadslid"].email)
    # An unpublished draft: the raadslid gets 403 and does not read it.
    refused = reader.goto(live_server.url + va_url(world, "va_theme", theme_uuid=subject.uuid))
    assert refused.status == 403
    assert "Meer mensen voelen zich onveilig in het centrum." not in reader.content()
    assert_accessible(reader, "va-thema-raadslid-geweigerd", screenshot_dir)
    token = reader.evaluate("document.cookie.match(/csrftoken=([^;]+)/)?.[1] || ''")
    response = reader.request.post(
        live_server.url + va_url(world, "va_theme_save", theme_uuid=subject.uuid),
        form={"version": "2", "knelpunten": "Ingreep van de raad"},
        headers={"X-CSRFToken": token, "Referer": live_server.url},
    )
    assert response.status == 403
    subject.refresh_from_db()
    assert "Ingreep" not in subject.knelpunten
    context.close()
