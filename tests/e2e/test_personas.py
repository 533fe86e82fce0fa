"""Each persona logs in in a real browser; every page they reach is screenshotted and
checked with axe-core for WCAG 2.1 A/AA violations."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()


def assert_accessible(page, name: str, screenshot_dir) -> None:
    page.screenshot(path=str(screenshot_dir / f"{name}.png"), full_page=True)
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    summary = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in violations
    ]
    assert not violations, f"{name}: {json.dumps(summary, indent=1)}"


def login(page, live_server, email: str) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def pages_for(world, persona: str) -> dict[str, str]:
    g = world.gemeente.slug
    p = {"gemeente_slug": g, "project_uuid": world.project.uuid}
    readable = {
        "gemeente": reverse("projects:gemeente_home", kwargs={"gemeente_slug": g}),
        "leden": reverse("projects:gemeente_members", kwargs={"gemeente_slug": g}),
        "project": reverse("projects:project_home", kwargs=p),
        "account": reverse("accounts:overview"),
    }
    if persona in ("raadslid", "partner"):
        return readable
    return readable | {
        "instellingen": reverse("projects:gemeente_settings", kwargs={"gemeente_slug": g}),
        "project-nieuw": reverse("projects:project_create", kwargs={"gemeente_slug": g}),
        "project-bewerken": reverse("projects:project_edit", kwargs=p),
        "auditlog": reverse("projects:project_audit", kwargs=p),
        "tweestaps": reverse("accounts:otp_setup"),
    }


@pytest.mark.parametrize("persona", ["adviseur", "ambtenaar", "raadslid", "partner"])
def test_persona_logs_in_and_every_page_is_accessible(
    world, live_server, page, screenshot_dir, persona
):
    login(page, live_server, world.users[persona].email)
    # With one gemeente the portfolio leads straight to it.
    assert page.url.endswith(world.gemeente.get_absolute_url())
    for name, path in pages_for(world, persona).items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{persona} {name}: {response.status}"
        assert page.locator("h1").count() == 1
        assert_accessible(page, f"{persona}-{name}", screenshot_dir)
    page.goto(live_server.url + world.project.get_absolute_url())
    can_edit = persona in ("adviseur", "ambtenaar")
    assert page.get_by_role("link", name="Project bewerken").count() == int(can_edit)


def test_outsider_sees_a_dutch_404_for_another_gemeentes_project(
    world, live_server, page, screenshot_dir
):
    login(page, live_server, world.users["outsider"].email)
    assert page.url.endswith(world.other.get_absolute_url())
    response = page.goto(live_server.url + world.project.get_absolute_url())
    assert response.status == 404
    assert "bestaat niet" in page.locator("h1").inner_text()
    assert world.project.name not in page.content()
    assert_accessible(page, "outsider-404", screenshot_dir)


def test_anonymous_pages_are_accessible(world, live_server, page, screenshot_dir):
    for name in ("login", "password_reset"):
        page.goto(live_server.url + reverse(f"accounts:{name}"))
        assert_accessible(page, f"anoniem-{name}", screenshot_dir)
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("E-mailadres").fill(world.users["ambtenaar"].email)
    page.get_by_label("Wachtwoord").fill("verkeerd-wachtwoord")
    # The click starts a navigation; wait for the answer page instead of
    # reading the DOM while it is being replaced (content() was then empty).
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    # Said at the top of the page (the error summary) and in the form.
    page.locator("[data-error-summary]").get_by_text("horen niet bij elkaar").wait_for()
    assert "horen niet bij elkaar" in page.content()
    assert_accessible(page, "anoniem-login-fout", screenshot_dir)


def test_keyboard_skip_link_reaches_the_content(world, live_server, page):
    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(live_server.url + world.project.get_absolute_url())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_usable_on_a_phone(world, live_server, phone_page, screenshot_dir):
    login(phone_page, live_server, world.users["ambtenaar"].email)
    phone_page.goto(live_server.url + world.project.get_absolute_url())
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page scrolls sideways by {overflow}px on a phone"
    menu = phone_page.get_by_role("button", name="Menu tonen")
    menu.click()
    phone_page.get_by_role("button", name="Uitloggen").wait_for(state="visible")
    assert_accessible(phone_page, "telefoon-project", screenshot_dir)


def test_every_demo_account_logs_in(live_server, page, screenshot_dir):
    """The accounts `make run` prints work in a real browser."""
    from projects.demo import DEMO_PASSWORD, demo_load
    from tests.factories import gemeente

    gemeente("GM0363")  # make sure the preloaded gemeenten are there
    for account in demo_load():
        page.goto(live_server.url + reverse("accounts:login"))
        page.get_by_label("E-mailadres").fill(account.email)
        page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        assert page.get_by_role("button", name="Uitloggen").count() == 1, account.email
        assert "inloggen" not in page.url
        if account.role == "Adviseur":
            # The adviseur's portfolio shows both demo gemeenten and their projects.
            assert page.get_by_role("link", name="Amsterdam", exact=True).count() == 1
            assert page.get_by_role("link", name="Almere", exact=True).count() == 1
            assert_accessible(page, "demo-adviseur-portfolio", screenshot_dir)
        page.get_by_role("button", name="Uitloggen").click()
        page.wait_for_load_state()
