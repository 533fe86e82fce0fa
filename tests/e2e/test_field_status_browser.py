"""Proportionate completion (issue 17): the ambtenaar sets the status of every field of the
veiligheidsanalyse in one form with one submit; a field that is not complete is refused with
the reason beside it, and nothing changes."""

import pytest
from django.urls import reverse

from analysis.models import AnalysisField, AnalysisTheme
from analysis.narrative import services as va_services
from projects.models import AuditEntry

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def overview_url(world) -> str:
    return reverse(
        "analysis:va_overview",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


def no_page_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.fixture
def fields(world):
    va_services.analysis_ensure(project=world.project)
    themes = AnalysisTheme.objects.filter(field__project=world.project)
    themes.update(knelpunten="<p>Knelpunt beschreven.</p>")
    # One theme of Jeugd en veiligheid (3.1) still empty: that field is not complete.
    themes.filter(code="3.1").update(knelpunten="")
    return list(AnalysisField.objects.filter(project=world.project, hidden=False))


def test_all_statuses_in_one_place(world, fields, live_server, page, screenshot_dir):
    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(live_server.url + overview_url(world))
    page.get_by_role("heading", name="Status van de velden").wait_for()
    assert page.get_by_role("button", name="Statussen opslaan").count() == 1
    for field in fields:
        page.get_by_label(f"Status van {field.name}", exact=True).select_option("definitief")
    page.get_by_role("button", name="Statussen opslaan").click()
    # Refused: one field is not complete. The reason is beside it, nothing changed.
    page.get_by_text("De statussen zijn niet opgeslagen").wait_for()
    incomplete = next(field for field in fields if field.code == "3")
    # Said in the error summary at the top of the page (which takes the focus) and beside
    # the field.
    assert page.get_by_text(f"{incomplete.name} kan nog niet definitief").count() == 2
    page.wait_for_function(  # error-summary.js (deferred) moves the focus there
        "document.activeElement && document.activeElement.hasAttribute('data-error-summary')"
    )
    assert page.get_by_role("alert").first.is_visible()
    assert not AnalysisField.objects.filter(project=world.project, status="definitief").exists()
    # The choices made are still there to correct.
    first = fields[0]
    assert page.get_by_label(f"Status van {first.name}", exact=True).input_value() == "definitief"
    assert_accessible(page, "va-status-geweigerd", screenshot_dir)

    page.get_by_label(f"Status van {incomplete.name}", exact=True).select_option("review")
    page.get_by_role("button", name="Statussen opslaan").click()
    page.get_by_text(f"De statussen zijn opgeslagen ({len(fields)} gewijzigd).").wait_for()
    statuses = dict(
        AnalysisField.objects.filter(project=world.project, hidden=False).values_list(
            "code", "status"
        )
    )
    assert statuses.pop("3") == "review"
    assert set(statuses.values()) == {"definitief"}
    assert AuditEntry.objects.filter(action="status gewijzigd").count() == len(fields)
    assert no_page_scroll(page)
    assert_accessible(page, "va-status-alle-velden", screenshot_dir)


def test_the_status_form_on_a_phone(world, fields, live_server, phone_page, screenshot_dir):
    login(phone_page, live_server, world.users["ambtenaar"].email)
    phone_page.goto(live_server.url + overview_url(world))
    phone_page.get_by_role("heading", name="Status van de velden").scroll_into_view_if_needed()
    assert no_page_scroll(phone_page)
    assert_accessible(phone_page, "va-status-telefoon", screenshot_dir)
