"""Permission matrix rows for the traject pages (kernbeleid.workflow.views)."""

from tests.matrix_helpers import row, tenant


def _traject(**extra):
    def build(world):
        from kernbeleid.models import RaadDecision

        kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
        if "decision_uuid" in extra:
            decision = RaadDecision.objects.filter(project=world.project).first()
            if decision is None:
                decision = RaadDecision.objects.create(
                    project=world.project,
                    step=1,
                    date="2026-01-01",
                    number="RB-1",
                    outcome="aangenomen",
                )
            kwargs["decision_uuid"] = decision.uuid
        return kwargs

    return build


ROWS = {
    "kernbeleid:timeline": (_traject(), row(tenant(200, 403), tenant(405, 403))),
    # Empty POSTs: the form is refused with a message and the page redirects back.
    "kernbeleid:advance": (_traject(), row(tenant(405, 403), tenant(302, 403))),
    "kernbeleid:send_back": (_traject(), row(tenant(405, 403), tenant(302, 403))),
    "kernbeleid:decision_record": (_traject(), row(tenant(405, 403), tenant(200, 403))),
    # The decision has no document: members get 404 too.
    "kernbeleid:decision_document": (
        _traject(decision_uuid=True),
        row(tenant(404, 404), tenant(405, 403)),
    ),
    "kernbeleid:planning": (_traject(), row(tenant(405, 403), tenant(302, 403))),
    "kernbeleid:light_route": (_traject(), row(tenant(405, 403), tenant(302, 403))),
}
