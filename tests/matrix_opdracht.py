"""Permission matrix rows for the analysis-only commission and the outline agreement."""

from tests.matrix_helpers import row, tenant

ANALYSE_ONLY = "Veiligheidsanalyse (matrix)"


def _analyse_only(world) -> dict:
    """An analysis-only project of the world's gemeente (made once per test)."""
    from projects.constants import ProjectScope
    from projects.models import Project
    from tests.factories import ProjectFactory

    project = Project.objects.filter(gemeente=world.gemeente, name=ANALYSE_ONLY).first()
    if project is None:
        project = ProjectFactory(
            gemeente=world.gemeente, name=ANALYSE_ONLY, scope=ProjectScope.ANALYSE
        )
    return {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}


def _outline(world) -> dict:
    return _analyse_only(world) | {"document": "analyse"}


ROWS = {
    # Editors only: the opdracht page lists concept versions; readers change nothing.
    # An empty POST is bad input: the page again, with the form's messages (200).
    "kernbeleid:opdracht": (_analyse_only, row(tenant(200, 403), tenant(200, 403))),
    "kernbeleid:deliver": (_analyse_only, row(tenant(405, 403), tenant(200, 403))),
    # Nothing delivered yet: the refusal is a message on the opdracht page (302).
    "kernbeleid:aftercare_end": (_analyse_only, row(tenant(405, 403), tenant(302, 403))),
    "reports:outline": (_outline, row(tenant(200, 403), tenant(405, 403))),
    "reports:outline_agree": (_outline, row(tenant(405, 403), tenant(200, 403))),
    "reports:outline_propose": (_outline, row(tenant(405, 403), tenant(200, 403))),
}
