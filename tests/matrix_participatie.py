"""Permission-matrix rows for participatie in the veiligheidsanalyse (issue 14; merged into
tests/test_permission_matrix.py). Editors read, record, change and remove; raadsleden and
partners get 403 (live pages, not published to them); another gemeente's members 404.

An empty POST from an editor: the add and edit forms show their errors (200); removing
(after the confirmation page) redirects (302); the list only shows (405)."""

import datetime

from tests.matrix_helpers import row, tenant


def _participatie(**extra):
    """Kwargs for a participatie page; builds the participation a URL needs (once per test)."""

    def build(world):
        from analysis.narrative import participation as services
        from analysis.narrative import services as va_services

        project = world.project
        va_services.analysis_ensure(project=project)
        values = {}
        if "participation_uuid" in extra:
            values["participation_uuid"] = services.participation_create(
                actor=None,
                project=project,
                method="wijkschouw",
                title="Wijkschouw centrum",
                held_on=datetime.date(2025, 3, 12),
                reach=20,
                main_points="Donkere steegjes",
            ).uuid
        return {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid} | values

    return build


ROWS = {
    "analysis:va_participatie": (_participatie(), row(tenant(200, 403), tenant(405, 403))),
    "analysis:va_participatie_add": (_participatie(), row(tenant(200, 403), tenant(200, 403))),
    "analysis:va_participatie_edit": (
        _participatie(participation_uuid=1),
        row(tenant(200, 403), tenant(200, 403)),
    ),
    "analysis:va_participatie_delete": (
        _participatie(participation_uuid=1),
        row(tenant(200, 403), tenant(302, 403)),
    ),
}
