"""A real Celery worker behind Redis (run by `make test-services`)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from config.celery import app
from projects import tasks
from projects.constants import Role
from projects.services import membership_add

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test-services)"
    ),
]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _database_url(),
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
            "--hostname=test-worker@%h",
            "-Q",
            "default",
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


def test_invitation_task_runs_on_the_worker(world, worker):
    membership, _ = membership_add(
        actor=world.users["ambtenaar"],
        gemeente=world.gemeente,
        email="nieuw-lid@example.nl",
        role=Role.RAADSLID,
    )
    result = tasks.membership_send_invitation.delay(str(membership.uuid), "example.org", True)
    # The worker read the membership from the database and mailed one invitation.
    assert result.get(timeout=60) == 1


def test_healthz_sees_broker_and_worker(client, worker):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    checks = response.json()["checks"]
    assert checks["broker"] == {"ok": True, "detail": "redis"}
    assert checks["worker"]["ok"] is True
