"""An ambtenaar deletes a raw respondent file in the browser, after the confirmation page;
platform staff export and erase a gemeente. Every page passes axe."""

import pytest
from django.urls import reverse

from analysis.figures.services import survey_import_now
from projects.models import Gemeente
from tests.analysis.conftest import MAPPING, csv_upload
from tests.factories import UserFactory

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_delete_a_raw_file_now_and_read_the_privacy_statement(
    world, live_server, page, screenshot_dir
):
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    run = survey_import_now(
        actor=None, project=project, upload=csv_upload(), year=2023, mapping=MAPPING
    )
    login(page, live_server, world.users["ambtenaar"].email)
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
    page.goto(
        live_server.url + reverse("analysis:import_detail", kwargs=kwargs | {"run_uuid": run.uuid})
    )
    assert_accessible(page, "privacy-import-bewaard", screenshot_dir)
    page.get_by_role("link", name="Ruw bestand nu verwijderen").click()
    assert_accessible(page, "privacy-verwijderen-bevestigen", screenshot_dir)
    page.get_by_role("button", name="Ja, verwijder het ruwe bestand").click()
    page.get_by_text("Het ruwe bestand is verwijderd op").wait_for()
    assert_accessible(page, "privacy-import-verwijderd", screenshot_dir)

    page.get_by_role("link", name="Privacyverklaring").click()
    page.get_by_role("heading", name="Privacyverklaring: gemeente Amsterdam").wait_for()
    assert_accessible(page, "privacy-verklaring", screenshot_dir)


def test_staff_export_and_erase_in_the_browser(world, live_server, page, screenshot_dir):
    UserFactory(email="beheer@example.nl", is_staff=True)
    login(page, live_server, "beheer@example.nl")
    page.goto(live_server.url + reverse("projects:platform_gemeenten"))
    assert_accessible(page, "platform-gemeenten", screenshot_dir)
    page.get_by_role("link", name="Exporteren en wissen (Amsterdam)").click()
    page.get_by_role("button", name="Export maken").click()
    page.get_by_text("is klaar (controlegetal").wait_for()
    assert_accessible(page, "platform-export-klaar", screenshot_dir)
    page.get_by_label("Naam van de gemeente").fill("Amsterdam")
    page.get_by_role("button", name="Amsterdam definitief wissen").click()
    page.get_by_text("Gemeente Amsterdam (GM0363) is gewist").wait_for()
    assert_accessible(page, "platform-gewist", screenshot_dir)
    assert not Gemeente.objects.filter(cbs_code="GM0363").exists()
