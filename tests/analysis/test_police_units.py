"""Comparison areas that exist (issue 11, item 7).

The Veiligheidsmonitor publishes for Nederland, provincies, the police units (regionale
eenheid, district, basisteam) and gemeenten of 70,000+, not for veiligheidsregio's. A gemeente
knows its eenheid (bundled), its district and basisteam once they are loaded, and keeps its
veiligheidsregio as an attribute; a benchmark file's VR lines are skipped with a note.
"""

import importlib
from collections import defaultdict

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from analysis.figures import selectors
from analysis.figures.constants import AreaKind, ImportKind, ImportStatus
from analysis.figures.services import benchmark_import, survey_import_now
from analysis.figures.services.regions import region_resolver
from analysis.figures.statline import UNCODED, StatlineError
from analysis.models import Area, Benchmark, BenchmarkTest, ImportRun, Indicator
from projects.models import Gemeente, PoliceUnit
from tests.analysis.conftest import MAPPING, csv_upload

# CBS's codes and names of the ten regionale eenheden (gebiedsindeling 2023).
EENHEDEN = {
    "RE01": "Noord-Nederland",
    "RE02": "Oost-Nederland",
    "RE03": "Midden-Nederland",
    "RE04": "Noord-Holland",
    "RE05": "Amsterdam",
    "RE06": "Den Haag",
    "RE07": "Rotterdam",
    "RE08": "Zeeland-West-Brabant",
    "RE09": "Oost-Brabant",
    "RE10": "Limburg",
}
# Not real CBS codes: stand-ins in CBS's PD…/BT… pattern. No public table of districts and
# basisteams was found (projects/data/SOURCES.md), so none is bundled or assumed here.
DISTRICT, BASISTEAM, OTHER_BASISTEAM = "PD9901", "BT990101", "BT990202"
DISTRICT_TABLE = (
    "gemeente_code;district_code;district_naam;basisteam_code;basisteam_naam\n"
    f"GM0363;{DISTRICT};Voorbeeld;{BASISTEAM};Voorbeeld-Centrum\n"
)


# --------------------------------------------------------------------------- the bundled table


def test_every_gemeente_has_one_of_the_ten_eenheden(db):
    eenheden = PoliceUnit.objects.filter(kind="eenheid")
    assert {unit.code: unit.name for unit in eenheden} == EENHEDEN
    assert all(unit.parent is None for unit in eenheden)
    assert Gemeente.objects.count() == 342
    assert not Gemeente.objects.filter(politie_eenheid=None).exists()
    assert set(Gemeente.objects.values_list("politie_eenheid__code", flat=True)) == set(EENHEDEN)
    # Districts and basisteams are not bundled: none is invented.
    assert not PoliceUnit.objects.exclude(kind="eenheid").exists()
    assert not Gemeente.objects.exclude(politie_district=None).exists()


def test_an_eenheid_is_made_of_whole_veiligheidsregios(db):
    eenheden_of_region = defaultdict(set)
    for region, eenheid in Gemeente.objects.values_list(
        "veiligheidsregio__code", "politie_eenheid__code"
    ):
        eenheden_of_region[region].add(eenheid)
    assert len(eenheden_of_region) == 25
    assert all(len(eenheden) == 1 for eenheden in eenheden_of_region.values())
    # Noord-Nederland "bestaat uit 40 gemeenten" (regioburgemeesters.nl): 10 + 18 + 12.
    assert Gemeente.objects.filter(politie_eenheid__code="RE01").count() == 40
    # Amsterdam-Amstelland: Aalsmeer, Amstelveen, Amsterdam, Diemen, Ouder-Amstel, Uithoorn.
    amsterdam = Gemeente.objects.filter(politie_eenheid__code="RE05")
    assert sorted(amsterdam.values_list("name", flat=True)) == [
        "Aalsmeer",
        "Amstelveen",
        "Amsterdam",
        "Diemen",
        "Ouder-Amstel",
        "Uithoorn",
    ]


@pytest.mark.parametrize(
    ("code", "eenheid"),
    [
        ("GM0363", "RE05"),  # Amsterdam
        ("GM0034", "RE03"),  # Almere
        ("GM0394", "RE04"),  # Haarlemmermeer: Kennemerland, not Amsterdam
        ("GM0358", "RE05"),  # Aalsmeer
        ("GM1961", "RE03"),  # Vijfheerenlanden: Utrecht since 2019
        ("GM0279", "RE02"),  # Scherpenzeel: Gelderland-Midden
        ("GM1931", "RE06"),  # Krimpenerwaard: Hollands-Midden
        ("GM0944", "RE10"),  # Mook en Middelaar
        ("GM0518", "RE06"),  # 's-Gravenhage
    ],
)
def test_gemeenten_on_the_borders_between_eenheden(db, code, eenheid):
    assert Gemeente.objects.get(cbs_code=code).politie_eenheid.code == eenheid


def test_the_veiligheidsregio_stays_an_attribute_but_is_no_comparison_level(world):
    amsterdam = world.gemeente
    assert amsterdam.veiligheidsregio.code == "VR13"
    assert selectors.comparison_levels(amsterdam) == [
        ("NL00", "Nederland"),
        ("PV27", "Provincie Noord-Holland"),
        ("RE05", "Politie-eenheid Amsterdam"),
    ]


# --------------------------------------------------------------------------- districts, basisteams


def _load_districts(tmp_path, text: str = DISTRICT_TABLE) -> None:
    path = tmp_path / "indeling.csv"
    path.write_text(text, encoding="utf-8")
    call_command("load_police_units", str(path))


def test_districts_and_basisteams_load_from_a_table(world, tmp_path):
    _load_districts(tmp_path)
    amsterdam = Gemeente.objects.get(cbs_code="GM0363")
    assert [unit.code for unit in amsterdam.police_units] == ["RE05", DISTRICT, BASISTEAM]
    assert amsterdam.politie_basisteam.parent == amsterdam.politie_district
    assert amsterdam.politie_district.parent.code == "RE05"
    assert amsterdam.politie_basisteam.label == "Basisteam Voorbeeld-Centrum"
    world.project.gemeente.refresh_from_db()  # as the next request reads it
    assert selectors.relevant_regions(world.project) == {
        "NL00",
        "PV27",
        "RE05",
        DISTRICT,
        BASISTEAM,
    }


def test_a_district_across_two_eenheden_changes_nothing(world, tmp_path):
    table = DISTRICT_TABLE + f"GM0034;{DISTRICT};Voorbeeld;;\nGM9999;{DISTRICT};Voorbeeld;;\n"
    with pytest.raises(CommandError) as error:
        _load_districts(tmp_path, table)
    message = str(error.value)
    assert f"Regel 3: {DISTRICT} valt hier onder RE03, eerder onder RE05" in message
    assert "Regel 4: gemeente GM9999 bestaat niet" in message
    assert not PoliceUnit.objects.exclude(kind="eenheid").exists()
    assert Gemeente.objects.get(cbs_code="GM0363").politie_district is None


def test_a_table_without_cbs_codes_is_refused(world, tmp_path):
    table = "gemeente_code;district_code;district_naam\nGM0363;Amsterdam-Centrum;Centrum\n"
    with pytest.raises(CommandError, match="'AMSTERDAM-CENTRUM' is geen CBS-code van een district"):
        _load_districts(tmp_path, table)


# --------------------------------------------------------------------------- benchmark import


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Politie Eenheid Amsterdam", "RE05"),
        ("Politie-eenheid  Amsterdam", "RE05"),
        ("Eenheid Amsterdam", "RE05"),
        ("Regionale eenheid Amsterdam", "RE05"),
        ("Amsterdam (RE)", "RE05"),
        ("Amsterdam", "GM0363"),  # the gemeente, not its eenheid
        ("Zeeland-West-Brabant (RE)", "RE08"),
        ("Noord-Holland (PV)", "PV27"),
        ("Noord-Holland (RE)", "RE04"),
        ("Veiligheidsregio Haaglanden", "VR15"),  # recognised, so it can be skipped
        ("Basisteam Nergens", UNCODED),  # a police unit whose code is not loaded
        ("Politiedistrict Nergens", UNCODED),
        ("Xyz", None),
    ],
)
def test_region_labels_as_files_write_them(db, label, code):
    assert region_resolver()(label) == code


def _import(project, table: str) -> dict:
    run = ImportRun.objects.create(
        project=project,
        kind=ImportKind.BENCHMARK,
        original_name="cbs.csv",
        mapping={"columns": {"onveilig": "voelt_zich_weleens_onveilig"}},
        status=ImportStatus.RUNNING,
    )
    return benchmark_import(run=run, data=table.encode("utf-8"))


def _stored(project) -> dict[str, tuple[str, str, float]]:
    return {
        b.region_code: (b.region_kind, b.region_name, b.estimate)
        for b in Benchmark.objects.filter(gemeente=project.gemeente)
    }


def test_labels_as_cbs_writes_them_store_nl_eenheid_and_basisteam_not_the_vr(world, tmp_path):
    _load_districts(tmp_path)
    summary = _import(
        world.project,
        "regio;perioden;marges;onveilig\n"
        "Nederland;2021;Waarde;35,0\n"
        "Politie Eenheid Amsterdam;2021;Waarde;30,0\n"
        "Basisteam Voorbeeld-Centrum;2021;Waarde;28,0\n"
        "Veiligheidsregio Amsterdam-Amstelland;2021;Waarde;33,0\n",
    )
    assert summary["benchmarks"] == 3
    assert _stored(world.project) == {
        "NL00": ("nl", "Nederland", 35.0),
        "RE05": ("re", "Politie-eenheid Amsterdam", 30.0),
        BASISTEAM: ("bt", "Basisteam Voorbeeld-Centrum", 28.0),
    }
    assert summary["notes"] == [
        "Veiligheidsregio's overgeslagen: de Veiligheidsmonitor publiceert niet per "
        "veiligheidsregio (wel per politie-eenheid, district en basisteam): "
        "Veiligheidsregio Amsterdam-Amstelland."
    ]


def test_region_codes_store_police_units_even_before_they_are_loaded(world):
    summary = _import(
        world.project,
        "regio;regiocode;perioden;onveilig\n"
        "Nederland;NL00;2021;35,0\n"
        "Amsterdam (RE);RE05;2021;30,0\n"
        f"Basisteam Elders;{OTHER_BASISTEAM};2021;27,0\n"
        "Amsterdam-Amstelland (VR);VR13;2021;33,0\n",
    )
    assert _stored(world.project) == {
        "NL00": ("nl", "Nederland", 35.0),
        "RE05": ("re", "Politie-eenheid Amsterdam", 30.0),
        OTHER_BASISTEAM: ("bt", "Basisteam Elders", 27.0),
    }
    assert summary["notes"][0].endswith("basisteam): Amsterdam-Amstelland (VR).")


def test_a_police_unit_without_a_known_code_is_skipped_not_fatal(world):
    summary = _import(
        world.project,
        "regio;perioden;onveilig\n"
        "Nederland;2021;35,0\n"
        "Politiedistrict Nergens;2021;31,0\n"
        "Basisteam Nergens-Noord;2021;30,0\n",
    )
    assert set(_stored(world.project)) == {"NL00"}
    assert summary["notes"] == [
        "Politie-eenheden overgeslagen waarvan de CBS-code niet bekend is (gebruik een bestand "
        "met een kolom regiocode, of laat de beheerder de districten en basisteams laden): "
        "Basisteam Nergens-Noord, Politiedistrict Nergens."
    ]


def test_an_unknown_region_still_stops_the_import(world):
    with pytest.raises(StatlineError, match="regio 'Xyz' ken ik niet"):
        _import(world.project, "regio;perioden;onveilig\nNederland;2021;35,0\nXyz;2021;3\n")
    assert not Benchmark.objects.exists()


# --------------------------------------------------------------------------- the comparison


def test_the_comparison_of_a_gemeente_picks_its_own_eenheid(survey_project, world):
    project = world.project  # Amsterdam, eenheid RE05
    survey_import_now(actor=None, project=project, upload=csv_upload(), year=2021, mapping=MAPPING)
    _import(
        project,
        "regio;regiocode;perioden;onveilig\n"
        "Nederland;NL00;2021;35,0\n"
        "Amsterdam (RE);RE05;2021;30,0\n"
        "Midden-Nederland (RE);RE03;2021;20,0\n"  # Almere's eenheid, not Amsterdam's
        "Almere;GM0034;2021;25,0\n",  # not picked as comparable
    )
    area = Area.objects.get(gemeente=world.gemeente, kind=AreaKind.GEMEENTE)
    (view,) = selectors.indicator_views(
        project, area=area, indicator_codes=["voelt_zich_weleens_onveilig"]
    )
    assert [b["name"] for b in view.benchmarks] == ["Nederland", "Politie-eenheid Amsterdam"]
    indicator = Indicator.objects.get(code="voelt_zich_weleens_onveilig", gemeente=None)
    assert list(selectors.benchmark_series(project, indicator)) == [
        "Nederland",
        "Politie-eenheid Amsterdam",
    ]
    # Weighted share 'vaak' or 'soms' (codes 1, 2) in the small file: weights 1 + 1 + 0.5 of
    # 1 + 2 + 1 + 0.5 + 1.5 = 6 valid (row 6 is missing) = 2.5 / 6 = 41.667 %.
    # Against the eenheid's 30.0 %: 41.667 - 30.0 = 11.667 points.
    test = BenchmarkTest.objects.get(result__area=area, benchmark__region_code="RE05")
    assert test.difference == pytest.approx(2.5 / 6 * 100 - 30.0)
    assert test.difference == pytest.approx(11.667, abs=0.001)


def test_the_overview_names_the_eenheid_not_the_veiligheidsregio(world):
    page = world.client("ambtenaar").get(
        reverse(
            "analysis:overview",
            kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
        )
    )
    text = page.content.decode()
    assert "Nederland, provincie Noord-Holland, politie-eenheid Amsterdam, plus:" in text
    assert "veiligheidsregio Amsterdam-Amstelland" not in text


# --------------------------------------------------------------------------- stored VR benchmarks


def test_the_migration_deletes_stored_veiligheidsregio_benchmarks(world):
    migration = importlib.import_module(
        "analysis.migrations.0009_benchmarks_police_units_not_veiligheidsregio"
    )
    run = ImportRun.objects.create(project=world.project, kind=ImportKind.BENCHMARK)
    indicator = Indicator.objects.get(code="voelt_zich_weleens_onveilig", gemeente=None)
    for code, kind in (("VR13", "vr"), ("NL00", "nl")):
        Benchmark.objects.create(
            gemeente=world.project.gemeente,
            indicator=indicator,
            region_code=code,
            region_name=code,
            region_kind=kind,
            year=2021,
            estimate=30.0,
            import_run=run,
        )
    migration.delete_veiligheidsregio_benchmarks(apps, None)
    assert list(Benchmark.objects.values_list("region_code", flat=True)) == ["NL00"]
