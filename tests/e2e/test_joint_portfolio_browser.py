"""Issue 19, item 6, in a real browser: the portfolio and the deadlines page with a joint plan,
for the bureau's adviseur and a participant's ambtenaar, at laptop and phone width: no
sideways scrolling (every <details> opened), the plan's gemeenten and raden in view, and axe
(WCAG 2.1 A/AA)."""

import pytest
from django.urls import reverse

from kernbeleid.constants import Outcome
from projects.constants import Role
from tests.factories import BureauFactory, MembershipFactory, UserFactory
from tests.projects.test_joint_portfolio import _decide, build_trio

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_joint_portfolio_reads_well_at_both_widths(live_server, browser, screenshot_dir, width):
    trio = build_trio()
    _decide(trio.project, trio.lead, 1)
    _decide(trio.project, trio.participant, 1, Outcome.VERWORPEN)
    bureau = BureauFactory()
    bureau.gemeenten.add(trio.lead, trio.participant)
    adviseur = UserFactory(email="adviseur@bureau.nl")
    MembershipFactory(user=adviseur, bureau=bureau, role=Role.ADVISEUR)
    pages = {
        "portfolio": reverse("projects:home") + "?overzicht=1",
        "deadlines": reverse("kernbeleid:deadlines"),
    }
    for who, email in (("adviseur", adviseur.email), ("deelnemer", "ambtenaar@rhenen.nl")):
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            login(page, live_server, email)
            for name, path in pages.items():
                response = page.goto(live_server.url + path)
                assert response.status == 200, (who, name)
                text = page.locator("main").inner_text()
                assert "Veenendaal (penvoerder), Rhenen" in text, (who, name)
                if name == "portfolio":
                    assert "stap 1: aangenomen in 1 van 2 raden" in text
                    # On a phone too, where its column folds into the plan's cell.
                    assert page.locator("text=Eerstvolgende deadline >> visible=true").count()
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                wider = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert wider <= 0, (who, name, wider)
                assert_accessible(page, f"joint-{who}-{name}-{width}", screenshot_dir)
        finally:
            context.close()
