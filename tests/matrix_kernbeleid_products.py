"""Permission-matrix rows for the pages of what each Kernbeleid step produces (merged into
tests/test_permission_matrix.py). Editors read and change; raadsleden and partners get 403 (these
are live drafts, not published to them); outsiders 404.

An empty POST from an editor: forms with required fields show their errors (200); forms whose
fields may all be empty save (302); POST-only endpoints redirect (302) or show the page with
the errors (200)."""

from datetime import date

from tests.matrix_helpers import row, tenant


def _products(**extra):
    """Kwargs for a product page; builds the object a URL needs (once per test)."""

    def build(world):
        from kernbeleid.constants import Organisation
        from kernbeleid.models import Action, Goal, Meeting, WerkgroepMember

        project = world.project
        values = {}
        if "member_uuid" in extra:
            values["member_uuid"] = WerkgroepMember.objects.create(
                project=project, name="Agent Jansen", organisation=Organisation.POLITIE
            ).uuid
        if "meeting_uuid" in extra:
            values["meeting_uuid"] = Meeting.objects.create(
                project=project, date=date(2026, 3, 2), title="Startbijeenkomst"
            ).uuid
        if "goal_uuid" in extra:
            from analysis.models import AnalysisTheme
            from analysis.narrative import services as va_services

            va_services.analysis_ensure(project=project)
            theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
            values["goal_uuid"] = Goal.objects.create(
                project=project, theme=theme, description="Minder onveiligheidsgevoel"
            ).uuid
        if "action_uuid" in extra:
            values["action_uuid"] = Action.objects.create(
                project=project, year=project.period_start, title="Buurtpreventie", owner="Jan"
            ).uuid
        return {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid} | values

    return build


ROWS = {
    "kernbeleid:startnotitie": (_products(), row(tenant(200, 403), tenant(302, 403))),
    "kernbeleid:werkgroep": (_products(), row(tenant(200, 403), tenant(200, 403))),
    # GET, and a POST without the confirmation: the question (tests/matrix_confirm.py).
    "kernbeleid:werkgroep_remove": (
        _products(member_uuid=1),
        row(tenant(200, 403), tenant(200, 403)),
    ),
    "kernbeleid:meetings": (_products(), row(tenant(200, 403), tenant(200, 403))),
    "kernbeleid:meeting_edit": (
        _products(meeting_uuid=1),
        row(tenant(200, 403), tenant(200, 403)),
    ),
    # One URL per action: the page reads, each form posts to its own URL.
    "kernbeleid:beleidsvragen": (_products(), row(tenant(200, 403), tenant(405, 403))),
    # Nothing sent changes nothing: "niets gewijzigd" and back to the page.
    "kernbeleid:beleidsvragen_answer": (_products(), row(tenant(405, 403), tenant(302, 403))),
    # An empty question shows the form with its errors.
    "kernbeleid:beleidsvraag_add": (_products(), row(tenant(405, 403), tenant(200, 403))),
    "kernbeleid:kadernota": (_products(), row(tenant(200, 403), tenant(302, 403))),
    # Without priorities an editor's goal is refused with a message and a redirect.
    "kernbeleid:goal_add": (_products(), row(tenant(405, 403), tenant(302, 403))),
    # GET, and a POST without the confirmation: the question (tests/matrix_confirm.py).
    "kernbeleid:goal_remove": (
        _products(goal_uuid=1),
        row(tenant(200, 403), tenant(200, 403)),
    ),
    "kernbeleid:draagvlak": (_products(), row(tenant(200, 403), tenant(302, 403))),
    "kernbeleid:uitvoeringsprogramma": (
        _products(),
        row(tenant(200, 403), tenant(200, 403)),
    ),
    "kernbeleid:action_edit": (
        _products(action_uuid=1),
        row(tenant(200, 403), tenant(200, 403)),
    ),
    "kernbeleid:action_progress": (
        _products(action_uuid=1),
        row(tenant(405, 403), tenant(200, 403)),
    ),
}
