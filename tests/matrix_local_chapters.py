"""Permission-matrix rows for the local chapters of a joint plan (issue 19, item 3; merged
into tests/test_permission_matrix.py).

The world's project becomes a joint plan that Diemen joined. Editors write their own
gemeente's chapter (200; an empty POST saves an empty chapter and redirects), readers 403,
others 404.
"""

from tests.matrix_helpers import row, tenant


def _chapter(world):
    from projects.models import ProjectParticipant
    from tests.factories import gemeente

    world.project.joint = True
    world.project.save()
    ProjectParticipant.objects.get_or_create(
        project=world.project, gemeente=gemeente("GM0384"), defaults={"status": "deelnemer"}
    )
    return {
        "gemeente_slug": world.gemeente.slug,
        "project_uuid": world.project.uuid,
        "document": "kadernota",
    }


ROWS = {
    "kernbeleid:local_chapter": (_chapter, row(tenant(200, 403), tenant(302, 403))),
}
