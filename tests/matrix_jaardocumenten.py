"""Permission matrix rows for the yearly documents: the page for a year's texts and the
paragraaf veiligheid download. Editing roles only; readers 403, others 404."""

from tests.matrix_helpers import row, tenant


def _year(world) -> dict:
    return {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, "year": 2027}


def _paragraph(world) -> dict:
    return _year(world) | {"variant": "begroting", "fmt": "xlsx"}


ROWS = {
    # An empty post changes nothing and returns to the page (302).
    "kernbeleid:jaardocumenten": (_year, row(tenant(200, 403), tenant(302, 403))),
    "reports:begroting_paragraph": (_paragraph, row(tenant(200, 403), tenant(405, 403))),
}
