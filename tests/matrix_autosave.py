"""Permission-matrix rows for autosaved drafts and the one form for all field statuses
(issue 17; merged into tests/test_permission_matrix.py). Editors keep and discard their own
drafts and set the statuses; raadsleden and partners get 403; another gemeente's members 404.

An empty POST from an editor: a draft of empty fields is kept (200); discarding redirects to
the editor (302); the status form without choices shows its errors on the overview (200).
Every URL here takes POST only (405 on GET)."""

from tests.matrix_helpers import row, tenant


def _va(**extra):
    def build(world):
        from analysis.narrative import services as va_services

        va_services.analysis_ensure(project=world.project)
        theme = world.project.analysis_fields.get(code="1").themes.get(code="1.4")
        kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
        return kwargs | ({"theme_uuid": theme.uuid} if extra.get("theme_uuid") else {})

    return build


ROWS = {
    "analysis:va_theme_draft": (
        _va(theme_uuid=1),
        row(tenant(405, 403), tenant(200, 403)),
    ),
    "analysis:va_theme_draft_discard": (
        _va(theme_uuid=1),
        row(tenant(405, 403), tenant(302, 403)),
    ),
    "analysis:va_field_statuses": (_va(), row(tenant(405, 403), tenant(200, 403))),
    "kernbeleid:kadernota_draft": (_va(), row(tenant(405, 403), tenant(200, 403))),
    "kernbeleid:kadernota_draft_discard": (_va(), row(tenant(405, 403), tenant(302, 403))),
}
