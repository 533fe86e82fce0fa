"""Missing codes per variable: a "weet niet" of 9 on one question must not drop every
rapportcijfer of 9 (which biased the mean downwards without a warning)."""

import pandas as pd
import pytest

from analysis.figures import compute
from analysis.figures.mapping import parse_mapping
from analysis.figures.readers import SurveyFile
from analysis.figures.suggest import suggest_mapping

CODES = {"voelt_zich_weleens_onveilig", "rapportcijfer_veiligheid_buurt"}
# Six respondents: q is yes/no with 9 = "weet niet"; c is a rapportcijfer 1-10.
FRAME = pd.DataFrame(
    {
        "w": [1.0, 2.0, 1.0, 1.0, 2.0, 1.0],
        "wijk": ["WK036300"] * 6,
        "q": [1, 2, 9, 1, 9, 2],
        "c": [9, 9, 6, 8, 10, 99],
    }
)
LABELS = {"q": {1.0: "ja", 2.0: "nee", 9.0: "weet niet"}, "c": {99.0: "geen antwoord"}}


def estimates(mapping_dict: dict) -> dict:
    mapping = parse_mapping(mapping_dict, catalogue_codes=CODES)
    survey = SurveyFile(data=FRAME, format="sav", value_labels=LABELS)
    prepared = compute.prepare(survey, mapping, gemeente_code="GM0363")
    return {
        c.indicator_code: c.estimate
        for c in compute.compute(prepared, mapping)
        if c.area_code == "GM0363"
    }


def old_style(missing: list) -> dict:
    """A mapping as stored before: one file-wide list of missing codes."""
    return {
        "weight": "w",
        "wijk": "wijk",
        "missing_codes": missing,
        "indicators": {
            "voelt_zich_weleens_onveilig": {"variable": "q", "kind": "proportion", "codes": [1]},
            "rapportcijfer_veiligheid_buurt": {
                "variable": "c",
                "kind": "mean",
                "valid_range": [1, 10],
            },
        },
    }


def test_a_file_wide_9_leaves_the_rapportcijfer_of_9_valid():
    result = estimates(old_style([9, 99]))
    # By hand: c = 9 (w1), 9 (w2), 6 (w1), 8 (w1), 10 (w2); 99 is outside 1-10.
    # (9 + 18 + 6 + 8 + 20) / 7 = 61 / 7 = 8.714...; without the 9s it was 34 / 4 = 8.5.
    assert result["rapportcijfer_veiligheid_buurt"].value == pytest.approx(61 / 7)
    assert result["rapportcijfer_veiligheid_buurt"].n == 5
    # q's own 9 ("weet niet") still drops out: "ja" has weight 1 + 1 of 1 + 2 + 1 + 1 = 5.
    assert result["voelt_zich_weleens_onveilig"].value == pytest.approx(2 / 5)
    assert result["voelt_zich_weleens_onveilig"].n == 4


def test_a_file_wide_code_labelled_missing_on_the_variable_still_counts_as_missing():
    labels = dict(LABELS, c={9.0: "weet niet"})
    mapping = parse_mapping(old_style([9]), catalogue_codes=CODES)
    survey = SurveyFile(data=FRAME, format="sav", value_labels=labels)
    spec = mapping.indicators["rapportcijfer_veiligheid_buurt"]
    assert compute.file_wide_missing(survey, spec, (9.0,)) == {9.0}


def test_codes_of_the_variable_itself_are_missing_there_only():
    mapping = old_style([])
    mapping["indicators"]["voelt_zich_weleens_onveilig"]["missing_codes"] = [9]
    result = estimates(mapping)
    assert result["voelt_zich_weleens_onveilig"].n == 4  # q's two "weet niet" left out
    assert result["rapportcijfer_veiligheid_buurt"].n == 5  # 99 is outside the range anyway
    # The per-variable list survives a round trip through the stored form.
    stored = parse_mapping(mapping, catalogue_codes=CODES).to_dict()
    assert stored["indicators"]["voelt_zich_weleens_onveilig"]["missing_codes"] == [9.0]


def test_the_proposal_takes_missing_codes_from_each_variables_own_labels():
    variables = [
        {"name": "w", "label": "weegfactor", "numeric": True},
        {
            "name": "onv_alg",
            "label": "Voelt zich weleens onveilig",
            "numeric": True,
            "value_labels": {1: "vaak", 2: "soms", 9: "weet niet"},
        },
        {
            "name": "cijf_veil",
            "label": "Rapportcijfer veiligheid buurt",
            "numeric": True,
            "minimum": 1,
            "maximum": 10,
            "value_labels": {99: "geen antwoord"},
        },
    ]
    proposal = suggest_mapping(variables)
    assert proposal["missing_codes"] == []
    specs = {spec["variable"]: spec for spec in proposal["indicators"].values()}
    assert specs["onv_alg"]["missing_codes"] == [9]
    assert specs["cijf_veil"]["missing_codes"] == [99]
