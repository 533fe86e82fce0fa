"""Issue 14 in the browser: the ambtenaar names the raadslid as reader of the besloten bijlage
of a version with confidential parts; the raadslid opens the version (the parts replaced by
the placeholder), follows the link and downloads a copy with their name on every page. Every
page each of them sees is checked with axe, at 1280 px and on a phone."""

import pytest
from django.urls import reverse

from projects.demo import demo_load
from projects.models import AuditEntry, Project
from reports import services
from reports.besloten_bijlage import ACTION_DOWNLOADED
from reports.models import BeslotenBijlage
from tests.factories import gemeente
from tests.reports.annex_helpers import (
    SECRET_BLOCK,
    SECRET_SECTION,
    confidential_version,
    page_texts,
)

from .test_personas import assert_accessible
from .test_traject import login_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LINK = "Besloten bijlage (vertrouwelijk, op uw naam)"


def test_the_editor_names_a_reader_who_downloads_the_besloten_bijlage(
    live_server, page, browser, screenshot_dir
):
    gemeente("GM0034")
    demo_load()
    project = Project.objects.get(name="Integraal Veiligheidsplan 2027-2030 Almere")
    version = confidential_version(project)
    ambtenaar_user = project.gemeente.memberships.get(user__email="ambtenaar@almere.demo.nl").user
    services.publish(actor=ambtenaar_user, version=version, audience="raad")
    kwargs = {"gemeente_slug": "almere", "project_uuid": project.uuid}
    version_url = live_server.url + reverse(
        "reports:version", kwargs=kwargs | {"version_uuid": version.uuid}
    )

    # 1. The ambtenaar sees the block on the version page and names the raadslid.
    login_demo(page, live_server, "ambtenaar@almere.demo.nl")
    page.goto(version_url)
    block = page.locator("section#besloten-bijlage")
    block.get_by_text("Er is nog geen besloten bijlage.").wait_for()
    assert_accessible(page, "annex-ambtenaar-versie", screenshot_dir)
    block.get_by_label("Raadslid Almere (raadslid)").check()
    block.get_by_label("Toelichting").fill("Besproken in de besloten raadsvergadering.")
    block.get_by_role("button", name="Besloten bijlage maken").click()
    page.get_by_text("is vastgelegd, met 1 lezer.").wait_for()
    assert page.locator("section#besloten-bijlage").get_by_text("Nog niet gedownload.").count()
    assert_accessible(page, "annex-ambtenaar-vastgelegd", screenshot_dir)
    bijlage = BeslotenBijlage.objects.get(version=version)
    assert [user.email for user in bijlage.readers.all()] == ["raadslid@almere.demo.nl"]
    page.goto(
        live_server.url + reverse("reports:annex", kwargs=kwargs | {"version_uuid": version.uuid})
    )
    assert_accessible(page, "annex-ambtenaar-bijlagepagina", screenshot_dir)

    # 2. The raadslid opens the version: placeholders, and the link to their own copy.
    for width, height, name in ((1280, 900, "breed"), (390, 844, "telefoon")):
        context = browser.new_context(
            locale="nl-NL", accept_downloads=True, viewport={"width": width, "height": height}
        )
        reader = context.new_page()
        login_demo(reader, live_server, "raadslid@almere.demo.nl")
        reader.goto(version_url)
        link = reader.get_by_role("link", name=LINK)
        link.wait_for()
        content = reader.content()
        assert SECRET_SECTION not in content and SECRET_BLOCK not in content
        assert "Dit onderdeel is vertrouwelijk en ter inzage bij de griffie." in content
        assert_accessible(reader, f"annex-raadslid-versie-{name}", screenshot_dir)
        with reader.expect_download() as download_info:
            link.click()
        download = download_info.value
        assert download.suggested_filename == "besloten-bijlage-analyse-concept-0.2.pdf"
        with open(download.path(), "rb") as handle:
            pages = page_texts(handle.read())
        assert all("alleen voor Raadslid Almere" in text for text in pages)
        assert SECRET_SECTION in " ".join(pages)
        context.close()
    assert AuditEntry.objects.filter(action=ACTION_DOWNLOADED).count() == 2

    # 3. The ambtenaar sees both downloads in the log.
    page.goto(version_url)
    log = page.locator("section#besloten-bijlage li")
    assert log.count() == 2 and "Raadslid Almere" in log.first.inner_text()
