"""Permission matrix rows for the yearly cycle pages (kernbeleid.cycle.views)."""

from tests.matrix_helpers import logged_in, row, tenant


def _project(world) -> dict:
    return {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}


ROWS = {
    # Read-only pages for editors (their POSTs reach the view and get 405); readers 403: live data.
    "kernbeleid:goals": (_project, row(tenant(200, 403), tenant(405, 403))),
    "kernbeleid:progress": (_project, row(tenant(200, 403), tenant(405, 403))),
    # Not under a gemeente: everyone logged in sees their own projects' deadlines.
    "kernbeleid:deadlines": (lambda world: {}, row(logged_in(200), logged_in(405))),
}
