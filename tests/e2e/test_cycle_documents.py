"""Issue 16 in the browser: the ambtenaar names the previous plan and reads its evaluation,
writes the year's texts, makes the uitvoeringsprogramma 2027 and its voortgangsrapportage,
and puts the voortgangsrapportage before the raad; the raadslid reads it. axe checks every
page, at desktop width and on a phone for the pages people fill in."""

import pytest
from django.urls import reverse

from kernbeleid.models import EvaluationDraft, YearTexts
from reports.models import ReportVersion
from tests.kernbeleid.evaluation_scene import predecessor_plan
from tests.reports.yearly_scene import build_yearly

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHANGED = "De overlast in het centrum nam af; in de wijk Haven bleef zij gelijk."


def _make(page, overview: str, document: str, year: str) -> None:
    page.goto(overview)
    page.locator("#id_document").select_option(document)
    page.locator("#id_part").select_option(year)
    page.locator("#id_format").select_option("pdf")
    page.get_by_role("button", name="Maken").click()
    page.get_by_text("Het document is klaar").wait_for(timeout=60_000)


def test_evaluation_programme_and_progress_walk(
    world, live_server, page, phone_page, browser, screenshot_dir
):
    project = world.project
    before = predecessor_plan(world)
    build_yearly(project)
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
    url = lambda name, **kw: live_server.url + reverse(name, kwargs=base | kw)  # noqa: E731

    # 1. The previous plan is named on the project's settings; its evaluation is drafted.
    login(page, live_server, world.users["ambtenaar"].email)
    page.goto(url("projects:project_edit"))
    page.get_by_label("Vorig veiligheidsplan").select_option(label=f"{before.name} (2023–2026)")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert EvaluationDraft.objects.filter(project=project, predecessor=before).exists()
    page.goto(url("kernbeleid:evaluation"))
    goals = page.get_by_role("table").filter(has_text="Minder overlast A")
    row = goals.get_by_role("row").filter(has_text="Minder overlast A")
    assert "ja" in row.inner_text() and "significant" in row.inner_text()
    broken = goals.get_by_role("row").filter(has_text="Minder overlast C")
    assert "niet vergelijkbaar (trendbreuk)" in broken.inner_text()
    assert_accessible(page, "cyclus-evaluatie", screenshot_dir)
    page.get_by_role("button", name="Opnieuw opstellen").click()
    page.wait_for_load_state()
    assert_accessible(page, "cyclus-evaluatie-opnieuw", screenshot_dir)

    # 2. The year's texts, on a phone as well.
    login(phone_page, live_server, world.users["ambtenaar"].email)
    phone_page.goto(url("kernbeleid:jaardocumenten", year=2027))
    assert_accessible(phone_page, "cyclus-jaardocumenten-telefoon", screenshot_dir)
    page.goto(url("kernbeleid:jaardocumenten", year=2027))
    page.get_by_label("Voortgangsrapportage: wat veranderde").fill(CHANGED)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert_accessible(page, "cyclus-jaardocumenten", screenshot_dir)
    texts = YearTexts.objects.get(project=project, document="voortgang", year=2027)
    assert texts.veranderd == CHANGED

    # 3. The uitvoeringsprogramma 2027: actions per priority, with their budgets.
    overview = url("reports:overview")
    _make(page, overview, "uitvoeringsprogramma", "2027")
    assert_accessible(page, "cyclus-uitvoeringsprogramma-klaar", screenshot_dir)
    programme = ReportVersion.objects.get(
        project=project, document="uitvoeringsprogramma", part="2027"
    )
    page.goto(url("reports:version", version_uuid=programme.uuid))
    page.get_by_role("heading", name="Uitvoeringsprogramma integrale veiligheid 2027").wait_for()
    assert "€ 49.750,50" in page.inner_text("main")  # the three actions of 2027, by hand
    assert_accessible(page, "cyclus-uitvoeringsprogramma", screenshot_dir)

    # 4. Its voortgangsrapportage, published to the raad ter informatie.
    _make(page, overview, "voortgang", "2027")
    progress = ReportVersion.objects.get(project=project, document="voortgang", part="2027")
    page.goto(url("reports:version", version_uuid=progress.uuid))
    assert CHANGED in page.inner_text("main")
    assert_accessible(page, "cyclus-voortgang", screenshot_dir)
    page.goto(url("reports:publish", version_uuid=progress.uuid))
    assert_accessible(page, "cyclus-voortgang-publiceren", screenshot_dir)
    page.get_by_label("de raad").check()
    page.get_by_label("ter informatie").check()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_load_state()

    # 5. The raadslid reads the voortgangsrapportage, not the unpublished uitvoeringsprogramma.
    reader = browser.new_page()
    login(reader, live_server, world.users["raadslid"].email)
    reader.goto(url("reports:version", version_uuid=progress.uuid))
    assert CHANGED in reader.inner_text("main")
    assert_accessible(reader, "cyclus-voortgang-raadslid", screenshot_dir)
    response = reader.goto(url("reports:version", version_uuid=programme.uuid))
    assert response.status == 404
    reader.close()
