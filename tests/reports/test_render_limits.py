"""The render task's time limits are settings, read from the environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW_LIMITS = (
    "import django; django.setup(); from reports.tasks import render_report as task; "
    "print(task.soft_time_limit, task.time_limit)"
)


def _limits(**env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("RENDER_")}
    result = subprocess.run(
        [sys.executable, "-c", SHOW_LIMITS],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings.test"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_render_time_limits_default_to_four_and_five_minutes():
    assert _limits() == ["240", "300"]


def test_render_time_limits_come_from_the_environment():
    assert _limits(RENDER_SOFT_TIME_LIMIT="17", RENDER_TIME_LIMIT="23") == ["17", "23"]
