"""Properties of the whole computation on generated respondent files (hypothesis)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.figures import compute
from analysis.figures.mapping import parse_mapping
from analysis.figures.readers import SurveyFile

MAPPING = parse_mapping(
    {
        "weight": "w",
        "wijk": "wijk",
        "missing_codes": [99],
        "indicators": {
            "voelt_zich_weleens_onveilig": {"variable": "q", "kind": "proportion", "codes": [1, 2]},
            "rapportcijfer_veiligheid_buurt": {
                "variable": "c",
                "kind": "mean",
                "valid_range": [1, 10],
            },
        },
    },
    catalogue_codes={"voelt_zich_weleens_onveilig", "rapportcijfer_veiligheid_buurt"},
)


@st.composite
def files(draw):
    size = draw(st.integers(min_value=3, max_value=80))
    column = lambda values: st.lists(values, min_size=size, max_size=size)  # noqa: E731
    return pd.DataFrame(
        {
            "w": draw(column(st.floats(min_value=0.1, max_value=8))),
            "wijk": draw(column(st.sampled_from(["WK036300", "WK036301", "WK036302"]))),
            "q": draw(column(st.sampled_from([1, 2, 3, 99]))),
            "c": draw(column(st.integers(min_value=1, max_value=10) | st.just(99))),
        }
    )


def cells(frame: pd.DataFrame) -> dict:
    survey = SurveyFile(data=frame.reset_index(drop=True), format="csv")
    prepared = compute.prepare(survey, MAPPING, gemeente_code="GM0363")
    return {(c.indicator_code, c.area_code): c.estimate for c in compute.compute(prepared, MAPPING)}


def same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        if a[key].value is None:
            assert b[key].value is None
            continue
        assert b[key].value == pytest.approx(a[key].value)
        assert b[key].n == a[key].n
        assert b[key].n_eff == pytest.approx(a[key].n_eff)


@settings(max_examples=60, deadline=None)
@given(files(), st.randoms(use_true_random=False))
def test_row_order_changes_nothing(frame, random):
    order = list(range(len(frame)))
    random.shuffle(order)
    same(cells(frame), cells(frame.iloc[order]))


@settings(max_examples=60, deadline=None)
@given(files())
def test_doubling_every_weight_changes_no_estimate(frame):
    doubled = frame.assign(w=frame["w"] * 2)
    same(cells(frame), cells(doubled))


@settings(max_examples=60, deadline=None)
@given(files())
def test_estimates_stay_in_range_and_the_gemeente_holds_every_wijk(frame):
    result = cells(frame)
    for (code, _area), estimate in result.items():
        if estimate.value is None:
            continue
        if code == "voelt_zich_weleens_onveilig":
            assert -1e-9 <= estimate.value <= 1 + 1e-9  # floating-point sums
        else:
            assert 1 - 1e-9 <= estimate.value <= 10 + 1e-9  # floating-point sums
    for code in ("voelt_zich_weleens_onveilig", "rapportcijfer_veiligheid_buurt"):
        wijk_n = sum(e.n for (c, area), e in result.items() if c == code and area != "GM0363")
        assert result[(code, "GM0363")].n == wijk_n
    valid = frame["q"] != 99
    if valid.any():
        expected = np.average(frame["q"][valid].isin([1, 2]), weights=frame["w"][valid])
        assert result[("voelt_zich_weleens_onveilig", "GM0363")].value == pytest.approx(expected)
