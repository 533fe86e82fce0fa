"""Benchmark: a survey import of 60,000 respondents x 250 variables with 40 wijken.

Prints wall time and peak memory (max RSS) for
  (a) reading the .sav with pyreadstat alone, and
  (b) the whole import: read, check, compute every indicator for every area, store.
Goal on a 2-core machine: (b) within 15 s and 1.5 GB, and (b)/(a) at most 3.

Run: .venv/bin/python bench/import_bench.py [--respondents 60000] [--variables 250]
Each measurement runs in a fresh process so the peak memory is its own.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GEMEENTE = "GM0363"


def build_file(path: Path, respondents: int, variables: int) -> dict:
    import numpy as np
    import pandas as pd
    import pyreadstat

    rng = np.random.default_rng(7)
    wijken = [f"WK{GEMEENTE[2:]}{i:02d}" for i in range(40)]
    data = {
        "respnr": np.arange(1, respondents + 1, dtype=float),
        "wijk": rng.choice(wijken, size=respondents),
        "weegfactor": rng.lognormal(0, 0.5, size=respondents),
    }
    indicators = {}
    for i in range(variables):
        name = f"v{i:03d}"
        if i % 3 == 2:  # a 1-10 mark
            values = rng.integers(1, 11, size=respondents).astype(float)
            spec = {
                "variable": name,
                "kind": "mean",
                "valid_range": [1, 10],
                "name": f"Cijfer {i}",
                "unit": "rapportcijfer_1_10",
                "direction": "higher_is_better",
            }
        else:  # a 1-3 answer where 1 and 2 count
            values = rng.integers(1, 4, size=respondents).astype(float)
            spec = {
                "variable": name,
                "kind": "proportion",
                "codes": [1, 2],
                "name": f"Vraag {i}",
                "unit": "percent",
                "direction": "higher_is_worse",
            }
        values[rng.random(respondents) < 0.02] = 99
        data[name] = values
        indicators[f"bench_v{i:03d}"] = spec
    frame = pd.DataFrame(data)
    pyreadstat.write_sav(
        frame,
        str(path),
        missing_ranges={f"v{i:03d}": [99] for i in range(variables)},
        variable_value_labels={
            f"v{i:03d}": {1: "vaak", 2: "soms", 3: "nooit", 99: "weet niet"}
            for i in range(variables)
            if i % 3 != 2
        },
    )
    return {
        "weight": "weegfactor",
        "wijk": "wijk",
        "respondent_id": "respnr",
        "missing_codes": [99],
        "indicators": indicators,
    }


def measure_read(path: str) -> None:
    import resource

    import pyreadstat

    start = time.perf_counter()
    frame, _meta = pyreadstat.read_sav(path, user_missing=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peak": peak, "rows": len(frame)}))


def measure_import(path: str, mapping_path: str, var_dir: str) -> None:
    import resource

    Path(var_dir).mkdir(parents=True, exist_ok=True)
    os.environ["INTEGRAAL_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django_scopes import scopes_disabled

    from analysis.figures.services import survey_import_now
    from analysis.models import IndicatorResult
    from projects.models import Gemeente, Project

    # A benchmark is a script, not a request: it works outside any tenant scope.
    with scopes_disabled():
        gemeente = Gemeente.objects.get(cbs_code=GEMEENTE)
        project = Project.objects.create(
            gemeente=gemeente, name="Bench", period_start=2027, period_end=2030
        )
        mapping = json.loads(Path(mapping_path).read_text())
        upload = SimpleUploadedFile(Path(path).name, Path(path).read_bytes())
        start = time.perf_counter()
        survey_import_now(actor=None, project=project, upload=upload, year=2023, mapping=mapping)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        results = IndicatorResult.objects.filter(edition__projects=project).count()
        print(json.dumps({"seconds": seconds, "peak": peak, "results": results}))


def child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode != 0:
        sys.exit(f"The measurement failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--respondents", type=int, default=60_000)
    parser.add_argument("--variables", type=int, default=250)
    parser.add_argument("--child", nargs="*")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        (measure_read if kind == "read" else measure_import)(*rest)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sav"
        started = time.perf_counter()
        mapping = build_file(path, args.respondents, args.variables)
        mapping_path = Path(tmp) / "mapping.json"
        mapping_path.write_text(json.dumps(mapping))
        print(
            f"File: {args.respondents} respondents x {args.variables} variables, 40 wijken, "
            f"{path.stat().st_size / 1e6:.0f} MB (built in {time.perf_counter() - started:.1f} s)"
        )
        read = child("--child", "read", str(path))
        whole = child("--child", "import", str(path), str(mapping_path), str(Path(tmp) / "var"))
    ratio = whole["seconds"] / read["seconds"]
    print(f"(a) pyreadstat alone: {read['seconds']:6.2f} s, peak {read['peak'] / 1e6:6.0f} MB")
    print(
        f"(b) whole import:     {whole['seconds']:6.2f} s, peak {whole['peak'] / 1e6:6.0f} MB, "
        f"{whole['results']} results stored"
    )
    print(f"(b)/(a) = {ratio:.2f}   goals: (b) <= 15 s, <= 1500 MB, ratio <= 3")


if __name__ == "__main__":
    main()
