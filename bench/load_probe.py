"""The load benchmark's in-process half (run by bench/load_bench.py, inside the checkout that
is measured, with DJANGO_SETTINGS_MODULE=bench_site.settings).

1. Finds the URLs of every page kind for the scaled data (bench/scale_data.py) and the
   accounts of the four roles.
2. Opens one URL of each kind for each account with django.test.Client and keeps only what
   that account may see (status 200): the load clients browse exactly those.
3. Counts the database queries of that GET (CaptureQueriesContext), per page kind and role.
4. Writes a survey file for the one import of the run.

Writes JSON to the path given as the only argument.
"""

import json
import sys
import time
from pathlib import Path

# Page kinds fetched with GET, in table order. The edits (theme save, render, import) are
# POSTs made by the load clients; their kinds are in load_bench.EDIT_KINDS.
GET_KINDS = (
    "portfolio",
    "gemeente home",
    "project home",
    "cijfers overview",
    "cijfers theme",
    "indicator",
    "wijkprofiel",
    "analysis overview",
    "analysis theme",
    "priorities",
    "timeline",
    "reports overview",
    "report version",
    "partner home",
    "partner theme",
)
SAMPLE_GEMEENTEN = 4  # the accounts per role (ambtenaar, raadslid, partner) the clients use
URLS_PER_KIND = 4


def _project_urls(project) -> dict[str, list[str]]:
    from django.urls import reverse

    from analysis.models import AnalysisTheme, Area, IndicatorResult
    from reports.models import ReportVersion

    g, p = project.gemeente.slug, project.uuid
    base = {"gemeente_slug": g, "project_uuid": p}

    def url(name, **extra):
        return reverse(name, kwargs={**base, **extra})

    themes = list(
        AnalysisTheme.objects.filter(field__project=project).order_by("id").values("uuid", "code")
    )
    indicator_codes = list(
        IndicatorResult.objects.filter(edition__gemeente=project.gemeente)
        .values_list("indicator__code", flat=True)
        .distinct()
        .order_by("indicator__code")[:URLS_PER_KIND]
    )
    wijken = list(
        Area.objects.filter(gemeente=project.gemeente, kind="wijk")
        .order_by("code")
        .values_list("code", flat=True)[:URLS_PER_KIND]
    )
    versions = list(
        ReportVersion.objects.filter(project=project)
        .order_by("-id")
        .values_list("uuid", flat=True)[:URLS_PER_KIND]
    )
    some = themes[:URLS_PER_KIND]
    return {
        "gemeente home": [reverse("projects:gemeente_home", kwargs={"gemeente_slug": g})],
        "project home": [url("projects:project_home")],
        "cijfers overview": [url("analysis:overview")],
        "cijfers theme": [url("analysis:theme", theme_code=t["code"]) for t in some],
        "indicator": [url("analysis:indicator", code=c) for c in indicator_codes],
        "wijkprofiel": [url("analysis:va_wijk", code=c) for c in wijken],
        "analysis overview": [url("analysis:va_overview")],
        "analysis theme": [url("analysis:va_theme", theme_uuid=t["uuid"]) for t in some],
        "priorities": [url("analysis:va_priorities")],
        "timeline": [url("kernbeleid:timeline")],
        "reports overview": [url("reports:overview")],
        "report version": [url("reports:version", version_uuid=v) for v in versions],
        "partner home": [url("kernbeleid:partner_home")],
        "partner theme": [url("kernbeleid:partner_theme", theme_uuid=t["uuid"]) for t in some],
    }


def _measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def main(out: str) -> int:
    import logging

    import django

    django.setup()
    # A 403 or 404 is an answer here (the account may not see that page), not a warning.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.test import Client

    from projects.constants import Role
    from projects.demo import DEMO_BUREAU_SLUG, DEMO_PASSWORD
    from projects.models import Bureau, Membership, Project
    from projects.scopes import scopes_disabled

    started = time.monotonic()
    with scopes_disabled():
        bureau = Bureau.objects.get(slug=DEMO_BUREAU_SLUG)
        gemeenten = list(bureau.gemeenten.order_by("cbs_code"))
        projects = {
            g.pk: list(Project.objects.filter(gemeente=g).order_by("id")) for g in gemeenten
        }
        urls_by_gemeente = {
            g.pk: [_project_urls(project) for project in projects[g.pk]] for g in gemeenten
        }
        # Almere (the whole traject, partners at work) and Amsterdam first, then the others.
        sample = sorted(gemeenten, key=lambda g: (g.cbs_code not in ("GM0034", "GM0363"), g.pk))
        sample = sample[:SAMPLE_GEMEENTEN]
        adviseur = bureau.memberships.filter(role=Role.ADVISEUR).first().user
        accounts = [(adviseur, Role.ADVISEUR, gemeenten)]
        for role in (Role.AMBTENAAR, Role.RAADSLID, Role.PARTNER):
            for g in sample:
                member = Membership.objects.filter(gemeente=g, role=role).first()
                if member:
                    accounts.append((member.user, role, [g]))

        queries: dict[str, dict[str, int]] = {}
        result_accounts = []
        for user, role, where in accounts:
            client = Client(SERVER_NAME="127.0.0.1")
            client.force_login(user)
            kinds: dict[str, list[str]] = {}
            if len(where) > 1:
                status, count = _measure(client, "/?overzicht=1")
                if status == 200:
                    kinds["portfolio"] = ["/?overzicht=1"]
                    queries.setdefault("portfolio", {}).setdefault(str(role), count)
            for g in where[:SAMPLE_GEMEENTEN]:
                for project_urls in urls_by_gemeente[g.pk]:
                    for kind, urls in project_urls.items():
                        if not urls:
                            continue
                        status, count = _measure(client, urls[0])
                        if status != 200:
                            continue
                        queries.setdefault(kind, {}).setdefault(str(role), count)
                        # A reader sees only the versions published to them: the others are
                        # a 404, which the load clients would count as errors.
                        seen = [url for url in urls[1:] if client.get(url).status_code == 200]
                        kinds.setdefault(kind, []).extend([urls[0], *seen])
            if len(where) > SAMPLE_GEMEENTEN:
                # The adviseur browses all 40 gemeenten: the kinds seen on the sample, on each.
                for g in where[SAMPLE_GEMEENTEN:]:
                    for project_urls in urls_by_gemeente[g.pk]:
                        for kind, urls in project_urls.items():
                            if kind in kinds:
                                kinds[kind].extend(urls)
            result_accounts.append(
                {"email": user.email, "role": str(role), "urls": kinds, "can_edit": False}
            )

        edit = _edit_targets(gemeenten, projects, result_accounts, Path(out).parent)
    data = {
        "password": DEMO_PASSWORD,
        "gemeenten": len(gemeenten),
        "accounts": result_accounts,
        "queries": queries,
        "edit": edit,
        "seconds": round(time.monotonic() - started, 1),
    }
    Path(out).write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


def _edit_targets(gemeenten, projects, accounts, out_dir: Path) -> dict:
    """Where the edits go: theme saves by the accounts that may edit (adviseur, ambtenaren),
    the render and the import on the last bench gemeente (not Almere's finished traject)."""
    from django.urls import reverse

    from analysis.figures.demo_survey import write_demo_sav
    from analysis.models import AnalysisTheme
    from projects.demo import DEMO_GEMEENTEN
    from reports.constants import DocumentKind

    target = [g for g in gemeenten if g.cbs_code not in DEMO_GEMEENTEN][-1]
    project = projects[target.pk][0]
    base = {"gemeente_slug": target.slug, "project_uuid": project.uuid}
    # The demo has synthetic files for 2019, 2021 and 2023 only (all three are loaded): the
    # 2023 file, uploaded as a new edition 2025. The import reads it and stops at the
    # mapping, as an upload does until someone checks the mapping.
    sav = out_dir / f"vm_{target.cbs_code}_2025.sav"
    write_demo_sav(sav, gemeente_code=target.cbs_code, year=2023)
    # The bureau's adviseur starts them: always among the load clients, and one who may.
    adviseur = next(a["email"] for a in accounts if a["role"] == "adviseur")
    for account in accounts:
        if account["role"] in ("adviseur", "ambtenaar"):
            account["can_edit"] = True
    return {
        "import": {
            "email": adviseur,
            "url": reverse("analysis:import_new", kwargs=base),
            "file": str(sav),
            "year": 2025,
        },
        "render": {
            "email": adviseur,
            "overview": reverse("reports:overview", kwargs=base),
            "url": reverse("reports:render", kwargs=base),
            "document": DocumentKind.ANALYSE.value,
        },
        "theme_count": AnalysisTheme.objects.filter(field__project=project).count(),
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
