"""The deadline lists in a real browser (issue 15, part 5): the deadlines page, the portfolio
and the project home, at desktop and phone width, each checked with axe-core; the list on
the home folds after five and opens by keyboard."""

import re

import pytest
from django.urls import reverse

from tests.e2e.test_personas import assert_accessible, login
from tests.kernbeleid.deadline_scene import build_scene

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("persona", ["ambtenaar", "raadslid"])
@pytest.mark.parametrize("width", [1280, 390])
def test_deadline_pages_are_accessible_at_both_widths(
    world, live_server, browser, screenshot_dir, persona, width
):
    scene = build_scene(world)
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        login(page, live_server, world.users[persona].email)
        pages = {
            "deadlines": reverse("kernbeleid:deadlines"),
            "portfolio": reverse("projects:home") + "?overzicht=1",
            "project": scene.project.get_absolute_url(),
        }
        for name, path in pages.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{persona} {name}"
            assert page.locator("[data-deadline-key]").count() > 0
            assert_accessible(page, f"deadlines-{persona}-{name}-{width}", screenshot_dir)
        if persona == "ambtenaar":
            # The home shows five, the rest behind a summary that opens by keyboard.
            page.goto(live_server.url + scene.project.get_absolute_url())
            summary = page.get_by_text(re.compile(r"^Nog \d+ deadlines$"))
            assert not page.get_by_text("Nieuwe kadernota nodig").is_visible()
            summary.focus()
            page.keyboard.press("Enter")
            assert page.get_by_text("Nieuwe kadernota nodig").is_visible()
    finally:
        context.close()
