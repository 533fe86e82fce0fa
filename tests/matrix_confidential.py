"""Permission-matrix rows for the page "Vertrouwelijke onderdelen" (issue 14; merged into
tests/test_permission_matrix.py). Editors read and change the marks; raadsleden and
partners get 403 (the page names what is kept from them); another gemeente's members 404.

An empty POST from an editor: marking without a part or reason shows the page again with
the errors (400); unmarking without a part redirects with a message (302)."""

from tests.matrix_helpers import row, tenant


def _project(world):
    return {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}


ROWS = {
    "reports:confidential": (_project, row(tenant(200, 403), tenant(405, 403))),
    "reports:confidential_mark": (_project, row(tenant(405, 403), tenant(400, 403))),
    "reports:confidential_clear": (_project, row(tenant(405, 403), tenant(302, 403))),
}
