"""An ambtenaar takes the demo project from step 1 to step 5 and records the raad decision;
a raadslid sees the step and the raad's decisions on the project page, not the timeline."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from projects.demo import DEMO_PASSWORD, demo_load
from projects.models import Project
from tests.factories import gemeente

from .test_personas import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login_demo(page, live_server, email):
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_from_step_1_to_5_and_the_raad_decision(live_server, page, browser, screenshot_dir):
    gemeente("GM0034")
    demo_load()
    project = Project.objects.get(name="Integraal Veiligheidsplan 2027-2030 Almere")
    project.current_step = 1
    project.save()
    # The veiligheidsanalyse itself is written in its own browser test; here its texts exist.
    va_services.analysis_ensure(project=project)
    AnalysisTheme.objects.filter(field__project=project).update(knelpunten="<p>Knelpunt</p>")
    base = {"gemeente_slug": "almere", "project_uuid": project.uuid}
    timeline = live_server.url + reverse("kernbeleid:timeline", kwargs=base)
    # Today: a raad decision is not dated before its step started (the steps start today).
    today = timezone.localdate().isoformat()
    yesterday = (date.today() - timedelta(days=1)).isoformat()

    login_demo(page, live_server, "ambtenaar@almere.demo.nl")
    # Step 1: startnotitie, then the raad decides.
    page.goto(live_server.url + reverse("kernbeleid:startnotitie", kwargs=base))
    page.get_by_label("Reikwijdte en doel").fill("Een integraal veiligheidsplan 2027-2030.")
    page.get_by_role("button", name="Startnotitie opslaan").click()
    page.goto(timeline)
    assert_accessible(page, "traject-stap-1", screenshot_dir)
    page.get_by_label("Datum van de raadsvergadering").fill(today)
    page.get_by_label("Besluitnummer").fill("2026-RB-014")
    page.get_by_label("aangenomen", exact=True).check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Raadsbesluit 2026-RB-014 is vastgelegd").wait_for()
    # Step 2: the werkgroep gets a partner.
    page.goto(live_server.url + reverse("kernbeleid:werkgroep", kwargs=base))
    page.locator("#id_name").fill("Inspecteur Jansen")
    page.locator("#id_organisation").select_option("politie")
    page.get_by_role("button", name="Toevoegen").click()
    page.goto(timeline)
    page.get_by_role("button", name="Stap 2 afronden").click()
    page.get_by_text("Het project staat nu op stap 3").wait_for()
    # Step 3: the startbijeenkomst with its minutes.
    page.goto(live_server.url + reverse("kernbeleid:meetings", kwargs=base))
    page.locator("#id_date").fill(yesterday)
    page.get_by_label("Titel").fill("Startbijeenkomst werkgroep")
    page.get_by_label("Startbijeenkomst").check()
    page.get_by_label("Verslag").fill("Werkwijze en planning afgesproken.")
    page.get_by_role("button", name="Toevoegen").click()
    page.goto(timeline)
    page.get_by_role("button", name="Stap 3 afronden").click()
    page.get_by_text("Het project staat nu op stap 4").wait_for()
    # Step 4: every field definitief and a proposed priority.
    overview = live_server.url + reverse("analysis:va_overview", kwargs=base)
    page.goto(overview)
    # All field statuses in one form, one submit (issue 17).
    statuses = page.locator("form", has=page.get_by_role("button", name="Statussen opslaan"))
    for number in range(statuses.locator("select").count()):
        statuses.locator("select").nth(number).select_option("definitief")
    statuses.get_by_role("button", name="Statussen opslaan").click()
    page.get_by_text("De statussen zijn opgeslagen").wait_for()
    page.goto(live_server.url + reverse("analysis:va_priorities", kwargs=base))
    page.get_by_label(
        "Voorstellen als prioriteit: Subjectieve veiligheid (veiligheidsgevoel)"
    ).check()
    page.get_by_label("Onderbouwing voor Subjectieve veiligheid (veiligheidsgevoel)").fill(
        "Het onveiligheidsgevoel in Almere Haven stijgt significant."
    )
    page.get_by_role("button", name="Scores opslaan").click()
    page.goto(timeline)
    page.get_by_role("button", name="Stap 4 afronden").click()
    page.get_by_text("Het project staat nu op stap 5").wait_for()
    # Step 5: the raad sets the priorities.
    page.get_by_label("Datum van de raadsvergadering").fill(today)
    page.get_by_label("Besluitnummer").fill("2027-RB-003")
    page.get_by_label("aangenomen", exact=True).check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Raadsbesluit 2027-RB-003 is vastgelegd").wait_for()
    project.refresh_from_db()
    assert project.current_step == 6
    assert list(project.raad_decisions.values_list("step", flat=True)) == [5, 1]
    assert_accessible(page, "traject-stap-6", screenshot_dir)

    context = browser.new_context(locale="nl-NL")
    reader = context.new_page()
    login_demo(reader, live_server, "raadslid@almere.demo.nl")
    # The timeline is live work (blockers, planning): the raadslid's project page shows the
    # step and the raad's own decisions instead.
    assert reader.goto(timeline).status == 403
    reader.goto(live_server.url + project.get_absolute_url())
    assert "2027-RB-003" in reader.content() and "2026-RB-014" in reader.content()
    assert reader.get_by_role("link", name="Traject", exact=True).count() == 0
    assert reader.get_by_role("button", name="Stap 6 afronden").count() == 0
    assert_accessible(reader, "project-raadslid", screenshot_dir)
    token = reader.evaluate("document.cookie.match(/csrftoken=([^;]+)/)?.[1] || ''")
    refused = reader.request.post(
        live_server.url + reverse("kernbeleid:advance", kwargs=base),
        form={"expected_step": "6"},
        headers={"X-CSRFToken": token, "Referer": live_server.url},
    )
    assert refused.status == 403
    project.refresh_from_db()
    assert project.current_step == 6
    context.close()
