"""An ambtenaar writes the kadernota's chapters, adds a bovenlokale prioriteit and marks a
theme basisniveau, in the browser at desktop and phone width; every page passes axe."""

import pytest
from django.urls import reverse

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from kernbeleid.models import BovenlokalePrioriteit, Kadernota

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _url(world, name, **kwargs):
    return reverse(
        name,
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


def test_ambtenaar_writes_chapters_bovenlokale_kaders_and_marks_a_theme(
    world, live_server, page, phone_page, screenshot_dir
):
    va_services.analysis_ensure(project=world.project)
    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(live_server.url + _url(world, "kernbeleid:kadernota"))
    page.get_by_label("Evaluatie vorige periode").fill("Twee van de drie doelen zijn gehaald.")
    page.get_by_label("Monitoring en verantwoording").fill("Jaarlijks bij de jaarrekening.")
    page.get_by_role("button", name="Teksten opslaan").click()
    page.get_by_text("De kadernota is opgeslagen").wait_for()
    kadernota = Kadernota.objects.get(project=world.project)
    assert kadernota.evaluatie == "Twee van de drie doelen zijn gehaald."
    assert kadernota.monitoring == "Jaarlijks bij de jaarrekening."

    page.get_by_role("link", name="Bovenlokale kaders toevoegen of wijzigen").click()
    page.get_by_label("Niveau").select_option("riec")
    page.locator("#id_title").fill("Ondermijning")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Geef de bron van deze prioriteit").first.wait_for()  # source required
    page.get_by_label("Bron").fill("Jaarplan RIEC Oost-Brabant 2025")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("is toegevoegd").wait_for()
    assert BovenlokalePrioriteit.objects.get(project=world.project).title == "Ondermijning"
    assert_accessible(page, "bovenlokaal-1280", screenshot_dir)

    page.goto(live_server.url + _url(world, "analysis:va_structure"))
    subject = AnalysisTheme.objects.get(field__project=world.project, code="2.5")
    item = page.locator(f"#thema-{subject.uuid}")
    item.get_by_text("Uitwerking aanpassen").click()
    item.get_by_label("basisniveau").check()
    item.get_by_label("Toelichting in één zin").fill(
        "Geen haven; de politie houdt het basisniveau aan."
    )
    item.get_by_role("button", name="Uitwerking opslaan").click()
    page.get_by_text(f"‘{subject.name}’: basisniveau.").wait_for()
    subject.refresh_from_db()
    assert subject.coverage == "basisniveau"
    assert_accessible(page, "va-structuur-uitwerking-1280", screenshot_dir)
    page.goto(live_server.url + _url(world, "analysis:va_overview"))
    assert_accessible(page, "va-overzicht-uitwerking-1280", screenshot_dir)
    page.goto(live_server.url + _url(world, "kernbeleid:kadernota"))
    assert_accessible(page, "kadernota-1280", screenshot_dir)

    login(phone_page, live_server, world.users["ambtenaar"].email)
    for name, address in (
        ("kadernota-390", "kernbeleid:kadernota"),
        ("bovenlokaal-390", "kernbeleid:bovenlokaal"),
        ("va-structuur-uitwerking-390", "analysis:va_structure"),
    ):
        phone_page.goto(live_server.url + _url(world, address))
        assert_accessible(phone_page, name, screenshot_dir)
