"""An ambtenaar follows a goal on police figures between two Veiligheidsmonitor editions: step
12 and the goal's own page show the yearly police series with its intervals for the years
between the editions; every page passes axe."""

import pytest
from django.urls import reverse

from analysis.figures.constants import Series
from analysis.models import ImportRun, Indicator, IndicatorResult, ProjectEdition, SurveyEdition
from kernbeleid.cycle import services
from kernbeleid.models import Goal
from tests.kernbeleid.goal_figures import PoliceFigures, police_goal, theme_of

from .test_personas import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Woninginbraak in the gemeente (40,000 inhabitants), between the editions of 2021 and 2025.
COUNTS = {2021: 120, 2022: 116, 2023: 104, 2024: 98, 2025: 90}


def _editions(project, area):
    onveilig = Indicator.objects.get(code="voelt_zich_weleens_onveilig", gemeente=None)
    for year, estimate in [(2021, 31.0), (2025, 28.0)]:
        run = ImportRun.objects.create(
            project=project, kind="survey", status="done", original_name=f"vm{year}.csv", year=year
        )
        edition = SurveyEdition.objects.create(
            gemeente=project.gemeente,
            year=year,
            series=Series.for_year(year),
            import_run=run,
            respondents=1000,
            weight_column="weegfactor",
        )
        ProjectEdition.objects.create(project=project, edition=edition, year=year)
        IndicatorResult.objects.create(
            edition=edition,
            indicator=onveilig,
            area=area,
            estimate=estimate,
            ci_low=estimate - 2,
            ci_high=estimate + 2,
            se=1.0,
            n=1000,
            n_eff=800.0,
        )
    return onveilig


def test_follow_a_police_goal_between_two_survey_editions(
    world, live_server, page, phone_page, screenshot_dir
):
    project = world.project
    police = PoliceFigures(project)
    for year, count in COUNTS.items():
        police.count(year, count)
    onveilig = _editions(project, police.gemeente_area)
    Goal.objects.create(
        project=project,
        theme=theme_of(project),
        description="Minder inwoners voelen zich weleens onveilig",
        indicator=onveilig,
        baseline_year=2021,
        baseline_value=31.0,
        target_value=27.0,
        target_year=2029,
    )
    goal = police_goal(
        project, baseline_year=2021, baseline_value=3.0, target_value=2.4, target_year=2029
    )
    services.goals_measure(project=project)

    login(page, live_server, world.users["ambtenaar"].email)
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
    page.goto(live_server.url + reverse("kernbeleid:goals", kwargs=kwargs))
    page.get_by_role("heading", name="Doelen en metingen").wait_for()
    card = page.locator("section", has=page.get_by_role("heading", name="Minder woninginbraken"))
    table = card.get_by_role("table")
    # Every police year between the editions, with its rate and exact (Garwood) interval: 116
    # on 40,000 is 2,9 per 1.000 (95.85 to 139.13 incidents: 2,4 – 3,5); 104 is 2,6 (2,1 – 3,2);
    # 98 is 2,45 (2,0 – 3,0).
    for year, value, interval in [
        ("2022", "2,9", "2,4 – 3,5"),
        ("2023", "2,6", "2,1 – 3,2"),
        ("2024", "2,5", "2,0 – 3,0"),
    ]:
        row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=year))
        assert value in row.inner_text() and interval in row.inner_text()
    assert card.locator("svg[role=img]").count() == 1
    # The survey goal in the same page has only its two editions.
    survey = page.locator(
        "section", has=page.get_by_role("heading", name="Minder inwoners voelen zich")
    )
    assert survey.get_by_role("row").count() == 3  # header, 2021, 2025
    assert_accessible(page, "doelen-politie", screenshot_dir)

    card.get_by_role("link", name="Het doel en zijn reeks apart bekijken").click()
    page.get_by_role("heading", name="Minder woninginbraken", level=1).wait_for()
    assert page.url.endswith(f"/doelen/{goal.uuid}/")
    text = page.get_by_role("table").inner_text()
    # 120 in 2021 against 90 in 2025: p = 0.045 (binomial 90 of 210, 1/2), a real fall.
    assert "2,9" in text and "2,4 – 3,5" in text and "significant gedaald" in text
    assert "politie, 104 misdrijven" in text
    assert_accessible(page, "doel-politie", screenshot_dir)

    login(phone_page, live_server, world.users["ambtenaar"].email)
    phone_page.goto(page.url)
    phone_page.get_by_role("heading", name="Minder woninginbraken", level=1).wait_for()
    assert_accessible(phone_page, "doel-politie-telefoon", screenshot_dir)


def test_register_an_own_series_in_the_browser(world, live_server, page, screenshot_dir, tmp_path):
    """The own registration a goal can be measured on: made, filled in and a bad file refused."""
    login(page, live_server, world.users["ambtenaar"].email)
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    page.goto(live_server.url + reverse("kernbeleid:own_series_list", kwargs=kwargs))
    assert_accessible(page, "registraties", screenshot_dir)
    page.get_by_label("Naam").fill("Meldingen jeugdoverlast")
    page.get_by_label("Bron").fill("MOR-meldingen, team OOV")
    page.get_by_role("button", name="Registratie aanmaken").click()
    page.get_by_role("heading", name="Meldingen jeugdoverlast", level=1).wait_for()
    page.locator("#id_year").fill("2024")
    page.locator("#id_value").fill("1262")
    page.get_by_role("button", name="Jaar opslaan").click()
    page.get_by_text("2024 is opgeslagen.").wait_for()
    bad = tmp_path / "reeks.csv"
    bad.write_text("jaar;waarde\n2025;veel\n", encoding="utf-8")
    page.locator("#id_file").set_input_files(str(bad))
    page.get_by_role("button", name="Inlezen").click()
    # Said at the top (the error summary) and at the field.
    page.locator("[data-error-summary]").get_by_text(
        "Regel 2, kolom ‘waarde’: ‘veel’ is geen getal"
    ).wait_for()
    assert page.get_by_role("rowheader", name="2025").count() == 0
    assert_accessible(page, "registratie-fout", screenshot_dir)
