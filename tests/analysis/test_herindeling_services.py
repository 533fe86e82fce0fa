"""Herindeling (issue 15, part 4): the indeling year an import gives a wijk, and the links from
old wijk codes to new ones: valid, invalid with a Dutch message and nothing changed, audited."""

import pytest
from django.core.exceptions import ValidationError

from analysis.figures.area_link_selectors import area_changes, indeling, indeling_notice
from analysis.figures.services import crime_import
from analysis.figures.services.area_links import area_link_delete, area_links_create
from analysis.models import Area, AreaLink, ImportRun, IndicatorResult
from projects.models import AuditEntry
from tests.analysis.herindeling_helpers import NEW, OLD, import_year, split_centrum

pytestmark = pytest.mark.django_db

SPLIT = AreaLink.Kind.SPLIT


def years(project):
    return dict(Area.objects.filter(gemeente=project.gemeente).values_list("code", "indeling_year"))


def test_an_import_gives_new_wijken_its_year_and_keeps_a_known_one(survey_project):
    import_year(survey_project, 2023, OLD)
    assert years(survey_project) == {"GM0363": None, "WK036300": 2023, "WK036301": 2023}

    import_year(survey_project, 2025, NEW)
    assert years(survey_project) == {
        "GM0363": None,  # the gemeente as a whole has no wijkindeling
        "WK036300": 2023,  # known, kept
        "WK036301": 2023,
        "WK036311": 2025,
        "WK036312": 2025,
    }

    # An older edition read in afterwards shows the code existed earlier.
    import_year(survey_project, 2021, OLD)
    assert years(survey_project)["WK036301"] == 2021
    assert years(survey_project)["WK036311"] == 2025


POLICE = (
    "ID;SoortMisdrijf;WijkenEnBuurten;Perioden;GeregistreerdeMisdrijven_1\r\n"
    '1;"0.0.0 ";"GM0363    ";"2023JJ00";"85.432"\r\n'
    '2;"0.0.0 ";"WK036301  ";"2022JJ00";"40"\r\n'
    '3;"0.0.0 ";"WK036301  ";"2023JJ00";"41"\r\n'
    '4;"0.0.0 ";"WK036311  ";"2024JJ00";"20"\r\n'
    '5;"0.0.0 ";"WK036312  ";"2024JJ00";"22"\r\n'
)


def test_a_police_import_gives_each_wijk_its_first_year(world):
    run = ImportRun.objects.create(project=world.project, kind="crime", original_name="p.csv")
    crime_import(run=run, data=POLICE.encode())
    assert years(world.project) == {
        "GM0363": None,
        "WK036301": 2022,
        "WK036311": 2024,
        "WK036312": 2024,
    }


def test_a_split_is_linked_audited_and_explained(survey_project, world):
    areas = split_centrum(survey_project)
    state = indeling(survey_project.gemeente)
    assert [area.code for area in state.old_unlinked] == ["WK036301"]
    assert [area.code for area in state.new_unlinked] == ["WK036311", "WK036312"]
    assert indeling_notice(survey_project.gemeente).startswith("De wijkindeling is gewijzigd:")

    links = area_links_create(
        actor=world.users["ambtenaar"],
        project=survey_project,
        kind=SPLIT,
        old_codes=["WK036301"],
        new_codes=["WK036311", "wk036312"],
    )

    assert {(link.old_area.code, link.new_area.code, link.kind) for link in links} == {
        ("WK036301", "WK036311", SPLIT),
        ("WK036301", "WK036312", SPLIT),
    }
    [change] = area_changes(survey_project.gemeente, area=areas["Centrum-Zuid"])
    assert change.text == (
        "wijkindeling gewijzigd in 2025: Centrum (WK036301) is nu Centrum-Noord en Centrum-Zuid"
    )
    entry = AuditEntry.objects.get(action="wijkindeling gekoppeld")
    assert entry.detail == {
        "soort": "gesplitst",
        "oud": ["WK036301"],
        "nieuw": ["WK036311", "WK036312"],
    }
    assert entry.actor == world.users["ambtenaar"] and entry.project == survey_project
    assert indeling_notice(survey_project.gemeente) == ""  # linked: nothing left to link


def test_one_to_one_and_merge_texts(survey_project):
    split_centrum(survey_project)
    area_links_create(
        actor=None,
        project=survey_project,
        kind="zelfde",
        old_codes=["WK036301"],
        new_codes=["WK036311"],
    )
    [change] = area_changes(survey_project.gemeente)
    assert change.what == "Centrum (WK036301) is nu Centrum-Noord (WK036311)"
    AreaLink.objects.all().delete()
    Area.objects.filter(code="WK036300").update(indeling_year=2021)
    area_links_create(
        actor=None,
        project=survey_project,
        kind="samengevoegd",
        old_codes=["WK036300", "WK036301"],
        new_codes=["WK036312"],
    )
    [change] = area_changes(survey_project.gemeente)
    assert change.what == (
        "Oost (WK036300) en Centrum (WK036301) zijn nu samen Centrum-Zuid (WK036312)"
    )


BAD = [
    # kind, old, new, field or None, message part
    ("gesplitst", ["WK036301"], ["WK036311"], "kind", "ten minste twee nieuwe wijken"),
    ("samengevoegd", ["WK036301"], ["WK036311"], "kind", "ten minste twee oude wijken"),
    ("zelfde", ["WK036301"], ["WK036311", "WK036312"], "kind", "precies één oude en één nieuwe"),
    ("zelfde", ["WK036311"], ["WK036301"], None, "is niet ouder dan"),  # new → old
    ("zelfde", ["WK036301"], ["WK036301"], None, "zowel bij de oude als bij de nieuwe"),
    ("zelfde", ["WK003400"], ["WK036311"], "old", "is geen wijk van Amsterdam"),  # elsewhere
    ("zelfde", ["GM0363"], ["WK036311"], "old", "is geen wijk van Amsterdam"),
    ("zelfde", [], ["WK036311"], "old", "Kies ten minste één wijk"),
    ("anders", ["WK036301"], ["WK036311"], "kind", "Kies hoe de wijk is veranderd"),
]


@pytest.mark.parametrize(("kind", "old", "new", "field", "message"), BAD)
def test_bad_links_are_refused_in_dutch_and_change_nothing(
    survey_project, world, kind, old, new, field, message
):
    split_centrum(survey_project)
    # Another gemeente's wijk of the same code pattern exists, but is not Amsterdam's.
    Area.objects.create(
        gemeente=world.other, code="WK003400", name="Elders", kind="wijk", indeling_year=2019
    )
    with pytest.raises(ValidationError) as info:
        area_links_create(
            actor=None, project=survey_project, kind=kind, old_codes=old, new_codes=new
        )
    messages = info.value.message_dict.get(field) if field else info.value.messages
    assert any(message in text for text in messages), info.value
    assert not AreaLink.objects.exists()
    assert not AuditEntry.objects.filter(action="wijkindeling gekoppeld").exists()


def test_an_unknown_indeling_year_and_a_second_link_are_refused(survey_project):
    split_centrum(survey_project)
    Area.objects.filter(code="WK036311").update(indeling_year=None)
    with pytest.raises(ValidationError, match="jaar van de indeling niet bekend"):
        area_links_create(
            actor=None,
            project=survey_project,
            kind="zelfde",
            old_codes=["WK036301"],
            new_codes=["WK036311"],
        )
    area_links_create(
        actor=None,
        project=survey_project,
        kind="zelfde",
        old_codes=["WK036301"],
        new_codes=["WK036312"],
    )
    with pytest.raises(ValidationError, match="is al gekoppeld"):
        area_links_create(
            actor=None,
            project=survey_project,
            kind="zelfde",
            old_codes=["WK036301"],
            new_codes=["WK036312"],
        )
    assert AreaLink.objects.count() == 1


def test_deleting_a_link_removes_the_whole_split_and_is_audited(survey_project, world):
    split_centrum(survey_project)
    area_links_create(
        actor=None,
        project=survey_project,
        kind=SPLIT,
        old_codes=["WK036301"],
        new_codes=["WK036311", "WK036312"],
    )
    with pytest.raises(ValidationError, match="bestaat niet"):
        area_link_delete(
            actor=None, project=survey_project, old_code="WK036300", new_code="WK036311"
        )
    assert AreaLink.objects.count() == 2

    removed = area_link_delete(
        actor=world.users["adviseur"],
        project=survey_project,
        old_code="WK036301",
        new_code="WK036312",
    )
    assert removed == 2 and not AreaLink.objects.exists()
    entry = AuditEntry.objects.get(action="koppeling wijkindeling verwijderd")
    assert entry.detail["nieuw"] == ["WK036311", "WK036312"]


def test_no_change_is_tested_across_a_link(survey_project):
    """The change since the previous edition compares results of one area code only: the
    2025 figure of Centrum-Noord is never compared with Centrum's of 2023, linked or not."""
    areas = split_centrum(survey_project)
    area_links_create(
        actor=None,
        project=survey_project,
        kind=SPLIT,
        old_codes=["WK036301"],
        new_codes=["WK036311", "WK036312"],
    )
    from analysis.figures.services.comparisons import comparisons_refresh

    comparisons_refresh(project=survey_project)
    new = IndicatorResult.objects.filter(area=areas["Centrum-Noord"])
    assert new.exists()
    for result in new:
        assert result.previous_year is None
        assert result.change is None and result.change_significant is None
    # Within one code the change is still there: Oost 2023 against 2021.
    oost = IndicatorResult.objects.filter(area=areas["Oost"], edition__year=2023)
    assert all(result.previous_year == 2021 for result in oost)


def test_the_data_migration_gives_existing_wijken_their_first_year(survey_project, world):
    """Run on today's models (the function reads them through `apps`): wijken with results
    or police counts get their first year; a known year and the gemeente stay as they are."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("analysis.migrations.0017_wijk_indeling_years")
    split_centrum(survey_project)
    run = ImportRun.objects.create(project=world.project, kind="crime", original_name="p.csv")
    crime_import(run=run, data=POLICE.encode())  # WK036301 counted from 2022, surveyed 2021
    Area.objects.update(indeling_year=None)
    Area.objects.filter(code="WK036312").update(indeling_year=2024)  # known: kept
    Area.objects.create(gemeente=world.gemeente, code="WK036399", name="Leeg", kind="wijk")

    migration.first_years(apps, None)

    assert years(survey_project) == {
        "GM0363": None,
        "WK036300": 2021,
        "WK036301": 2021,
        "WK036311": 2024,  # police counts of 2024 before the 2025 survey
        "WK036312": 2024,
        "WK036399": None,  # no figures, no year
    }
