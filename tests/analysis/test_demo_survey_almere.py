"""The synthetic Veiligheidsmonitor of the second demo gemeente: Almere has its own stadsdelen,
levels and respondents, with the same planted features as Amsterdam (a suppressed wijk, one with
a warning, the worsening veiligheidsgevoel in the focus wijk)."""

import numpy as np
import pandas as pd
import pytest

from analysis.figures.demo_survey import (
    build_demo_edition,
    demo_inhabitant_shares,
    demo_wijk_roles,
    demo_wijken,
)

ALMERE, AMSTERDAM = "GM0034", "GM0363"


def share(frame: pd.DataFrame, variable: str, codes, wijk: str | None = None) -> float:
    if wijk is not None:
        frame = frame[frame["wijk"] == wijk]
    valid = frame[frame[variable] != 99]
    return 100 * np.average(valid[variable].isin(codes), weights=valid["weegfactor"])


@pytest.fixture(scope="module")
def editions():
    return {
        (code, year): build_demo_edition(gemeente_code=code, year=year)[0]
        for code in (ALMERE, AMSTERDAM)
        for year in (2021, 2023)
    }


def test_almere_has_its_own_stadsdelen():
    almere, amsterdam = demo_wijken(ALMERE), demo_wijken(AMSTERDAM)
    assert [code for code, _ in almere] == [f"WK0034{i:02d}" for i in range(8)]
    assert not {name for _, name in almere} & {name for _, name in amsterdam}
    roles = demo_wijk_roles(ALMERE)
    assert roles["haven"][1] == "Almere Haven"
    assert roles["klein"][1] == "Almere Pampus"  # still being built: the suppressed one
    assert roles["buitengebied"][1] == "Almere Hout"  # green and rural: the warning
    # Amsterdam's demo is as it was.
    assert demo_wijk_roles(AMSTERDAM)["haven"] == ("WK036305", "Haven")
    shares = demo_inhabitant_shares(ALMERE)
    assert len(shares) == 8 and sum(shares) == pytest.approx(1.0)
    assert shares != demo_inhabitant_shares(AMSTERDAM)


def test_almere_keeps_the_low_n_case_and_the_planted_story(editions):
    roles = demo_wijk_roles(ALMERE)
    for year in (2021, 2023):
        counts = editions[ALMERE, year]["wijk"].value_counts()
        assert 30 <= counts[roles["klein"][0]] < 50  # suppressed at a minimum n of 50
        assert 60 <= counts[roles["buitengebied"][0]] < 100  # a warning below 100
        assert (counts < 100).sum() == 2
    haven = roles["haven"][0]
    before, after = editions[ALMERE, 2021], editions[ALMERE, 2023]
    rise = share(after, "onv_buurt", [1, 2], haven) - share(before, "onv_buurt", [1, 2], haven)
    assert rise > 10
    rest = share(after[after.wijk != haven], "onv_buurt", [1, 2]) - share(
        before[before.wijk != haven], "onv_buurt", [1, 2]
    )
    assert abs(rest) < 3


def test_almere_answers_differ_from_amsterdams(editions):
    for year in (2021, 2023):
        almere, amsterdam = editions[ALMERE, year], editions[AMSTERDAM, year]
        assert not np.array_equal(almere["respnr"], amsterdam["respnr"])
        # A new town: more speeding, less drugshandel and bicycle theft than the big city.
        assert share(almere, "ovl_hard", [1]) > share(amsterdam, "ovl_hard", [1]) + 2
        assert share(almere, "ovl_drugs", [1, 2]) < share(amsterdam, "ovl_drugs", [1, 2]) - 2
        assert share(almere, "slo_fiets", [1]) < share(amsterdam, "slo_fiets", [1])
    # Each stadsdeel's centre: Almere Centrum has less drugshandel than Amsterdam's Centrum.
    centre = demo_wijk_roles(ALMERE)["centrum"][0], demo_wijk_roles(AMSTERDAM)["centrum"][0]
    almere, amsterdam = editions[ALMERE, 2023], editions[AMSTERDAM, 2023]
    assert share(almere, "ovl_drugs", [1, 2], centre[0]) < share(
        amsterdam, "ovl_drugs", [1, 2], centre[1]
    )


def test_almere_is_deterministic():
    first, _ = build_demo_edition(gemeente_code=ALMERE, year=2023)
    again, _ = build_demo_edition(gemeente_code=ALMERE, year=2023)
    pd.testing.assert_frame_equal(first, again)
