"""Load benchmark: the production shape on this machine, 16 clients, pages against the floor.

Starts, on 127.0.0.1 only: gunicorn with config/gunicorn.conf.py and the production settings
(through bench/bench_site: production plus the floor view, cookies without the Secure flag,
see bench_site/settings.py), a Celery worker (queues default, render, import) and beat,
against PostgreSQL and Redis. Static files are collected into a temporary STATIC_ROOT
(INTEGRAAL_VAR_DIR) and served by WhiteNoise, as in production.

Then locust (headless) drives 16 clients for --duration seconds after a warm-up that is not
counted (--warmup: the 16 logins and each worker's first pages): logged in as adviseur,
ambtenaar, raadslid and werkgroep partner, browsing the pages each may see in turn, saving
analysis themes, and starting one import and one render through the real views. Then the
same 16 clients hit the floor (a bare Django view on the same gunicorn, through the same
middleware) for the same time. No think time by default (--think), as in the issue's first
measurement: each client sends its next request when the last one is answered. Prints
p50/p95/p99 per page kind, errors, and each page kind's p95 as a ratio to the floor's p95;
then the database queries per page kind and role, counted in-process (bench/load_probe.py).

With --compare DIR (a second checkout of the app, e.g. `git worktree add /tmp/before
c94184f`) the whole measurement runs for both checkouts against the same database, one after
the other, and the tables are printed side by side.

Data first (once): .venv/bin/python bench/scale_data.py --fresh
Run: .venv/bin/python bench/load_bench.py [--duration 60] [--compare /tmp/before]
"""

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/integraal_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/8"
HOST = "127.0.0.1"
# Page kinds of the issue, in table order: GETs (bench/load_probe.GET_KINDS) and the edits.
EDIT_KINDS = ("analysis save", "import start", "import progress", "render start", "render progress")
WORKERS_WHY = (
    "3 gunicorn workers: one per core plus one (config/gunicorn.conf.py), so both cores stay "
    "busy while a worker waits on PostgreSQL; more only add memory on this 2-core machine."
)


# --- Results ----------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    p50: float | None
    p95: float | None
    p99: float | None


@dataclass
class Measurement:
    label: str
    rows: dict[str, Row] = field(default_factory=dict)
    floor: Row | None = None
    total: Row | None = None  # the pages' aggregated row
    pages_rps: float = 0.0
    floor_rps: float = 0.0
    queries: dict[str, dict[str, int]] = field(default_factory=dict)
    edits: dict = field(default_factory=dict)
    logins: list[int] = field(default_factory=list)  # ms, during the warm-up


def _number(text: str) -> float | None:
    text = (text or "").strip()
    if text in ("", "N/A"):
        return None
    return float(text)


def read_stats(path: Path) -> tuple[dict[str, Row], Row | None]:
    """Locust's `<prefix>_stats.csv`: one row per request name, then the `Aggregated` row."""
    rows: dict[str, Row] = {}
    total = None
    with path.open(newline="", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            row = Row(
                name=line["Name"],
                requests=int(line["Request Count"]),
                failures=int(line["Failure Count"]),
                p50=_number(line["50%"]),
                p95=_number(line["95%"]),
                p99=_number(line["99%"]),
            )
            if row.requests == 0:
                continue  # a name seen only in the warm-up (its statistics were reset)
            if line["Name"] == "Aggregated":
                total = row
            else:
                # The same name under GET and POST (login) is one kind; keep the larger.
                if row.name not in rows or rows[row.name].requests < row.requests:
                    rows[row.name] = row
    return rows, total


def per_second(total: Row | None, seconds: float) -> float:
    """Requests per second of the measured time. Not locust's own Requests/s: that counts
    from the start of the run, warm-up included, although the warm-up's requests are not."""
    return (total.requests if total else 0) / seconds if seconds else 0.0


def ratio(p95: float | None, floor_p95: float | None) -> float | None:
    if p95 is None or not floor_p95:
        return None
    return p95 / floor_p95


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _ratio_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}x"


def kinds_in_order(measurements: list[Measurement]) -> list[str]:
    sys.path.insert(0, str(BENCH))
    from load_probe import GET_KINDS

    seen = {name for m in measurements for name in [*m.rows, *m.queries]}
    order = [*GET_KINDS, *EDIT_KINDS, "login"]
    return [k for k in order if k in seen] + sorted(seen - set(order))


def format_table(measurements: list[Measurement]) -> str:
    """One line per page kind; the columns of each measurement side by side."""
    head = ["page kind"]
    for m in measurements:
        head += [f"{m.label}: p50", "p95", "p99", "req", "err", "p95/floor"]
    lines = [head]
    for kind in kinds_in_order(measurements):
        line = [kind]
        for m in measurements:
            row = m.rows.get(kind)
            if row is None:
                line += ["", "", "", "", "", ""]
                continue
            floor_p95 = m.floor.p95 if m.floor else None
            line += [
                _ms(row.p50),
                _ms(row.p95),
                _ms(row.p99),
                str(row.requests),
                str(row.failures),
                _ratio_text(ratio(row.p95, floor_p95)),
            ]
        lines.append(line)
    for title, pick in (
        ("FLOOR (bare view)", lambda m: m.floor),
        ("all pages", lambda m: m.total),
    ):
        line = [title]
        for m in measurements:
            row = pick(m)
            if row is None:
                line += ["", "", "", "", "", ""]
                continue
            line += [_ms(row.p50), _ms(row.p95), _ms(row.p99), str(row.requests)]
            line += [str(row.failures), _ratio_text(ratio(row.p95, m.floor and m.floor.p95))]
        lines.append(line)
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(head))]
    out = []
    for number, line in enumerate(lines):
        cells = [
            str(cell).ljust(widths[i]) if i == 0 else str(cell).rjust(widths[i])
            for i, cell in enumerate(line)
        ]
        out.append("  ".join(cells))
        if number == 0 or number == len(lines) - 3:
            out.append("  ".join("-" * w for w in widths))
    for m in measurements:
        errors = (m.total.failures if m.total else 0) + (m.floor.failures if m.floor else 0)
        out.append(
            f"{m.label}: pages {m.pages_rps:.1f} req/s, floor {m.floor_rps:.1f} req/s, "
            f"errors {errors}; edits: {m.edits}"
        )
        if m.logins:
            middle = m.logins[len(m.logins) // 2]
            out.append(
                f"{m.label}: {len(m.logins)} logins in the warm-up (not in the table): "
                f"p50 {middle} ms, max {m.logins[-1]} ms (mostly password hashing)"
            )
    return "\n".join(out)


def format_queries(measurements: list[Measurement]) -> str:
    roles = sorted({role for m in measurements for q in m.queries.values() for role in q})
    head = ["queries per page"] + [f"{m.label}: {role}" for m in measurements for role in roles]
    lines = [head]
    for kind in [
        k for k in kinds_in_order(measurements) if any(k in m.queries for m in measurements)
    ]:
        line = [kind]
        for m in measurements:
            for role in roles:
                count = m.queries.get(kind, {}).get(role)
                line.append("" if count is None else str(count))
        lines.append(line)
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = []
    for number, line in enumerate(lines):
        out.append(
            "  ".join(
                c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(line)
            )
        )
        if number == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


# --- Processes --------------------------------------------------------------------------------


class Services:
    """Every process started, stopped in reverse order on exit, failure or Ctrl+C."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.procs: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], *, env: dict, cwd: Path) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("wb")
        proc = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.procs.append((name, proc))
        return proc

    def check(self) -> None:
        for name, proc in self.procs:
            if proc.poll() is not None:
                tail = (self.logs / f"{name}.log").read_text(errors="replace")[-2000:]
                raise StartError(f"{name} stopped (exit {proc.returncode}):\n{tail}")

    def stop(self) -> None:
        for _name, proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for _name, proc in reversed(self.procs):
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.procs.clear()


class StartError(RuntimeError):
    pass


def free_port(start: int, end: int) -> int:
    for port in range(start, end):
        with socket.socket() as sock:
            # As gunicorn binds: a port with connections in TIME_WAIT is free.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return port
    raise StartError(f"no free port in {start}-{end}")


def wait_healthy(url: str, services: Services, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        services.check()
        request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 200:
                    return
        except Exception as error:  # noqa: BLE001 - still starting, or the worker not up yet
            last = str(error)
        time.sleep(1)
    raise StartError(f"{url} not healthy after {timeout:.0f} s: {last}")


def app_env(app_dir: Path, args, var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_site.settings",
        PYTHONPATH=os.pathsep.join([str(app_dir), str(BENCH)]),
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        # STATIC_ROOT is INTEGRAAL_VAR_DIR/staticfiles (config/settings/base.py); the media
        # (imports, renders) stay where bench/scale_data.py wrote them.
        INTEGRAAL_VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(args.media_root),
        GUNICORN_BIND=f"{HOST}:{args.port}",
        WEB_CONCURRENCY=str(args.workers),
        GUNICORN_ACCESS_LOG="/dev/null",  # no line per request: logging costs time
        LOG_LEVEL="WARNING",
    )
    return env


def measure(app_dir: Path, label: str, args, work: Path) -> Measurement:
    python = sys.executable
    bin_dir = Path(python).parent
    var_dir = work / label / "var"
    var_dir.mkdir(parents=True)
    logs = work / label
    env = app_env(app_dir, args, var_dir)
    result = Measurement(label=label)
    print(f"\n== {label}: {app_dir}", flush=True)
    step = time.monotonic()
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=app_dir,
        env=env,
        check=True,
    )
    print(f"   collectstatic: {time.monotonic() - step:.0f} s", flush=True)
    step = time.monotonic()
    targets = logs / "targets.json"
    subprocess.run(
        [python, str(BENCH / "load_probe.py"), str(targets)], cwd=app_dir, env=env, check=True
    )
    data = json.loads(targets.read_text(encoding="utf-8"))
    result.queries = data["queries"]
    roles = sorted({a["role"] for a in data["accounts"]})
    print(
        f"   probe: {data['gemeenten']} gemeenten, {len(data['accounts'])} accounts "
        f"({', '.join(roles)}), {time.monotonic() - step:.0f} s",
        flush=True,
    )
    conf = app_dir / "config" / "gunicorn.conf.py"
    if not conf.exists():  # a checkout from before the file: the same settings from here
        conf = ROOT / "config" / "gunicorn.conf.py"
        print(f"   {app_dir} has no config/gunicorn.conf.py; using {conf}", flush=True)
    services = Services(logs)
    try:
        services.start(
            "gunicorn",
            [str(bin_dir / "gunicorn"), "-c", str(conf), "config.wsgi:application"],
            env=env,
            cwd=app_dir,
        )
        celery = [str(bin_dir / "celery"), "-A", "config"]
        services.start(
            "worker",
            [*celery, "worker", "-l", "warning", "-Q", "default,render,import"]
            # The compose file's worker command line (docker-compose.yml).
            + ["--concurrency", "2", "--max-tasks-per-child", "50"],
            env=env,
            cwd=app_dir,
        )
        services.start(
            "beat",
            [*celery, "beat", "-l", "warning", "--schedule", str(logs / "celerybeat-schedule")],
            env=env,
            cwd=app_dir,
        )
        base = f"http://{HOST}:{args.port}"
        wait_healthy(base + "/healthz", services)
        print(
            f"   gunicorn ({args.workers} workers), worker and beat up on {base}; "
            f"{args.users} clients; pages, then floor: {args.warmup} s (floor 5 s) warm-up "
            f"(not counted) and {args.duration} s measured",
            flush=True,
        )
        for mode, warmup in (("pages", args.warmup), ("floor", min(5, args.warmup))):
            # The clients stop themselves after the warm-up and --duration (load_locustfile);
            # -t only caps a run whose logins never finish.
            seconds = warmup + args.duration + 600
            summary = logs / f"{mode}_summary.json"
            locust_env = dict(
                os.environ,
                BENCH_TARGETS=str(targets),
                BENCH_MODE=mode,
                BENCH_WARMUP=str(warmup),
                BENCH_DURATION=str(args.duration),
                BENCH_THINK=str(args.think),
                BENCH_SUMMARY=str(summary),
            )
            run = subprocess.run(
                [str(bin_dir / "locust"), "-f", str(BENCH / "load_locustfile.py"), "--headless"]
                + ["-u", str(args.users), "-r", str(args.users), "-t", f"{seconds}s"]
                + ["--host", base, "--csv", str(logs / mode), "--only-summary"]
                + ["--stop-timeout", "70", "--loglevel", "WARNING"],
                env=locust_env,
                cwd=BENCH,
                stdout=(logs / f"locust_{mode}.log").open("wb"),
                stderr=subprocess.STDOUT,
            )
            services.check()
            stats = logs / f"{mode}_stats.csv"
            if not stats.exists():
                tail = (logs / f"locust_{mode}.log").read_text(errors="replace")[-2000:]
                raise StartError(
                    f"locust ({mode}) wrote no statistics (exit {run.returncode}):\n{tail}"
                )
            rows, total = read_stats(stats)
            done = json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else {}
            rps = per_second(total, done.get("measured_seconds") or args.duration)
            if mode == "pages":
                result.rows, result.total, result.pages_rps = rows, total, rps
                result.edits = done.get("edits", {})
                result.logins = done.get("logins_ms", [])
            else:
                result.floor, result.floor_rps = rows.get("floor"), rps
            print(f"   {mode}: {total.requests if total else 0} requests", flush=True)
    finally:
        services.stop()
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds per phase (60)")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument(
        "--warmup",
        type=int,
        default=20,
        help="seconds first, not counted: the logins and each worker's first pages (20)",
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (3)")
    parser.add_argument("--think", type=float, default=0.0, help="seconds between requests")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="checkout to measure")
    parser.add_argument(
        "--compare",
        type=Path,
        action="append",
        default=[],
        help="another checkout, measured after --app-dir (repeatable)",
    )
    parser.add_argument("--port", type=int, default=None, help="default: free in 18100-18199")
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL))
    parser.add_argument("--media-root", type=Path, default=ROOT / "var" / "media")
    parser.add_argument("--keep", action="store_true", help="keep the logs and CSVs")
    args = parser.parse_args(argv)
    for url in (args.database_url, args.redis_url):
        if "127.0.0.1" not in url and "localhost" not in url:
            parser.error(f"only 127.0.0.1: {url}")
    args.port = args.port or free_port(18100, 18200)
    print(WORKERS_WHY if args.workers == 3 else f"{args.workers} gunicorn workers (--workers).")
    work = Path(tempfile.mkdtemp(prefix="load_bench_"))
    checkouts = [(args.app_dir.resolve(), "after" if args.compare else "run")]
    checkouts = [
        (d.resolve(), "before" if len(args.compare) == 1 else f"compare{i}")
        for i, d in enumerate(args.compare, 1)
    ] + checkouts
    measurements = []
    interrupted = False
    try:
        for app_dir, label in checkouts:
            measurements.append(measure(app_dir, label, args, work))
    except KeyboardInterrupt:
        interrupted = True
        print("\nInterrupted; every process started is stopped.")
    except (StartError, subprocess.CalledProcessError) as error:
        print(f"\nFAILED: {error}\nLogs: {work}", file=sys.stderr)
        return 2
    finally:
        if not args.keep and measurements and not interrupted:
            shutil.rmtree(work, ignore_errors=True)
    if measurements:
        print()
        print(format_table(measurements))
        print()
        print(format_queries(measurements))
        if args.keep:
            print(f"\nLogs and CSVs: {work}")
    return 130 if interrupted else 0


if __name__ == "__main__":
    sys.exit(main())
