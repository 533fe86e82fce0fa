"""One definition of a complete veiligheidsanalyse (issue 17, "proportionate completion"):
the overview counts with it, a field cannot be definitief without it, and the guard of step 4
asks the same. Hand-built fields of three themes, so every count is known."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from analysis.models import AnalysisField
from analysis.narrative import completion
from analysis.narrative import services as va_services
from kernbeleid.workflow import selectors as workflow
from projects.models import AuditEntry


@pytest.fixture
def field(world) -> AnalysisField:
    """A field of its own with three worked-out themes, nothing written yet; step 4."""
    project = world.project
    project.current_step = 4
    project.save()
    va_services.analysis_ensure(project=project)
    # The catalogue's fields are out of the way: hidden fields are not part of the analysis.
    AnalysisField.objects.filter(project=project).update(hidden=True)
    actor = world.users["ambtenaar"]
    made = va_services.field_add(actor=actor, project=project, name="Woonwijken")
    for name in ("Inbraak", "Overlast", "Vuurwerk"):
        va_services.theme_add(actor=actor, field=made, name=name)
    return made


def write(theme, html):
    va_services.theme_save(
        actor=None, theme=theme, texts={"knelpunten": html}, base_version=theme.version
    )


def overview(world) -> str:
    return (
        world.client("ambtenaar")
        .get(
            reverse(
                "analysis:va_overview",
                kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
            )
        )
        .content.decode()
    )


def statuses_url(world) -> str:
    return reverse(
        "analysis:va_field_statuses",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


def guard_messages(project) -> str:
    return " ".join(blocker.message for blocker in workflow.blockers(project))


def test_a_field_with_no_complete_theme_cannot_be_definitief(world, field):
    assert completion.field_completion(field).total == 3
    assert not completion.field_completion(field).complete
    with pytest.raises(ValidationError, match=re.escape("0 van 3 thema's zijn compleet")):
        va_services.field_status_set(actor=None, field=field, status="definitief")
    field.refresh_from_db()
    assert field.status == "concept"
    page = overview(world)
    assert "0 van 3 uitgewerkte thema's compleet" in page
    assert ">definitief</span>" not in page  # no badge says definitief


def test_the_one_form_refuses_and_changes_nothing(world, field):
    other = va_services.field_add(actor=None, project=world.project, name="Jeugd")
    va_services.theme_add(actor=None, field=other, name="Jongerenoverlast")
    audits = AuditEntry.objects.filter(action="status gewijzigd").count()
    response = world.client("ambtenaar").post(
        statuses_url(world),
        {f"status-{field.uuid}": "definitief", f"status-{other.uuid}": "review"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "De statussen zijn niet opgeslagen; er is niets gewijzigd." in page
    assert "Er ging iets mis" in page  # the error summary names the field
    assert "Woonwijken kan nog niet definitief" in page and "Nog leeg: Inbraak" in page
    field.refresh_from_db()
    other.refresh_from_db()
    assert (field.status, other.status) == ("concept", "concept")  # the other one neither
    assert AuditEntry.objects.filter(action="status gewijzigd").count() == audits


def test_the_one_form_sets_every_status_at_once_and_audits_each(world, field):
    for theme in field.themes.all():
        write(theme, f"<p>{theme.name} neemt toe.</p>")
    other = va_services.field_add(actor=None, project=world.project, name="Jeugd")
    response = world.client("ambtenaar").post(
        statuses_url(world),
        {f"status-{field.uuid}": "definitief", f"status-{other.uuid}": "review"},
        follow=True,
    )
    assert "De statussen zijn opgeslagen (2 gewijzigd)." in response.content.decode()
    field.refresh_from_db()
    other.refresh_from_db()
    assert (field.status, other.status) == ("definitief", "review")
    entries = AuditEntry.objects.filter(action="status gewijzigd", project=world.project)
    assert sorted(entry.detail["naar"] for entry in entries) == ["definitief", "review"]
    assert all(entry.actor == world.users["ambtenaar"] for entry in entries)


def test_a_bad_choice_is_refused_with_a_message(world, field):
    response = world.client("ambtenaar").post(
        statuses_url(world), {f"status-{field.uuid}": "klaar"}
    )
    assert response.status_code == 200
    assert "Kies concept, ter review of definitief." in response.content.decode()
    field.refresh_from_db()
    assert field.status == "concept"


def test_the_overview_count_is_the_selector(world, field):
    first, second, third = field.themes.order_by("position", "code")
    write(first, "<p>Meer inbraken in de wijk.</p>")
    write(second, "<div><br></div>")  # what Trix leaves behind: empty, not complete
    va_services.theme_coverage_set(
        actor=None, theme=third, coverage="basisniveau", reasoning="Loopt via de regio."
    )
    found = completion.field_completion(field)
    assert [theme.name for theme in found.complete] == ["Inbraak", "Vuurwerk"]
    assert [theme.name for theme in found.incomplete] == ["Overlast"]
    page = overview(world)
    # Of the worked-out themes one is complete; the marked one counts as complete.
    assert "1 van 2 uitgewerkte thema's compleet" in page
    assert "1 op basisniveau of niet van toepassing (telt als compleet)" in page
    assert "2 van 3 thema's" in page  # the status table, from the same selector
    assert "nog leeg: Overlast" in page


def test_the_step_4_guard_uses_the_same_definition(world, field):
    first, second, third = field.themes.order_by("position", "code")
    for theme in (first, second):
        write(theme, "<p>Knelpunt.</p>")
    write(third, "<div><br></div>")
    assert not completion.field_completion(field).is_complete
    assert "Nog niet definitief in de veiligheidsanalyse: Woonwijken" in guard_messages(
        world.project
    )
    # A field set definitief earlier, whose text was emptied since (or a status written
    # around the service): the overview says so and the guard does not let step 4 close.
    AnalysisField.objects.filter(pk=field.pk).update(status="definitief")
    assert "definitief, maar niet compleet" in overview(world)
    assert "Definitief, maar niet meer compleet" in guard_messages(world.project)
    assert "Woonwijken (Vuurwerk)" in guard_messages(world.project)

    write(third, "<p>Vuurwerkoverlast rond oud en nieuw.</p>")
    field.refresh_from_db()
    assert completion.field_completion(field).definitief
    messages = guard_messages(world.project)
    assert "Woonwijken" not in messages
    # What is left is the priorities, not the analysis.
    assert messages == "Er is nog geen voorstel voor prioriteiten."


def test_a_marked_theme_is_complete_by_its_own_rule(world, field):
    first, second, third = field.themes.order_by("position", "code")
    write(first, "<p>Knelpunt.</p>")
    for theme in (second, third):
        va_services.theme_coverage_set(
            actor=None, theme=theme, coverage="nvt", reasoning="Komt hier niet voor."
        )
    assert completion.field_completion(field).is_complete
    va_services.field_status_set(actor=None, field=field, status="definitief")
    field.refresh_from_db()
    assert field.status == "definitief"
    assert "Woonwijken" not in guard_messages(world.project)
