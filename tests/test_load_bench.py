"""The load benchmark's report (bench/load_bench.py), from statistics locust itself writes.

The load run needs gunicorn, PostgreSQL, Redis and minutes; these check, without load, that
what it prints is computed right from locust's CSV and that it covers the pages the issue
names. Locust runs in a subprocess: importing it here would monkey-patch the test process.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import load_bench  # noqa: E402
from load_probe import GET_KINDS  # noqa: E402

WRITE_STATS = """
import csv, sys
from locust.env import Environment
from locust.stats import PERCENTILES_TO_REPORT, StatsCSV

env = Environment()
for name, times, failures in {requests!r}:
    for ms in times:
        env.stats.log_request("GET", name, ms, 1000)
    for _ in range(failures):  # a failed request is a request, with an error
        env.stats.log_request("GET", name, 60, 0)
        env.stats.log_error("GET", name, "500")
with open(sys.argv[1], "w", newline="") as handle:
    StatsCSV(env, PERCENTILES_TO_REPORT).requests_csv(csv.writer(handle))
"""


def locust_csv(path: Path, requests) -> Path:
    script = WRITE_STATS.format(requests=requests)
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, timeout=60)
    return path


@pytest.fixture
def measured(tmp_path):
    pages = locust_csv(
        tmp_path / "pages_stats.csv",
        [("timeline", [120] * 40, 0), ("indicator", [60] * 40, 2), ("login", [30] * 4, 0)],
    )
    floor = locust_csv(tmp_path / "floor_stats.csv", [("floor", [10] * 100, 0)])
    rows, total = load_bench.read_stats(pages)
    floor_rows, floor_total = load_bench.read_stats(floor)
    return load_bench.Measurement(
        label="run",
        rows=rows,
        total=total,
        pages_rps=load_bench.per_second(total, 10),
        floor=floor_rows["floor"],
        floor_rps=load_bench.per_second(floor_total, 10),
        queries={"timeline": {"adviseur": 21, "raadslid": 25}},
    )


def test_percentiles_errors_and_floor_ratio_come_from_locusts_csv(measured):
    timeline = measured.rows["timeline"]
    assert (timeline.requests, timeline.p50, timeline.p95, timeline.p99) == (40, 120, 120, 120)
    assert measured.rows["indicator"].failures == 2
    assert measured.total.requests == 86
    assert measured.total.failures == 2
    assert measured.floor.p95 == 10
    assert load_bench.ratio(timeline.p95, measured.floor.p95) == pytest.approx(12.0)


def test_table_has_a_line_per_page_kind_with_its_ratio_and_the_floor(measured):
    table = load_bench.format_table([measured]).splitlines()
    timeline = next(line for line in table if line.startswith("timeline"))
    assert timeline.split()[1:] == ["120", "120", "120", "40", "0", "12.0x"]
    indicator = next(line for line in table if line.startswith("indicator"))
    assert indicator.split()[-2:] == ["2", "6.0x"]
    floor = next(line for line in table if line.startswith("FLOOR"))
    assert floor.split()[-1] == "1.0x"
    assert any("pages 8.6 req/s, floor 10.0 req/s, errors 2" in line for line in table)


def test_the_logins_of_the_warm_up_are_reported_apart(measured):
    measured.logins = [900, 1000, 1300]
    table = load_bench.format_table([measured])
    assert "3 logins in the warm-up (not in the table): p50 1000 ms, max 1300 ms" in table


def test_before_and_after_are_side_by_side(measured):
    before = load_bench.Measurement(
        label="before", rows={"timeline": measured.rows["timeline"]}, floor=measured.floor
    )
    measured.label = "after"
    table = load_bench.format_table([before, measured])
    header = table.splitlines()[0]
    assert header.index("before: p50") < header.index("after: p50")
    indicator = next(line for line in table.splitlines() if line.startswith("indicator"))
    assert indicator.split()[1:] == ["60", "60", "60", "42", "2", "6.0x"]  # only after has it
    queries = load_bench.format_queries([measured])
    assert "after: adviseur" in queries and "21" in queries and "25" in queries


def test_the_page_kinds_cover_what_the_issue_names():
    kinds = set(GET_KINDS) | set(load_bench.EDIT_KINDS)
    named = {
        "portfolio",
        "cijfers theme",
        "analysis theme",
        "indicator",
        "wijkprofiel",
        "cijfers overview",
        "analysis save",
        "timeline",
        "report version",
        "render start",
        "import start",
    }
    assert named <= kinds
    # The load clients name their requests by these kinds, or the table would not group.
    locustfile = (ROOT / "bench" / "load_locustfile.py").read_text(encoding="utf-8")
    for kind in load_bench.EDIT_KINDS:
        prefix = kind.removesuffix(" progress")
        assert f'"{kind}"' in locustfile or f'"{prefix}"' in locustfile
