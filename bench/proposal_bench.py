"""Benchmark: the mapping proposal (analysis/figures/suggest.py) for files with many variables.

The proposal runs once per upload, in the reading task, over every variable of the file.
Prints, per size, the first run (its labels not yet seen) and the median of 3, in seconds.
Goal: under 1 s for 10,000 variables, so the mapping page is ready soon after the file is read.

Run: .venv/bin/python bench/proposal_bench.py [--variables 300 10000]
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variables", type=int, nargs="+", default=[300, 10_000])
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from large_inputs_bench import variables

    from analysis.figures.suggest import suggest_mapping

    suggest_mapping(variables(10))  # load the catalogue and the cue words once
    figures = {}
    for count in args.variables:
        described = [{**v, "label": f"{v['label']} ({count})"} for v in variables(count)]
        times, cpu = [], []
        for _ in range(3):
            start, start_cpu = time.perf_counter(), time.process_time()
            proposal = suggest_mapping(described)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        figures[count] = {
            "first": round(times[0], 3),
            "median": round(statistics.median(times), 3),
            "first_cpu": round(cpu[0], 3),  # on a busy machine the wall time is mostly waiting
            "indicators": len(proposal["indicators"]),
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
