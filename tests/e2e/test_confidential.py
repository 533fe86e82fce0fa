"""An ambtenaar marks a theme text vertrouwelijk by keyboard-usable forms, makes a version and
publishes it to the raad: the editor's version page shows the text with its label, the
raadslid's the placeholder. Every page passes axe, at desktop and phone width."""

import pytest
from django.urls import reverse

from analysis.models import AnalysisTheme
from analysis.narrative.services import theme_save
from projects.constants import CONFIDENTIAL_PLACEHOLDER
from reports import services
from reports.constants import Audience

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECRET = "Kwartelkoningaanpak"


def test_mark_a_theme_text_and_read_the_version(
    content, world, live_server, page, phone_page, screenshot_dir
):
    project = content
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    theme_save(
        actor=world.users["ambtenaar"],
        theme=theme,
        base_version=theme.version,
        texts={"knelpunten": "<p>Openbaar</p>", "huidige_aanpak": f"<p>{SECRET}</p>"},
    )
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
    parts_url = live_server.url + reverse("reports:confidential", kwargs=base)

    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(live_server.url + reverse("projects:project_home", kwargs=base))
    page.get_by_role("link", name="Vertrouwelijke onderdelen").click()
    assert page.url.startswith(parts_url)
    assert_accessible(page, "vertrouwelijk-onderdelen", screenshot_dir)
    row = page.locator(f"#deel-thema-{theme.uuid}-huidige_aanpak")
    row.locator("summary").click()
    row.get_by_label("Reden").select_option("overig")
    row.get_by_role("button", name="Vertrouwelijk maken").click()
    # Said at the top of the page (the error summary) and at the field.
    summary = page.locator("[data-error-summary]")
    summary.get_by_text("Licht toe waarom dit onderdeel vertrouwelijk is.").wait_for()
    # The summary's script takes the focus and starts listening in one go: click its link
    # only then (CI once clicked before it listened, and the focus stayed on the page).
    page.wait_for_function(
        "() => document.activeElement.hasAttribute('data-error-summary')", timeout=5000
    )
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.name") == "note"
    assert_accessible(page, "vertrouwelijk-fout", screenshot_dir)
    row = page.locator(f"#deel-thema-{theme.uuid}-huidige_aanpak")
    row.get_by_label("Reden").select_option("ondermijning")
    row.get_by_label("Toelichting").fill("RIEC-beeld")
    row.get_by_role("button", name="Vertrouwelijk maken").click()
    page.get_by_text("Het onderdeel is als vertrouwelijk gemarkeerd.").wait_for()
    assert_accessible(page, "vertrouwelijk-gemarkeerd", screenshot_dir)

    version = services.version_for(
        actor=world.users["ambtenaar"], project=project, document="analyse"
    )
    services.publish(actor=world.users["ambtenaar"], version=version, audience=Audience.RAAD)
    version_url = live_server.url + reverse(
        "reports:version", kwargs=base | {"version_uuid": version.uuid}
    )
    page.goto(version_url)
    page.get_by_text("Vertrouwelijk: ondermijningsbeeld (RIEC)").first.wait_for()
    assert SECRET in page.content()
    assert_accessible(page, "vertrouwelijk-versie-opsteller", screenshot_dir)

    login(phone_page, live_server, world.users["ambtenaar"].email)
    phone_page.goto(parts_url)
    assert_accessible(phone_page, "vertrouwelijk-onderdelen-telefoon", screenshot_dir)

    page.context.clear_cookies()
    login(page, live_server, world.users["raadslid"].email)
    page.goto(version_url)
    page.get_by_text(CONFIDENTIAL_PLACEHOLDER).first.wait_for()
    assert SECRET not in page.content()
    assert_accessible(page, "vertrouwelijk-versie-raadslid", screenshot_dir)
