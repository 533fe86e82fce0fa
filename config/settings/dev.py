"""Local development: SQLite under var/, tasks in-process, mail on the console."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-change-me")
os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403
