"""A wrong file type on the raadsbesluit form: the page says so at the top, the focus goes
there, and its link leads to the file field (at 1280 and 390 px, with axe)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ProjectFactory

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _post_a_text_file_as_pdf(page, tmp_path):
    fake = tmp_path / "besluit.pdf"
    fake.write_bytes(b"Dit is gewoon tekst, geen PDF.")
    page.get_by_label("Datum van de raadsvergadering").fill(timezone.localdate().isoformat())
    page.get_by_label("Besluitnummer").fill("2027-RB-031")
    page.get_by_label("aangenomen", exact=True).check()
    page.get_by_label("Besluitdocument (PDF, DOCX of ODT)").set_input_files(str(fake))
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("device", ["page", "phone_page"])
def test_the_error_is_at_the_top_with_focus_and_links_to_the_field(
    world, live_server, screenshot_dir, tmp_path, request, device
):
    page = request.getfixturevalue(device)
    project = ProjectFactory(gemeente=world.gemeente, step=9)
    timeline = reverse(
        "kernbeleid:timeline",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid},
    )
    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(live_server.url + timeline)
    _post_a_text_file_as_pdf(page, tmp_path)

    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert "Er ging iets mis" in summary.inner_text()
    # It has the focus and sits in the first screen, above the heading.
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"]
    assert box["y"] < page.locator("h1").bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page, f"foutoverzicht-raadsbesluit-{device}", screenshot_dir)

    # Its link moves to the file field.
    link = summary.get_by_role("link", name="Besluitdocument")
    assert link.get_attribute("href") == "#id_document"
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_document"
    # ... and scrolls it into view (Bootstrap scrolls smoothly: wait for it to arrive).
    page.wait_for_function(
        "() => { const r = document.getElementById('id_document').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }",
        timeout=5000,
    )
    assert not project.raad_decisions.filter(step=9).exists()


def test_the_priorities_page_fits_a_phone_with_readable_chart_text(
    world, live_server, phone_page, screenshot_dir
):
    from analysis.models import AnalysisTheme
    from analysis.narrative import services as va_services

    va_services.analysis_ensure(project=world.project)
    themes = AnalysisTheme.objects.filter(field__project=world.project)[:3]
    scores = {"omvang": 3, "ernst": 4, "trend": 3, "beleving": 3, "beinvloedbaarheid": 3}
    va_services.priorities_save(
        actor=world.users["ambtenaar"],
        project=world.project,
        scores={t: scores | {"proposed_priority": False, "priority_reasoning": ""} for t in themes},
    )
    login(phone_page, live_server, world.users["ambtenaar"].email)
    phone_page.goto(
        live_server.url
        + reverse(
            "analysis:va_priorities",
            kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
        )
    )
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    # The matrix's text in CSS pixels: its font size times the scale of the drawing.
    smallest = phone_page.evaluate(
        """() => { const svg = document.querySelector('figure svg.chart-matrix');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll('text')].map(
            t => parseFloat(t.getAttribute('font-size')) * scale)); }"""
    )
    assert smallest >= 10.5
    # The weights read the Dutch way.
    assert phone_page.locator("#id_omvang").input_value() == "1,0"
    assert_accessible(phone_page, "prioriteiten-telefoon", screenshot_dir)
