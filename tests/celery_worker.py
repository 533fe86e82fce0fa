"""A real Celery worker in a subprocess for the tests run by `make test-services`.

The worker reads the test database and the same file storage as the test (web and worker
share a volume in production too). A test module gets its fixtures from `worker_fixtures`.

Run as a module (``python -m tests.celery_worker worker ...``) this starts the worker itself;
with ``TEST_RENDER_DELAY`` set, every render first waits that many seconds after its run is
marked running, so a test can kill the worker mid-render. Production code knows nothing of it.
"""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from config.celery import app

ROOT = Path(__file__).resolve().parents[1]
RENDER_DELAY = "TEST_RENDER_DELAY"

needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test-services)"
)


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


@contextmanager
def running_worker(
    django_db_blocker,
    media_root: Path,
    *,
    queues: str,
    name: str,
    render_delay: float = 0,
):
    with django_db_blocker.unblock():
        environment = os.environ | {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(media_root),
            RENDER_DELAY: str(render_delay),
        }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.celery_worker",
            "worker",
            "--loglevel=WARNING",
            "--concurrency=1",
            "--pool=prefork",
            f"--hostname={name}@%h",
            "-Q",
            queues,
        ],
        cwd=ROOT,
        env=environment,
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


def worker_fixtures(*, queues: str, name: str, render_delay: float = 0):
    """The fixtures of a test module with a real worker, to assign at module level:

        shared_media, private_media, worker = worker_fixtures(queues="render", name="w")

    `shared_media` is the file storage test and worker share, `private_media` points the
    test's storage at it (overriding the autouse one of conftest) and `worker` is the worker
    process, started once per module."""

    @pytest.fixture(scope="module")
    def shared_media(tmp_path_factory):
        return tmp_path_factory.mktemp(f"{name}-media")

    @pytest.fixture
    def private_media(settings, shared_media):
        settings.MEDIA_ROOT = shared_media
        return shared_media

    @pytest.fixture(scope="module")
    def worker(django_db_setup, django_db_blocker, shared_media):
        with running_worker(
            django_db_blocker,
            shared_media,
            queues=queues,
            name=name,
            render_delay=render_delay,
        ) as process:
            yield process

    return shared_media, private_media, worker


def _slow_renders(seconds: float) -> None:
    """Every render in this worker waits `seconds` before it starts drawing."""
    import django

    django.setup()
    from reports import services

    render = services._render_bytes

    def slow(run):
        time.sleep(seconds)
        return render(run)

    services._render_bytes = slow


if __name__ == "__main__":
    delay = float(os.environ.get(RENDER_DELAY) or 0)
    if delay > 0:
        _slow_renders(delay)  # before the pool forks, so every pool process has it
    app.worker_main(sys.argv[1:])
