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


def test_raadslid_gets_neither_live_figures_nor_import(world, live_server, page):
    login(page, live_server, world.users["raadslid"].email)
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    response = page.goto(live_server.url + reverse("analysis:overview", kwargs=base))
    assert response.status == 403
    response = page.goto(live_server.url + reverse("analysis:import_new", kwargs=base))
    assert response.status == 403


def test_a_wrong_mapping_is_flagged_and_confirmed_before_anything_is_stored(
    world, live_server, page, screenshot_dir, tmp_path
):
    """The issue's story: 'weleens onveilig' counted with 'vaak' only. The answers are on the
    page, the preview flags the drop against the previous edition, nothing is stored until
    the flag is confirmed with a reason, and the reason is in the audit log."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from analysis.figures.demo import DEMO_MAPPING
    from analysis.figures.mapping import load_mapping_text
    from analysis.figures.services import survey_import_now
    from analysis.models import IndicatorResult, SurveyEdition
    from projects.models import AuditEntry

    earlier = tmp_path / "vm_GM0363_2021.sav"
    write_demo_sav(earlier, gemeente_code="GM0363", year=2021, respondents=1500)
    survey_import_now(
        actor=None,
        project=world.project,
        year=2021,
        mapping=load_mapping_text(DEMO_MAPPING.read_text(encoding="utf-8"), name="demo.yaml"),
        upload=SimpleUploadedFile(earlier.name, earlier.read_bytes()),
        accept_flagged="Vorige editie voor de test.",
    )
    sav = tmp_path / "vm_GM0363_2023.sav"
    write_demo_sav(sav, gemeente_code="GM0363", year=2023, respondents=1500)
    login(page, live_server, world.users["ambtenaar"].email)
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    page.goto(live_server.url + reverse("analysis:import_new", kwargs=base))
    page.locator("#id_file").set_input_files(str(sav))
    page.get_by_label("Editie (jaar van de Veiligheidsmonitor)").fill("2023")
    page.get_by_role("button", name="Inlezen").click()
    page.get_by_role("button", name="Koppeling gebruiken en berekenen").wait_for()

    general = page.get_by_role("group", name="Voelt zich weleens onveilig (algemeen)", exact=True)
    # The answers with their weighted shares are on the page, before anything is computed.
    assert general.get_by_role("rowheader", name="1 vaak").count() == 1
    assert general.locator("p", has_text="percentages gewogen met weegfactor").count() == 1
    # The mistake: only 'vaak' counts for 'weleens'.
    general.get_by_label("1 vaak telt mee").check()
    general.get_by_label("2 soms telt mee").uncheck()
    page.get_by_role("button", name="Koppeling gebruiken en berekenen").click()
    page.get_by_role("heading", name="Controleren voor opslaan").wait_for()
    assert not SurveyEdition.objects.filter(projects=world.project, year=2023).exists()

    flagged = page.locator(
        "tr",
        has=page.get_by_role(
            "rowheader", name="Voelt zich weleens onveilig (algemeen)", exact=True
        ),
    )
    assert flagged.get_by_text("Daling").count() >= 1
    assert_accessible(page, "import-controle-signaal", screenshot_dir)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshot_dir / "import-controle-telefoon.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_text("nog niet bevestigd").first.wait_for()
    assert not SurveyEdition.objects.filter(projects=world.project, year=2023).exists()

    reason = "In 2023 telt de gemeente alleen 'vaak', zoals in haar eigen monitor."
    while page.get_by_role("button", name="Signaal bevestigen").count():
        form = page.locator("form", has=page.get_by_role("button", name="Signaal bevestigen")).first
        form.get_by_label("Waarom klopt dit cijfer?").fill(reason)
        form.get_by_role("button", name="Signaal bevestigen").click()
        page.get_by_role("heading", name="Controleren voor opslaan").wait_for()
    assert page.locator("#bevestig-voelt_zich_weleens_onveilig").get_by_text(reason).count() == 1
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_text("De import is gelukt").wait_for()

    stored = IndicatorResult.objects.get(
        edition__year=2023, area__code="GM0363", indicator__code="voelt_zich_weleens_onveilig"
    )
    assert stored.estimate is not None
    assert AuditEntry.objects.filter(action="signaal bevestigd", detail__reden=reason).exists()
    page.get_by_role("link", name="Naar de cijfers").click()
    page.get_by_role("link", name="Subjectieve veiligheid (veiligheidsgevoel)").click()
    page.get_by_role("heading", name="Voelt zich weleens onveilig (algemeen)").wait_for()
    assert_accessible(page, "cijfers-na-signaal", screenshot_dir)
