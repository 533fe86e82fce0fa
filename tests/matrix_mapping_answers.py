"""Permission matrix rows for the answers on the mapping page (analysis/figures/mapping_views)."""

from tests.matrix_helpers import row, tenant


def _run(**extra):
    def build(world):
        from analysis.models import ImportRun
        from tests.test_permission_matrix import _with_survey

        run = ImportRun.objects.filter(gemeente=world.project.gemeente).first() or _with_survey(
            world
        )
        kwargs = {
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "run_uuid": run.uuid,
        }
        return kwargs | extra

    return build


ROWS = {
    # A GET that only reads what the reading task stored.
    "analysis:mapping_answers": (
        _run(prefix="ind__voelt_zich_weleens_onveilig"),
        row(tenant(200, 403), tenant(405, 403)),
    ),
    # Keeps what was filled in and shows the page again (here: the import is done already).
    "analysis:mapping_answers_show": (_run(), row(tenant(405, 403), tenant(302, 403))),
}
