"""Issue 19 in the browser: Gulpen-Wittem's ambtenaar invites Vaals to a new plan on the plan's
"Gemeenten van het plan" page, and Vaals's ambtenaar accepts on Vaals's own home page; then
the plan opens under Vaals, and the lead sees Vaals take part. Every page is checked with axe."""

import pytest
from django.urls import reverse

from projects.constants import ParticipationStatus
from projects.demo import demo_load
from projects.demo_joint import demo_joint_load
from projects.models import Gemeente, ProjectParticipant
from tests.factories import ProjectFactory, gemeente

from .test_personas import assert_accessible
from .test_traject import login_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_lead_invites_and_the_participant_accepts(live_server, browser, screenshot_dir):
    gemeente("GM1729")  # the gemeenten are preloaded again after a transactional test
    demo_load()
    demo_joint_load()  # the Heuvelland accounts
    lead = Gemeente.objects.get(cbs_code="GM1729")
    vaals = Gemeente.objects.get(cbs_code="GM0981")
    project = ProjectFactory(
        gemeente=lead,
        name="Veiligheidsplan Heuvelland 2031-2034",
        period_start=2031,
        period_end=2034,
    )
    gemeenten_url = reverse(
        "projects:project_gemeenten",
        kwargs={"gemeente_slug": lead.slug, "project_uuid": project.uuid},
    )

    page = browser.new_page()
    login_demo(page, live_server, "ambtenaar@gulpen-wittem.demo.nl")
    page.goto(live_server.url + gemeenten_url)
    page.get_by_text("Nog niemand uitgenodigd.").wait_for()
    assert_accessible(page, "joint-invite-lead", screenshot_dir)
    page.get_by_label("Gemeente uitnodigen").select_option(label="Vaals")
    page.get_by_role("button", name="Uitnodigen").click()
    page.get_by_role("row", name="Vaals").get_by_text("Uitgenodigd").wait_for()
    assert_accessible(page, "joint-invite-sent", screenshot_dir)
    page.close()

    page = browser.new_page()
    login_demo(page, live_server, "ambtenaar@vaals.demo.nl")
    page.goto(live_server.url + reverse("projects:gemeente_home", args=[vaals.slug]))
    invitation = page.get_by_role("heading", name="Uitnodigingen voor een gezamenlijk plan")
    invitation.wait_for()
    assert_accessible(page, "joint-invite-received", screenshot_dir)
    page.get_by_role("button", name=f"Meedoen aan {project.name}").click()
    page.wait_for_load_state()
    assert invitation.count() == 0
    # The plan is now Vaals's too: it opens under Vaals's own URL.
    page.get_by_role("link", name=project.name).first.click()
    page.wait_for_load_state()
    assert f"/g/{vaals.slug}/p/{project.uuid}/" in page.url
    assert_accessible(page, "joint-invite-joined", screenshot_dir)
    page.close()

    joined = ProjectParticipant.objects.get(project=project, gemeente=vaals)
    assert joined.status == ParticipationStatus.DEELNEMER

    page = browser.new_page()
    login_demo(page, live_server, "ambtenaar@gulpen-wittem.demo.nl")
    page.goto(live_server.url + gemeenten_url)
    page.get_by_text("Dit is een gezamenlijk plan van 2 gemeenten").wait_for()
    page.close()
