"""The first-run tour in a real browser (issue 17): a new user sees "Zo werkt Integraal" for
their role, closes it (focus moves to the page), it stays closed after a reload, and the help
menu brings it back, on a laptop and on a phone; the panel and the help pages pass axe."""

import pytest
from django.urls import reverse

from tests.e2e.test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _panel(page):
    return page.get_by_role("region", name="Zo werkt Integraal")


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"


def test_new_user_closes_the_tour_and_reopens_it_from_the_help_menu(
    world, live_server, page, screenshot_dir
):
    login(page, live_server, world.users["ambtenaar"].email)
    panel = _panel(page)
    panel.wait_for(state="visible")
    assert "U bent ambtenaar" in panel.inner_text()
    assert_accessible(page, "tour-panel-1280", screenshot_dir)

    # Closing it in place moves focus to the page's heading, below where the panel was.
    panel.get_by_role("button", name="Sluiten").click()
    panel.wait_for(state="detached")
    assert page.evaluate("document.activeElement.tagName") == "H1"
    page.reload()
    assert _panel(page).count() == 0
    world.users["ambtenaar"].refresh_from_db()
    assert world.users["ambtenaar"].tour_seen_at is not None

    page.get_by_role("button", name="Help").click()
    page.get_by_role("button", name="Zo werkt Integraal").click()
    page.wait_for_url("**#rondleiding")
    _panel(page).wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "rondleiding"

    # By keyboard: Space opens the Help menu, the arrow key reaches its items.
    page.get_by_role("button", name="Help").focus()
    page.keyboard.press(" ")
    page.get_by_role("button", name="Zo werkt Integraal").wait_for(state="visible")
    for _ in range(3):  # Zo werkt Integraal, Uitleg per rol, De methode
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == (
        "De methode Kernbeleid Veiligheid"
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/hulp/methode/")
    assert page.locator("h1").inner_text() == "De methode Kernbeleid Veiligheid"
    assert page.locator("#stap-9").is_visible()
    assert_accessible(page, "tour-methode-1280", screenshot_dir)
    page.goto(live_server.url + reverse("help:index"))
    assert_accessible(page, "tour-help-1280", screenshot_dir)


def test_timeline_links_to_the_step_in_the_method(world, live_server, page, screenshot_dir):
    login(page, live_server, world.users["ambtenaar"].email)
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    page.goto(live_server.url + reverse("kernbeleid:timeline", kwargs=kwargs))
    assert_accessible(page, "tour-traject-1280", screenshot_dir)
    page.get_by_role("link", name="Wat vraagt deze stap?").click()
    page.wait_for_url(f"**/hulp/methode/#stap-{world.project.current_step}")
    heading = page.locator(f"#stap-{world.project.current_step}")
    assert heading.is_visible()
    assert "Startbijeenkomst werkgroep" in heading.inner_text()


def test_on_a_phone_the_help_menu_is_reached_through_the_collapsed_navbar(
    world, live_server, phone_page, screenshot_dir
):
    login(phone_page, live_server, world.users["raadslid"].email)
    panel = _panel(phone_page)
    panel.wait_for(state="visible")
    assert "U bent raadslid" in panel.inner_text()
    _no_sideways_scroll(phone_page)
    assert_accessible(phone_page, "tour-panel-390", screenshot_dir)
    panel.get_by_role("button", name="Sluiten").click()
    panel.wait_for(state="detached")

    phone_page.get_by_role("button", name="Menu tonen").click()
    phone_page.locator("#hoofdmenu.show").wait_for(state="visible")  # unfolded
    phone_page.get_by_role("button", name="Help").click()
    phone_page.get_by_role("button", name="Zo werkt Integraal").wait_for(state="visible")
    assert_accessible(phone_page, "tour-menu-390", screenshot_dir)
    phone_page.get_by_role("button", name="Zo werkt Integraal").click()
    phone_page.wait_for_url("**#rondleiding")
    _panel(phone_page).wait_for(state="visible")

    phone_page.goto(live_server.url + reverse("help:method"))
    _no_sideways_scroll(phone_page)
    assert_accessible(phone_page, "tour-methode-390", screenshot_dir)
    phone_page.goto(live_server.url + reverse("help:index"))
    _no_sideways_scroll(phone_page)
    assert_accessible(phone_page, "tour-help-390", screenshot_dir)
