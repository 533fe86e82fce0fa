"""The synthetic Veiligheidsmonitor generator: labels, missings, planted features and mapping."""

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest
import yaml
from django.core.management import call_command

from analysis.figures.demo_survey import (
    DEMO_EDITIONS,
    build_demo_edition,
    demo_wijken,
    write_demo_sav,
)

GEMEENTE = "GM0363"
DATA_DIR = Path(__file__).resolve().parents[2] / "analysis" / "data"
MAPPING = DATA_DIR / "mappings" / "vm_demo.yaml"
CATALOGUE = DATA_DIR / "catalogue.yaml"
QUESTIONS = (
    "onv_alg onv_buurt cijf_veil cijf_leef ovl_rommel ovl_hond ovl_jong ovl_hard ovl_drugs "
    "slo_inbr slo_fiets slo_onl coh_1 coh_2 coh_3 coh_4 coh_5 eigen_cam"
).split()


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Each demo edition, written to .sav and read back the way the importer will."""
    folder = tmp_path_factory.mktemp("vm")
    result = {}
    for year in DEMO_EDITIONS:
        path = folder / f"vm_{GEMEENTE}_{year}.sav"
        write_demo_sav(path, gemeente_code=GEMEENTE, year=year)
        result[year] = pyreadstat.read_sav(path, user_missing=True)
    return result


def weighted_share(frame: pd.DataFrame, variable: str, codes, wijk: str | None = None) -> float:
    if wijk is not None:
        frame = frame[frame["wijk"] == wijk]
    valid = frame[frame[variable] != 99]
    return 100 * np.average(valid[variable].isin(codes), weights=valid["weegfactor"])


def test_demo_wijken():
    wijken = demo_wijken(GEMEENTE)
    assert [code for code, _ in wijken] == [f"WK0363{i:02d}" for i in range(8)]
    assert dict(wijken)["WK036305"] == "Haven"
    with pytest.raises(ValueError):
        demo_wijken("Amsterdam")


def test_value_labels_and_user_missing(editions):
    frame, meta = editions[2023]
    assert meta.variable_value_labels["onv_alg"][1] == "vaak"
    assert meta.variable_value_labels["geslacht"] == {1: "man", 2: "vrouw"}
    assert meta.column_names_to_labels["onv_alg"] == "Voelt u zich weleens onveilig?"
    assert all(meta.column_names_to_labels[column] for column in frame.columns)
    for variable in QUESTIONS:
        assert meta.variable_value_labels[variable][99] == "weet niet / geen antwoord"
        assert meta.missing_ranges[variable] == [{"lo": 99.0, "hi": 99.0}], variable
        share = (frame[variable] == 99).mean()
        assert 0.005 < share < 0.04, (variable, share)


def test_user_missing_read_as_missing_by_default(tmp_path):
    path = tmp_path / "vm.sav"
    write_demo_sav(path, gemeente_code=GEMEENTE, year=2021, respondents=500)
    frame, _ = pyreadstat.read_sav(path)
    assert frame["onv_alg"].isna().any()
    assert not (frame["onv_alg"] == 99).any()


def test_respondents_wijken_and_weights(editions):
    for frame, _ in editions.values():
        assert len(frame) == 5000
        assert frame["respnr"].is_unique
        counts = frame["wijk"].value_counts()
        assert set(counts.index) == {code for code, _ in demo_wijken(GEMEENTE)}
        assert 30 <= counts.min() < 50  # planted: suppressed at a minimum n of 50
        assert ((counts >= 60) & (counts < 100)).sum() == 1  # planted: warning below 100
        weights = frame["weegfactor"]
        assert (weights > 0).all()
        assert weights.std() / weights.mean() > 0.2
        assert weights.sum() == pytest.approx(len(frame))
        assert frame["leeftijd"].between(15, 95).all()
        assert set(frame["geslacht"]) == {1, 2}
        scale = frame["coh_schaal"].dropna()
        assert scale.between(0, 10).all() and frame["coh_schaal"].isna().mean() < 0.02


def test_deterministic():
    first, meta = build_demo_edition(gemeente_code=GEMEENTE, year=2023, seed=7)
    again, _ = build_demo_edition(gemeente_code=GEMEENTE, year=2023, seed=7)
    other, _ = build_demo_edition(gemeente_code=GEMEENTE, year=2023, seed=8)
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)
    assert set(meta) >= {"column_labels", "variable_value_labels", "missing_ranges"}


def test_planted_haven_rise_and_flat_elsewhere(editions):
    haven = next(code for code, name in demo_wijken(GEMEENTE) if name == "Haven")
    before, after = editions[2021][0], editions[2023][0]
    rise = weighted_share(after, "onv_buurt", [1, 2], haven) - weighted_share(
        before, "onv_buurt", [1, 2], haven
    )
    assert rise > 10
    rest_before = before[before["wijk"] != haven]
    rest_after = after[after["wijk"] != haven]
    flat = weighted_share(rest_after, "onv_buurt", [1, 2]) - weighted_share(
        rest_before, "onv_buurt", [1, 2]
    )
    assert abs(flat) < 3
    # Online fraud rises slightly; 2019 (old series) feels a little less safe.
    assert weighted_share(after, "slo_onl", [1]) > weighted_share(before, "slo_onl", [1])
    old = editions[2019][0]
    assert weighted_share(old, "onv_alg", [1, 2]) > weighted_share(before, "onv_alg", [1, 2])


def test_mapping_matches_files_and_catalogue(editions):
    mapping = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["indicators"]
    assert mapping["missing_codes"] == [99]
    variables = {mapping["weight"], mapping["wijk"], mapping["respondent_id"]}
    custom = set()
    for key, spec in mapping["indicators"].items():
        variables.add(spec["variable"])
        assert spec["kind"] in {"proportion", "mean"}, key
        assert ("codes" in spec) == (spec["kind"] == "proportion"), key
        assert ("valid_range" in spec) == (spec["kind"] == "mean"), key
        if "name" in spec:
            custom.add(key)
            assert {"unit", "direction"} <= set(spec), key
            assert key not in catalogue, key
        else:
            assert key in catalogue, key
    assert custom == {"eigen_cameratoezicht"}
    for frame, _ in editions.values():
        assert variables <= set(frame.columns), variables - set(frame.columns)


def test_make_demo_survey_command(tmp_path, capsys):
    # No `db` fixture: pytest-django fails the test if the command touches the database.
    call_command(
        "make_demo_survey",
        "--years",
        "2021",
        "2023",
        "--respondents",
        "400",
        "--out",
        str(tmp_path),
    )
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == [f"vm_{GEMEENTE}_2021.sav", f"vm_{GEMEENTE}_2023.sav"]
    assert "geschreven" in capsys.readouterr().out


def test_write_speed(tmp_path):
    started = time.perf_counter()
    write_demo_sav(tmp_path / "vm.sav", gemeente_code=GEMEENTE, year=2023, respondents=5000)
    print(f"write_demo_sav, 5000 respondents: {time.perf_counter() - started:.3f} s")
