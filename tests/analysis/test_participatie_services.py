"""Participatie services: what residents said is recorded with date, vorm, reach and main
points, linked to this project's themes and the gemeente's wijken; bad input changes nothing;
every write is audited."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from analysis.figures.constants import AreaKind
from analysis.figures.models import Area
from analysis.models import AnalysisTheme, Participation
from analysis.narrative import participation as services
from analysis.narrative import services as va_services
from projects.models import AuditEntry


@pytest.fixture
def setup(world):
    va_services.analysis_ensure(project=world.project)
    va_services.analysis_ensure(project=world.other_project)
    haven = Area.objects.create(
        gemeente=world.gemeente, code="WK036399", name="Haven", kind=AreaKind.WIJK
    )
    elsewhere = Area.objects.create(
        gemeente=world.other, code="WK003401", name="Stad", kind=AreaKind.WIJK
    )
    return world, haven, elsewhere


def _theme(project, code):
    return AnalysisTheme.objects.get(field__project=project, code=code)


def _values(world, **changes):
    values = {
        "method": "wijkschouw",
        "title": "Wijkschouw Haven",
        "held_on": datetime.date(2025, 3, 12),
        "reach": 35,
        "reach_note": "vooral ouderen",
        "main_points": "- Slecht verlichte fietsroute\n\n• Jongeren bij het winkelcentrum",
        "themes": [_theme(world.project, "1.4")],
        "areas": [],
    }
    return values | changes


def test_create_links_themes_and_wijken_and_is_audited(setup):
    world, haven, _ = setup
    actor = world.users["ambtenaar"]
    made = services.participation_create(
        actor=actor, project=world.project, **_values(world, areas=[haven])
    )
    made.refresh_from_db()
    assert made.recorded_by == actor
    assert [t.code for t in made.themes.all()] == ["1.4"]
    assert list(made.areas.all()) == [haven]
    assert services.main_point_lines(made) == [
        "Slecht verlichte fietsroute",
        "Jongeren bij het winkelcentrum",
    ]
    assert services.heading_text(made) == (
        "Wijkschouw: Wijkschouw Haven, 12 maart 2025, 35 deelnemers (vooral ouderen)"
    )
    entry = AuditEntry.objects.get(action="participatie vastgelegd")
    assert entry.project == world.project and entry.object_id == str(made.uuid)
    assert entry.detail["wijken"] == ["Haven"]
    assert entry.detail["bereik"] == 35


def test_a_theme_of_another_project_is_refused_and_nothing_is_saved(setup):
    world, _, _ = setup
    foreign = _theme(world.other_project, "1.4")
    with pytest.raises(ValidationError) as refused:
        services.participation_create(
            actor=world.users["ambtenaar"],
            project=world.project,
            **_values(world, themes=[foreign]),
        )
    assert refused.value.message_dict["themes"] == [
        "Kies alleen thema's van deze veiligheidsanalyse."
    ]
    assert not Participation.objects.exists()
    assert not AuditEntry.objects.filter(action="participatie vastgelegd").exists()


def test_a_wijk_of_another_gemeente_is_refused(setup):
    world, _, elsewhere = setup
    with pytest.raises(ValidationError) as refused:
        services.participation_create(
            actor=world.users["ambtenaar"],
            project=world.project,
            **_values(world, areas=[elsewhere]),
        )
    assert "areas" in refused.value.message_dict
    assert not Participation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"main_points": "  \n "}, "main_points"),
        ({"reach": -1}, "reach"),
        ({"title": "   "}, "title"),
        ({"method": "tweet"}, "method"),
        ({"held_on": None}, "held_on"),
        ({"held_on": datetime.date(1999, 12, 31)}, "held_on"),
    ],
)
def test_bad_input_is_refused_per_field(setup, changes, field):
    world, _, _ = setup
    with pytest.raises(ValidationError) as refused:
        services.participation_create(
            actor=world.users["ambtenaar"], project=world.project, **_values(world, **changes)
        )
    assert list(refused.value.message_dict) == [field]
    assert not Participation.objects.exists()


def test_a_date_in_the_future_is_refused_today_is_fine(setup):
    world, _, _ = setup
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        services.participation_create(
            actor=world.users["ambtenaar"],
            project=world.project,
            **_values(world, held_on=today + datetime.timedelta(days=1)),
        )
    assert "ligt in de toekomst" in refused.value.message_dict["held_on"][0]
    made = services.participation_create(
        actor=world.users["ambtenaar"], project=world.project, **_values(world, held_on=today)
    )
    assert made.held_on == today


def test_reach_zero_and_unknown_are_allowed(setup):
    world, _, _ = setup
    zero = services.participation_create(
        actor=None, project=world.project, **_values(world, reach=0, reach_note="")
    )
    assert services.reach_text(zero) == "0 deelnemers"
    unknown = services.participation_create(
        actor=None, project=world.project, **_values(world, reach=None, reach_note="open inloop")
    )
    assert services.reach_text(unknown) == "open inloop"


def test_update_records_what_changed_and_delete_is_audited(setup):
    world, haven, _ = setup
    actor = world.users["ambtenaar"]
    made = services.participation_create(actor=actor, project=world.project, **_values(world))
    services.participation_update(
        actor=actor,
        project=world.project,
        participation=made,
        **_values(world, reach=40, areas=[haven], themes=[_theme(world.project, "1.1")]),
    )
    made.refresh_from_db()
    assert made.reach == 40
    assert [t.code for t in made.themes.all()] == ["1.1"]
    entry = AuditEntry.objects.get(action="participatie gewijzigd")
    assert entry.detail["bereik"] == {"van": 35, "naar": 40}
    assert entry.detail["wijken"] == {"van": [], "naar": ["Haven"]}
    assert "titel" not in entry.detail

    # Refused update: nothing changes.
    with pytest.raises(ValidationError):
        services.participation_update(
            actor=actor, project=world.project, participation=made, **_values(world, reach=-5)
        )
    made.refresh_from_db()
    assert made.reach == 40

    services.participation_delete(actor=actor, project=world.project, participation=made)
    assert not Participation.objects.exists()
    gone = AuditEntry.objects.get(action="participatie verwijderd")
    assert gone.detail["titel"] == "Wijkschouw Haven"


def test_a_participation_of_another_project_cannot_be_changed_through_this_one(setup):
    world, _, _ = setup
    theirs = services.participation_create(
        actor=None,
        project=world.other_project,
        **_values(world, themes=[_theme(world.other_project, "1.4")]),
    )
    from django.http import Http404

    with pytest.raises(Http404):
        services.participation_delete(actor=None, project=world.project, participation=theirs)
    assert Participation.objects.filter(pk=theirs.pk).exists()
