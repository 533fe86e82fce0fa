"""An ambtenaar imports a Veiligheidsmonitor file in the browser; the figures pages pass axe."""

import pytest
from django.urls import reverse

from analysis.figures.demo_survey import write_demo_sav

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_import_a_survey_in_the_browser_and_read_the_figures(
    world, live_server, page, screenshot_dir, tmp_path
):
    sav = tmp_path / "vm_GM0363_2023.sav"
    write_demo_sav(sav, gemeente_code="GM0363", year=2023, respondents=1500)
    login(page, live_server, world.users["ambtenaar"].email)
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    page.goto(live_server.url + reverse("analysis:import_new", kwargs=base))
    assert_accessible(page, "import-nieuw", screenshot_dir)
    page.locator("#id_file").set_input_files(str(sav))
    page.get_by_label("Editie (jaar van de Veiligheidsmonitor)").fill("2023")
    page.get_by_role("button", name="Inlezen").click()
    page.get_by_role("button", name="Koppeling gebruiken en berekenen").wait_for()
    # The suggestion found the weight and the wijk column from the names and labels.
    assert page.get_by_label("Weegfactor").input_value() == "weegfactor"
    assert page.get_by_label("Wijk", exact=True).input_value() == "wijk"
    assert_accessible(page, "import-koppelen", screenshot_dir)
    # Choosing a variable shows its answers (htmx): another one first, then the right one,
    # whose answers then come with nothing counted yet and its own missing code ticked.
    buurt = page.get_by_role("group", name="Voelt zich weleens onveilig in eigen buurt", exact=True)
    choice = buurt.get_by_label("Variabele voor Voelt zich weleens onveilig in eigen buurt")
    choice.select_option("ovl_hond")
    buurt.locator("p", has_text="Komt hondenpoep in uw buurt voor?").wait_for()
    choice.select_option("onv_buurt")
    buurt.locator("p", has_text="Voelt u zich weleens onveilig in uw buurt?").wait_for()
    assert buurt.locator("p", has_text="percentages gewogen met weegfactor").count() == 1
    assert buurt.get_by_role("rowheader", name="99 weet niet / geen antwoord (ontbrekend)").count()
    missing = "99 weet niet / geen antwoord is ontbrekend (volgens het bestand)"
    assert buurt.get_by_label(missing).is_checked()
    assert not buurt.get_by_label("1 vaak telt mee").is_checked()
    buurt.get_by_label("1 vaak telt mee").check()
    buurt.get_by_label("2 soms telt mee").check()
    assert not buurt.get_by_label("3 (bijna) nooit telt mee").is_checked()
    buurt.screenshot(path=str(screenshot_dir / "import-koppelen-antwoorden.png"))
    assert_accessible(page, "import-koppelen-aangevinkt", screenshot_dir)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshot_dir / "import-koppelen-telefoon.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Koppeling gebruiken en berekenen").click()
    page.get_by_role("heading", name="Controleren voor opslaan").wait_for()
    assert_accessible(page, "import-controle", screenshot_dir)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_text("De import is gelukt").wait_for()
    assert_accessible(page, "import-klaar", screenshot_dir)

    page.get_by_role("link", name="Naar de cijfers").click()
    assert_accessible(page, "cijfers-overzicht", screenshot_dir)
    page.get_by_role("link", name="Subjectieve veiligheid (veiligheidsgevoel)").click()
    page.get_by_role("heading", name="Voelt zich weleens onveilig in eigen buurt").wait_for()
    assert page.locator("svg[role=img]").count() >= 1
    assert_accessible(page, "cijfers-thema", screenshot_dir)
    page.get_by_role("link", name="per wijk").first.click()
    assert page.get_by_role("cell", name="te weinig waarnemingen").count() >= 1
    assert_accessible(page, "cijfers-wijken", screenshot_dir)


def test_raadslid_reads_figures_but_cannot_import(world, live_server, page):
    login(page, live_server, world.users["raadslid"].email)
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    page.goto(live_server.url + reverse("analysis:overview", kwargs=base))
    assert page.get_by_role("link", name="Bestand inlezen").count() == 0
    response = page.goto(live_server.url + reverse("analysis:import_new", kwargs=base))
    assert response.status == 403
