"""Herindeling in the browser: an editor links a split wijk by keyboard-usable form controls,
then the theme page shows the wijk's series broken; both pages pass axe."""

import pytest
from django.urls import reverse

from tests.analysis.herindeling_helpers import split_centrum

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_link_a_split_and_see_the_series_broken(world, live_server, page, screenshot_dir):
    world.project.min_n, world.project.warn_n = 1, 3
    world.project.save()
    split_centrum(world.project)
    login(page, live_server, world.users["ambtenaar"].email)
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    page.goto(live_server.url + reverse("analysis:overview", kwargs=base))
    page.get_by_role("link", name="Wijkindeling koppelen").first.click()
    page.get_by_role("heading", name="Wijkindeling koppelen").wait_for()
    assert_accessible(page, "wijkindeling-koppelen", screenshot_dir)

    page.get_by_label("gesplitst").check()
    page.get_by_role("group", name="Oude wijk(en)").get_by_label("WK036301 Centrum").check()
    nieuw = page.get_by_role("group", name="Nieuwe wijk(en)")
    nieuw.get_by_label("WK036311 Centrum-Noord").check()
    nieuw.get_by_label("WK036312 Centrum-Zuid").check()
    page.get_by_role("button", name="Koppeling opslaan").click()
    page.get_by_text("De koppeling is opgeslagen").wait_for()
    assert page.get_by_text(
        "Wijkindeling gewijzigd in 2025: Centrum (WK036301) is nu Centrum-Noord en Centrum-Zuid"
    ).count()
    assert_accessible(page, "wijkindeling-gekoppeld", screenshot_dir)

    theme = reverse("analysis:theme", kwargs=base | {"theme_code": "1.4"})
    page.goto(live_server.url + theme + "?gebied=WK036311")
    assert page.locator("svg g.herindeling").count() >= 1
    assert page.locator("svg g.other-area").count() >= 1
    assert_accessible(page, "thema-herindeling", screenshot_dir)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshot_dir / "thema-herindeling-telefoon.png"), full_page=True)
