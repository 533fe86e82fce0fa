"""Benchmark: an upload on the embedded default (runserver, SQLite, no Redis), as `make run`.

Starts `manage.py runserver` (with its autoreloader) on a fresh SQLite database with the demo
data, logs in as an ambtenaar and uploads a large survey CSV through the real import page.
Prints:
  - how long the upload's request took (it should return at once: config/background.py),
  - how long the background thread took to read the file,
  - the latency of a project page opened while the import runs,
  - what a second import shows after the server was killed (SIGKILL) mid-import and started
    again: the run must be failed with its Dutch message, not left polling for ever.

Run: .venv/bin/python bench/background_bench.py [--rows 300000] [--port 18200]
Only 127.0.0.1; the server is stopped at the end, also on failure.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")

SESSION_SCRIPT = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django_scopes import scopes_disabled
from projects.constants import Role
from projects.models import Membership, Project
with scopes_disabled():
    member = Membership.objects.filter(role=Role.AMBTENAAR, gemeente__isnull=False).first()
    project = Project.objects.filter(gemeente=member.gemeente).first()
    user = member.user
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    kwargs = {"gemeente_slug": member.gemeente.slug, "project_uuid": project.uuid}
    print(json.dumps({
        "session": session.session_key,
        "upload": reverse("analysis:import_new", kwargs=kwargs),
        "page": reverse("analysis:overview", kwargs=kwargs),
    }))
"""


def build_csv(path: Path, rows: int) -> None:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(7)
    data = {
        "respnr": np.arange(1, rows + 1),
        "wijk": rng.choice([f"WK0363{i:02d}" for i in range(40)], size=rows),
        "weegfactor": rng.lognormal(0, 0.5, size=rows).round(4),
    }
    for i in range(20):
        data[f"v{i:02d}"] = rng.integers(1, 11 if i % 3 == 2 else 4, size=rows)
    pd.DataFrame(data).to_csv(path, sep=";", decimal=",", index=False)


class Server:
    def __init__(self, env: dict, port: int, log: Path):
        self.env, self.port, self.log = env, port, log
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [PY, "manage.py", "runserver", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the reloader and its child
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                requests.get(f"http://127.0.0.1:{self.port}/healthz", timeout=2)
                return
            except requests.ConnectionError:
                time.sleep(0.3)
        raise SystemExit("runserver did not start; see " + str(self.log))

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(30)
        self.process = None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--port", type=int, default=18200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="background-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "INTEGRAAL_VAR_DIR": str(work / "var"),
        "DEBUG": "true",
        "REDIS_URL": "",
        "DATABASE_URL": "",
    }

    def manage(*command: str) -> str:
        return subprocess.run(
            [PY, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        ).stdout.decode()

    print(f"Database and demo data in {work} …", flush=True)
    (work / "var").mkdir()
    manage("migrate", "--noinput", "-v", "0")
    manage("load_demo")
    login = json.loads(manage("shell", "-c", SESSION_SCRIPT).strip().splitlines()[-1])
    csv = work / "vm.csv"
    build_csv(csv, args.rows)
    size_mb = csv.stat().st_size / 1_048_576

    base = f"http://127.0.0.1:{args.port}"
    server = Server(env, args.port, work / "runserver.log")
    http = requests.Session()
    http.cookies.set("sessionid", login["session"])
    try:
        server.start()
        http.get(base + login["upload"])  # the CSRF cookie
        token = {"X-CSRFToken": http.cookies["csrftoken"], "Referer": base + login["upload"]}

        def page_time() -> float:
            started = time.perf_counter()
            assert http.get(base + login["page"]).status_code == 200
            return (time.perf_counter() - started) * 1000

        quiet_ms = sorted(page_time() for _ in range(15))

        def upload() -> tuple[float, str]:
            started = time.perf_counter()
            with csv.open("rb") as file:
                response = http.post(
                    base + login["upload"],
                    data={"kind": "survey", "year": 2023},
                    files={"file": ("vm.csv", file, "text/csv")},
                    headers=token,
                    allow_redirects=False,
                )
            took = time.perf_counter() - started
            assert response.status_code == 302, response.status_code
            return took, base + response.headers["Location"]

        request_s, progress = upload()
        started = time.perf_counter()
        page_ms = []
        while http.get(progress, headers={"HX-Request": "true"}).status_code != 204:
            page_ms.append(page_time())
            time.sleep(0.2)
        read_s = time.perf_counter() - started
        read_page = http.get(progress).text
        print(f"\nUpload of {size_mb:.0f} MB ({args.rows} respondents), runserver + SQLite:")
        print(f"  request returned after        {request_s:6.2f} s (the file's transfer included)")
        print(f"  file read in the background   {read_s:6.2f} s after that")
        print(f"  the cijfers page, no import   median {quiet_ms[len(quiet_ms) // 2]:.0f} ms")
        if page_ms:
            page_ms.sort()
            print(
                f"  the same page during it      median {page_ms[len(page_ms) // 2]:.0f} ms, "
                f"max {page_ms[-1]:.0f} ms ({len(page_ms)} requests)"
            )
        print(f"  file read: {'respondenten' in read_page}")

        # A second upload, and the server killed while its file is read.
        _, progress = upload()
        server.stop(signal.SIGKILL)
        server.start()
        status = http.get(progress, headers={"HX-Request": "true"}).status_code
        shown = "afgebroken doordat de app opnieuw is gestart" in http.get(progress).text
        print("\nServer killed (SIGKILL) mid-import and started again:")
        print(f"  progress page still polling: {status == 200}; run failed with message: {shown}")
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
