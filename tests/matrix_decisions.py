"""Permission matrix rows for the moties on the traject page (kernbeleid.workflow.views)."""

from tests.matrix_helpers import row, tenant


def _traject(motie=False):
    def build(world):
        from kernbeleid.models import Motie, RaadDecision

        kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
        if motie:
            decision = RaadDecision.objects.filter(project=world.project).first()
            if decision is None:
                decision = RaadDecision.objects.create(
                    project=world.project,
                    step=1,
                    date="2026-01-01",
                    number="RB-1",
                    outcome="aangenomen",
                )
            found = Motie.objects.filter(project=world.project).first()
            if found is None:
                found = Motie.objects.create(
                    project=world.project,
                    step=1,
                    decision=decision,
                    number="M-1",
                    title="Evalueer",
                    text="Verzoekt",
                    outcome="aangenomen",
                    asks_action=True,
                    task_deadline="2027-01-01",
                )
            kwargs["motie_uuid"] = found.uuid
        return kwargs

    return build


ROWS = {
    # An empty POST: the motie form is refused and shown again on the timeline.
    "kernbeleid:motie_add": (_traject(), row(tenant(405, 403), tenant(200, 403))),
    # An empty POST: refused with a message, back to the timeline.
    "kernbeleid:motie_done": (_traject(motie=True), row(tenant(405, 403), tenant(302, 403))),
}
