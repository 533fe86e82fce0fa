"""An ambtenaar without a wijk map reads why there is no map, follows the link, uploads the
PDOK wijken file of three gemeenten in RD New and sees Amsterdam's wijken on the map; at
desktop and phone width, and axe finds no violation."""

import pytest
from django.urls import reverse

from analysis.figures.services import survey_import_now
from tests.analysis.conftest import MAPPING, csv_upload
from tests.analysis.wijk_map_files import pdok_geojson

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_upload_the_pdok_wijken_and_read_the_map(
    world, live_server, page, phone_page, screenshot_dir, tmp_path
):
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    survey_import_now(actor=None, project=project, upload=csv_upload(), year=2023, mapping=MAPPING)
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
    indicator = live_server.url + reverse(
        "analysis:indicator", kwargs=base | {"code": "voelt_zich_weleens_onveilig"}
    )
    login(page, live_server, world.users["ambtenaar"].email)
    login(phone_page, live_server, world.users["ambtenaar"].email)

    page.goto(indicator)
    page.get_by_text("Geen kaart per wijk").wait_for()
    assert page.locator('svg[aria-labelledby^="map-"]').count() == 0
    assert_accessible(page, "wijkkaart-ontbreekt", screenshot_dir)
    phone_page.goto(indicator)
    assert_accessible(phone_page, "wijkkaart-ontbreekt-telefoon", screenshot_dir)

    page.get_by_role("link", name="Wijkkaart toevoegen").click()
    page.get_by_role("heading", name="Wijkkaart").wait_for()
    assert_accessible(page, "wijkkaart-formulier", screenshot_dir)
    phone_page.goto(page.url)
    phone_page.get_by_role("heading", name="Wijkkaart").scroll_into_view_if_needed()
    phone_page.screenshot(path=str(screenshot_dir / "wijkkaart-formulier-telefoon.png"))

    geojson = tmp_path / "cbs_wijken_2023.geojson"
    geojson.write_bytes(pdok_geojson())
    page.get_by_label("Wijkkaart (GeoJSON, GeoPackage of shapefile)").set_input_files(str(geojson))
    page.get_by_role("button", name="Kaart opslaan").click()
    page.get_by_text("De wijkkaart is opgeslagen.").wait_for()

    page.goto(indicator)
    areas = page.locator('svg[aria-labelledby^="map-"] g.areas path')
    assert areas.count() == 3
    assert page.get_by_text("Geen kaart per wijk").count() == 0
    assert_accessible(page, "wijkkaart-getoond", screenshot_dir)
    phone_page.goto(indicator)
    assert_accessible(phone_page, "wijkkaart-getoond-telefoon", screenshot_dir)
