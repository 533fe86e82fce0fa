"""docker-compose.yml, proven without a container engine (run by `make test-services`).

Every service with a command (migrate, web, worker, beat) is started here with exactly the
command line of the compose file and the compose environment, adapted to this machine: the
test database and Redis, a temporary var folder (static files collected as the Dockerfile
does), and the web server's bind address (GUNICORN_BIND, read by config/gunicorn.conf.py).
The compose health checks run as written, pointed at these processes.
"""

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import psutil
import pytest
import yaml
from django.urls import reverse

from reports import services as reports
from reports.constants import RenderFormat, RenderStatus

from .celery_worker import ROOT, database_url, needs_redis
from .ports import free_port

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True), needs_redis]

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
STARTUP_SECONDS = 45


def _interpolate(value: str, given: dict[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?error} against `given`."""

    def replace(match):
        name, operator, word = match.group(1), match.group(2), match.group(3) or ""
        if given.get(name):
            return given[name]
        if operator == ":?":
            pytest.fail(f"compose requires {name}: {word}")
        return word

    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", replace, str(value))


def _environment(tmp: Path, port: int, secret_key: str) -> dict[str, str]:
    """x-app-environment with this machine's services; the image's own ENV lines too."""
    given = {"SECRET_KEY": secret_key}
    app = {name: _interpolate(value, given) for name, value in COMPOSE["x-app-environment"].items()}
    image = dict(re.findall(r"^\s+(INTEGRAAL_VAR_DIR|MEDIA_ROOT)=(\S+)", DOCKERFILE, re.M))
    assert image == {"INTEGRAAL_VAR_DIR": "/app/var", "MEDIA_ROOT": "/app/var/media"}
    assert app["MEDIA_ROOT"] == image["MEDIA_ROOT"]
    # Here: the test database and Redis db, and /app/var as a temporary folder.
    app |= {
        "DATABASE_URL": database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "INTEGRAAL_VAR_DIR": str(tmp),
        "MEDIA_ROOT": str(tmp / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    path = f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"  # the image's PATH
    keep = {k: v for k, v in os.environ.items() if k in {"HOME", "LANG", "TMPDIR", "USER"}}
    return keep | {"PATH": path, "PYTHONUNBUFFERED": "1", "HOSTNAME": socket.gethostname()} | app


def _command(service: str) -> list[str]:
    return [str(part) for part in COMPOSE["services"][service]["command"]]


def _start(stack: ExitStack, argv: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("w")
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )

    def stop():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        handle.close()

    stack.callback(stop)
    return process


def _wait_for(check, what: str, processes, logs) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while not check():
        for process, log in zip(processes, logs, strict=True):
            if process.poll() is not None:
                pytest.fail(f"{what}: {process.args[0]} stopped:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            tails = "\n".join(log.read_text()[-1500:] for log in logs)
            pytest.fail(f"{what} not within {STARTUP_SECONDS} s:\n{tails}")
        time.sleep(0.5)


def _get(port: int, path: str, **headers: str) -> tuple[int, dict, bytes]:
    """GET through gunicorn as the TLS proxy forwards it (X-Forwarded-Proto: https)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"} | headers
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _rss_mb(process: subprocess.Popen) -> str:
    """Resident memory of a process and its children (printed for README's table)."""
    parent = psutil.Process(process.pid)
    sizes = [p.memory_info().rss / 2**20 for p in [parent, *parent.children(recursive=True)]]
    return f"{sum(sizes):.0f} MB ({' + '.join(f'{size:.0f}' for size in sizes)})"


def test_compose_services_start_with_their_own_command_lines(
    tmp_path, private_media, settings, content, world
):
    services = COMPOSE["services"]
    assert {name for name, s in services.items() if "command" in s} == {
        "migrate",
        "web",
        "worker",
        "beat",
    }
    # The image's default command is the web service's.
    cmd = re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.M).group(1)
    assert yaml.safe_load(cmd) == _command("web")

    port = free_port()
    # The test's key, so a session made here is valid in gunicorn; the test's media folder
    # is the shared volume of web and worker.
    env = _environment(tmp_path, port, settings.SECRET_KEY)
    assert Path(env["MEDIA_ROOT"]) == Path(private_media)
    logs = {name: tmp_path / f"{name}.log" for name in ("web", "worker", "beat")}

    migrate = subprocess.run(
        _command("migrate"), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr

    beat_argv = _command("beat")
    schedule_at = beat_argv.index("--schedule") + 1
    assert beat_argv[schedule_at] == "/tmp/celerybeat-schedule"  # writable by the app user
    beat_argv[schedule_at] = str(tmp_path / "celerybeat-schedule")

    # The image build step (static files into /app/var/staticfiles, served by WhiteNoise)
    # runs while the worker and beat start; web needs its result.
    build = re.search(r"^RUN SECRET_KEY=\S+ (python manage.py collectstatic.*)$", DOCKERFILE, re.M)
    assert build, "the Dockerfile collects the static files"

    with ExitStack() as stack:
        worker = _start(stack, _command("worker"), env, logs["worker"])
        beat = _start(stack, beat_argv, env, logs["beat"])
        collect = _start(stack, shlex.split(build.group(1)), env, tmp_path / "collect.log")
        assert collect.wait(timeout=180) == 0, (tmp_path / "collect.log").read_text()
        web = _start(stack, _command("web"), env, logs["web"])
        running = [worker, web, beat]
        running_logs = [logs["worker"], logs["web"], logs["beat"]]

        # The web health check, as compose runs it, at this gunicorn's address.
        check = services["web"]["healthcheck"]["test"]
        assert check[0] == "CMD"
        url = check[-1]
        assert url == "http://localhost:8000/healthz"
        assert services["web"]["ports"] == ["8000:8000"]
        assert "GUNICORN_BIND" not in COMPOSE["x-app-environment"]
        conf: dict = {}
        exec((ROOT / "config" / "gunicorn.conf.py").read_text(), conf)  # noqa: S102
        assert conf["bind"] == "0.0.0.0:8000"  # the port compose publishes and checks
        curl = [*check[1:-1], url.replace(":8000", f":{port}")]

        def web_healthy() -> bool:
            return subprocess.run(curl, capture_output=True).returncode == 0

        _wait_for(web_healthy, "web /healthz", running, running_logs)
        status, _, body = _get(port, "/healthz", Host="localhost")
        assert status == 200, body
        checks = json.loads(body)["checks"]
        assert checks["database"] == {"ok": True, "detail": "postgresql"}
        assert checks["broker"] == {"ok": True, "detail": "redis"}
        assert checks["worker"]["ok"] is True

        # The worker health check, in a shell as compose's CMD-SHELL runs it ($$ is $).
        kind, line = services["worker"]["healthcheck"]["test"]
        assert kind == "CMD-SHELL"
        ping = subprocess.run(
            ["/bin/sh", "-c", line.replace("$$", "$")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert ping.returncode == 0, ping.stdout + ping.stderr
        assert f"celery@{socket.gethostname()}: OK" in ping.stdout

        # The login page, with its stylesheet served by WhiteNoise from the collected files.
        status, _, page = _get(port, "/account/inloggen/")
        assert status == 200
        assert "Inloggen" in page.decode()
        stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page.decode())
        assert stylesheet, "the page links the hashed, collected stylesheet"
        status, headers, css = _get(port, stylesheet.group(1))
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        assert "immutable" in headers["Cache-Control"]
        assert b"{" in css

        # A signed-in page, and a report rendered by the worker and downloaded through web
        # (the two share the media volume).
        session = world.client("ambtenaar").cookies[settings.SESSION_COOKIE_NAME].value
        cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
        status, _, page = _get(port, content.get_absolute_url(), Cookie=cookie)
        assert status == 200
        assert content.name in page.decode()
        version = reports.version_for(
            actor=world.users["ambtenaar"], project=content, document="analyse"
        )
        run = reports.render_request(
            actor=world.users["ambtenaar"], version=version, fmt=RenderFormat.PDF
        )

        def rendered() -> bool:
            run.refresh_from_db()
            return run.status not in (RenderStatus.QUEUED, RenderStatus.RUNNING)

        _wait_for(rendered, "the render on the worker", running, running_logs)
        assert run.status == RenderStatus.DONE, run.message
        download = reverse(
            "reports:download",
            kwargs={
                "gemeente_slug": content.gemeente.slug,
                "project_uuid": content.uuid,
                "run_uuid": run.uuid,
            },
        )
        status, _, pdf = _get(port, download, Cookie=cookie)
        assert status == 200
        assert pdf.startswith(b"%PDF")

        # Beat runs once and keeps its schedule where the command line says.
        def beat_started() -> bool:
            return "beat: Starting" in logs["beat"].read_text() and any(
                tmp_path.glob("celerybeat-schedule*")
            )

        _wait_for(beat_started, "beat", running, running_logs)
        for process in running:
            assert process.poll() is None, f"{process.args[0]} stopped"
        print(f"\nRSS web: {_rss_mb(web)}; worker: {_rss_mb(worker)}; beat: {_rss_mb(beat)}")
