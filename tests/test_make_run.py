"""`make run` as a newcomer runs it: it says what it is doing, and a link the user may not
open shows the app's own Dutch 404 page, not Django's debug page listing every URL.

The run is real (install, migrate, collectstatic, demo, runserver) in a scratch var/ folder;
only the slow survey and traject loaders are left out through DEMO_STEPS.
"""

import http.cookiejar
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[1]
PHASES = [
    "Pakketten installeren…",
    "Database bijwerken…",
    "Statische bestanden verzamelen…",
    "Demodata laden…",
    "Integraal draait op",
]


def _clean_env(var_dir: Path) -> dict[str, str]:
    """The environment of a fresh shell: none of the test run's settings leak into the app."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}
        and not key.startswith(("PYTEST", "MAKE", "MFLAGS"))
    }
    return env | {"INTEGRAAL_VAR_DIR": str(var_dir)}


def _read_until_running(process, deadline: float) -> list[str]:
    lines = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("Integraal draait op"):
            return lines
    pytest.fail("make run did not start:\n" + "\n".join(lines[-40:]))


def _get(opener, url: str):
    try:
        response = opener.open(url, timeout=20)
        return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _wait_for_server(opener, base: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            opener.open(base + "/healthz", timeout=2)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    pytest.fail("the server of make run never answered")


def _log_in(opener, base: str, email: str) -> None:
    status, page = _get(opener, base + "/account/inloggen/")
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": email, "password": "integraal-demo"}
    ).encode()
    request = urllib.request.Request(
        base + "/account/inloggen/", data=data, headers={"Referer": base + "/"}
    )
    opener.open(request, timeout=20)


def test_make_run_prints_its_phases_and_shows_the_apps_own_404(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"PORT={port}", "DEMO_STEPS=load_demo"],
        cwd=ROOT,
        env=_clean_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        lines = _read_until_running(process, time.monotonic() + 300)
        positions = [
            next(i for i, line in enumerate(lines) if line.startswith(phase)) for phase in PHASES
        ]
        assert positions == sorted(positions), lines
        assert any("ambtenaar@amsterdam.demo.nl" in line for line in lines)  # the accounts

        base = f"http://127.0.0.1:{port}"
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        _wait_for_server(opener, base, time.monotonic() + 60)
        status, _ = _get(opener, base + "/static/css/app.css")
        assert status == 200  # collected and served without DEBUG
        _log_in(opener, base, "ambtenaar@amsterdam.demo.nl")
        status, page = _get(opener, base + "/g/amsterdam/")
        assert status == 200 and "Amsterdam" in page  # logged in

        status, page = _get(opener, base + "/g/almere/")  # another gemeente's link
        assert status == 404
        assert "Deze pagina bestaat niet" in page
        assert "URLconf" not in page and "DEBUG = True" not in page
        assert "Almere" not in page.split("<main", 1)[1]  # nothing leaks about it
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
