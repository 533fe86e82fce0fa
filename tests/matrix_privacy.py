"""Permission-matrix rows for the privacy of respondent files (issue 14): deleting a raw file
now, the privacy statement, and the platform-staff pages that export and erase a gemeente.

The matrix personas are tenant users: the platform pages are 404 for every one of them
(they do not exist for a gemeente's members), anonymous users are sent to the login. Staff
access is tested in tests/projects/test_privacy_pages.py."""

from tests.matrix_helpers import logged_in, row, tenant


def _run(world):
    from analysis.figures.services import survey_import_now
    from analysis.models import ImportRun
    from tests.analysis.conftest import MAPPING, csv_upload

    run = ImportRun.objects.filter(gemeente=world.project.gemeente).first()
    if run is None:
        world.project.min_n, world.project.warn_n = 1, 3
        world.project.save()
        run = survey_import_now(
            actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=MAPPING
        )
    return {
        "gemeente_slug": world.gemeente.slug,
        "project_uuid": world.project.uuid,
        "run_uuid": run.uuid,
    }


def _platform(**extra):
    def build(world):
        return {"cbs_code": world.gemeente.cbs_code} | extra

    return build


ROWS = {
    # GET: the confirmation page; POST: deleted, back to the import page.
    "analysis:import_file_delete": (_run, row(tenant(200, 403), tenant(302, 403))),
    "projects:privacy": (lambda w: {}, row(logged_in(200), logged_in(405))),
    "projects:gemeente_privacy": (
        lambda w: {"gemeente_slug": w.gemeente.slug},
        row(tenant(200, 200), tenant(405, 403)),
    ),
    "projects:platform_gemeenten": (lambda w: {}, row(logged_in(404), logged_in(404))),
    "projects:platform_gemeente_end": (_platform(), row(logged_in(404), logged_in(404))),
    "projects:platform_export_download": (
        _platform(name="GM0363-20260101-000000-abcdef12.zip"),
        row(logged_in(404), logged_in(404)),
    ),
    "projects:platform_export_delete": (
        _platform(name="GM0363-20260101-000000-abcdef12.zip"),
        row(logged_in(404), logged_in(404)),
    ),
}
