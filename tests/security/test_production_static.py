"""The production image collects its static files and then serves real pages.

The Dockerfile runs `collectstatic` with production settings. Once a vendored file pointed at a
source map that is not shipped, the manifest storage refused it and the image did not build;
without the manifest every page under DEBUG off was a 500 ("Missing staticfiles manifest
entry"). These tests collect with the storage that config/settings/production.py configures
into a temporary STATIC_ROOT, then render pages with DEBUG off and check that every static URL
on them is a hashed name that WhiteNoise serves from the collected files.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services

STATIC_URL_RE = re.compile(r"""(?:href|src)="(/static/[^"]+)\"""")
# ManifestFilesMixin inserts a 12-character md5 prefix before the extension.
HASHED_NAME_RE = re.compile(r"\.[0-9a-f]{12}\.[a-z0-9]+$")


def _production(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    """Run a command under config.settings.production, as the Dockerfile does.

    A separate process, because the test settings change the STORAGES they import from base.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "collectstatic-test-only",
        "INTEGRAAL_VAR_DIR": str(tmp),
        "DEBUG": "false",
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def production_static(tmp_path_factory) -> tuple[dict, Path]:
    """`manage.py collectstatic --noinput` with production settings into a fresh folder;
    returns production's STORAGES and the STATIC_ROOT it wrote to."""
    tmp = tmp_path_factory.mktemp("production")
    collect = _production(tmp, "manage.py", "collectstatic", "--noinput")
    assert collect.returncode == 0, collect.stderr[-3000:]
    shown = _production(
        tmp,
        "-c",
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'STORAGES': s.STORAGES, 'STATIC_ROOT': str(s.STATIC_ROOT)}))",
    )
    assert shown.returncode == 0, shown.stderr[-3000:]
    production = json.loads(shown.stdout)
    static_root = Path(production["STATIC_ROOT"])
    assert static_root.is_relative_to(tmp)
    return production["STORAGES"], static_root


@pytest.fixture
def collected(settings, production_static) -> Path:
    """Production static storage and the collected files, DEBUG off."""
    storages, static_root = production_static
    settings.DEBUG = False
    settings.STORAGES = storages
    settings.STATIC_ROOT = static_root
    # As in production: WhiteNoise serves what collectstatic wrote, nothing else.
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    return static_root


def test_production_storage_is_the_manifest_storage(production_static):
    """The tests below only mean something while production hashes its static names."""
    storages, _static_root = production_static
    assert "Manifest" in storages["staticfiles"]["BACKEND"]


def _assert_static_is_hashed_and_served(client: Client, html: str, static_root: Path) -> list:
    urls = STATIC_URL_RE.findall(html)
    assert urls, "the page links no static files"
    for url in urls:
        name = url.removeprefix("/static/")
        assert HASHED_NAME_RE.search(name), f"{url} is not a hashed name"
        assert (static_root / name).is_file(), f"{url} was not collected"
        served = client.get(url)
        assert served.status_code == 200, url
        assert b"".join(served.streaming_content) == (static_root / name).read_bytes()
    return urls


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_login_page_serves_collected_static_files(collected, db):
    client = Client()
    html = _page(client, reverse("accounts:login"))
    urls = _assert_static_is_hashed_and_served(client, html, collected)
    assert any("vendor/bootstrap/bootstrap.min." in url for url in urls)
    assert any("vendor/htmx/htmx.min." in url for url in urls)


def test_project_page_serves_collected_static_files(collected, world):
    client = world.client("ambtenaar")
    html = _page(client, world.project.get_absolute_url())
    assert world.project.name in html
    _assert_static_is_hashed_and_served(client, html, collected)


def test_editor_page_serves_the_vendored_trix(collected, world):
    """The page with the rich-text editor loads trix, whose map reference once broke the build."""
    va_services.analysis_ensure(project=world.project)
    theme = AnalysisTheme.objects.filter(field__project=world.project).first()
    client = world.client("ambtenaar")
    url = reverse(
        "analysis:va_theme",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "theme_uuid": theme.uuid,
        },
    )
    urls = _assert_static_is_hashed_and_served(client, _page(client, url), collected)
    assert any("vendor/trix/trix.umd.min." in url for url in urls)
    assert any(re.search(r"vendor/trix/trix\.[0-9a-f]{12}\.css$", url) for url in urls)
