"""BBV beleidsindicatoren as sums of 47018NED crime types (issue 11, item 6).

Done when: "The BBV sums match a crafted 47018NED table code by code". The table below holds
every code of each set plus decoys (totals and look-alikes that must not be counted); each sum
is written out by hand.
"""

from collections import defaultdict

import pytest
from django.urls import reverse

from analysis.catalogue import bbv_definitions_raw
from analysis.figures.bbv import (
    DefinitionError,
    bbv_definitions,
    bbv_sum,
    check_code_set,
    contains,
    parse_definitions,
)
from analysis.figures.selectors import bbv_overview, crime_for_indicators
from analysis.figures.statline import CRIME_LABELS, read_police_crime
from analysis.models import Area, ImportRun

WIJK_2023 = {
    # geweldsmisdrijven
    "1.4.1": 3,  # zedenmisdrijf
    "1.4.2": 1,  # moord, doodslag
    "1.4.4": 7,  # bedreiging
    "1.4.5": 11,  # mishandeling
    "1.6.3": 0,  # mensenhandel
    "3.2.1": 2,  # kinderporno
    "3.2.2": 0,  # kinderprostitutie
    # vernielingen en misdrijven tegen openbare orde en gezag
    "2.2.1": 20,  # vernieling
    "1.6.1": 2,  # brand/ontploffing
    "1.4.3": 4,  # openlijk geweld (persoon): openbare orde, not geweld
    "2.4.2": 3,  # huisvredebreuk
    "2.7.3": 1,  # lokaalvredebreuk
    "3.6.4": 5,  # aantasting openbare orde
    "3.7.1": 1,  # discriminatie
    "3.7.2": 0,  # vreemdelingenzorg
    "3.7.4": 6,  # cybercrime
    "3.1.2": 0,  # mensensmokkel
    # diefstallen uit woning, winkeldiefstallen
    "1.1.1": 9,
    "2.5.2": 13,
    # decoys: in no set
    "0.0.0": 500,  # the grand total
    "1.4.6": 5,  # straatroof (vermogen)
    "1.4.7": 1,  # overval (vermogen)
    "1.3.1": 9,  # ongevallen (weg)
    "3.7.3": 6,  # belediging
    "3.9.3": 8,  # fraude (overig)
    "2.4.1": 2,  # overtreding huisverbod
    "1.1.2": 4,  # box/garage/schuur, not a woning
    "2.5.1": 7,  # inbraak bedrijven, including winkels
}

GEWELD = 3 + 1 + 7 + 11 + 0 + 2 + 0  # = 24
VERNIELING = 20 + 2 + 4 + 3 + 1 + 5 + 1 + 0 + 6 + 0  # = 42
WONING = 9
WINKEL = 13


def crafted_table() -> bytes:
    """A 47018NED download: the wijk in 2023 as above; 2022 with one suppressed cell (1.4.2)
    and the same counts otherwise minus one; the gemeente in 2023 without the 3.2.2 row."""
    lines = ["SoortMisdrijf;WijkenEnBuurten;Perioden;GeregistreerdeMisdrijven_1"]
    for code, count in WIJK_2023.items():
        label = CRIME_LABELS[code]
        lines.append(f"{code} {label};WK036300;2023JJ00;{count}")
        previous = "." if code == "1.4.2" else str(max(0, count - 1))
        lines.append(f"{code} {label};WK036300;2022JJ00;{previous}")
        if code != "3.2.2":
            lines.append(f"{code} {label};GM0363;2023JJ00;{count * 10}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def counts_by_area_year() -> dict:
    rows, _notes = read_police_crime(crafted_table())
    table: dict = defaultdict(dict)
    for row in rows:
        table[(row.area_code, row.period)][row.crime_code] = row.count
    return table


def test_crafted_table_sums_code_by_code():
    definitions = bbv_definitions()
    wijk = counts_by_area_year()[("WK036300", 2023)]
    expected = {
        "bbv_geweldsmisdrijven": GEWELD,
        "bbv_vernielingen_openbare_ruimte": VERNIELING,
        "bbv_diefstallen_uit_woning": WONING,
        "bbv_winkeldiefstallen": WINKEL,
    }
    for code, total in expected.items():
        result = bbv_sum(wijk, definitions[code].crime_codes)
        assert (result.count, result.missing) == (total, ()), code
    assert GEWELD == 24 and VERNIELING == 42


def test_rate_per_1000_inhabitants_of_a_sum():
    wijk = counts_by_area_year()[("WK036300", 2023)]
    result = bbv_sum(wijk, bbv_definitions()["bbv_geweldsmisdrijven"].crime_codes, 6000)
    # 24 / 6,000 * 1,000 = 4.0; exact interval of 24 is 15.377 to 35.710, divided by 6.
    assert result.rate.value == pytest.approx(4.0)
    assert result.rate.ci_low == pytest.approx(15.377 / 6, abs=0.001)
    assert result.rate.ci_high == pytest.approx(35.710 / 6, abs=0.001)


def test_a_suppressed_cell_in_a_set_makes_the_sum_unknown_and_says_which():
    wijk_2022 = counts_by_area_year()[("WK036300", 2022)]
    geweld = bbv_sum(wijk_2022, bbv_definitions()["bbv_geweldsmisdrijven"].crime_codes, 6000)
    assert (geweld.count, geweld.missing, geweld.rate) == (None, ("1.4.2",), None)
    # The suppressed code is not in the vernielingen set, which is still summed:
    # every count one lower, zeros staying zero: 19 + 1 + 3 + 2 + 0 + 4 + 0 + 0 + 5 + 0.
    vernieling = bbv_sum(
        wijk_2022, bbv_definitions()["bbv_vernielingen_openbare_ruimte"].crime_codes
    )
    assert vernieling.count == 19 + 1 + 3 + 2 + 0 + 4 + 0 + 0 + 5 + 0  # = 34


def test_a_code_absent_from_the_table_makes_the_sum_unknown():
    gemeente = counts_by_area_year()[("GM0363", 2023)]
    geweld = bbv_sum(gemeente, bbv_definitions()["bbv_geweldsmisdrijven"].crime_codes)
    assert (geweld.count, geweld.missing) == (None, ("3.2.2",))
    woning = bbv_sum(gemeente, bbv_definitions()["bbv_diefstallen_uit_woning"].crime_codes)
    assert woning.count == 90  # 9 * 10


def test_the_catalogue_sets_follow_the_bbv_definitions():
    definitions = bbv_definitions()
    geweld = definitions["bbv_geweldsmisdrijven"]
    # No longer mishandeling (1.4.5) alone: seksuele misdrijven, levensdelicten, bedreiging,
    # mishandeling, and the rest of the CBS group "Gewelds- en seksuele misdrijven".
    assert set(geweld.crime_codes) == {
        "1.4.1",
        "1.4.2",
        "1.4.4",
        "1.4.5",
        "1.6.3",
        "3.2.1",
        "3.2.2",
    }
    assert {"1.4.6", "1.4.7", "1.4.3"} <= set(geweld.excluded)
    vernieling = definitions["bbv_vernielingen_openbare_ruimte"]
    assert {"2.2.1", "1.6.1", "1.4.3", "3.6.4"} <= set(vernieling.crime_codes)
    assert definitions["bbv_diefstallen_uit_woning"].crime_codes == ("1.1.1",)
    assert definitions["bbv_winkeldiefstallen"].crime_codes == ("2.5.2",)
    for definition in definitions.values():
        assert definition.sources and all(s.url.startswith("http") for s in definition.sources)
        assert all(s.quote for s in definition.sources)
        assert set(definition.included) == set(definition.crime_codes)
    # No code in two sets: one registered crime never counts for two BBV indicators.
    every = [code for d in definitions.values() for code in d.crime_codes]
    assert len(every) == len(set(every))


def test_every_bbv_police_indicator_of_the_catalogue_has_a_set():
    import yaml

    from analysis.catalogue import CATALOGUE_FILE

    indicators = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))["indicators"]
    police = {
        code
        for code, spec in indicators.items()
        if spec["source"] == "bbv" and spec["unit"] == "per_1000_inwoners"
    }
    assert police == set(bbv_definitions())


def test_groups_and_members_are_never_both_in_a_set():
    assert contains("0.0.0", "1.4.5") and contains("1.4.0", "1.4.5")
    assert not contains("1.4.5", "1.4.0") and not contains("1.4.5", "1.4.4")
    known = {*CRIME_LABELS, "1.4.0"}
    with pytest.raises(DefinitionError, match="0.0.0 already includes 1.4.5"):
        check_code_set(["0.0.0", "1.4.5"])
    with pytest.raises(DefinitionError, match="1.4.0 already includes 1.4.5"):
        check_code_set(["1.4.5", "1.4.0"], known=known)
    with pytest.raises(DefinitionError, match="unknown"):
        check_code_set(["9.9.9"])
    with pytest.raises(DefinitionError, match="twice"):
        check_code_set(["1.4.5", "1.4.5"])
    assert check_code_set(["1.4.4", "1.4.5"]) == ("1.4.4", "1.4.5")


def test_a_definition_without_sources_or_reasons_is_refused():
    good = bbv_definitions_raw()["bbv_winkeldiefstallen"]
    with pytest.raises(DefinitionError, match="source"):
        parse_definitions({"x": {**good, "sources": []}})
    with pytest.raises(DefinitionError, match="reason"):
        parse_definitions({"x": {**good, "included": {}}})


# --- the pages -------------------------------------------------------------------------------


def url(world, name):
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


@pytest.fixture
def police_figures(world):
    from analysis.figures.services import crime_import

    run = ImportRun.objects.create(project=world.project, kind="crime", original_name="p.csv")
    crime_import(run=run, data=crafted_table())
    Area.objects.filter(gemeente=world.gemeente, code="WK036300").update(inhabitants=6000)
    return world.project


def test_police_page_shows_the_bbv_sums_with_intervals(police_figures, world):
    page = world.client("ambtenaar").get(url(world, "crime")).content.decode()
    assert "BBV-beleidsindicatoren" in page and "Geweldsmisdrijven" in page
    assert ">24<" in page and "4,0" in page  # 24 per 6,000 = 4.0 per 1,000
    assert "2,6–6,0" in page  # 15.377 / 6 = 2.56 and 35.710 / 6 = 5.95, rounded half up
    assert ">42<" in page  # vernielingen
    assert "onbekend" in page  # 2022: 1.4.2 suppressed
    assert "https://terneuzen.jaarverslag-2021.nl/p11878/indicatoren" in page


def test_bbv_overview_reports_what_cannot_be_summed(police_figures, world):
    tables = {table.code: table for table in bbv_overview(police_figures)}
    geweld = tables["bbv_geweldsmisdrijven"]
    assert geweld.years == [2022, 2023]
    rows = {row.label: row for row in geweld.rows}
    wijk = rows["WK036300"]
    assert [cell.count for cell in wijk.cells] == [None, 24]
    assert wijk.cells[0].missing == ("1.4.2",)
    assert wijk.change is None  # one known year only: no change to speak of
    assert any("3.2.2" in note for note in geweld.notes)  # absent for the gemeente
    vernieling = {row.label: row for row in tables["bbv_vernielingen_openbare_ruimte"].rows}
    wijk_v = vernieling["WK036300"]
    assert [cell.count for cell in wijk_v.cells] == [34, 42]
    # 34 -> 42 is within chance: 2 * P(X >= 42 | 76, 1/2) is about 0.42.
    assert wijk_v.change["direction"] == 0
    assert "geen aantoonbare verandering" in wijk_v.change["text"]


def test_theme_tables_follow_the_theme_indicators(police_figures):
    tables = crime_for_indicators(
        police_figures, ["bbv_diefstallen_uit_woning", "reg_woninginbraak"]
    )
    assert [table.code for table in tables] == ["bbv_diefstallen_uit_woning", "1.1.1"]
    assert crime_for_indicators(police_figures, ["rommel_op_straat"]) == []


def test_a_theme_reads_only_its_crime_types_over_every_year_of_the_table(world):
    from analysis.figures.selectors import crime_type_tables
    from tests.kernbeleid.goal_figures import PoliceFigures

    police = PoliceFigures(world.project)
    police.count(2022, 40, code="0.0.0")  # only the total has 2022
    police.count(2023, 50, code="0.0.0")
    police.count(2023, 12)  # woninginbraak, 2023 only
    every = crime_type_tables(world.project)
    chosen = crime_type_tables(world.project, {"1.1.1"})
    assert [table.code for table in chosen] == ["1.1.1"]
    # The same table as on the police-figures page: the 2022 column (unknown) included.
    assert chosen == [table for table in every if table.code == "1.1.1"]
