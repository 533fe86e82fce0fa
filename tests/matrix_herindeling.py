"""Permission-matrix rows for linking old wijk codes to new ones after a herindeling (issue 15):
editors only, like every figures page; readers get 403, outsiders 404."""

from tests.matrix_helpers import row, tenant


def _project(world):
    return {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}


ROWS = {
    # An empty form comes back with its Dutch messages (200); nothing is stored.
    "analysis:area_links": (_project, row(tenant(200, 403), tenant(200, 403))),
    # An empty delete: a Dutch message, back to the page.
    "analysis:area_link_delete": (_project, row(tenant(405, 403), tenant(302, 403))),
}
