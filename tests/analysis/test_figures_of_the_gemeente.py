"""Survey editions, benchmarks and police figures belong to the gemeente: every project of
the gemeente uses them, and each project chooses the editions its analysis is based on."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from analysis.figures.services import survey_import_now
from analysis.figures.services.project_editions import project_editions_set
from analysis.models import IndicatorResult, ProjectEdition, SurveyEdition
from projects.models import AuditEntry
from projects.services import project_create
from tests.analysis.conftest import MAPPING, SMALL, csv_upload

FEELING = "voelt_zich_weleens_onveilig"


def _import(project, year, text=SMALL, *, replace=False):
    survey_import_now(
        actor=None,
        project=project,
        upload=csv_upload(text, name=f"vm{year}.csv"),
        year=year,
        mapping=MAPPING,
        replace=replace,
    )
    return SurveyEdition.objects.get(gemeente=project.gemeente, year=year)


def _second_plan(world):
    return project_create(
        actor=world.users["adviseur"],
        gemeente=world.gemeente,
        name="Integraal Veiligheidsplan 2031-2034",
        scope="kernbeleid",
        period_start=2031,
        period_end=2034,
    )


def _gemeente_share(project, year):
    """The weighted share feeling unsafe for the whole gemeente, as the project reads it."""
    return IndicatorResult.objects.get(
        edition__projects=project,
        edition__year=year,
        indicator__code=FEELING,
        area__kind="gemeente",
    ).estimate


def test_a_second_plan_sees_the_first_plans_editions_without_a_new_import(
    world, survey_project, client
):
    first = _import(survey_project, 2021)
    second_edition = _import(survey_project, 2023)
    runs_before = survey_project.gemeente.import_runs.count()

    second = _second_plan(world)

    assert list(second.editions.order_by("year")) == [first, second_edition]
    assert survey_project.gemeente.import_runs.count() == runs_before
    # Hand-computed from SMALL: weights 1+2+1+0.5 of respondents answering 1 or 2, over the
    # weights of all who answered (respondent 6 said 99: missing): (1+1+0.5)/(1+2+1+0.5+1.5).
    assert _gemeente_share(second, 2023) == pytest.approx(100 * 2.5 / 6.0)
    # The second plan's figures page lists the editions and opens an indicator.
    client.force_login(world.users["ambtenaar"])
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": second.uuid}
    page = client.get(reverse("analysis:overview", kwargs=base)).content.decode()
    assert "<td>2021</td>" in page and "<td>2023</td>" in page
    indicator = client.get(reverse("analysis:indicator", kwargs=base | {"code": FEELING}))
    assert indicator.status_code == 200


def test_a_reimport_replaces_the_year_for_every_project_that_used_it(world, survey_project):
    old = _import(survey_project, 2023)
    second = _second_plan(world)
    assert list(second.editions.all()) == [old]
    changed = SMALL.replace("1;WK036300;1,0;1;7", "1;WK036300;1,0;3;7")

    new = _import(second, 2023, changed, replace=True)

    assert not SurveyEdition.objects.filter(pk=old.pk).exists()
    assert list(survey_project.editions.all()) == [new]
    assert list(second.editions.all()) == [new]
    # Respondent 1 now answered 3: (1+0.5)/6 for both plans.
    assert _gemeente_share(survey_project, 2023) == pytest.approx(100 * 1.5 / 6.0)


def test_an_import_of_an_existing_year_without_confirmation_changes_nothing(world, survey_project):
    edition = _import(survey_project, 2023)
    second = _second_plan(world)
    with pytest.raises(ValidationError, match="Editie 2023 bestaat al voor"):
        _import(second, 2023)
    assert list(SurveyEdition.objects.filter(gemeente=world.gemeente)) == [edition]


def test_the_project_chooses_its_editions(world, survey_project):
    e2021, e2023 = _import(survey_project, 2021), _import(survey_project, 2023)
    second = _second_plan(world)

    project_editions_set(actor=world.users["ambtenaar"], project=second, editions=[e2023])

    assert list(second.editions.all()) == [e2023]
    assert list(survey_project.editions.order_by("year")) == [e2021, e2023]  # untouched
    entry = AuditEntry.objects.filter(project=second, action="edities gekozen").get()
    assert entry.detail == {"van": [2021, 2023], "naar": [2023]}


def test_one_edition_per_year_and_only_the_gemeentes_own(world, survey_project):
    edition = _import(survey_project, 2023)
    other = world.other_project
    other.min_n, other.warn_n = 1, 3
    other.save()
    foreign = _import(other, 2023, SMALL.replace("WK0363", "WK0034"))
    before = list(ProjectEdition.objects.values_list("project_id", "edition_id"))
    with pytest.raises(ValidationError, match="alleen edities van deze gemeente"):
        project_editions_set(actor=None, project=survey_project, editions=[edition, foreign])
    assert list(ProjectEdition.objects.values_list("project_id", "edition_id")) == before


def test_the_choice_page_saves_and_a_raadslid_cannot(world, survey_project, client):
    e2021, e2023 = _import(survey_project, 2021), _import(survey_project, 2023)
    url = reverse(
        "analysis:editions_choose",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": survey_project.uuid},
    )
    client.force_login(world.users["raadslid"])
    assert client.post(url, {"editions": [e2021.pk]}).status_code == 403
    assert list(survey_project.editions.order_by("year")) == [e2021, e2023]

    client.force_login(world.users["ambtenaar"])
    page = client.get(url).content.decode()
    assert "Veiligheidsmonitor 2021" in page and "Veiligheidsmonitor 2023" in page
    response = client.post(url, {"editions": [e2023.pk]})
    assert response.status_code == 302
    assert list(survey_project.editions.all()) == [e2023]
    bad = client.post(url, {"editions": ["999999"]})
    assert "Kies edities uit de lijst." in bad.content.decode()
    assert list(survey_project.editions.all()) == [e2023]


def test_respondent_thresholds_hold_for_every_plan_of_the_gemeente(world, survey_project):
    """A figure suppressed in one plan never shows in another that reads the same edition."""
    from analysis.figures.services import project_thresholds_update

    _import(survey_project, 2023)
    second = _second_plan(world)
    assert (second.min_n, second.warn_n) == (1, 3)  # taken from the plan before it
    wijk = IndicatorResult.objects.filter(
        edition__projects=second, indicator__code=FEELING, area__code="WK036300"
    )
    assert wijk.get().n == 3 and not wijk.get().suppressed

    project_thresholds_update(actor=None, project=survey_project, min_n=4, warn_n=6)

    second.refresh_from_db()
    assert (second.min_n, second.warn_n) == (4, 6)
    assert wijk.get().suppressed  # 3 respondents, under the new minimum, in both plans
    entry = AuditEntry.objects.filter(project=survey_project, action="drempels gewijzigd").get()
    assert entry.detail["ook voor"] == [second.name]
