"""The demo's joint plan (issue 19): three real Heuvelland gemeenten, each with its own
members and its own Veiligheidsmonitor, on step 5 with two of three raden decided."""

from analysis.figures.plan_area_selectors import (
    plan_area_for_editions,
    plan_editions,
    plan_indicators,
)
from analysis.models import Benchmark, IndicatorResult
from kernbeleid.workflow.raden import raad_status
from projects.constants import Role
from projects.demo import demo_load
from projects.demo_joint import PLAN_NAME, demo_joint_load
from projects.joint import plan_gemeenten
from projects.models import Project
from reports.models import Publication
from reports.selectors import versions_visible
from tests.factories import gemeente


def test_the_demo_has_a_joint_plan_of_three_heuvelland_gemeenten(db):
    gemeente("GM1729")
    demo_load()
    done = demo_joint_load()
    assert "aangenomen in 2 van 3 raden" in done[0]
    project = Project.objects.get(name=PLAN_NAME)
    gemeenten = plan_gemeenten(project)
    assert [g.name for g in gemeenten] == ["Gulpen-Wittem", "Eijsden-Margraten", "Vaals"]
    assert str(raad_status(project)) == "stap 5: aangenomen in 2 van 3 raden"
    # Each raad got the analysis separately; Vaals's raadslid reads it.
    assert Publication.objects.filter(version__project=project).count() == 3
    vaals = gemeenten[2]
    raadslid = vaals.memberships.get(role=Role.RAADSLID).user
    assert versions_visible(project, Role.RAADSLID, raadslid).exists()
    # The plan area is combined (same edition everywhere, populations entered) and Vaals,
    # planted with more drugs trouble, stands out in the drafts.
    editions = plan_editions(project, gemeenten, 2023)
    assert all(edition is not None for _g, edition in editions)
    plan = plan_area_for_editions(
        editions,
        indicators=plan_indicators([e for _g, e in editions]),
        min_n=project.min_n,
        warn_n=project.warn_n,
    )
    assert not plan.side_by_side
    sentences = [s for row in plan.rows for s in row.standing_out]
    assert any("drugshandel" in s and "Vaals" in s for s in sentences)
    # Each gemeente wrote its own chapter; the raad's analysis carries all three.
    analysis = Publication.objects.filter(version__project=project).first().version
    text = str(analysis.snapshot)
    assert "Drugsoverlast in het centrum van Vaals" in text
    assert "Woninginbraak in de grenskernen" in text and "Geuldal" in text
    # The werkgroep's first goals: shared ones, and one Vaals wrote for itself alone.
    scopes = {goal.description: goal.scope_label for goal in project.goals.all()}
    assert scopes["Minder drugsoverlast in het centrum van Vaals"] == "Lokaal: Vaals"
    assert list(scopes.values()).count("Gedeeld") == 2
    # Vaals's goal starts from Vaals's own Veiligheidsmonitor, the figure it stands out on;
    # each gemeente compares with basisteam Heuvelland and its district (synthetic).
    vaals_goal = project.goals.get(gemeente=vaals)
    own = IndicatorResult.objects.get(
        edition__gemeente=vaals,
        area__kind="gemeente",
        indicator=vaals_goal.indicator,
        edition__year=2023,
    )
    assert (vaals_goal.baseline_value, vaals_goal.baseline_year) == (own.estimate, 2023)
    assert vaals_goal.target_value < vaals_goal.baseline_value
    regions = set(Benchmark.objects.filter(gemeente=vaals).values_list("region_code", flat=True))
    assert {"NL00", "RE10", "PD9910", "BT991001"} <= regions
    # A second run changes nothing.
    assert "niets gewijzigd" in demo_joint_load()[0]
    assert Project.objects.filter(name=PLAN_NAME).count() == 1
