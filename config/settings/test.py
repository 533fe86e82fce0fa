"""Tests: the embedded default unless DATABASE_URL / REDIS_URL say otherwise."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("INTEGRAAL_VAR_DIR", os.path.join("var", "test"))

# `pytest -n N` (make test-services) runs N test processes, each with its own test database
# (pytest-django adds _gw0, _gw1, ...) and its own real Celery worker. Each process also gets
# its own Redis database, REDIS_URL's number plus the process's index (…/14 gives 14 and 15),
# so a worker only receives its own process's tasks; kombu prefixes broadcasts (ping, as
# /healthz uses) with the database number, so they stay apart too. The environment is
# rewritten, not just this setting, so everything a test starts (a worker, gunicorn) follows;
# _TEST_REDIS_URL marks a URL already derived, as a worker started by a test reads these
# settings again with PYTEST_XDIST_WORKER inherited.
_redis_url, _test_process = os.environ.get("REDIS_URL"), os.environ.get("PYTEST_XDIST_WORKER")
if _redis_url and _test_process and _redis_url != os.environ.get("_TEST_REDIS_URL"):
    _url = re.fullmatch(
        r"(?P<server>rediss?://[^/?]+)(?:/(?P<db>\d*))?(?P<query>\?.*)?", _redis_url
    )
    if _url is None:
        raise ImproperlyConfigured(f"REDIS_URL {_redis_url!r}: expected redis://host:port/db")
    _db = int(_url["db"] or 0) + int(_test_process.removeprefix("gw"))
    if _db > 15:  # Redis has databases 0-15 unless configured otherwise
        raise ImproperlyConfigured(
            f"REDIS_URL {_redis_url!r} leaves no Redis database for test process "
            f"{_test_process}: start lower (make test-services uses …/14 for -n 2)."
        )
    os.environ["REDIS_URL"] = os.environ["_TEST_REDIS_URL"] = (
        f"{_url['server']}/{_db}{_url['query'] or ''}"
    )

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
# The suite runs tasks inline, in the test's own thread and transaction; only
# tests/test_background_tasks.py turns the background pool on.
TASKS_IN_BACKGROUND = False

# On SQLite the test database is a file, with the embedded default's settings (base.py: WAL,
# busy timeout, immediate transactions), not Django's in-memory database: that one is a
# shared cache whose table locks fail a second thread at once ("database table is locked")
# where the real file database lets it wait, so background-thread tests would test a database
# no user has. It lives in shared memory when the machine has it; durability is not needed.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    _test_db_dir = "/dev/shm" if os.path.isdir("/dev/shm") else VAR_DIR  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(_test_db_dir, f"integraal-test-{os.getpid()}.sqlite3")
    }
    DATABASES["default"]["OPTIONS"]["init_command"] += " PRAGMA synchronous=OFF;"  # noqa: F405
