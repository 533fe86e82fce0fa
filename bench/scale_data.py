"""Scaled-up demo data for the load benchmark (bench/load_bench.py), on PostgreSQL.

One bureau (the demo's Veilig Advies) with 40 gemeenten: the two demo gemeenten exactly as
`make run` loads them (load_demo, load_demo_survey, load_demo_traject: Almere's whole
kernbeleid traject, Amsterdam's analysis commission), plus 38 more built with the same domain
functions: three synthetic Veiligheidsmonitor editions with wijk results and police counts
(analysis.figures.demo.demo_survey_load), a filled analysis (the traject demo's
analysis_write: knelpunten and texts per theme, scores, priorities, fields definitief), and a
version of the analysis published to the raad for information. Every gemeente has an
ambtenaar, a raadslid and a werkgroep partner (politie); the bureau's adviseur sees all 40.
Password for every account: the demo's (projects.demo.DEMO_PASSWORD). No account has a second
factor: it is optional in the product (accounts/services.py) and the demo accounts have none.

The full loaders run once per gemeente (about 5 s of CPU each), two gemeenten at a time
(--jobs), so some 3 minutes in all on a quiet 2-core machine; a second run adds only what is
missing.

Run:
    .venv/bin/python bench/scale_data.py --fresh          # drop, create, migrate, fill
    .venv/bin/python bench/scale_data.py                  # fill what is missing
Database: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/integraal_bench.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/integraal_bench"
GEMEENTEN = 40
BENCH_PROJECT = "Integraal Veiligheidsplan 2027-2030 {name}"


def build_env(database_url: str) -> dict[str, str]:
    """The environment the data is built in: dev settings, tasks in-process (no REDIS_URL)."""
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        SECRET_KEY=env.get("SECRET_KEY") or "bench-only-not-secret",
        PYTHONPATH=str(ROOT),
    )
    return env


def recreate_database(database_url: str) -> None:
    url = urlparse(database_url)
    name = url.path.lstrip("/")
    if not name.startswith("integraal_"):
        raise SystemExit(f"--fresh drops the database; refusing a name without integraal_: {name}")
    args = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432)]
    args += ["-U", url.username or "postgres"]
    subprocess.run(["dropdb", "--if-exists", "--force", *args, name], check=True)
    subprocess.run(["createdb", *args, name], check=True)


def migrate(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def _person(email: str, name: str):
    from django.contrib.auth import get_user_model

    from projects.demo import DEMO_PASSWORD

    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"full_name": name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def gemeente_fill(bureau, gemeente, adviseur, index: int) -> str:
    """One more gemeente of the bureau, filled like a demo gemeente at step 4."""
    from datetime import date

    from django.db import transaction
    from django.utils import timezone

    from analysis.figures.demo import demo_survey_load
    from projects.constants import ProjectScope, Role
    from projects.demo_traject import analysis_write, publish_row, version_dated
    from projects.models import Membership, Project
    from projects.scopes import project_scope
    from projects.services import audit_record
    from reports.constants import Audience, DocumentKind, PublicationPurpose

    name = BENCH_PROJECT.format(name=gemeente.name)
    if Project.objects.filter(gemeente=gemeente, name=name).exists():
        return f"{gemeente.name}: bestaat al"
    with transaction.atomic():
        gemeente.inhabitants = gemeente.inhabitants or 20_000 + 7_919 * index % 180_000
        gemeente.save(update_fields=["inhabitants"])
        bureau.gemeenten.add(gemeente)
        for role, label in ((Role.AMBTENAAR, "Ambtenaar"), (Role.RAADSLID, "Raadslid")):
            user = _person(f"{role}@{gemeente.slug}.demo.nl", f"{label} {gemeente.name}")
            Membership.objects.get_or_create(user=user, gemeente=gemeente, defaults={"role": role})
        partner = _person(f"partner@{gemeente.slug}.demo.nl", f"Politie {gemeente.name}")
        Membership.objects.get_or_create(
            user=partner,
            gemeente=gemeente,
            defaults={"role": Role.PARTNER, "organisation": "Politie"},
        )
        project = Project.objects.create(
            gemeente=gemeente,
            name=name,
            scope=ProjectScope.KERNBELEID,
            period_start=2027,
            period_end=2030,
            current_step=4,
            next_deadline=date(2027, 3, 1),
            next_deadline_label="Veiligheidsanalyse definitief",
        )
        audit_record(actor=None, action="demoproject aangemaakt", obj=project, project=project)
    with project_scope(project):
        demo_survey_load(project)
        today = timezone.localdate()
        with transaction.atomic():
            analysis_write(project, adviseur, when=today)
            version = version_dated(project, adviseur, DocumentKind.ANALYSE, today)
            publish_row(
                actor=adviseur,
                version=version,
                audience=Audience.RAAD,
                purpose=PublicationPurpose.INFORMATIE,
                step=4,
                when=today,
                note="De veiligheidsanalyse, ter informatie.",
            )
    return f"{gemeente.name}: gevuld"


def fill_demo() -> None:
    """The two demo gemeenten, exactly as `make run` loads them."""
    from analysis.figures.demo import demo_survey_load
    from projects.demo import DEMO_GEMEENTEN, demo_load
    from projects.demo_traject import demo_traject_load
    from projects.models import Project
    from projects.scopes import project_scope, scopes_disabled

    with scopes_disabled():
        demo_load()
        for project in Project.objects.filter(gemeente__cbs_code__in=DEMO_GEMEENTEN):
            with project_scope(project):
                demo_survey_load(project)
        demo_traject_load()


def fill_part(count: int, part: int, parts: int) -> None:
    """Every `parts`-th of the other gemeenten, starting at `part` (several run at once)."""
    from projects.demo import DEMO_BUREAU_SLUG, DEMO_GEMEENTEN
    from projects.models import Bureau, Gemeente
    from projects.scopes import scopes_disabled

    started = time.monotonic()
    with scopes_disabled():
        bureau = Bureau.objects.get(slug=DEMO_BUREAU_SLUG)
        adviseur = bureau.memberships.get(user__email="adviseur@veilig-advies.nl").user
        extra = Gemeente.objects.exclude(cbs_code__in=DEMO_GEMEENTEN).order_by("cbs_code")
        for index, gemeente in enumerate(extra[: max(0, count - len(DEMO_GEMEENTEN))], 1):
            if index % parts != part:
                continue
            line = gemeente_fill(bureau, gemeente, adviseur, index)
            print(f"  {index:>2}. {line} ({time.monotonic() - started:.0f} s)", flush=True)


def fill(count: int, jobs: int, database_url: str) -> None:
    import django

    django.setup()
    from django.db import connections

    from projects.demo import DEMO_BUREAU_SLUG
    from projects.models import Bureau

    started = time.monotonic()
    fill_demo()
    print(f"demo geladen ({time.monotonic() - started:.0f} s)", flush=True)
    if jobs <= 1:
        fill_part(count, 0, 1)
    else:
        connections.close_all()
        children = [
            subprocess.Popen(
                [sys.executable, __file__, "--part", f"{part}/{jobs}", "--gemeenten", str(count)]
                + ["--database-url", database_url],
                env=os.environ,
            )
            for part in range(jobs)
        ]
        failed = [child.args for child in children if child.wait() != 0]
        if failed:
            raise SystemExit(f"mislukt: {failed}")
    bureau = Bureau.objects.get(slug=DEMO_BUREAU_SLUG)
    print(f"{bureau.gemeenten.count()} gemeenten in {bureau.name}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="drop, create and migrate first")
    parser.add_argument("--gemeenten", type=int, default=GEMEENTEN)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument(
        "--jobs", type=int, default=2, help="gemeenten filled at once (2: one per core)"
    )
    parser.add_argument("--part", help=argparse.SUPPRESS)  # k/N: one of the --jobs processes
    args = parser.parse_args(argv)
    database_url = args.database_url or DEFAULT_DATABASE_URL
    env = build_env(database_url)
    if args.part:
        import django

        os.environ.update(env)
        django.setup()
        part, parts = (int(x) for x in args.part.split("/"))
        fill_part(args.gemeenten, part, parts)
        return 0
    if args.fresh:
        recreate_database(database_url)
    migrate(env)
    os.environ.update(env)
    started = time.monotonic()
    fill(args.gemeenten, args.jobs, database_url)
    print(f"klaar in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
