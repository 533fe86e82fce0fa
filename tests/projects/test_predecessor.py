"""A project names the plan it follows: only an earlier plan of the same gemeente, never
itself; set on creation (prefilled by ?vorige=) or on the project's settings page, audited,
and its evaluation drafted at once."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kernbeleid.models import EvaluationDraft
from projects.models import AuditEntry, Project
from projects.predecessor import project_predecessor_set
from tests.factories import ProjectFactory


@pytest.fixture
def earlier(world):
    return ProjectFactory(
        gemeente=world.gemeente,
        name="Veiligheidsplan 2023-2026",
        period_start=2023,
        period_end=2026,
    )


def _edit_url(world):
    return reverse(
        "projects:project_edit",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


def test_a_plan_of_another_gemeente_is_refused(world):
    elsewhere = ProjectFactory(gemeente=world.other, period_start=2019, period_end=2022)
    with pytest.raises(ValidationError) as error:
        project_predecessor_set(
            actor=world.users["ambtenaar"], project=world.project, predecessor=elsewhere
        )
    assert error.value.message_dict["predecessor"] == ["Kies een vorig plan van dezelfde gemeente."]
    world.project.refresh_from_db()
    assert world.project.predecessor_id is None


def test_the_project_itself_or_a_later_plan_is_refused(world):
    later = ProjectFactory(gemeente=world.gemeente, period_start=2031, period_end=2034)
    with pytest.raises(ValidationError, match="eigen vorige plan"):
        project_predecessor_set(
            actor=world.users["ambtenaar"], project=world.project, predecessor=world.project
        )
    with pytest.raises(ValidationError, match="eerder beginnen"):
        project_predecessor_set(
            actor=world.users["ambtenaar"], project=world.project, predecessor=later
        )


def test_the_settings_page_names_the_predecessor_audits_it_and_drafts_the_evaluation(
    world, earlier
):
    client = world.client("ambtenaar")
    data = {
        "name": world.project.name,
        "scope": world.project.scope,
        "period_start": 2027,
        "period_end": 2030,
        "new_nota_lead_days": 365,
        "predecessor": str(earlier.uuid),
    }
    assert client.post(_edit_url(world), data).status_code == 302
    world.project.refresh_from_db()
    assert world.project.predecessor == earlier
    assert EvaluationDraft.objects.get(project=world.project).predecessor == earlier
    assert AuditEntry.objects.filter(project=world.project, action="vorig plan gewijzigd").exists()
    # A form posted without the field (an older page) keeps it.
    del data["predecessor"]
    client.post(_edit_url(world), data)
    world.project.refresh_from_db()
    assert world.project.predecessor == earlier


def test_a_later_plan_chosen_on_the_form_gets_a_dutch_message_and_nothing_changes(world):
    later = ProjectFactory(gemeente=world.gemeente, period_start=2031, period_end=2034)
    response = world.client("ambtenaar").post(
        _edit_url(world),
        {
            "name": world.project.name,
            "scope": world.project.scope,
            "period_start": 2027,
            "period_end": 2030,
            "predecessor": str(later.uuid),
        },
    )
    assert response.status_code == 200
    assert "Het vorige plan moet eerder beginnen" in response.content.decode()
    world.project.refresh_from_db()
    assert world.project.predecessor_id is None


def test_creation_is_prefilled_by_vorige_and_stores_the_predecessor(world, earlier):
    client = world.client("ambtenaar")
    url = reverse("projects:project_create", args=[world.gemeente.slug])
    page = client.get(f"{url}?vorige={earlier.uuid}").content.decode()
    assert f'<option value="{earlier.uuid}" selected>' in page
    response = client.post(
        url,
        {
            "name": "Veiligheidsplan 2031-2034",
            "scope": world.project.scope,
            "period_start": 2031,
            "period_end": 2034,
            "predecessor": str(earlier.uuid),
        },
    )
    assert response.status_code == 302
    created = Project.objects.get(name="Veiligheidsplan 2031-2034")
    assert created.predecessor == earlier
    assert EvaluationDraft.objects.filter(project=created).exists()
