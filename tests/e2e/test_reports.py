"""An ambtenaar makes the analysis as PDF and puts it out for the raad; a raadslid reads it
in the browser, asks a question per section and downloads it; nothing of it changes."""

import pytest
from django.urls import reverse

from reports.models import ReviewComment

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_render_publish_and_review(content, world, live_server, page, browser, screenshot_dir):
    project = content
    project.current_step = 5
    project.save()
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}

    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(live_server.url + reverse("reports:overview", kwargs=base))
    assert_accessible(page, "rapporten-overzicht", screenshot_dir)
    page.locator("#id_document").select_option("analyse")
    page.locator("#id_format").select_option("pdf")
    page.get_by_role("button", name="Maken").click()
    page.get_by_text("Het document is klaar").wait_for()
    assert_accessible(page, "rapporten-klaar", screenshot_dir)
    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(live_server.url + reverse("reports:overview", kwargs=base))
    page.get_by_role("link", name="Publiceren").first.click()
    assert_accessible(page, "rapport-publiceren", screenshot_dir)
    page.get_by_label("de raad").check()
    page.get_by_label("ter informatie").check()
    page.get_by_role("button", name="Publiceren").click()
    page.get_by_text("is gepubliceerd ter informatie voor de raad").wait_for()
    page.goto(
        live_server.url + reverse("reports:structure", kwargs=base | {"document": "kadernota"})
    )
    assert_accessible(page, "rapporten-structuur", screenshot_dir)

    context = browser.new_context(locale="nl-NL")
    reader = context.new_page()
    login(reader, live_server, world.users["raadslid"].email)
    reader.goto(live_server.url + reverse("reports:overview", kwargs=base))
    reader.get_by_role("link", name="Lezen en reageren").click()
    reader.get_by_text("Onveiligheid in het centrum").wait_for()
    assert reader.get_by_role("button", name="Maken").count() == 0
    section = reader.locator("section#thema-1\\.4")
    section.get_by_text("Vraag stellen of opmerking maken").click()
    section.get_by_label("Uw vraag of opmerking over Subjectieve veiligheid").fill(
        "Welke maatregelen zijn er bij het station?"
    )
    section.get_by_role("button", name="Plaatsen").click()
    reader.get_by_text("Uw bericht is geplaatst").wait_for()
    assert_accessible(reader, "rapport-lezen-raadslid", screenshot_dir)
    assert ReviewComment.objects.get().author == world.users["raadslid"]
    context.close()
