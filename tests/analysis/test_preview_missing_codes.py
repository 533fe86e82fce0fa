"""The preview says per indicator which codes were treated as missing and how many answers
each removed: the case of test_missing_codes, a rapportcijfer of 9 kept as an answer while
another question's 9 ("weet niet") is left out."""

import pandas as pd
import pytest

from analysis.figures import compute
from analysis.figures.mapping import parse_mapping
from analysis.figures.missing_report import missing_report
from analysis.figures.plausibility import ChangeLimits
from analysis.figures.preview import preview_build
from analysis.figures.preview_text import missing_texts
from analysis.figures.readers import SurveyFile

from .test_missing_codes import CODES, FRAME, LABELS, old_style

NAMES = {
    "voelt_zich_weleens_onveilig": ("Voelt zich weleens onveilig (algemeen)", "percent"),
    "rapportcijfer_veiligheid_buurt": (
        "Rapportcijfer veiligheid in de buurt",
        "rapportcijfer_1_10",
    ),
}


def preview_of(survey: SurveyFile, mapping_dict: dict) -> dict:
    mapping = parse_mapping(mapping_dict, catalogue_codes=CODES)
    prepared = compute.prepare(survey, mapping, gemeente_code="GM0363")
    return preview_build(
        year=2023,
        survey=survey,
        mapping=mapping,
        prepared=prepared,
        cells=list(compute.compute(prepared, mapping)),
        indicators=NAMES,
        previous={},
        benchmarks={},
        limits=ChangeLimits(points=10.0, margins=5.0),
        replaces=False,
    )


def test_the_note_shows_the_9_removed_from_the_question_and_kept_in_the_rapportcijfer():
    survey = SurveyFile(data=FRAME, format="sav", value_labels=LABELS)
    rows = {row["code"]: row for row in preview_of(survey, old_style([9, 99]))["rows"]}
    mark = rows["rapportcijfer_veiligheid_buurt"]
    # c = 9, 9, 6, 8, 10, 99 with weights 1, 2, 1, 1, 2, 1: only the 99 goes, the two 9s
    # stay: (9 + 18 + 6 + 8 + 20) / 7 = 61 / 7, n = 5.
    assert mark["estimate"] == pytest.approx(61 / 7) and mark["n"] == 5
    assert missing_texts(mark) == [
        "99 geen antwoord: 1 weggelaten (koppeling voor het hele bestand)"
    ]
    question = rows["voelt_zich_weleens_onveilig"]
    # q = 1, 2, 9, 1, 9, 2: the two 9s ("weet niet") go; 99 holds for q but none answered it.
    assert question["n"] == 4
    assert missing_texts(question) == [
        "9 weet niet: 2 weggelaten (koppeling voor het hele bestand)",
        "99: 0 weggelaten (koppeling voor het hele bestand)",
    ]
    # 4 and 5 valid answers of 6 respondents are over 60 %: no flag.
    assert mark["flags"] == [] and question["flags"] == []


def test_declared_own_and_file_wide_codes_are_named_with_where_they_come_from():
    frame = pd.DataFrame(
        {
            "w": [1.0] * 8,
            "c": [7.0, 99.0, 99.0, 98.0, 97.0, 0.0, 12.0, None],
        }
    )
    survey = SurveyFile(
        data=frame,
        format="sav",
        value_labels={"c": {99.0: "geen antwoord"}},
        user_missing={"c": {99.0, (97.0, 98.0)}},
    )
    mapping = parse_mapping(
        {
            "weight": "w",
            "missing_codes": [99],
            "indicators": {
                "rapportcijfer_veiligheid_buurt": {
                    "variable": "c",
                    "kind": "mean",
                    "valid_range": [1, 10],
                    "missing_codes": [99],
                }
            },
        },
        catalogue_codes=CODES,
    )
    spec = mapping.indicators["rapportcijfer_veiligheid_buurt"]
    report = missing_report(survey, spec, mapping.missing_codes)
    shown = [(a.code, a.label, a.sources, a.removed) for a in report.applied]
    # 99 is declared in the file, listed for the indicator and file-wide (outside 1-10);
    # the declared range 97-98 removes two answers; 0 and 12 are outside the valid range.
    assert shown == [
        ("99", "geen antwoord", ("bestand", "indicator", "hele bestand"), 2),
        ("97–98", "", ("bestand",), 2),
    ]
    assert report.out_of_range == 2
    # Together with the one empty answer: 8 - 2 - 2 - 2 - 1 = 1 valid answer (the 7).
    row = preview_of(survey, mapping.to_dict())["rows"][0]
    assert row["n"] == 1
    assert missing_texts(row)[-1] == "buiten 1–10: 2 weggelaten"
