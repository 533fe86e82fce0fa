"""CBS StatLine parsing: the two real sample files, CBS export shapes, and every bad input."""

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.figures.statline import (
    CRIME_LABELS,
    BenchmarkRow,
    CrimeRow,
    StatlineError,
    parse_dutch_number,
    read_police_crime,
    read_statline_table,
)

DATA = Path(__file__).parent / "data"
INBRAAK = DATA / "cbs_85146NED_vm2021_inbraak_sample.csv"
KENMERKEN = DATA / "cbs_85147NED_vm2021_persoonskenmerken_ci_sample.csv"
HEEL_GROOT = "kans_slachtoffer_inbraak_woning_pct_heel_groot"
AANGIFTE = "poging_woninginbraak_aangifte_politie_pct_slachtoffers"


def no_resolver(label: str) -> str | None:
    raise AssertionError(f"resolver should not be called, got {label!r}")


def unknown(label: str) -> None:
    return None


def read(text: str, resolve=unknown, **kwargs) -> tuple[list[BenchmarkRow], list[str]]:
    return read_statline_table(text.encode("utf-8"), resolve_region=resolve, **kwargs)


def find(rows, code, column, label=None) -> BenchmarkRow:
    matches = [
        r
        for r in rows
        if r.region_code == code
        and r.column == column
        and (label is None or r.region_label == label)
    ]
    assert len(matches) == 1, matches
    return matches[0]


# --- the real samples ------------------------------------------------------------------------


def test_85146_sample_with_code_column():
    rows, columns = read_statline_table(INBRAAK.read_bytes(), resolve_region=no_resolver)

    assert columns == [
        HEEL_GROOT,
        "poging_woninginbraak_slachtoffers_pct",
        "poging_woninginbraak_had_gevolgen_pct_slachtoffers",
        "poging_woninginbraak_melding_politie_pct_slachtoffers",
        AANGIFTE,
    ]
    assert len(rows) == 31 * 5
    nl = find(rows, "NL00", HEEL_GROOT)
    assert nl == BenchmarkRow("NL00", "Nederland", 2021, HEEL_GROOT, 6.4, None, None, False)
    assert find(rows, "GM0034", HEEL_GROOT).value == 10.5
    assert find(rows, "GM0034", HEEL_GROOT).region_label == "Almere"
    # Landsdelen come back too; the caller decides what to keep.
    assert find(rows, "LD01", HEEL_GROOT).region_label == "Noord-Nederland (LD)"


def test_85146_sample_groningen_has_suppressed_cells():
    rows, _ = read_statline_table(INBRAAK.read_bytes(), resolve_region=no_resolver)

    assert find(rows, "PV20", HEEL_GROOT).value == 5.3
    aangifte = find(rows, "PV20", AANGIFTE)
    assert aangifte.region_label == "Groningen (PV)"
    assert aangifte.value is None
    assert aangifte.suppressed is True
    suppressed = [r for r in rows if r.suppressed]
    assert suppressed and all(r.value is None for r in suppressed)


def test_85146_sample_without_code_column_uses_the_resolver():
    original = list(csv.reader(io.StringIO(INBRAAK.read_text(encoding="utf-8"))))
    codes = {row[0]: row[1] for row in original[1:]}
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    for row in original:
        writer.writerow([row[0], *row[2:]])
    calls = []

    def resolve(label):
        calls.append(label)
        return codes.get(label)

    rows, _ = read_statline_table(out.getvalue().encode("utf-8"), resolve_region=resolve)

    assert find(rows, "NL00", HEEL_GROOT).value == 6.4
    assert find(rows, "GM0363", HEEL_GROOT).region_label == "Amsterdam"
    assert sorted(calls) == sorted(codes)  # once per label


def test_85147_sample_kenmerk_rows_with_interval():
    calls = []

    def resolve(label):
        calls.append(label)
        return "NL00"

    rows, columns = read_statline_table(KENMERKEN.read_bytes(), resolve_region=resolve)

    assert calls == [
        "Gestandaardiseerd inkomen: 1e 20%-groep",
        "Gestandaardiseerd inkomen: 2e 20%-groep",
    ]
    assert len(columns) == 10
    assert len(rows) == 2 * 10
    first = rows[0]
    assert first.region_label == "Gestandaardiseerd inkomen: 1e 20%-groep"
    assert first.column == "onderhoud_stoepen_straten_pleintjes_pct_tevreden"
    assert (first.value, first.low, first.high) == (61.0, 60.0, 62.0)
    assert first.region_code == "NL00" and first.period == 2021 and not first.suppressed
    # A bound equal to the value is consistent.
    score = find(rows, "NL00", "fysieke_voorzieningen_schaalscore_0_10", first.region_label)
    assert (score.value, score.low, score.high) == (6.5, 6.5, 6.5)
    # The second kenmerk has only a Waarde row in the sample.
    second = find(rows, "NL00", first.column, "Gestandaardiseerd inkomen: 2e 20%-groep")
    assert (second.value, second.low, second.high) == (56.8, None, None)


# --- CBS export shapes -----------------------------------------------------------------------


def test_semicolon_export_with_bom_padded_codes_and_marge_keys():
    data = (
        b"\xef\xbb\xbf"
        b'"Marges";"Regio\'s";"RegioS code";"Perioden";"Kans op inbraak (%)";"Aantal (x 1 000)"\r\n'
        b'"MW00000";"Nederland";"NL00  ";"2021JJ00";"6,4";"1.234,5"\r\n'
        b'"MOG0095";"Nederland";"NL00  ";"2021JJ00";"6,1";"1.200,0"\r\n'
        b'"MBG0095";"Nederland";"NL00  ";"2021JJ00";"6,7";"1.270,0"\r\n'
        b'"MW00000";"Noord-Holland (PV)";"PV27  ";"2023*";".";"12"\r\n'
    )

    rows, columns = read_statline_table(data, resolve_region=no_resolver)

    assert columns == ["Kans op inbraak (%)", "Aantal (x 1 000)"]
    assert rows[0] == BenchmarkRow(
        "NL00", "Nederland", 2021, "Kans op inbraak (%)", 6.4, 6.1, 6.7, False
    )
    assert (rows[1].value, rows[1].low, rows[1].high) == (1234.5, 1200.0, 1270.0)
    assert rows[2] == BenchmarkRow(
        "PV27", "Noord-Holland (PV)", 2023, "Kans op inbraak (%)", None, None, None, True
    )
    assert rows[3].value == 12.0


def test_windows_1252_label_resolved_by_name():
    text = (
        "Regio's;Perioden;Marges;Kans op inbraak (%)\r\n"
        "Súdwest-Fryslân;2021;Waarde;4,1\r\n"
        "Súdwest-Fryslân;2021;Ondergrens;3,2\r\n"
        "Súdwest-Fryslân;2021;Bovengrens;5,0\r\n"
    )
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    rows, _ = read_statline_table(data, resolve_region={"Súdwest-Fryslân": "GM1900"}.get)

    assert rows == [
        BenchmarkRow("GM1900", "Súdwest-Fryslân", 2021, "Kans op inbraak (%)", 4.1, 3.2, 5.0, False)
    ]


def test_tab_delimiter_and_code_in_label_column():
    rows, _ = read("RegioS\tPerioden\tScore\nGM0363    \t2021\t6,8\nPV27\t2021\t7,0\n")

    assert [(r.region_code, r.value) for r in rows] == [("GM0363", 6.8), ("PV27", 7.0)]


def test_odata_id_column_is_not_an_indicator():
    rows, columns = read('ID;RegioS;Perioden;KansSlachtoffer_1\n0;NL00;2021JJ00;"6,4"\n')

    assert columns == ["KansSlachtoffer_1"]
    assert rows[0].value == 6.4


def test_trailing_delimiter_and_blank_lines_are_tolerated():
    rows, _ = read("regio;jaar;a;\nNL00;2021;1,5;\n\n;;;\nGM0363;2021;2;\n\n")

    assert [(r.region_code, r.value) for r in rows] == [("NL00", 1.5), ("GM0363", 2.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6,4", 6.4),
        ("1.234,5", 1234.5),
        ("12.345.678,9", 12345678.9),
        ("1.234", 1234.0),
        ("1234", 1234.0),
        ("0", 0.0),
        ("-0,5", -0.5),
        ("\u22122,5", -2.5),
        (" 6,4 ", 6.4),
        (".", None),
        ("", None),
        ("x", None),
        ("-", None),
    ],
)
def test_parse_dutch_number(text, expected):
    assert parse_dutch_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "6.4", "1,2,3", "1.23,4", "6,4%", "1e3", ",5", "6,"])
def test_parse_dutch_number_rejects(text):
    with pytest.raises(ValueError):
        parse_dutch_number(text)


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_dutch_decimal_comma_round_trip(x):
    plain = f"{x:.1f}".replace(".", ",")
    grouped = f"{x:,.1f}".translate(str.maketrans({",": ".", ".": ","}))
    assert parse_dutch_number(plain) == pytest.approx(round(x, 1), abs=1e-6)
    assert parse_dutch_number(grouped) == pytest.approx(round(x, 1), abs=1e-6)


# --- bad input -------------------------------------------------------------------------------


def raises(data, message, resolve=unknown, **kwargs) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    with pytest.raises(StatlineError) as info:
        read_statline_table(data, resolve_region=resolve, **kwargs)
    assert message in str(info.value), str(info.value)
    return str(info.value)


def test_statline_error_is_a_value_error():
    assert issubclass(StatlineError, ValueError)


def test_unknown_region_names_line_and_label():
    raises(
        "regio;jaar;a\nNederland;2021;1\nGM0363;2021;2\nXyz;2021;3\n",
        "Regel 4: regio 'Xyz' ken ik niet; gebruik een CBS-code "
        "(NL00, PVxx, GMxxxx, REnn voor een politie-eenheid) of de CBS-naam",
        resolve={"Nederland": "NL00"}.get,
    )


def test_non_numeric_cell_names_line_and_column():
    message = raises("regio;jaar;kans;score\nNL00;2021;1;2\nNL00;2022;3;veel\n", "Regel 3")
    assert "kolom 'score'" in message and "'veel'" in message


def test_english_decimal_point_is_rejected():
    raises("regio,jaar,kans\nNL00,2021,6.4\n", "Regel 2, kolom 'kans': '6.4' is geen getal")


def test_lower_bound_above_value_names_line():
    raises(
        "regio;jaar;marges;kans\nNL00;2021;Waarde;6,4\nNL00;2021;Ondergrens;7,0\n"
        "NL00;2021;Bovengrens;8,0\n",
        "Regel 3, kolom 'kans': de ondergrens 7 is groter dan de waarde 6,4 (regel 2)",
    )


def test_upper_bound_below_value_names_line():
    raises(
        "regio;jaar;marges;kans\nNL00;2021;Bovengrens;6,0\nNL00;2021;Waarde;6,4\n",
        "Regel 2, kolom 'kans': de bovengrens 6 is kleiner dan de waarde 6,4 (regel 3)",
    )


def test_interval_without_value_row():
    raises(
        "regio;jaar;marges;kans\nNL00;2021;Ondergrens;6,0\n",
        "Regel 2: regio 'NL00', periode 2021 heeft wel een betrouwbaarheidsmarge maar geen "
        "regel 'Waarde'",
    )


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf"])
def test_empty_file(data):
    raises(data, "Het bestand is leeg.")


def test_header_only():
    raises("regio;jaar;kans\r\n", "alleen een kopregel")


def test_too_big_is_checked_before_reading():
    raises(
        b"\x00" * 200, "Het bestand is te groot (200 bytes); de grens is 100 bytes.", max_bytes=100
    )


def test_missing_period_column():
    message = raises("regio;kans\nNL00;6,4\n", "Geen periodekolom gevonden")
    assert "'regio', 'kans'" in message


def test_missing_region_column():
    raises("jaar;kans\n2021;6,4\n", "Geen regiokolom gevonden")


def test_no_indicator_columns():
    raises("regio;jaar\nNL00;2021\n", "Geen indicatorkolommen gevonden")


@pytest.mark.parametrize(
    "data",
    ["regio;jaar;kans\nNL00;2021;1\n".encode("utf-16"), b"regio;jaar\n\x81\x8d\xff\n"],
)
def test_unknown_encoding(data):
    raises(data, "Onbekende tekencodering")


def test_period_that_is_not_a_year():
    raises(
        "regio;Perioden;kans\nNL00;2021KW01;1\n",
        "Regel 2, kolom 'Perioden': periode '2021KW01' is geen jaar",
    )


def test_unknown_marge():
    raises("regio;jaar;marges;kans\nNL00;2021;Marge;1\n", "Regel 2, kolom 'marges': marge 'Marge'")


def test_duplicate_row_names_both_lines():
    raises(
        "regio;jaar;kans\nNL00;2021;1\nGM0363;2021;2\nNL00;2021;3\n",
        "Regel 4: dubbele regel voor regio 'NL00', periode 2021 (ook op regel 2)",
    )


def test_row_with_wrong_number_of_cells():
    raises("regio;jaar;kans\nNL00;2021;1\nNL00;2022\n", "Regel 3: 2 kolommen")


def test_bad_code_in_code_column():
    raises(
        "regio;regiocode;jaar;kans\nAmsterdam;Amsterdam;2021;1\n",
        "Regel 2, kolom 'regiocode': 'Amsterdam' is geen CBS-regiocode",
    )


def test_value_in_unnamed_column():
    raises("regio;jaar;kans;\nNL00;2021;1;5\n", "Regel 2, kolom 4")


def test_duplicate_indicator_column():
    raises("regio;jaar;kans;kans\nNL00;2021;1;2\n", "kolom 'kans' komt twee keer voor")


def test_two_period_columns():
    raises("regio;jaar;perioden;kans\nNL00;2021;2021;1\n", "'jaar' en 'perioden'")


def test_line_numbers_count_blank_lines_like_a_spreadsheet():
    raises("regio;jaar;kans\n\nNL00;2021;1\n\nNL00;2022;nee\n", "Regel 5")


# --- police-registered crime (47018NED shape) ------------------------------------------------

ODATA_CRIME = (
    "ID;SoortMisdrijf;WijkenEnBuurten;Perioden;GeregistreerdeMisdrijven_1;Gemeentenaam_2;"
    "SoortRegio_3\r\n"
    '1;"0.0.0 ";"NL00      ";"2023JJ00";"805.327";;\r\n'
    '2;"0.0.0 ";"GM0363    ";"2023JJ00";"85.432";"Amsterdam";"Gemeente"\r\n'
    '3;"1.1.1 ";"GM0363    ";"2023JJ00";"2.108";"Amsterdam";"Gemeente"\r\n'
    '4;"1.1.1 ";"WK036300  ";"2023JJ00";"41";"Amsterdam";"Wijk"\r\n'
    '5;"1.1.1 ";"BU03630000";"2023JJ00";"12";"Amsterdam";"Buurt"\r\n'
    '6;"1.4.7 ";"WK036300  ";"2023JJ00";".";"Amsterdam";"Wijk"\r\n'
    '7;"1.4.7 ";"BU03630001";"2023JJ00";".";"Amsterdam";"Buurt"\r\n'
    '8;"2.2.1 ";"WK036300  ";"2022JJ00";"0";"Amsterdam";"Wijk"\r\n'
)


def crime(text: str) -> tuple[list[CrimeRow], list[str]]:
    return read_police_crime(text.encode("utf-8"))


def crime_raises(text: str, message: str) -> None:
    with pytest.raises(StatlineError) as info:
        crime(text)
    assert message in str(info.value), str(info.value)


def test_crime_labels_catalogue():
    for code in ("0.0.0", "1.1.1", "1.1.2", "1.2.1", "1.2.3", "1.4.5", "1.4.6", "1.4.7", "2.2.1"):
        assert CRIME_LABELS[code]
    assert CRIME_LABELS["1.1.1"] == "Diefstal/inbraak woning"
    assert CRIME_LABELS["0.0.0"] == "Totaal misdrijven"


def test_crime_odata_shape_with_padding_buurt_rows_and_suppression():
    rows, notes = crime(ODATA_CRIME)

    assert rows == [
        CrimeRow("NL00", "0.0.0", "Totaal misdrijven", 2023, 805327),
        CrimeRow("GM0363", "0.0.0", "Totaal misdrijven", 2023, 85432),
        CrimeRow("GM0363", "1.1.1", "Diefstal/inbraak woning", 2023, 2108),
        CrimeRow("WK036300", "1.1.1", "Diefstal/inbraak woning", 2023, 41),
        CrimeRow("WK036300", "1.4.7", "Overval", 2023, None),
        CrimeRow("WK036300", "2.2.1", CRIME_LABELS["2.2.1"], 2022, 0),
    ]
    assert notes[0] == "2 buurtregels overgeslagen"
    assert "Kolommen genegeerd: ID, Gemeentenaam_2, SoortRegio_3." in notes


def test_crime_statline_labels_with_code_in_text():
    rows, notes = crime(
        '"Soort misdrijf","Wijken en buurten","Perioden","Geregistreerde misdrijven (aantal)"\n'
        '"1.1.1 Diefstal/inbraak woning","Burgwallen-Oude Zijde (WK036300)","2023","12"\n'
        '"1.2.3 Diefstal van brom-, snor-, fietsen","Amsterdam (GM0363)","2023","1.543"\n'
    )

    assert rows == [
        CrimeRow("WK036300", "1.1.1", "Diefstal/inbraak woning", 2023, 12),
        CrimeRow("GM0363", "1.2.3", "Diefstal van brom-, snor-, fietsen", 2023, 1543),
    ]
    assert notes == []


def test_crime_separate_code_columns_and_label_only():
    rows, _ = crime(
        "SoortMisdrijf code;SoortMisdrijf;wijk;Codering_3;jaar;aantal\n"
        "1.4.5  ;Mishandeling;Burgwallen-Oude Zijde;WK036300  ;2023;7\n"
        ";Straatroof;Burgwallen-Oude Zijde;WK036300;2023;3\n"
        ";vernielingen/beschadigingen;Burgwallen-Oude Zijde;WK036300;2023;30\n"
    )

    assert [(r.crime_code, r.crime_label, r.area_code, r.count) for r in rows] == [
        ("1.4.5", "Mishandeling", "WK036300", 7),
        ("1.4.6", "Straatroof", "WK036300", 3),
        ("2.2.1", "vernielingen/beschadigingen", "WK036300", 30),
    ]


def test_crime_negative_count_rejected():
    crime_raises(
        "SoortMisdrijf;WijkenEnBuurten;Perioden;aantal\n1.1.1;WK036300;2023;5\n"
        "1.1.2;WK036300;2023;-3\n",
        "Regel 3, kolom 'aantal': aantal -3 is negatief",
    )


def test_crime_fractional_count_rejected():
    crime_raises(
        "SoortMisdrijf;WijkenEnBuurten;Perioden;aantal\n1.1.1;WK036300;2023;2,5\n",
        "Regel 2, kolom 'aantal': aantal 2,5 is geen geheel getal",
    )


def test_crime_non_numeric_count_rejected():
    crime_raises(
        "SoortMisdrijf;WijkenEnBuurten;Perioden;aantal\n1.1.1;WK036300;2023;veel\n",
        "Regel 2, kolom 'aantal': 'veel' is geen getal",
    )


def test_crime_area_without_code_rejected():
    crime_raises(
        "SoortMisdrijf;WijkenEnBuurten;Perioden;aantal\n1.1.1;Burgwallen-Oude Zijde;2023;5\n",
        "Regel 2, kolom 'WijkenEnBuurten': gebied 'Burgwallen-Oude Zijde' heeft geen CBS-code",
    )


def test_crime_unknown_label_rejected():
    crime_raises(
        "SoortMisdrijf;WijkenEnBuurten;Perioden;aantal\nFietsendiefstal;WK036300;2023;5\n",
        "Regel 2: soort misdrijf 'Fietsendiefstal' ken ik niet",
    )


def test_crime_duplicate_rejected():
    crime_raises(
        "SoortMisdrijf;WijkenEnBuurten;Perioden;aantal\n1.1.1 ;WK036300;2023;5\n"
        "1.1.1;WK036300  ;2023JJ00;6\n",
        "Regel 3: dubbele regel voor gebied WK036300, soort misdrijf 1.1.1, jaar 2023 "
        "(ook op regel 2)",
    )


def test_crime_monthly_period_rejected():
    crime_raises(
        "SoortMisdrijf;WijkenEnBuurten;Perioden;aantal\n1.1.1;WK036300;2023MM01;5\n",
        "Regel 2, kolom 'Perioden': periode '2023MM01' is geen jaar",
    )


def test_crime_missing_count_column():
    crime_raises(
        "SoortMisdrijf;WijkenEnBuurten;Perioden\n1.1.1;WK036300;2023\n",
        "Kolom ontbreekt: aantal",
    )


def test_crime_only_buurt_rows():
    crime_raises(
        "SoortMisdrijf;WijkenEnBuurten;Perioden;aantal\n1.1.1;BU03630000;2023;5\n",
        "geen regels voor gemeenten of wijken",
    )


def test_crime_too_big_and_empty():
    with pytest.raises(StatlineError, match="te groot"):
        read_police_crime(ODATA_CRIME.encode(), max_bytes=10)
    with pytest.raises(StatlineError, match="leeg"):
        read_police_crime(b"")
