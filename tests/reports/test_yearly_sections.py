"""The yearly documents' chapters on their own: the collegebesluit and the raad's kennisname
in the inleiding, confidential themes kept from readers, and taakveld on actions and goals."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kernbeleid.constants import KennisnameKind
from kernbeleid.models import Action, CollegeBesluit, RaadKennisname
from kernbeleid.products import services as products
from projects.confidentiality import theme_key
from projects.confidentiality_services import confidential_mark_set
from reports import selectors
from reports.confidential import redacted
from reports.snapshot import document_snapshot
from tests.reports.yearly_scene import build_yearly


@pytest.fixture
def yearly(world):
    return build_yearly(world.project)


def _snapshot(project, document, part="2027"):
    return document_snapshot(project, document, selectors.structure_for(project, document), part)


def test_the_inleiding_names_the_collegebesluit_and_the_kennisname(world, yearly):
    besluit = CollegeBesluit.objects.create(
        project=world.project, year=2027, date=date(2026, 11, 3), number="CB-2026-88"
    )
    RaadKennisname.objects.create(
        project=world.project,
        college_besluit=besluit,
        kind=KennisnameKind.COMMISSIE,
        date=date(2026, 12, 1),
        reference="Commissie Bestuur",
    )
    text = str(_snapshot(world.project, "uitvoeringsprogramma").sections[0].to_json())
    assert "kadernota integrale veiligheid 2027-2030 uit voor 2027" in text
    assert "op 3 november 2026 vastgesteld (besluit CB-2026-88)" in text
    assert "op 1 december 2026 kennis van genomen (commissiebespreking, Commissie Bestuur)" in text
    other = str(_snapshot(world.project, "uitvoeringsprogramma", "2028").sections[0].to_json())
    assert "CB-2026-88" not in other  # another year's besluit


@pytest.mark.parametrize("document", ["uitvoeringsprogramma", "voortgang"])
def test_a_confidential_theme_is_kept_from_readers(world, yearly, document):
    confidential_mark_set(
        actor=world.users["ambtenaar"],
        project=world.project,
        key=theme_key(yearly.goal.theme),
        reason="ondermijning",
        note="",
    )
    full = str(_snapshot(world.project, document).to_json())
    reader = str(redacted(_snapshot(world.project, document)).to_json())
    assert "Buurtpreventie begeleiden" in full
    assert "Buurtpreventie begeleiden" not in reader and "2,4 (2026)" not in reader
    assert "Oefening crisisteam" in reader  # an action without a goal stays


def test_the_public_total_leaves_the_confidential_budgets_out(world, yearly):
    confidential_mark_set(
        actor=world.users["ambtenaar"],
        project=world.project,
        key=theme_key(yearly.goal.theme),
        reason="ondermijning",
        note="",
    )
    reader = str(redacted(_snapshot(world.project, "uitvoeringsprogramma")).to_json())
    assert "Totaal (zonder de vertrouwelijke onderdelen)" in reader
    assert "€ 49.750,50" not in reader and "€ 30.000" in reader


def test_taakveld_and_programme_on_actions_and_goals(world, yearly):
    actor = world.users["ambtenaar"]
    action = products.action_add(
        actor=actor,
        project=world.project,
        year=2027,
        title="Cameratoezicht",
        owner="OOV",
        budget=Decimal("100"),
        taakveld="1.2",
        begroting_programma="Veiligheid",
    )
    assert (action.taakveld, action.begroting_programma) == ("1.2", "Veiligheid")
    with pytest.raises(ValidationError, match="taakveld 1.1 of 1.2"):
        products.action_update(actor=actor, project=world.project, action=action, taakveld="2.1")
    action.refresh_from_db()
    assert action.taakveld == "1.2"
    url = reverse(
        "kernbeleid:goal_budget",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "goal_uuid": yearly.goal.uuid,
        },
    )
    client = world.client("ambtenaar")
    client.post(
        url, {"budget": "5000", "funding": "", "taakveld": "1.1", "begroting_programma": "P1"}
    )
    yearly.goal.refresh_from_db()
    assert (yearly.goal.taakveld, yearly.goal.begroting_programma) == ("1.1", "P1")
    client.post(url, {"budget": "6000", "funding": ""})  # an older form: begroting kept
    yearly.goal.refresh_from_db()
    assert (yearly.goal.budget, yearly.goal.taakveld) == (6000, "1.1")
    page = client.get(
        reverse(
            "kernbeleid:uitvoeringsprogramma",
            kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
        )
    )
    assert b"Taakveld" in page.content and b"jaardocumenten/2027/" in page.content
    assert Action.objects.filter(project=world.project, taakveld="1.1").count() == 1


@pytest.mark.parametrize("document", ["uitvoeringsprogramma", "voortgang"])
def test_the_outline_page_works_for_the_yearly_kinds(world, document):
    url = reverse(
        "reports:outline",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "document": document,
        },
    )
    assert world.client("ambtenaar").get(url).status_code == 200
