"""Benchmark: computing every indicator with and without the gemeente's own areas.

60,000 respondents x 250 indicators, 40 wijken and 400 buurten (a buurt column as the area
column); 20 own areas that overlap: 10 wijkgroepen of 8 wijken, 5 buurtgroepen of 60 buurten
and 5 kernen by name. Prints the time of prepare + compute (no database) without own areas
and with them, and the time per computed cell (indicator x area).
Goal: an own area costs no more than a wijk: the time per cell with own areas is within 10% of
the time per cell without them. (The time per cell is mostly the estimate and its interval;
the grouping by overlapping own areas is one bincount per sum and a small matrix product.)

Run: .venv/bin/python bench/own_areas_bench.py [--respondents 60000] [--indicators 250]
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

GEMEENTE = "GM0363"


def build(respondents: int, indicators: int):
    import numpy as np
    import pandas as pd

    from analysis.figures.area_sets import OwnArea
    from analysis.figures.mapping import parse_mapping
    from analysis.figures.readers import SurveyFile

    rng = np.random.default_rng(11)
    digits = GEMEENTE[2:]
    buurten = [f"BU{digits}{w:02d}{b:02d}" for w in range(40) for b in range(10)]
    buurt = rng.choice(buurten, size=respondents)
    kernen = np.array(["Haven", "Buiten", "Stad", "Poort", "Hout"])
    data = {
        "wijk": [f"WK{code[2:8]}" for code in buurt],
        "buurt": np.where(rng.random(respondents) < 0.5, buurt, rng.choice(kernen, respondents)),
        "weegfactor": rng.lognormal(0, 0.5, size=respondents),
    }
    specs = {}
    for i in range(indicators):
        data[f"v{i:03d}"] = rng.integers(1, 4, size=respondents).astype(float)
        specs[f"eigen_{i:03d}"] = {
            "variable": f"v{i:03d}",
            "kind": "proportion",
            "codes": [1],
            "name": f"Vraag {i}",
        }
    survey = SurveyFile(data=pd.DataFrame(data), format="csv")
    mapping = parse_mapping(
        {"weight": "weegfactor", "wijk": "wijk", "area": "buurt", "indicators": specs},
        catalogue_codes=set(),
    )
    own = [
        OwnArea(
            f"EG{digits}{i:02d}",
            f"wijkgroep {i}",
            tuple(f"WK{digits}{(i * 4 + k) % 40:02d}" for k in range(8)),
        )
        for i in range(10)
    ]
    own += [
        OwnArea(f"EG{digits}{10 + i:02d}", f"buurtgroep {i}", tuple(buurten[i * 60 : i * 60 + 60]))
        for i in range(5)
    ]
    own += [
        OwnArea(f"EG{digits}{15 + i:02d}", f"kern {name}", (name,)) for i, name in enumerate(kernen)
    ]
    return survey, mapping, own


def timed(survey, mapping, own) -> tuple[float, int]:
    from analysis.figures import compute

    start = time.perf_counter()
    prepared = compute.prepare(survey, mapping, gemeente_code=GEMEENTE, own_areas=own)
    cells = sum(1 for _ in compute.compute(prepared, mapping))
    return time.perf_counter() - start, cells


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--respondents", type=int, default=60_000)
    parser.add_argument("--indicators", type=int, default=250)
    args = parser.parse_args()
    import django

    django.setup()
    survey, mapping, own = build(args.respondents, args.indicators)
    without, cells_without = timed(survey, mapping, [])
    with_own, cells_with = timed(survey, mapping, own)
    print(f"{args.respondents} respondents, {args.indicators} indicators, 40 wijken")
    print(f"without own areas: {without:.2f} s ({cells_without} cells)")
    print(f"with {len(own)} own areas: {with_own:.2f} s ({cells_with} cells)")
    per_cell_without = 1000 * without / cells_without
    per_cell_with = 1000 * with_own / cells_with
    print(
        f"per cell: {per_cell_without:.3f} ms without, {per_cell_with:.3f} ms with own areas "
        f"({per_cell_with / per_cell_without - 1:+.0%}; goal: at most +10%)"
    )


if __name__ == "__main__":
    main()
