"""Awkward files (issue 11, item 5): text answers such as "weet niet" in a column of numbers,
and wijk columns with names the app does not know."""

import io
import json

import pandas as pd
import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from analysis.figures import compute, selectors, services
from analysis.figures.mapping import MappingError, parse_mapping
from analysis.figures.readers import SurveyFile, SurveyFileError
from analysis.models import Area, IndicatorResult, SurveyEdition, WijkMap

from .conftest import csv_upload

# Six respondents. cijfer (a rapportcijfer) and onv (1 vaak, 2 soms, 3 nooit) hold text answers
# among the numbers, written as people type them: in another case, with extra spaces.
AWKWARD = """respnr;wijk;weegfactor;cijfer;onv
1;WK036300;1,0;7;1
2;WK036300;2,0;weet niet;2
3;WK036300;1,0;8;1
4;WK036301;0,5; Weet  Niet ;3
5;WK036301;1,5;6;n.v.t.
6;WK036301;1,0;N.v.t.;2
"""

CATALOGUE = {"voelt_zich_weleens_onveilig", "rapportcijfer_veiligheid_buurt"}


def mapping(**extra) -> dict:
    return {
        "weight": "weegfactor",
        "wijk": "wijk",
        "respondent_id": "respnr",
        "indicators": {
            "voelt_zich_weleens_onveilig": {
                "variable": "onv",
                "kind": "proportion",
                "codes": [1, 2],
            },
            "rapportcijfer_veiligheid_buurt": {
                "variable": "cijfer",
                "kind": "mean",
                "valid_range": [1, 10],
            },
        },
        **extra,
    }


def gemeente_figure(project, code: str) -> IndicatorResult:
    return IndicatorResult.objects.get(
        edition__projects=project, indicator__code=code, area__code="GM0363"
    )


def import_awkward(project, the_mapping: dict):
    # Three of the six answered the cijfer with a number: the preview flags a valid n under
    # 60 % of the respondents, which is what this small file is about, so it is accepted.
    return services.survey_import_now(
        actor=None,
        project=project,
        upload=csv_upload(AWKWARD),
        year=2023,
        mapping=the_mapping,
        accept_flagged="Kleine testbestand: de helft gaf 'weet niet' of 'n.v.t.'.",
    )


def test_weet_niet_in_a_numeric_csv_column_imports_as_missing(survey_project):
    import_awkward(survey_project, mapping(missing_texts=["weet niet", "n.v.t."]))
    cijfer = gemeente_figure(survey_project, "rapportcijfer_veiligheid_buurt")
    # By hand: the numbers are 7 (w 1), 8 (w 1) and 6 (w 1.5); the three texts drop out.
    # (7 + 8 + 9) / (1 + 1 + 1.5) = 24 / 3.5 = 6.857...
    assert cijfer.estimate == pytest.approx(24 / 3.5)
    assert cijfer.n == 3
    onv = gemeente_figure(survey_project, "voelt_zich_weleens_onveilig")
    # By hand: respondent 5 said "n.v.t."; of the other weights 1 + 2 + 1 + 0.5 + 1 = 5.5,
    # "vaak" or "soms" (1 or 2) have 1 + 2 + 1 + 1 = 5: 5 / 5.5 = 90.909... %.
    assert onv.estimate == pytest.approx(100 * 5 / 5.5)
    assert onv.n == 5


def test_missing_texts_per_indicator_hold_for_that_indicator(survey_project):
    the_mapping = mapping()
    the_mapping["indicators"]["rapportcijfer_veiligheid_buurt"]["missing_texts"] = [
        "weet niet",
        "n.v.t.",
    ]
    the_mapping["indicators"]["voelt_zich_weleens_onveilig"]["missing_texts"] = ["N.V.T."]
    import_awkward(survey_project, the_mapping)
    assert gemeente_figure(survey_project, "rapportcijfer_veiligheid_buurt").n == 3
    assert gemeente_figure(survey_project, "voelt_zich_weleens_onveilig").n == 5


def test_without_a_list_the_error_names_the_column_and_each_text(survey_project):
    the_mapping = mapping()
    del the_mapping["indicators"]["voelt_zich_weleens_onveilig"]
    with pytest.raises(ValidationError) as error:
        import_awkward(survey_project, the_mapping)
    message = " ".join(error.value.messages)
    assert (
        "Variabele 'cijfer' moet getallen bevatten voor een gemiddelde, maar heeft tekst: "
        in message
    )
    # Each text as written (trimmed), with how often it occurs; then where.
    assert "'weet niet' (1×)" in message and "'Weet  Niet' (1×)" in message
    assert "'N.v.t.' (1×)" in message
    assert "bij rij 3, rij 5, rij 7." in message
    assert "Geef aan welke teksten als ontbrekend tellen." in message
    assert not SurveyEdition.objects.filter(projects=survey_project).exists()


def test_a_percentage_refuses_text_it_would_silently_count_as_no(survey_project):
    the_mapping = mapping()
    del the_mapping["indicators"]["rapportcijfer_veiligheid_buurt"]
    with pytest.raises(ValidationError) as error:
        import_awkward(survey_project, the_mapping)
    message = " ".join(error.value.messages)
    assert "Variabele 'onv' heeft antwoordcodes als getal, maar ook tekst: 'n.v.t.' (1×)" in message
    assert not SurveyEdition.objects.filter(projects=survey_project).exists()


def test_the_counts_of_each_text_are_given():
    frame = pd.DataFrame(
        {"w": [1.0] * 6, "c": ["5", "weet niet", "weet niet", "n.v.t.", "weet niet", "7"]}
    )
    survey = SurveyFile(data=frame, format="csv")
    the_mapping = parse_mapping(
        {
            "weight": "w",
            "indicators": {"rapportcijfer_veiligheid_buurt": {"variable": "c", "kind": "mean"}},
        },
        catalogue_codes=CATALOGUE,
    )
    prepared = compute.prepare(survey, the_mapping, gemeente_code="GM0363")
    with pytest.raises(SurveyFileError) as error:
        list(compute.compute(prepared, the_mapping))
    assert "heeft tekst: 'weet niet' (3×), 'n.v.t.' (1×) bij rij 3, rij 4, rij 5 en 1 andere" in (
        str(error.value)
    )


def test_a_file_wide_text_stays_an_answer_where_the_indicator_counts_it():
    frame = pd.DataFrame({"w": [1.0, 1.0, 1.0, 2.0], "q": ["ja", "weet niet", "nee", "ja"]})
    survey = SurveyFile(data=frame, format="csv")
    the_mapping = parse_mapping(
        {
            "weight": "w",
            "missing_texts": ["weet niet"],
            "indicators": {
                "aandeel_weet_niet": {
                    "variable": "q",
                    "kind": "proportion",
                    "codes": ["weet niet"],
                    "name": "Weet het niet",
                },
            },
        },
        catalogue_codes=CATALOGUE,
    )
    prepared = compute.prepare(survey, the_mapping, gemeente_code="GM0363")
    (cell,) = compute.compute(prepared, the_mapping)
    # By hand: all four answers count; "weet niet" has weight 1 of 1 + 1 + 1 + 2 = 5.
    assert cell.estimate.n == 4
    assert cell.estimate.value == pytest.approx(1 / 5)


def test_missing_texts_round_trip_and_old_mappings_keep_working():
    raw = mapping(missing_texts=["weet  niet ", "n.v.t."])
    raw["indicators"]["rapportcijfer_veiligheid_buurt"]["missing_texts"] = ["geen mening"]
    stored = parse_mapping(raw, catalogue_codes=CATALOGUE).to_dict()
    assert stored["missing_texts"] == ["weet niet", "n.v.t."]
    assert stored["indicators"]["rapportcijfer_veiligheid_buurt"]["missing_texts"] == [
        "geen mening"
    ]
    assert parse_mapping(stored, catalogue_codes=CATALOGUE).to_dict() == stored
    old = parse_mapping(mapping(), catalogue_codes=CATALOGUE)  # stored before the option
    assert old.missing_texts == ()
    assert old.to_dict()["indicators"]["voelt_zich_weleens_onveilig"]["missing_texts"] == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([99], "'99' is geen tekst. Zet antwoordcodes als 99 in missing_codes."),
        ({"a": 1}, "missing_texts moet een lijst met teksten zijn"),
        (["  "], "missing_texts bevat een lege tekst."),
    ],
)
def test_a_bad_missing_texts_list_is_refused_in_dutch(value, message):
    with pytest.raises(MappingError, match=message):
        parse_mapping(mapping(missing_texts=value), catalogue_codes=CATALOGUE)


def test_import_survey_takes_missing_texts_on_the_command_line(survey_project, tmp_path):
    data = tmp_path / "vm.csv"
    data.write_text(AWKWARD, encoding="utf-8")
    koppeling = tmp_path / "koppeling.yaml"
    koppeling.write_text(yaml.safe_dump(mapping()), encoding="utf-8")
    args = ["import_survey", str(data), "--gemeente", "GM0363", "--edition", "2023"]
    args += ["--weight", "weegfactor", "--mapping", str(koppeling)]
    with pytest.raises(CommandError, match="Geef aan welke teksten als ontbrekend tellen"):
        call_command(*args, stdout=io.StringIO())
    texts = ["--missing-text", "weet niet", "--missing-text", "n.v.t."]
    with pytest.raises(CommandError, match="signaal"):  # a valid n of 3 out of 6 is flagged
        call_command(*args, *texts, stdout=io.StringIO())
    call_command(*args, *texts, "--accept-flagged", stdout=io.StringIO())
    assert gemeente_figure(survey_project, "rapportcijfer_veiligheid_buurt").estimate == (
        pytest.approx(24 / 3.5)
    )


# --- wijken ------------------------------------------------------------------------------

WIJK_FRAME = pd.DataFrame(
    {
        "w": [1.0] * 7,
        "wijk": ["WK003401", "Centrum", "Haven", "Centrum", "WK036301", "Centrum", "haven"],
        "c": [7.0] * 7,
    }
)


def prepare_wijken(known=None):
    survey = SurveyFile(data=WIJK_FRAME, format="csv")
    the_mapping = parse_mapping(
        {
            "weight": "w",
            "wijk": "wijk",
            "indicators": {"rapportcijfer_veiligheid_buurt": {"variable": "c", "kind": "mean"}},
        },
        catalogue_codes=CATALOGUE,
    )
    return compute.prepare(survey, the_mapping, gemeente_code="GM0034", known_wijken=known)


def test_every_unknown_wijk_is_named_at_once():
    with pytest.raises(SurveyFileError) as error:
        prepare_wijken()
    message = str(error.value)
    assert message.startswith(
        "4 onbekende wijken in kolom 'wijk': 'Centrum' (3×, rij 3, rij 5 en 1 andere), "
        "'Haven' (1×, rij 4), 'WK036301' (1×, rij 6), 'haven' (1×, rij 8). "
        "Gebruik wijkcodes van deze gemeente (WK0034xx)"
    )


def test_the_hint_shows_the_gemeentes_own_wijken():
    known = compute.KnownWijken(
        gemeente_name="Almere", wijken={"WK003402": "Haven", "WK003401": "Stad"}
    )
    with pytest.raises(SurveyFileError) as error:
        prepare_wijken(known)
    message = str(error.value)
    assert "Koppel bijvoorbeeld 'Haven' aan WK003402, 'haven' aan WK003402." in message
    assert message.endswith("Bekende wijken van Almere: WK003401 Stad, WK003402 Haven.")
    nothing_known = compute.KnownWijken(gemeente_name="Almere", wijken={})
    with pytest.raises(SurveyFileError, match="Van Almere zijn nog geen wijken bekend"):
        prepare_wijken(nothing_known)


def test_known_wijken_come_from_the_areas_and_the_wijk_map(world):
    gemeente = world.gemeente  # Amsterdam, GM0363
    Area.objects.create(gemeente=gemeente, code="GM0363", name="Amsterdam", kind="gemeente")
    Area.objects.create(gemeente=gemeente, code="WK036300", name="Burgwallen", kind="wijk")
    Area.objects.create(gemeente=gemeente, code="WK036301", name="WK036301", kind="wijk")
    features = [
        {"type": "Feature", "properties": {"statcode": code, "statnaam": name}, "geometry": None}
        for code, name in [("WK036301", "Grachtengordel"), ("WK036302", "Jordaan")]
    ]
    WijkMap.objects.create(
        gemeente=gemeente,
        file=ContentFile(
            json.dumps({"type": "FeatureCollection", "features": features}).encode(),
            name="w.geojson",
        ),
        code_property="statcode",
        name_property="statnaam",
    )
    known = selectors.known_wijken(gemeente)
    assert known.gemeente_name == "Amsterdam"
    assert known.wijken == {
        "WK036300": "Burgwallen",
        "WK036301": "Grachtengordel",  # the map names what the area only knew by code
        "WK036302": "Jordaan",
    }


def test_an_import_with_unknown_wijken_names_the_gemeentes_own_and_stores_nothing(
    survey_project,
):
    """The service passes the gemeente's known wijken to the check, so the page and the
    command show them in the message."""
    gemeente = survey_project.gemeente
    Area.objects.create(gemeente=gemeente, code="WK036300", name="Burgwallen", kind="wijk")
    with_names = AWKWARD.replace("WK036300", "Centrum").replace("WK036301", "Oost")
    with pytest.raises(ValidationError) as error:
        services.survey_import_now(
            actor=None,
            project=survey_project,
            upload=csv_upload(with_names),
            year=2023,
            mapping=mapping(missing_texts=["weet niet", "n.v.t."]),
        )
    message = " ".join(error.value.messages)
    assert "2 onbekende wijken in kolom 'wijk': 'Centrum' (3×" in message
    assert f"Bekende wijken van {gemeente.name}: WK036300 Burgwallen." in message
    assert not SurveyEdition.objects.filter(projects=survey_project).exists()
