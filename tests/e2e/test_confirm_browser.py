"""Issue 17 in the browser: removing a werkgroep member asks first (in a dialog with
JavaScript, on its own page without), and "Annuleren" keeps the member; removing a section of
the report structure can be undone within 30 seconds. axe checks the question."""

import pytest
from django.urls import reverse

from kernbeleid.constants import Organisation
from kernbeleid.models import WerkgroepMember
from reports.constants import SectionSource
from reports.models import ReportStructure, StructureChoice, StructureSection

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# The sections listed on the structure page.
SECTIONS = "#kop-hoofdstukken ~ ol > li"


def _url(live_server, world, name, **kwargs):
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    return live_server.url + reverse(name, kwargs=base | kwargs)


def _no_page_scroll(page) -> None:
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_removing_a_werkgroep_member_asks_first(world, live_server, page, screenshot_dir):
    member = WerkgroepMember.objects.create(
        project=world.project, name="Agent Jansen", organisation=Organisation.POLITIE
    )
    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(_url(live_server, world, "kernbeleid:werkgroep"))

    # With JavaScript the question opens in a dialog; Annuleren closes it and keeps the member.
    page.get_by_role("link", name="Verwijderen Agent Jansen").click()
    dialog = page.get_by_role("dialog", name="Werkgroeplid verwijderen")
    dialog.get_by_text("Wilt u Agent Jansen uit de werkgroep verwijderen?").wait_for()
    dialog.get_by_text("Daarna kunt u dit 30 seconden ongedaan maken.").wait_for()
    page.screenshot(path=str(screenshot_dir / "confirm-dialog-1280.png"))
    dialog.get_by_role("link", name="Annuleren").click()
    dialog.wait_for(state="detached")
    assert page.get_by_role("cell", name="Agent Jansen", exact=True).is_visible()
    assert WerkgroepMember.objects.filter(pk=member.pk).exists()

    # The question page itself (what the link opens without JavaScript), at both widths.
    remove = _url(live_server, world, "kernbeleid:werkgroep_remove", member_uuid=member.uuid)
    page.goto(remove)
    assert_accessible(page, "confirm-page-1280", screenshot_dir)
    _no_page_scroll(page)
    page.get_by_role("link", name="Annuleren").click()
    page.get_by_role("heading", name="Werkgroep").wait_for()
    assert page.get_by_role("cell", name="Agent Jansen", exact=True).is_visible()

    # Confirmed in the dialog: the member goes, with the undo offered.
    page.get_by_role("link", name="Verwijderen Agent Jansen").click()
    page.get_by_role("dialog").get_by_role("button", name="Ja, verwijderen").click()
    page.get_by_text("Agent Jansen is uit de werkgroep verwijderd.").wait_for()
    assert page.get_by_text("Nog niemand in de werkgroep.").is_visible()
    assert not WerkgroepMember.objects.filter(pk=member.pk).exists()
    assert_accessible(page, "confirm-werkgroep-undo-1280", screenshot_dir)


def test_the_question_page_on_a_phone(world, live_server, phone_page, screenshot_dir):
    member = WerkgroepMember.objects.create(
        project=world.project, name="Agent Jansen", organisation=Organisation.POLITIE
    )
    login(phone_page, live_server, world.users["ambtenaar"].email)
    phone_page.goto(
        _url(live_server, world, "kernbeleid:werkgroep_remove", member_uuid=member.uuid)
    )
    assert_accessible(phone_page, "confirm-page-390", screenshot_dir)
    _no_page_scroll(phone_page)
    phone_page.goto(_url(live_server, world, "kernbeleid:werkgroep"))
    phone_page.get_by_role("link", name="Verwijderen Agent Jansen").click()
    phone_page.get_by_role("dialog").get_by_text("Wilt u Agent Jansen").wait_for()
    phone_page.screenshot(path=str(screenshot_dir / "confirm-dialog-390.png"))


def test_removing_a_section_and_undoing_it(world, live_server, page, screenshot_dir):
    structure = ReportStructure.objects.create(
        name="Eigen indeling", document="analyse", gemeente=world.gemeente
    )
    StructureChoice.objects.create(project=world.project, document="analyse", structure=structure)
    for position, title in enumerate(("Samenvatting", "Voorwoord"), start=1):
        StructureSection.objects.create(
            structure=structure, position=position, title=title, source=SectionSource.FIXED
        )
    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(_url(live_server, world, "reports:structure", document="analyse"))
    page.get_by_role("link", name="Verwijderen Voorwoord").click()
    dialog = page.get_by_role("dialog", name="Hoofdstuk verwijderen")
    dialog.get_by_role("button", name="Ja, verwijderen").click()
    page.get_by_text("Het hoofdstuk ‘Voorwoord’ is verwijderd.").wait_for()
    assert not structure.sections.filter(title="Voorwoord").exists()
    assert page.locator(SECTIONS).count() == 1

    page.get_by_role("button", name="Ongedaan maken").click()
    page.get_by_text("Het hoofdstuk ‘Voorwoord’ staat weer in de structuur.").wait_for()
    assert page.locator(SECTIONS).count() == 2
    assert structure.sections.filter(title="Voorwoord").exists()
    assert_accessible(page, "confirm-section-restored-1280", screenshot_dir)
