"""Nothing typed is lost (issue 17): an ambtenaar types in a theme's rich text, the draft is
kept a few seconds later, a click on the breadcrumb leaves, and coming back brings the text
back with a notice. Leaving before the draft is kept asks first; discarding removes it."""

import pytest
from django.urls import reverse

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from projects.autosave import FormDraft

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = "Woninginbraken in Haven nemen toe sinds de zomer."
NOTICE = "U heeft niet-opgeslagen wijzigingen van"


def theme_url(world, subject) -> str:
    return reverse(
        "analysis:va_theme",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "theme_uuid": subject.uuid,
        },
    )


def no_page_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_a_draft_comes_back_after_a_breadcrumb(world, live_server, page, screenshot_dir):
    va_services.analysis_ensure(project=world.project)
    subject = AnalysisTheme.objects.get(field__project=world.project, code="1.4")
    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(live_server.url + theme_url(world, subject))
    page.locator("trix-editor").first.click()
    page.keyboard.type(TEXT)
    page.get_by_text("Concept bewaard om").wait_for(timeout=10_000)
    assert FormDraft.objects.filter(user=world.users["ambtenaar"]).count() == 1
    subject.refresh_from_db()
    assert subject.knelpunten == ""  # a draft, not a saved version

    # The draft is kept, so the breadcrumb leaves without asking.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_label("Kruimelpad").get_by_role("link", name="Veiligheidsanalyse").click()
    page.get_by_role("heading", name="Veiligheidsanalyse", exact=True).wait_for()
    assert dialogs == []

    page.get_by_role("link", name="Subjectieve veiligheid (veiligheidsgevoel)").click()
    page.get_by_text(NOTICE).wait_for()
    assert TEXT in page.locator("trix-editor").first.inner_text()
    assert no_page_scroll(page)
    assert_accessible(page, "autosave-concept-terug", screenshot_dir)

    # Typing and leaving at once, before the draft is kept: the browser asks first.
    page.locator("trix-editor").first.click()
    page.keyboard.press("End")
    page.keyboard.type(" Vooral in de avond.")
    page.get_by_label("Kruimelpad").get_by_role("link", name="Veiligheidsanalyse").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert NOTICE in page.content()  # still on the editor
    page.get_by_text("Concept bewaard om").wait_for(timeout=10_000)

    # Discarding removes the draft and shows the saved (empty) text.
    page.get_by_role("button", name="Concept verwerpen").click()
    page.get_by_text("Het concept is verworpen").wait_for()
    assert NOTICE not in page.content()
    assert TEXT not in page.locator("trix-editor").first.inner_text()
    assert not FormDraft.objects.exists()


def test_the_notice_on_a_phone(world, live_server, phone_page, screenshot_dir):
    va_services.analysis_ensure(project=world.project)
    subject = AnalysisTheme.objects.get(field__project=world.project, code="1.4")
    from analysis.narrative.forms import ThemeTextsForm
    from projects.autosave import draft_store

    draft_store(
        user=world.users["ambtenaar"],
        project=world.project,
        key=f"va-theme:{subject.uuid}",
        form=ThemeTextsForm(),
        data={"version": "1", "knelpunten": f"<div>{TEXT}</div>"},
    )
    login(phone_page, live_server, world.users["ambtenaar"].email)
    phone_page.goto(live_server.url + theme_url(world, subject))
    phone_page.get_by_text(NOTICE).wait_for()
    assert TEXT in phone_page.locator("trix-editor").first.inner_text()
    assert no_page_scroll(phone_page)
    assert_accessible(phone_page, "autosave-concept-telefoon", screenshot_dir)
    # Saving keeps the text as a version and the draft goes.
    phone_page.get_by_role("button", name="Opslaan", exact=True).click()
    phone_page.get_by_text("Het thema is opgeslagen").wait_for()
    subject.refresh_from_db()
    assert TEXT in subject.knelpunten and subject.version == 2
    assert not FormDraft.objects.exists()


def test_the_kadernota_keeps_a_draft(world, live_server, page, phone_page, screenshot_dir):
    path = reverse(
        "kernbeleid:kadernota",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )
    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(live_server.url + path)
    page.get_by_label("Visie").fill("Een veilige gemeente, samen met de wijken.")
    page.get_by_text("Concept bewaard om").wait_for(timeout=10_000)
    page.goto(live_server.url + world.project.get_absolute_url())
    page.goto(live_server.url + path)
    page.get_by_text(NOTICE).wait_for()
    assert page.get_by_label("Visie").input_value() == "Een veilige gemeente, samen met de wijken."
    assert no_page_scroll(page)
    assert_accessible(page, "autosave-kadernota", screenshot_dir)
    login(phone_page, live_server, world.users["ambtenaar"].email)
    phone_page.goto(live_server.url + path)
    phone_page.get_by_text(NOTICE).wait_for()
    assert no_page_scroll(phone_page)
    assert_accessible(phone_page, "autosave-kadernota-telefoon", screenshot_dir)
    page.get_by_role("button", name="Teksten opslaan").click()
    page.get_by_text("De kadernota is opgeslagen").wait_for()
    assert NOTICE not in page.content()
    assert not FormDraft.objects.exists()
