"""Permission matrix rows for the evaluation of the previous plan and the actualisatie after
two years (kernbeleid.cycle.plan_views): editing roles only; readers 403 (drafts and internal
planning), others 404. An empty POST redirects back (302) or, for the priorities without an
actualisatie, redirects with a message; nothing is stored for a reader."""

from tests.matrix_helpers import row, tenant


def _project(world) -> dict:
    return {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}


ROWS = {
    "kernbeleid:evaluation": (_project, row(tenant(200, 403), tenant(405, 403))),
    "kernbeleid:evaluation_redraft": (_project, row(tenant(405, 403), tenant(302, 403))),
    "kernbeleid:actualisatie": (_project, row(tenant(200, 403), tenant(405, 403))),
    "kernbeleid:actualisatie_start": (_project, row(tenant(405, 403), tenant(302, 403))),
    "kernbeleid:actualisatie_priorities": (_project, row(tenant(405, 403), tenant(302, 403))),
    "kernbeleid:actualisatie_version": (_project, row(tenant(405, 403), tenant(302, 403))),
    "kernbeleid:actualisatie_raad": (_project, row(tenant(405, 403), tenant(302, 403))),
}
