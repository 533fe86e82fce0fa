"""Production refuses to start without a secret; the embedded default needs nothing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_fails_at_start():
    result = _run(
        "import django; django.setup()", DJANGO_SETTINGS_MODULE="config.settings.production"
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_dev_defaults_to_sqlite_and_in_process_tasks():
    result = _run(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.LANGUAGE_CODE,"
        " s.TIME_ZONE)",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "nl", "Europe/Amsterdam"]


def test_environment_switches_to_postgres_and_redis():
    result = _run(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://u:p@db.example:5432/integraal",
        REDIS_URL="redis://redis.example:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "False",
        "redis://redis.example:6379/0",
    ]


def test_security_headers_on_every_page(client, db):
    response = client.get("/account/inloggen/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def _test_broker(**env: str) -> subprocess.CompletedProcess:
    # Not marked as derived already, whatever this test process itself runs with.
    env = {"_TEST_REDIS_URL": ""} | env
    return _run(
        "import django; django.setup(); from django.conf import settings as s; import os; "
        "print(s.CELERY_BROKER_URL, os.environ['REDIS_URL'])",
        DJANGO_SETTINGS_MODULE="config.settings.test",
        **env,
    )


def test_each_test_process_gets_its_own_redis_database():
    """`pytest -n 2` on Redis: each test process (and the worker it starts, which reads the
    settings again) uses its own database, so it never receives the other's tasks."""
    first = _test_broker(REDIS_URL="redis://127.0.0.1:6379/14", PYTEST_XDIST_WORKER="gw0")
    second = _test_broker(REDIS_URL="redis://127.0.0.1:6379/14", PYTEST_XDIST_WORKER="gw1")
    assert first.stdout.split() == ["redis://127.0.0.1:6379/14"] * 2, first.stderr
    assert second.stdout.split() == ["redis://127.0.0.1:6379/15"] * 2, second.stderr
    # A worker started by the second process inherits its environment: still database 15.
    inherited = _test_broker(
        REDIS_URL="redis://127.0.0.1:6379/15",
        _TEST_REDIS_URL="redis://127.0.0.1:6379/15",
        PYTEST_XDIST_WORKER="gw1",
    )
    assert inherited.stdout.split() == ["redis://127.0.0.1:6379/15"] * 2, inherited.stderr


def test_a_redis_url_without_room_for_every_test_process_fails_at_start():
    result = _test_broker(REDIS_URL="redis://127.0.0.1:6379/15", PYTEST_XDIST_WORKER="gw1")
    assert result.returncode != 0
    assert "leaves no Redis database for test process gw1" in result.stderr
