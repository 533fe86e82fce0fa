"""Permission matrix rows for the pages of a gemeente's own survey areas: editors only."""

from tests.matrix_helpers import row, tenant


def _own_areas(**extra):
    def build(world):
        from analysis.figures.services.own_areas import own_area_define
        from analysis.models import Area

        area = Area.objects.filter(gemeente=world.gemeente, kind="wijkgroep").first()
        if area is None:
            area = own_area_define(
                actor=None,
                project=world.project,
                name="Noord",
                kind="wijkgroep",
                members_text="WK036300",
            )
        kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
        return kwargs | {key: area.code for key in extra}

    return build


ROWS = {
    # An empty form comes back with its Dutch messages (200); nothing is stored.
    "analysis:own_areas": (_own_areas(), row(tenant(200, 403), tenant(200, 403))),
    "analysis:own_area_edit": (_own_areas(code=1), row(tenant(200, 403), tenant(200, 403))),
    "analysis:own_area_figures": (_own_areas(), row(tenant(405, 403), tenant(302, 403))),
    # GET, and a POST without the confirmation: the question (tests/matrix_confirm.py).
    "analysis:own_area_delete": (_own_areas(code=1), row(tenant(200, 403), tenant(200, 403))),
}
