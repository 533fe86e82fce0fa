"""Shared and local goals of a joint plan (issue 19): the lead sets every goal; a participant
only goals for its own gemeente, under its own URL; a plan of one gemeente has only shared
goals. Refusals come from the service itself and change nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from analysis.figures.constants import AreaKind
from analysis.models import AnalysisTheme, Area, CrimeCount
from analysis.narrative import services as va_services
from kernbeleid.models import Goal
from kernbeleid.products import services
from projects.constants import Role
from projects.models import AuditEntry
from tests.factories import MembershipFactory, UserFactory, gemeente, join_plan

from .goal_figures import WONING, PoliceFigures

CONFIRMED = {"confirmed": "1"}  # projects/confirm.py: the confirmed POST that would act


@pytest.fixture
def priority(world) -> AnalysisTheme:
    va_services.analysis_ensure(project=world.project)
    theme = AnalysisTheme.objects.get(field__project=world.project, code="1.4")
    theme.proposed_priority = True
    theme.save()
    return theme


@pytest.fixture
def joint(world, priority):
    """Amsterdam (the world's gemeente) leads; Diemen and Ouder-Amstel joined. Diemen has an
    ambtenaar and a raadslid of its own."""
    diemen, ouder = gemeente("GM0384"), gemeente("GM0437")
    join_plan(world.project, diemen, ouder)
    people = {
        "ambtenaar": UserFactory(email="ambtenaar@diemen.nl"),
        "raadslid": UserFactory(email="raadslid@diemen.nl"),
    }
    MembershipFactory(user=people["ambtenaar"], gemeente=diemen)
    MembershipFactory(user=people["raadslid"], gemeente=diemen, role=Role.RAADSLID)
    return world.project, diemen, ouder, people


def _add(world, theme, description, *, gemeente=None, access_gemeente=None):
    return services.goal_add(
        actor=world.users["ambtenaar"],
        project=world.project,
        theme=theme,
        description=description,
        gemeente=gemeente,
        access_gemeente=access_gemeente,
    )


def _url(name, g, project, goal=None):
    kwargs = {"gemeente_slug": g.slug, "project_uuid": project.uuid}
    if goal is not None:
        kwargs["goal_uuid"] = goal.uuid
    return reverse(f"kernbeleid:{name}", kwargs=kwargs)


def _fingerprint():
    return sorted(Goal.objects.values_list("description", "gemeente_id", "budget"))


# --- the service ---------------------------------------------------------------------------


def test_the_lead_sets_shared_and_local_goals_with_an_audit_entry(world, joint, priority):
    project, diemen, _ouder, _people = joint
    shared = _add(world, priority, "Samen minder inbraken", access_gemeente=world.gemeente)
    local = _add(
        world, priority, "Minder inbraken in Diemen", gemeente=diemen, access_gemeente=None
    )
    assert (shared.gemeente, shared.scope_label) == (None, "Gedeeld")
    assert (local.gemeente, local.scope_label) == (diemen, "Lokaal: Diemen")
    entries = AuditEntry.objects.filter(action="doel toegevoegd").order_by("id")
    assert [entry.detail["voor"] for entry in entries] == ["Gedeeld", "Lokaal: Diemen"]


def test_a_participant_only_sets_goals_for_its_own_gemeente(world, joint, priority):
    project, diemen, ouder, _people = joint
    own = _add(world, priority, "Eigen doel", gemeente=diemen, access_gemeente=diemen)
    assert own.gemeente == diemen
    before = _fingerprint()
    for scope, text in ((None, "het hele plan"), (ouder, "een andere gemeente")):
        with pytest.raises(ValidationError) as refused:
            _add(world, priority, "Niet van mij", gemeente=scope, access_gemeente=diemen)
        assert "U kunt alleen doelen voor Diemen zelf vastleggen" in str(refused.value)
        assert text in str(refused.value)
    assert _fingerprint() == before


def test_a_participant_may_not_change_or_remove_a_shared_or_another_gemeentes_goal(
    world, joint, priority
):
    project, diemen, ouder, _people = joint
    shared = _add(world, priority, "Gedeeld doel")
    theirs = _add(world, priority, "Doel van Ouder-Amstel", gemeente=ouder)
    own = _add(world, priority, "Doel van Diemen", gemeente=diemen)
    before = _fingerprint()
    for goal in (shared, theirs):
        with pytest.raises(ValidationError):
            services.goal_budget_set(
                actor=world.users["ambtenaar"],
                project=project,
                goal=goal,
                budget=1000,
                access_gemeente=diemen,
            )
        with pytest.raises(ValidationError):
            services.goal_remove(
                actor=world.users["ambtenaar"], project=project, goal=goal, access_gemeente=diemen
            )
    assert _fingerprint() == before
    services.goal_budget_set(
        actor=world.users["ambtenaar"],
        project=project,
        goal=own,
        budget=500,
        access_gemeente=diemen,
    )
    services.goal_remove(
        actor=world.users["ambtenaar"], project=project, goal=own, access_gemeente=diemen
    )
    assert not Goal.objects.filter(pk=own.pk).exists()
    assert AuditEntry.objects.get(action="doel verwijderd").detail["voor"] == "Lokaal: Diemen"


def test_a_plan_of_one_gemeente_has_only_shared_goals(world, priority):
    with pytest.raises(ValidationError) as refused:
        _add(world, priority, "Lokaal doel", gemeente=world.gemeente)
    assert "alleen doelen voor het hele plan" in str(refused.value)
    assert not Goal.objects.exists()
    assert _add(world, priority, "Gewoon doel").gemeente is None


def test_a_goal_only_for_a_gemeente_in_the_plan(world, joint, priority):
    with pytest.raises(ValidationError) as refused:
        _add(world, priority, "Elders", gemeente=world.other)
    assert "doet niet mee aan dit plan" in str(refused.value)
    assert not Goal.objects.exists()


# --- the pages -----------------------------------------------------------------------------


def test_the_lead_chooses_the_scope_on_the_kadernota_page(world, joint, priority):
    project, diemen, _ouder, _people = joint
    client = world.client("ambtenaar")
    page = client.get(_url("kadernota", world.gemeente, project)).content.decode()
    assert "Voor het hele plan" in page and "Alleen voor Diemen" in page
    assert "Alleen voor Ouder-Amstel" in page
    data = {"theme": priority.pk, "description": "Lokaal in Diemen", "gemeente": diemen.slug}
    assert client.post(_url("goal_add", world.gemeente, project), data).status_code == 302
    assert (
        client.post(
            _url("goal_add", world.gemeente, project),
            data | {"description": "Gedeeld", "gemeente": ""},
        ).status_code
        == 302
    )
    scopes = dict(Goal.objects.values_list("description", "gemeente"))
    assert scopes == {"Lokaal in Diemen": diemen.pk, "Gedeeld": None}
    page = client.get(_url("kadernota", world.gemeente, project)).content.decode()
    assert "Lokaal: Diemen" in page and "Gedeeld" in page


def test_a_participant_ambtenaar_adds_and_changes_only_its_own_goals(world, joint, priority):
    project, diemen, ouder, people = joint
    shared = _add(world, priority, "Gedeeld doel")
    theirs = _add(world, priority, "Doel van Ouder-Amstel", gemeente=ouder)
    client = world.client("ambtenaar")
    client.force_login(people["ambtenaar"])
    page = client.get(_url("kadernota", diemen, project)).content.decode()
    assert "Alleen voor Diemen" in page and "Voor het hele plan" not in page
    assert "Lokaal: Ouder-Amstel" in page  # it sees the plan's goals with their scope
    before = _fingerprint()
    # Another scope than its own is not a choice: the form says so, nothing is stored.
    for scope in ("", ouder.slug, world.gemeente.slug):
        response = client.post(
            _url("goal_add", diemen, project),
            {"theme": priority.pk, "description": "Poging", "gemeente": scope},
        )
        assert response.status_code == 200
        assert "Kies voor wie dit doel is." in response.content.decode()
    for goal in (shared, theirs):
        assert client.get(_url("goal_remove", diemen, project, goal)).status_code == 403
        response = client.post(_url("goal_remove", diemen, project, goal), CONFIRMED)
        assert response.status_code == 403
        response = client.post(_url("goal_budget", diemen, project, goal), {"budget": "99"})
        assert response.status_code == 403
    assert _fingerprint() == before
    response = client.post(
        _url("goal_add", diemen, project),
        {"theme": priority.pk, "description": "Eigen doel", "gemeente": diemen.slug},
    )
    assert response.status_code == 302
    own = Goal.objects.get(description="Eigen doel")
    assert own.gemeente == diemen
    response = client.post(_url("goal_budget", diemen, project, own), {"budget": "750"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.budget == 750


def test_a_participant_raadslid_changes_nothing(world, joint, priority):
    project, diemen, _ouder, people = joint
    own = _add(world, priority, "Doel van Diemen", gemeente=diemen)
    client = world.client("ambtenaar")
    client.force_login(people["raadslid"])
    before = _fingerprint()
    data = {"theme": priority.pk, "description": "Raadslid", "gemeente": diemen.slug}
    assert client.post(_url("goal_add", diemen, project), data).status_code == 403
    assert client.post(_url("goal_remove", diemen, project, own), CONFIRMED).status_code == 403
    response = client.post(_url("goal_budget", diemen, project, own), {"budget": "1"})
    assert response.status_code == 403
    assert _fingerprint() == before


def test_another_plans_goal_is_not_found(world, joint, priority):
    project, diemen, _ouder, people = joint
    va_services.analysis_ensure(project=world.other_project)
    theme = AnalysisTheme.objects.filter(field__project=world.other_project).first()
    elsewhere = Goal.objects.create(project=world.other_project, theme=theme, description="X")
    client = world.client("ambtenaar")
    client.force_login(people["ambtenaar"])
    assert client.post(_url("goal_remove", diemen, project, elsewhere)).status_code == 404


# --- what measures a local goal ------------------------------------------------------------


def test_a_local_goal_is_measured_on_its_own_gemeentes_figures(world, joint, priority):
    project, diemen, _ouder, _people = joint
    police = PoliceFigures(project)  # the lead: 600 on 40.000 inhabitants, 15 per 1.000
    police.count(2024, 600)
    diemen_area = Area.objects.create(
        gemeente=diemen,
        code=diemen.cbs_code,
        name=diemen.name,
        kind=AreaKind.GEMEENTE,
        inhabitants=20_000,
    )
    CrimeCount.objects.create(  # Diemen: 100 on 20.000, 5 per 1.000
        gemeente=diemen,
        area=diemen_area,
        year=2024,
        crime_code=WONING,
        crime_label="Diefstal/inbraak woning",
        count=100,
        import_run=police.run,
    )
    measure = {"source_kind": "police", "crime_code": WONING, "target_value": 2.0}
    shared, local = (
        services.goal_add(
            actor=world.users["ambtenaar"],
            project=project,
            theme=priority,
            description=description,
            target_year=2030,
            gemeente=scope,
            **measure,
        )
        for description, scope in (("Gedeeld", None), ("Diemen", diemen))
    )
    assert (shared.baseline_value, shared.baseline_year) == (15.0, 2024)
    assert (local.baseline_value, local.baseline_year) == (5.0, 2024)
    # A wijk in the list is the lead's: a participant's local goal cannot be measured on it.
    wijk = police.wijk("WK036300", "Centrum", 4_000)
    with pytest.raises(ValidationError) as refused:
        services.goal_add(
            actor=world.users["ambtenaar"],
            project=project,
            theme=priority,
            description="Diemen in een wijk van Amsterdam",
            target_year=2030,
            gemeente=diemen,
            area=wijk,
            **measure,
        )
    assert "op de cijfers van Diemen als geheel" in str(refused.value)
    assert Goal.objects.count() == 2


def test_a_participants_action_serves_a_shared_goal_or_its_own_not_anothers(world, joint):
    project, diemen, ouder, people = joint
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    shared = _add(world, theme, "Minder onveiligheidsgevoel in het plangebied")
    own = _add(world, theme, "Veilig centrum Diemen", gemeente=diemen)
    other = _add(world, theme, "Veilig centrum Ouder-Amstel", gemeente=ouder)
    action = {"year": 2027, "title": "Buurtpreventie", "owner": "OOV"}

    # The service refuses another gemeente's goal and writes nothing.
    with pytest.raises(ValidationError) as refused:
        services.action_add(
            actor=people["ambtenaar"], project=project, goal=other, access_gemeente=diemen, **action
        )
    assert "Dit doel is van Ouder-Amstel" in str(refused.value)
    assert not project.actions.exists()
    for goal in (shared, own):
        services.action_add(
            actor=people["ambtenaar"], project=project, goal=goal, access_gemeente=diemen, **action
        )
    assert project.actions.count() == 2

    # The form under Diemen's URL offers only the shared goal and Diemen's own.
    client = world.client("anonymous")
    client.force_login(people["ambtenaar"])
    url = reverse("kernbeleid:uitvoeringsprogramma", args=[diemen.slug, project.uuid])
    page = client.get(url).content.decode()
    assert "Veilig centrum Diemen" in page and "Minder onveiligheidsgevoel" in page
    assert "Veilig centrum Ouder-Amstel" not in page.split("<form")[-1]
    response = client.post(url, {**action, "goal": other.pk, "status": "gepland"})
    assert response.status_code == 200 and project.actions.count() == 2

    # The lead links actions to every goal.
    services.action_add(
        actor=world.users["ambtenaar"],
        project=project,
        goal=other,
        access_gemeente=world.gemeente,
        **action,
    )
    assert project.actions.filter(goal=other).count() == 1


def test_vm_goals_start_from_the_plan_area_or_their_own_gemeente(world, joint, priority):
    """A shared goal starts from the plan area's combined figure, a local goal from its own
    gemeente's edition; neither from the lead's figure alone."""
    from analysis.figures.services import population_set, survey_import_now
    from analysis.models import Indicator
    from tests.analysis.conftest import MAPPING, csv_upload
    from tests.analysis.test_plan_area_page import DIEMEN

    project, diemen, ouder, _people = joint
    project.min_n, project.warn_n = 1, 3
    project.save()
    for g, upload in ((world.gemeente, csv_upload()), (diemen, csv_upload(DIEMEN, "d.csv"))):
        survey_import_now(
            actor=None, project=project, upload=upload, year=2023, mapping=MAPPING, gemeente=g
        )
    onveilig = Indicator.objects.get(code="voelt_zich_weleens_onveilig", gemeente=None)

    def add(description, scope):
        return services.goal_add(
            actor=world.users["ambtenaar"],
            project=project,
            theme=priority,
            description=description,
            indicator=onveilig,
            target_value=30.0,
            target_year=2030,
            gemeente=scope,
        )

    # Ouder-Amstel has no figures yet: the plan area cannot be combined, so a shared goal
    # has no starting figure of its own (the lead's alone would not be the plan's).
    with pytest.raises(ValidationError, match="nulmeting zelf"):
        add("Gedeeld, te vroeg", None)
    project.participants.filter(gemeente=ouder).delete()
    for g, count in ((world.gemeente, 700), (diemen, 400)):
        population_set(actor=None, gemeente=g, year=2023, count=count, source="CBS")
    shared, local = add("Gedeeld", None), add("Diemen", diemen)
    # By hand. Diemen: 2 of 4 respondents (weights 1) = 50,0 %. Amsterdam's small file: 2,5
    # of 6 valid (weighted; all six weigh 7) = 41,7 %. The plan area: each file rescaled to its
    # inhabitants, Amsterdam 700 / 7 and Diemen 400 / 4, both × 100:
    # (100 × 2,5 + 100 × 2) / (100 × 6 + 100 × 4) = 450 / 1.000 = 45,0 %.
    assert (round(shared.baseline_value, 6), shared.baseline_year) == (45.0, 2023)
    assert (local.baseline_value, local.baseline_year) == (50.0, 2023)
