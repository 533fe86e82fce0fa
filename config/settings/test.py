"""Tests: the embedded default unless DATABASE_URL / REDIS_URL say otherwise."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("INTEGRAAL_VAR_DIR", os.path.join("var", "test"))

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
