"""Permission matrix rows for the raadsvoorstel pages (kernbeleid, editing roles only) and the
griffie bundle of a raadsvoorstel version (reports): editors; a raadslid once published to the
raad (the matrix version is not: 404); partners never (403 on POST, 404 on an unseen version)."""

from tests.matrix_helpers import ANON_LOGIN, row, tenant


def _project(**extra):
    def build(world) -> dict:
        return {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid} | extra

    return build


def _bundle(world) -> dict:
    """A raadsvoorstel version in a project of its own, so the other rows' "first version of
    the world's project" stays theirs."""
    from reports.constants import DocumentKind
    from reports.models import ReportVersion
    from reports.services import version_for
    from tests.factories import ProjectFactory

    version = ReportVersion.objects.filter(
        project__gemeente=world.gemeente, document=DocumentKind.RAADSVOORSTEL
    ).first()
    if version is None:
        project = ProjectFactory(gemeente=world.gemeente, name="Raadsvoorstel matrix")
        version = version_for(
            actor=None, project=project, document=DocumentKind.RAADSVOORSTEL, part="9"
        )
    return {
        "gemeente_slug": world.gemeente.slug,
        "project_uuid": version.project.uuid,
        "version_uuid": version.uuid,
    }


ROWS = {
    "kernbeleid:raadsvoorstel_list": (_project(), row(tenant(200, 403), tenant(405, 403))),
    # An empty form is valid (every part may stay empty): saved, back to the page.
    "kernbeleid:raadsvoorstel": (
        _project(occasion="9"),
        row(tenant(200, 403), tenant(302, 403)),
    ),
    "kernbeleid:raadsvoorstel_redraft": (
        _project(occasion="9"),
        row(tenant(405, 403), tenant(302, 403)),
    ),
    # Without a draft: a message, back to the page.
    "kernbeleid:raadsvoorstel_adopt": (
        _project(occasion="9"),
        row(tenant(405, 403), tenant(302, 403)),
    ),
    "kernbeleid:raadsvoorstel_version": (
        _project(occasion="9"),
        row(tenant(405, 403), tenant(302, 403)),
    ),
    # GET shows what the bundle holds; POST downloads it (audited).
    "reports:griffie_bundle": (
        _bundle,
        row(
            tenant(200, 404),
            {
                "adviseur": 200,
                "ambtenaar": 200,
                "raadslid": 404,
                "partner": 403,
                "outsider": 404,
                "anonymous": ANON_LOGIN,
            },
        ),
    ),
}
