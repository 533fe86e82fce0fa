"""A worker killed mid-render: the task runs again and completes; the old version stays
downloadable meanwhile (run by `make test-services`, with Redis and a real worker)."""

import os
import signal
import subprocess
import time

import pytest

from reports import services
from tests.celery_worker import needs_redis, worker_fixtures

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    needs_redis,
]

# Every render on this worker takes 4 s more, so the test can kill it mid-render.
shared_media, private_media, slow_worker = worker_fixtures(
    queues="render", name="render-worker", render_delay=4
)


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
    from analysis.models import AnalysisTheme
    from analysis.narrative import services as va_services

    project = world.project
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
