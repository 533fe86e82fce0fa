"""Passing through the preview step in tests that are about what comes after it.

The preview is checked as a user would: the run must be waiting for it, and only flags the
test names with a reason are confirmed; any other flag makes `store_preview` fail, so a test
that expects plain figures notices when they are flagged.
"""

from django.test import TestCase
from django.urls import reverse

from analysis.figures.constants import ImportStatus


def _url(world, name, run):
    return reverse(
        f"analysis:{name}",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "run_uuid": run.uuid,
        },
    )


def store_preview(client, world, run, *, reasons: dict[str, str] | None = None):
    """Read the preview page, confirm the named flags, press "Opslaan" and run the storing."""
    run.refresh_from_db()
    assert run.status == ImportStatus.PREVIEW, (run.status, run.message)
    page = client.get(_url(world, "import_detail", run)).content.decode()
    assert "Controleren voor opslaan" in page
    for code, reason in (reasons or {}).items():
        response = client.post(
            _url(world, "import_flag", run), {"indicator": code, "reason": reason}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    run.refresh_from_db()
    flagged = {row["code"] for row in run.preview["rows"] if row["flags"]}
    assert flagged == set(reasons or {}), f"flags in the preview: {flagged}"
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(_url(world, "import_store", run))
    assert response.status_code == 302
    run.refresh_from_db()
    return response
