"""Permission matrix rows for choosing a project's survey editions: editors only."""

from tests.matrix_helpers import row, tenant


def _project(world):
    return {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}


ROWS = {
    # An empty choice is valid (the project then uses no edition): the POST redirects.
    "analysis:editions_choose": (_project, row(tenant(200, 403), tenant(302, 403))),
}
