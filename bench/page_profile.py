"""Where a page's time goes: each page kind of the load benchmark, served in-process to one
account on the scaled data (bench/scale_data.py), with the benchmark's production settings.

Prints per page kind the median and slowest of --repeat warm GETs (CPU of this process, no
network, no queueing: what one request costs a gunicorn worker) and the queries. With
--profile KIND it prints pyinstrument's call tree of that kind's GETs, which is how the
misses named in issue 18's closing note were looked into.

Run (after bench/scale_data.py):
    .venv/bin/python bench/page_profile.py                        # ambtenaar of Almere
    .venv/bin/python bench/page_profile.py --role raadslid --repeat 20
    .venv/bin/python bench/page_profile.py --profile "cijfers overview"
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/integraal_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/8"
PROFILED_GEMEENTE = "GM0034"  # Almere: the whole traject, partners at work


def _environment(args) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench_site.settings",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        INTEGRAAL_VAR_DIR=str(ROOT / "var" / "bench-profile"),
        MEDIA_ROOT=str(ROOT / "var" / "media"),
        LOG_LEVEL="ERROR",
    )


def _account_and_urls(role: str):
    from load_probe import _project_urls

    from projects.constants import Role
    from projects.demo import DEMO_BUREAU_SLUG
    from projects.models import Bureau, Gemeente, Membership, Project

    gemeente = Gemeente.objects.get(cbs_code=PROFILED_GEMEENTE)
    if role == Role.ADVISEUR:
        bureau = Bureau.objects.get(slug=DEMO_BUREAU_SLUG)
        user = bureau.memberships.filter(role=role).first().user
    else:
        user = Membership.objects.filter(gemeente=gemeente, role=role).first().user
    urls: dict[str, list[str]] = {"portfolio": ["/?overzicht=1"]}
    for project in Project.objects.filter(gemeente=gemeente).order_by("id"):
        for kind, found in _project_urls(project).items():
            urls.setdefault(kind, []).extend(found)
    return user, urls


def _timed(client, url: str, repeat: int) -> tuple[int, list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    status = client.get(url).status_code  # warm: caches, templates, first connection
    times = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(repeat):
            started = time.process_time()
            client.get(url)
            times.append((time.process_time() - started) * 1000)
    return status, times, len(queries) // max(repeat, 1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", default="ambtenaar", help="ambtenaar, adviseur, raadslid…")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", metavar="KIND", help="pyinstrument call tree of a kind")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    args = parser.parse_args(argv)
    _environment(args)

    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from projects.scopes import scopes_disabled

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)  # production storage

    with scopes_disabled():
        user, urls = _account_and_urls(args.role)
    client = Client(SERVER_NAME="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user)
    if args.profile:
        from pyinstrument import Profiler

        url = urls[args.profile][0]
        client.get(url)
        with Profiler(interval=0.0005) as profiler:
            for _ in range(args.repeat):
                client.get(url)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return 0
    print(f"{user.email}, {args.repeat} warm GETs per page, CPU ms of this process")
    print(f"{'page kind':<20} {'median':>7} {'max':>7} {'queries':>8}")
    for kind, found in urls.items():
        if not found:
            continue
        status, times, queries = _timed(client, found[0], args.repeat)
        if status != 200:
            print(f"{kind:<20} {'(' + str(status) + ')':>7}")
            continue
        print(f"{kind:<20} {statistics.median(times):7.1f} {max(times):7.1f} {queries:8d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
