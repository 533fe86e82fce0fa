"""A real Celery worker in a subprocess for the tests run by `make test-services`.

The worker reads the test database and the same file storage as the test (web and worker
share a volume in production too).
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
    django_db_blocker, media_root: Path, *, queues: str, name: str, env: dict | None = None
):
    with django_db_blocker.unblock():
        environment = (
            os.environ
            | {
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": database_url(),
                "MEDIA_ROOT": str(media_root),
            }
            | (env or {})
        )
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
