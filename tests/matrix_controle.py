"""Permission matrix rows for the raad's controle (kernbeleid.workflow.controle_views).

Editors write; raadsleden read their own controle record (GET 200) and may not post (403);
partners see none of it (403); outsiders get 404. Empty POSTs by editors show the form with
its errors (200) or, for questions, answers and moties of a year whose kennisname is not
recorded yet, go back to the year page with a message (302).
"""

from tests.matrix_helpers import row, tenant


def _controle(with_year: bool = False):
    def build(world):
        kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
        if with_year:
            from kernbeleid.models import CollegeBesluit

            CollegeBesluit.objects.get_or_create(
                project=world.project,
                year=2027,
                defaults={"date": "2026-11-10", "number": "B&W 2027-031"},
            )
            kwargs["year"] = 2027
        return kwargs

    return build


def readers(status: int) -> dict:
    """Editors and raadsleden get `status`; partners 403."""
    return tenant(status, status) | {"partner": 403}


ROWS = {
    "kernbeleid:controle": (_controle(), row(readers(200), tenant(200, 403))),
    "kernbeleid:controle_year": (_controle(True), row(readers(200), tenant(405, 403))),
    "kernbeleid:controle_kennisname": (_controle(True), row(readers(405), tenant(200, 403))),
    "kernbeleid:controle_vraag_add": (_controle(True), row(readers(405), tenant(302, 403))),
    "kernbeleid:controle_vraag_answer": (
        _controle(True),
        row(readers(405), tenant(302, 403)),
    ),
    "kernbeleid:controle_motie_add": (_controle(True), row(readers(405), tenant(302, 403))),
    "kernbeleid:controle_besluit_edit": (_controle(True), row(tenant(200, 403), tenant(200, 403))),
    # The besluit has no document: members who may read get 404 too.
    "kernbeleid:controle_document": (_controle(True), row(readers(404), tenant(405, 403))),
}
