"""Issue 19 in the browser: the demo's joint plan of Heuvelland, walked as the bureau's adviseur,
as an ambtenaar of a participating gemeente (Vaals), who records her own raad's decision, and
as a raadslid of Vaals, who reads only what was sent to the raad of Vaals. Every page is
checked with axe."""

import pytest
from django.urls import reverse
from django.utils import timezone

from analysis.models import AnalysisTheme
from kernbeleid.models import RaadDecision
from projects.demo import demo_load
from projects.demo_joint import PLAN_NAME, demo_joint_load
from projects.models import Project
from reports.constants import Audience, PublicationPurpose
from reports.models import Publication
from reports.services import version_for
from tests.factories import gemeente

from .test_personas import assert_accessible
from .test_traject import login_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _url(name, slug, project, **kwargs):
    return reverse(name, kwargs={"gemeente_slug": slug, "project_uuid": project.uuid} | kwargs)


def test_a_joint_plan_as_adviseur_participant_and_raadslid(live_server, browser, screenshot_dir):
    gemeente("GM1729")  # the gemeenten are preloaded again after a transactional test
    demo_load()
    demo_joint_load()
    project = Project.objects.get(name=PLAN_NAME)
    lead, vaals = "gulpen-wittem", "vaals"

    # The adviseur runs the traject from the lead's pages.
    page = browser.new_page()
    login_demo(page, live_server, "adviseur@veilig-advies.nl")
    page.goto(live_server.url + _url("projects:project_home", lead, project))
    page.get_by_text("Gezamenlijk plan van Gulpen-Wittem, Eijsden-Margraten en Vaals").wait_for()
    assert_accessible(page, "joint-adviseur-project", screenshot_dir)
    page.get_by_role("link", name="Gemeenten van het plan").click()
    page.get_by_role("cell", name="Vaals").wait_for()
    assert_accessible(page, "joint-adviseur-gemeenten", screenshot_dir)
    page.goto(live_server.url + _url("analysis:plan_area", lead, project))
    assert (
        "Vaals"
        in page.get_by_role("heading", name="Waar een gemeente opvalt")
        .locator("xpath=..")
        .inner_text()
    )
    assert_accessible(page, "joint-adviseur-plangebied", screenshot_dir)
    page.goto(live_server.url + _url("kernbeleid:timeline", lead, project))
    page.get_by_text("aangenomen in 2 van 3 raden").first.wait_for()
    assert_accessible(page, "joint-adviseur-traject", screenshot_dir)
    page.close()

    # Vaals's ambtenaar finds the plan under Vaals and records Vaals's raad decision.
    page = browser.new_page()
    login_demo(page, live_server, "ambtenaar@vaals.demo.nl")
    page.goto(live_server.url + reverse("projects:gemeente_home", args=[vaals]))
    page.get_by_role("link", name=PLAN_NAME).click()
    page.get_by_text("(penvoerder Gulpen-Wittem)").wait_for()
    assert page.url.startswith(live_server.url + f"/g/{vaals}/")
    assert_accessible(page, "joint-vaals-project", screenshot_dir)
    page.goto(live_server.url + _url("kernbeleid:timeline", vaals, project))
    page.get_by_role("heading", name="Besluit van de raad van Vaals vastleggen").wait_for()
    assert_accessible(page, "joint-vaals-traject", screenshot_dir)
    form = page.locator("form[aria-labelledby=kop-besluit-vastleggen]")
    form.get_by_label("raadsbesluit", exact=True).check()
    form.get_by_label("Datum van de raadsvergadering").fill(timezone.localdate().isoformat())
    form.get_by_label("Besluitnummer of kenmerk").fill("RB 2026-071")
    form.get_by_label("aangenomen", exact=True).check()
    form.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Raadsbesluit RB 2026-071 is vastgelegd").wait_for()
    decision = RaadDecision.objects.get(project=project, number="RB 2026-071")
    assert decision.gemeente.slug == vaals
    assert Project.objects.get(pk=project.pk).current_step == 6  # all three raden adopted
    page.close()

    # A concept only Gulpen-Wittem's raad was sent stays out of Vaals's raad's sight.
    ambtenaar = project.gemeente.memberships.get(role="ambtenaar").user
    AnalysisTheme.objects.filter(field__project=project, code="1.3").update(
        knelpunten="<p>Alleen voor de raad van Gulpen-Wittem: inbraken in Wittem.</p>"
    )
    concept = version_for(actor=ambtenaar, project=project, document="analyse")
    assert not concept.publications.exists()  # a new version, sent to nobody yet
    Publication.objects.create(
        version=concept,
        audience=Audience.RAAD,
        gemeente=project.gemeente,
        purpose=PublicationPurpose.INFORMATIE,
        step=6,
        published_by=ambtenaar,
        notified_at=timezone.now(),
    )
    decided = Publication.objects.filter(version__project=project, gemeente__slug=vaals).get()

    page = browser.new_page()
    login_demo(page, live_server, "raadslid@vaals.demo.nl")
    page.goto(live_server.url + _url("projects:project_home", vaals, project))
    page.get_by_role("link", name=str(decided.version)).first.click()
    page.wait_for_load_state()
    assert_accessible(page, "joint-vaals-raadslid-versie", screenshot_dir)
    hidden = _url("reports:version", vaals, project, version_uuid=concept.uuid)
    assert page.goto(live_server.url + hidden).status == 404
    assert page.goto(live_server.url + _url("analysis:plan_area", vaals, project)).status == 403
    page.close()
