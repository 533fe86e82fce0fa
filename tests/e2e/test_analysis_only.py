"""An adviseur takes an analysis-only commission from the opdracht through the agreed outline
to the delivery, in a real browser, with axe on every page; no raad step on the way."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from kernbeleid.workflow.models import RaadDecision
from reports import services as reports
from reports.models import Delivery
from tests.factories import ProjectFactory

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_opdracht_outline_delivery_in_the_browser(world, live_server, page, screenshot_dir):
    project = ProjectFactory(gemeente=world.gemeente, analyse_only=True, name="Analyse 2027")
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
    opdracht = live_server.url + reverse("kernbeleid:opdracht", kwargs=base)
    timeline = live_server.url + reverse("kernbeleid:timeline", kwargs=base)
    outline = live_server.url + reverse("reports:outline", kwargs=base | {"document": "analyse"})
    earlier = (date.today() - timedelta(days=10)).isoformat()
    yesterday = (date.today() - timedelta(days=1)).isoformat()

    login(page, live_server, world.users["adviseur"].email)
    page.goto(timeline)
    assert page.get_by_role("button", name="Besluit vastleggen").count() == 0
    assert_accessible(page, "analyse-traject-stap-1", screenshot_dir)

    page.goto(opdracht)
    assert_accessible(page, "analyse-opdracht-leeg", screenshot_dir)
    page.get_by_label("Opdrachtgever").fill("Team Veiligheid")
    page.get_by_label("Opdracht gegeven op").fill(earlier)
    page.get_by_label("Wat wordt opgeleverd").fill("Veiligheidsanalyse als PDF en Word")
    page.get_by_role("button", name="Opdracht opslaan").click()
    page.get_by_text("De opdracht is vastgelegd.").wait_for()

    page.goto(outline)
    assert_accessible(page, "analyse-opzet", screenshot_dir)
    page.get_by_label("Akkoord gegeven door").fill("M. de Boer")
    page.get_by_label("Akkoord op").fill(earlier)
    page.get_by_role("button", name="Opzet afspreken").click()
    page.get_by_text("de structuur ligt vast").first.wait_for()
    assert_accessible(page, "analyse-opzet-afgesproken", screenshot_dir)

    page.goto(timeline)
    page.get_by_role("button", name="Stap 1 afronden").click()
    page.get_by_text("Het project staat nu op stap 4").wait_for()

    concept = reports.version_for(
        actor=world.users["adviseur"], project=project, document="analyse"
    )
    page.goto(opdracht)
    assert_accessible(page, "analyse-opdracht-opleveren", screenshot_dir)
    page.get_by_label("Opgeleverd op").fill(yesterday)
    page.get_by_label("Opgeleverd aan").fill("M. de Boer")
    page.get_by_role("button", name="Verder naar bevestigen").click()
    page.get_by_text(f"Ja, lever {concept.label} op.").wait_for()
    assert_accessible(page, "analyse-oplevering-bevestigen", screenshot_dir)
    page.get_by_label(f"Ja, lever {concept.label} op.", exact=False).check()
    page.get_by_role("button", name="Analyse opleveren").click()
    page.get_by_text("De analyse is opgeleverd als opgeleverd 1.0").wait_for()
    assert_accessible(page, "analyse-nazorg", screenshot_dir)

    delivery = Delivery.objects.get(project=project)
    page.goto(
        live_server.url
        + reverse("reports:version", kwargs=base | {"version_uuid": delivery.version.uuid})
    )
    page.get_by_text("Nazorg tot en met").first.wait_for()
    assert_accessible(page, "analyse-opgeleverde-versie", screenshot_dir)
    assert RaadDecision.objects.filter(project=project).count() == 0
