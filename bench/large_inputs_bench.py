"""Benchmark: large inputs of the analysis app.

(1) The mapping page of a survey with many variables (a .sav with 10,000 columns made it 29 MB
    and 30 s on every view). Prints, for each size: the page in bytes and its render time
    (median of 3) as the user first sees it, with a search, and on a later page. The variables
    carry their answers, counts and weighted shares (1,000 respondents), described once as the
    reading task does; that time is printed too, as it is paid once per upload, not per view.
    Goal: under 2 s for 10,000 variables.
(2) A wijk map upload of the country-wide size, zipped as PDOK serves it: time and peak memory
    (max RSS) of reading it and keeping one gemeente's wijken.
    Goal: memory bounded (well under the file's size), time within a request.

Run: .venv/bin/python bench/large_inputs_bench.py [--variables 300 10000] [--wijken 3200]
Each measurement runs in a fresh process, so the peak memory is its own.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GEMEENTE = "GM0363"


def setup_django(var_dir: str) -> None:
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    os.environ["INTEGRAAL_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)


def variables(count: int, respondents: int = 1_000) -> tuple[list[dict], float]:
    """A VM-like file of `count` columns, described as the reading task does it (answers,
    counts, weighted shares, numbers): the description as stored, and the seconds it took."""
    import numpy as np
    import pandas as pd

    from analysis.figures.frequencies import add_weighted_shares, describe_variables
    from analysis.figures.readers import SurveyFile

    rng = np.random.default_rng(3)
    answers = {1.0: "vaak", 2.0: "soms", 3.0: "(bijna) nooit", 99.0: "weet niet"}
    data = {
        "respnr": np.arange(1, respondents + 1, dtype=float),
        "wijk": rng.choice([f"WK0363{number:02d}" for number in range(8)], size=respondents),
        "weegfactor": rng.lognormal(0, 0.5, size=respondents),
        "onv_alg": rng.choice([1.0, 2.0], size=respondents),
    }
    labels = {
        "respnr": "Respondentnummer",
        "wijk": "Wijk van de respondent",
        "weegfactor": "Weegfactor",
        "onv_alg": "Voelt zich weleens onveilig",
    }
    value_labels = {"onv_alg": {1.0: "ja", 2.0: "nee"}}
    for number in range(count - len(data)):
        name = f"v{number:05d}"
        data[name] = rng.choice(list(answers), size=respondents, p=[0.2, 0.3, 0.45, 0.05])
        labels[name] = f"Vraag {number}: hoe vaak komt het voor in uw buurt (item {number % 37})"
        value_labels[name] = answers
    survey = SurveyFile(
        data=pd.DataFrame(data),
        format="sav",
        variable_labels=labels,
        value_labels=value_labels,
        user_missing={name: {99.0} for name in value_labels if name != "onv_alg"},
    )
    start = time.perf_counter()
    described = describe_variables(survey)
    add_weighted_shares(described, survey, weight="weegfactor")
    seconds = time.perf_counter() - start
    return json.loads(json.dumps(described)), seconds  # as stored: JSON keys are texts


def measure_page(count: str, var_dir: str) -> None:
    setup_django(var_dir)
    from django.test import Client
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from accounts.models import User
    from analysis.figures.suggest import suggest_mapping
    from analysis.models import ImportRun
    from projects.constants import Role
    from projects.models import Gemeente, Membership, Project

    # A benchmark is a script, not a request: it works outside any tenant scope. The page
    # it measures runs in its own scope, as every request does.
    with scopes_disabled():
        gemeente = Gemeente.objects.get(cbs_code=GEMEENTE)
        project = Project.objects.create(
            gemeente=gemeente, name="Bench", period_start=2027, period_end=2030
        )
        user = User.objects.create_user(email="bench@example.nl", password="x")
        Membership.objects.create(user=user, gemeente=gemeente, role=Role.AMBTENAAR)
        described, describe_seconds = variables(int(count))
        run = ImportRun.objects.create(
            project=project,
            kind="survey",
            original_name="vm.sav",
            year=2023,
            status="mapping",
            variables=described,
            mapping=suggest_mapping(described),
        )
        client = Client()
        client.force_login(user)
        url = reverse(
            "analysis:import_detail",
            kwargs={
                "gemeente_slug": gemeente.slug,
                "project_uuid": project.uuid,
                "run_uuid": run.uuid,
            },
        )
        figures = {}
        for label, query in (
            ("first view", {}),
            ("search", {"zoek": "v00042"}),
            ("later page", {"pagina": "5"}),
        ):
            times, size = [], 0
            for _ in range(3):
                start = time.perf_counter()
                response = client.get(url, query)
                times.append(time.perf_counter() - start)
                assert response.status_code == 200, response.status_code
                size = len(response.content)
            figures[label] = {"bytes": size, "seconds": statistics.median(times)}
        figures["describe"] = {
            "seconds": describe_seconds,
            "bytes": len(json.dumps(described)),
        }
        print(json.dumps(figures))


def build_country_zip(path: Path, wijken: int, points: int) -> int:
    """Wijken all over the country, 20 of them ours, written as PDOK does: one GeoJSON, zipped."""
    inner = path.with_suffix(".geojson")
    with inner.open("w") as handle:
        handle.write('{"type": "FeatureCollection", "name": "wijken", "features": [\n')
        for number in range(wijken):
            code = 363 if number < 20 else 1000 + number // 10
            lon, lat = 3.5 + (number % 60) * 0.06, 50.8 + (number // 60) * 0.05
            ring = [
                [
                    round(lon + 0.02 * math.cos(2 * math.pi * k / points), 9),
                    round(lat + 0.015 * math.sin(2 * math.pi * k / points), 9),
                ]
                for k in range(points)
            ]
            feature = {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring + [ring[0]]]},
                "properties": {
                    "wijkcode": f"WK{code:04d}{number % 100:02d}",
                    "wijknaam": f"Wijk {number}",
                    "gemeentecode": f"GM{code:04d}",
                },
            }
            handle.write(("," if number else "") + json.dumps(feature) + "\n")
        handle.write("]}\n")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(inner, "wijken_2023_v1.geojson")
    size = inner.stat().st_size
    inner.unlink()
    return size


def measure_wijkmap(path: str, var_dir: str) -> None:
    import resource

    setup_django(var_dir)
    from django.core.files.uploadedfile import UploadedFile
    from django_scopes import scopes_disabled

    from analysis.figures.services import wijkmap_save
    from projects.models import Gemeente, Project

    # A benchmark is a script, not a request: it works outside any tenant scope.
    with scopes_disabled():
        gemeente = Gemeente.objects.get(cbs_code=GEMEENTE)
        project = Project.objects.create(
            gemeente=gemeente, name="Bench", period_start=2027, period_end=2030
        )
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        with open(path, "rb") as handle:
            upload = UploadedFile(handle, name=Path(path).name, size=os.path.getsize(path))
            start = time.perf_counter()
            kept = wijkmap_save(actor=None, project=project, upload=upload)
            seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps({"seconds": seconds, "peak": peak, "before": before, "kept": kept}))


def child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode != 0:
        sys.exit(f"The measurement failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variables", type=int, nargs="*", default=[300, 10_000])
    parser.add_argument("--wijken", type=int, default=3_200)
    parser.add_argument("--points", type=int, default=3_000)
    parser.add_argument("--child", nargs="*")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        (measure_page if kind == "page" else measure_wijkmap)(*rest)
        return
    with tempfile.TemporaryDirectory() as tmp:
        print("(1) Mapping page (goal: under 2 s for 10,000 variables)")
        for count in args.variables:
            figures = child("page", str(count), str(Path(tmp) / f"var-{count}"))
            describe = figures.pop("describe")
            print(
                f"    {count:>6} variables, read task: described (answers, weighted shares) "
                f"in {describe['seconds']:6.2f} s, stored as {describe['bytes']:,} bytes of JSON"
            )
            for label, figure in figures.items():
                print(
                    f"    {count:>6} variables, {label:<10}: {figure['bytes']:>11,} bytes "
                    f"in {figure['seconds']:6.2f} s"
                )
        if args.wijken:
            path = Path(tmp) / "wijkenbuurten.zip"
            inflated = build_country_zip(path, args.wijken, args.points)
            figure = child("wijkmap", str(path), str(Path(tmp) / "var-map"))
            print(
                f"(2) Wijk map: {args.wijken} wijken, {inflated / 1e6:.0f} MB GeoJSON, "
                f"{path.stat().st_size / 1e6:.0f} MB zipped"
            )
            print(
                f"    kept {figure['kept']} wijken in {figure['seconds']:.1f} s; peak memory "
                f"{figure['peak'] / 1e6:.0f} MB (Django and the app loaded: "
                f"{figure['before'] / 1e6:.0f} MB)"
            )


if __name__ == "__main__":
    main()
