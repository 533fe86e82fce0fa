"""A worker killed mid-render: the task runs again and completes; the old version stays
downloadable meanwhile (run by `make test-services`, with Redis and a real worker)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from config.celery import app
from reports import services

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test-services)"
    ),
]


@pytest.fixture(scope="module")
def shared_media(tmp_path_factory):
    return tmp_path_factory.mktemp("render-media")


@pytest.fixture
def private_media(settings, shared_media):
    settings.MEDIA_ROOT = shared_media
    return shared_media


@pytest.fixture(scope="module")
def slow_worker(django_db_setup, django_db_blocker, shared_media):
    with django_db_blocker.unblock():
        db = connection.settings_dict
        url = (
            f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
            if connection.vendor == "postgresql"
            else f"sqlite:///{db['NAME']}"
        )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(shared_media),
        "INTEGRAAL_RENDER_DELAY_SECONDS": "4",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel=WARNING",
            "--concurrency=1",
            "--pool=prefork",
            "--hostname=render-worker@%h",
            "-Q",
            "render",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1.0):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("The Celery worker did not start.")
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def _children(pid: int) -> list[int]:
    output = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in output.split()]


def _wait(run, statuses, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status in statuses:
            return
        time.sleep(0.2)
    pytest.fail(f"render stayed at {run.status}")


def test_a_killed_worker_renders_again_and_the_old_version_stays(world, slow_worker, private_media):
    from analysis import va_services
    from analysis.models import AnalysisTheme

    project = world.project
    va_services.analysis_ensure(project=project)
    old = services.version_for(actor=None, project=project, document="analyse")
    previous = services.render_request(actor=None, version=old, fmt="pdf")
    _wait(previous, {"done"})
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    va_services.theme_save(
        actor=world.users["ambtenaar"],
        theme=theme,
        base_version=1,
        texts={"knelpunten": "<p>Nieuwe inzichten</p>"},
    )
    new = services.version_for(actor=None, project=project, document="analyse")
    run = services.render_request(actor=None, version=new, fmt="pdf")
    _wait(run, {"running"})
    children = _children(slow_worker.pid)
    assert children, "no pool process to kill"
    os.kill(children[0], signal.SIGKILL)
    # Meanwhile the previous version is still there.
    previous.refresh_from_db()
    assert previous.status == "done" and previous.file.storage.exists(previous.file.name)
    _wait(run, {"done", "failed"})
    assert run.status == "done", run.message
    assert run.attempts >= 2
    with run.file.open("rb") as handle:
        assert handle.read(4) == b"%PDF"
