"""The demo participatie: three realistic sessions, linked to the demo's priority themes and
focus wijken, dated weeks before the analysis, recorded once."""

import datetime

from analysis.figures.constants import AreaKind
from analysis.figures.demo_survey import demo_wijk_roles
from analysis.figures.models import Area
from analysis.models import Participation
from analysis.narrative import services as va_services
from projects.demo_participatie import demo_participatie_load
from projects.models import AuditEntry


def test_demo_participatie_is_linked_dated_and_loaded_once(world):
    project = world.project  # Amsterdam (GM0363)
    va_services.analysis_ensure(project=project)
    for code, name in demo_wijk_roles("GM0363").values():
        Area.objects.create(gemeente=world.gemeente, code=code, name=name, kind=AreaKind.WIJK)
    analysis_day = datetime.date(2026, 6, 1)
    actor = world.users["ambtenaar"]

    assert demo_participatie_load(project, actor, before=analysis_day) == 3
    assert demo_participatie_load(project, actor, before=analysis_day) == 0  # once

    schouw, panel, avond = Participation.objects.order_by("held_on")
    assert (schouw.title, schouw.held_on, schouw.reach) == (
        "Avondschouw Haven",
        datetime.date(2026, 3, 31),  # 62 days before 1 June
        24,
    )
    assert sorted(t.code for t in schouw.themes.all()) == ["1.2", "1.4"]
    assert [a.name for a in schouw.areas.all()] == ["Haven"]
    assert panel.method == "panel" and panel.reach == 1184
    assert "jongeren en scooters in Centrum" in panel.main_points
    assert sorted(a.name for a in panel.areas.all()) == ["Centrum", "Haven"]
    assert avond.held_on == datetime.date(2026, 5, 5)  # 27 days before
    assert sorted(t.code for t in avond.themes.all()) == ["3.1", "5.2"]
    entries = AuditEntry.objects.filter(action="participatie vastgelegd").order_by("at")
    assert [e.at.date() for e in entries] == [
        datetime.date(2026, 4, 3),
        datetime.date(2026, 4, 24),
        datetime.date(2026, 5, 8),
    ]
