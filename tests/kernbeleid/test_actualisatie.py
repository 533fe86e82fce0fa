"""The actualisatie after two years: priorities kept, changed, dropped or added, each with a
reason; a new kadernota version whose diff against the vastgestelde one shows the changes;
how the raad dealt with it; editors only; the deadlines that lead there."""

import datetime

import pytest
from django.urls import reverse

from kernbeleid.constants import ActualisatieMode, Outcome, PriorityChangeKind
from kernbeleid.cycle.deadlines import project_deadlines
from kernbeleid.models import Actualisatie, PriorityChange
from reports.constants import DocumentKind, FinalKind
from reports.models import ReportVersion
from reports.selectors import section_diff
from reports.services import version_for

from .evaluation_scene import make_priorities, themes


def _url(world, name):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


@pytest.fixture
def vastgesteld(world):
    """Two priorities and a vastgestelde kadernota (the final copy made directly: the
    vaststelling itself is tested in tests/reports)."""
    first, second, third, *_ = themes(world.project)
    make_priorities(world.project, [first.name, second.name])
    concept = version_for(
        actor=world.users["ambtenaar"], project=world.project, document=DocumentKind.KADERNOTA
    )
    final = ReportVersion.objects.create(
        project=world.project,
        document=DocumentKind.KADERNOTA,
        major=1,
        minor=0,
        content_hash=concept.content_hash + ":v1",
        snapshot=concept.snapshot,
        structure_name=concept.structure_name,
        finalized_as=FinalKind.RAAD,
    )
    return final, (first, second, third)


def _priorities_post(themes_, **overrides):
    first, second, third = themes_
    data = {
        "mode": ActualisatieMode.BESLUIT,
        "reason": "Halverwege de looptijd.",
        f"change_{first.uuid}": PriorityChangeKind.KEPT,
        f"change_{second.uuid}": PriorityChangeKind.DROPPED,
        f"reason_{second.uuid}": "Het doel is ruim gehaald.",
        f"add_{third.uuid}": "1",
        f"reason_{third.uuid}": "Nieuwe signalen van de wijkagenten.",
    }
    return data | overrides


def test_a_change_without_a_reason_is_refused_in_dutch_and_nothing_is_stored(world, vastgesteld):
    _, themes_ = vastgesteld
    client = world.client("ambtenaar")
    client.post(_url(world, "actualisatie_start"))
    response = client.post(
        _url(world, "actualisatie_priorities"),
        _priorities_post(themes_, **{f"reason_{themes_[1].uuid}": " "}),
    )
    assert response.status_code == 400
    assert f"Geef een reden: waarom vervalt ‘{themes_[1].name}’?" in response.content.decode()
    assert not PriorityChange.objects.exists()


def test_the_actualisatie_version_differs_from_the_vastgestelde_by_the_changes(world, vastgesteld):
    final, (first, second, third) = vastgesteld
    client = world.client("ambtenaar")
    client.post(_url(world, "actualisatie_start"))
    response = client.post(
        _url(world, "actualisatie_priorities"), _priorities_post((first, second, third))
    )
    assert response.status_code == 302
    changes = {c.theme_id: c.change for c in PriorityChange.objects.all()}
    assert changes == {
        first.id: PriorityChangeKind.KEPT,
        second.id: PriorityChangeKind.DROPPED,
        third.id: PriorityChangeKind.ADDED,
    }
    assert client.post(_url(world, "actualisatie_version")).status_code == 302
    actualisatie = Actualisatie.objects.get(project=world.project)
    assert actualisatie.compared_with == final
    assert actualisatie.version.document == DocumentKind.KADERNOTA
    assert actualisatie.version.content_hash != final.content_hash.removesuffix(":v1")
    added = [
        text
        for row in section_diff(final, actualisatie.version, redact=False)
        for sign, text in row["lines"]
        if sign == "+"
    ]
    assert any("Het doel is ruim gehaald." in line for line in added)
    assert any("Nieuwe signalen van de wijkagenten." in line for line in added)
    assert any(line.startswith("Actualisatie ") for line in added)
    page = client.get(_url(world, "actualisatie")).content.decode()
    diff_url = reverse(
        "reports:diff",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )
    assert f"{diff_url}?van={final.uuid}&amp;naar={actualisatie.version.uuid}" in page


def test_the_raad_besluit_needs_its_outcome_and_completes_the_actualisatie(world, vastgesteld):
    _, themes_ = vastgesteld
    client = world.client("ambtenaar")
    client.post(_url(world, "actualisatie_start"))
    client.post(_url(world, "actualisatie_priorities"), _priorities_post(themes_))
    client.post(_url(world, "actualisatie_version"))
    response = client.post(
        _url(world, "actualisatie_raad"), {"raad_date": "2029-03-14", "raad_reference": "RB 12"}
    )
    assert response.status_code == 400
    assert "Kies de uitkomst van het raadsbesluit." in response.content.decode()
    assert Actualisatie.objects.get().completed_at is None
    client.post(
        _url(world, "actualisatie_raad"),
        {"raad_date": "2029-03-14", "raad_reference": "RB 12", "raad_outcome": Outcome.AANGENOMEN},
    )
    done = Actualisatie.objects.get()
    assert done.completed_at is not None
    assert (done.raad_date, done.raad_reference, done.raad_outcome) == (
        datetime.date(2029, 3, 14),
        "RB 12",
        Outcome.AANGENOMEN,
    )


def test_a_kennisname_has_a_kenmerk_and_no_outcome(world, vastgesteld):
    _, themes_ = vastgesteld
    client = world.client("ambtenaar")
    client.post(_url(world, "actualisatie_start"))
    client.post(
        _url(world, "actualisatie_priorities"),
        _priorities_post(themes_, mode=ActualisatieMode.KENNISNAME),
    )
    client.post(_url(world, "actualisatie_version"))
    client.post(
        _url(world, "actualisatie_raad"),
        {"raad_date": "2029-03-14", "raad_reference": "RIB 2029-8", "raad_outcome": "aangenomen"},
    )
    done = Actualisatie.objects.get()
    assert done.completed_at is not None
    assert (done.raad_reference, done.raad_outcome) == ("RIB 2029-8", "")


@pytest.mark.parametrize("persona", ["raadslid", "partner"])
def test_readers_never_see_or_change_the_actualisatie(world, persona):
    client = world.client(persona)
    assert client.get(_url(world, "actualisatie")).status_code == 403
    assert client.post(_url(world, "actualisatie_start")).status_code == 403
    assert not Actualisatie.objects.exists()
    assert world.client("outsider").get(_url(world, "actualisatie")).status_code == 404


def test_the_deadlines_lead_to_the_actualisatie_and_to_the_next_plan(world):
    deadlines = {d.kind: d for d in project_deadlines(world.project)}
    assert deadlines["midterm"].url == _url(world, "actualisatie")
    create = reverse("projects:project_create", args=[world.gemeente.slug])
    assert deadlines["new_nota"].url == f"{create}?vorige={world.project.uuid}"
    assert "met dit plan als vorig plan" in deadlines["new_nota"].label


def test_the_actualisatie_version_carries_a_badge_in_the_reports_overview(world, vastgesteld):
    client = world.client("ambtenaar")
    client.post(_url(world, "actualisatie_start"))
    client.post(_url(world, "actualisatie_priorities"), _priorities_post(vastgesteld[1]))
    client.post(_url(world, "actualisatie_version"))
    version = Actualisatie.objects.get().version
    page = client.get(
        reverse(
            "reports:overview",
            kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
        )
    ).content.decode()
    heading = f'id="v-{version.uuid}">'
    after = page[page.index(heading) :]
    assert after[: after.index("</h3>")].endswith(
        '<span class="badge text-bg-info">actualisatie</span>'
    )
    final_heading = page[page.index(f'id="v-{vastgesteld[0].uuid}">') :]
    assert "actualisatie" not in final_heading[: final_heading.index("</h3>")]


def test_a_completed_actualisatie_shows_how_the_raad_dealt_with_it(world, vastgesteld):
    client = world.client("ambtenaar")
    client.post(_url(world, "actualisatie_start"))
    client.post(_url(world, "actualisatie_priorities"), _priorities_post(vastgesteld[1]))
    client.post(_url(world, "actualisatie_version"))
    client.post(
        _url(world, "actualisatie_raad"),
        {"raad_date": "2029-03-14", "raad_reference": "RB 12", "raad_outcome": Outcome.AANGENOMEN},
    )
    page = client.get(_url(world, "actualisatie")).content.decode()
    assert "behandeld op 14 maart 2029 (RB 12), aangenomen." in page
