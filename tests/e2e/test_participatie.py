"""An ambtenaar records a wijkschouw through the form; it shows on the list, on the theme page
and in the wijkprofiel. Every page passes axe, also at phone width."""

import pytest
from django.urls import reverse

from analysis.figures.services import survey_import_now
from analysis.models import AnalysisTheme, Participation
from analysis.narrative import services as va_services
from tests.analysis.conftest import MAPPING, csv_upload

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def analysis(world):
    world.project.min_n, world.project.warn_n = 1, 3
    world.project.save()
    va_services.analysis_ensure(project=world.project)
    survey_import_now(
        actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=MAPPING
    )
    return world.project


def va_url(world, name, **kwargs):
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


def test_ambtenaar_records_a_wijkschouw_and_sees_it_in_the_analysis(
    world, analysis, live_server, page, phone_page, screenshot_dir
):
    subject = AnalysisTheme.objects.get(field__project=analysis, code="1.4")
    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(live_server.url + va_url(world, "va_overview"))
    page.get_by_role("link", name="Participatie", exact=True).click()
    assert_accessible(page, "participatie-leeg", screenshot_dir)
    page.get_by_role("link", name="Participatie vastleggen").click()
    page.get_by_label("Vorm").select_option("wijkschouw")
    page.get_by_label("Titel").fill("Avondschouw Centrum")
    page.get_by_label("Datum").fill("2025-03-12")
    page.get_by_label("Bereik (aantal deelnemers)").fill("24")
    page.get_by_label("Belangrijkste punten").fill("Donkere steeg\nFietsers op de stoep")
    page.get_by_label("Subjectieve veiligheid (veiligheidsgevoel)").check()
    page.get_by_label("WK036300", exact=True).check()
    assert_accessible(page, "participatie-formulier", screenshot_dir)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("is vastgelegd").wait_for()
    assert_accessible(page, "participatie-lijst", screenshot_dir)
    made = Participation.objects.get()
    assert made.reach == 24 and [t.code for t in made.themes.all()] == ["1.4"]

    page.goto(live_server.url + va_url(world, "va_theme", theme_uuid=subject.uuid))
    page.get_by_role("heading", name="Wat inwoners zeiden").wait_for()
    assert_accessible(page, "participatie-thema", screenshot_dir)
    page.goto(live_server.url + va_url(world, "va_wijk", code="WK036300"))
    page.get_by_text("Donkere steeg").wait_for()
    assert_accessible(page, "participatie-wijkprofiel", screenshot_dir)
    page.goto(
        live_server.url + va_url(world, "va_participatie_delete", participation_uuid=made.uuid)
    )
    assert_accessible(page, "participatie-verwijderen", screenshot_dir)

    login(phone_page, live_server, world.users["ambtenaar"].email)
    phone_page.goto(live_server.url + va_url(world, "va_participatie"))
    assert_accessible(phone_page, "participatie-lijst-telefoon", screenshot_dir)
    phone_page.goto(
        live_server.url + va_url(world, "va_participatie_edit", participation_uuid=made.uuid)
    )
    assert_accessible(phone_page, "participatie-formulier-telefoon", screenshot_dir)
