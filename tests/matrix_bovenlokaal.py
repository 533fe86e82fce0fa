"""Permission-matrix rows for the kadernota's bovenlokale kaders, a goal's budget and a
theme's coverage (issue 13; merged into tests/test_permission_matrix.py). Editors read and
change; raadsleden and partners get 403 (live drafts, not published to them); another
gemeente's members 404.

An empty POST from an editor: the add and edit forms show their errors (200); the budget of
a goal may be empty (302); moving and removing redirect (302); a coverage without a choice
is refused on the structure page, with what was typed (200)."""

from tests.matrix_helpers import row, tenant


def _kadernota(**extra):
    """Kwargs for a kadernota page; builds the object a URL needs (once per test)."""

    def build(world):
        from kernbeleid.constants import BovenlokaalNiveau
        from kernbeleid.models import BovenlokalePrioriteit, Goal

        project = world.project
        values = {}
        if "prioriteit_uuid" in extra:
            values["prioriteit_uuid"] = BovenlokalePrioriteit.objects.create(
                project=project,
                niveau=BovenlokaalNiveau.RIEC,
                title="Ondermijning",
                source="Jaarplan RIEC 2025",
            ).uuid
        if "goal_uuid" in extra or "theme_uuid" in extra:
            from analysis.models import AnalysisTheme
            from analysis.narrative import services as va_services

            va_services.analysis_ensure(project=project)
            theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
            if "theme_uuid" in extra:
                values["theme_uuid"] = theme.uuid
            if "goal_uuid" in extra:
                values["goal_uuid"] = Goal.objects.create(
                    project=project, theme=theme, description="Minder onveiligheidsgevoel"
                ).uuid
        return {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid} | values

    return build


ROWS = {
    "kernbeleid:bovenlokaal": (_kadernota(), row(tenant(200, 403), tenant(200, 403))),
    "kernbeleid:bovenlokaal_edit": (
        _kadernota(prioriteit_uuid=1),
        row(tenant(200, 403), tenant(200, 403)),
    ),
    # GET, and a POST without the confirmation: the question (tests/matrix_confirm.py).
    "kernbeleid:bovenlokaal_remove": (
        _kadernota(prioriteit_uuid=1),
        row(tenant(200, 403), tenant(200, 403)),
    ),
    "kernbeleid:bovenlokaal_up": (
        _kadernota(prioriteit_uuid=1),
        row(tenant(405, 403), tenant(302, 403)),
    ),
    "kernbeleid:bovenlokaal_down": (
        _kadernota(prioriteit_uuid=1),
        row(tenant(405, 403), tenant(302, 403)),
    ),
    # An empty coverage form is refused: the structure page again, with the message (200).
    "analysis:va_theme_coverage": (
        _kadernota(theme_uuid=1),
        row(tenant(405, 403), tenant(200, 403)),
    ),
    "kernbeleid:goal_budget": (
        _kadernota(goal_uuid=1),
        row(tenant(405, 403), tenant(302, 403)),
    ),
}
