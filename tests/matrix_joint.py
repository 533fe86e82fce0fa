"""Permission-matrix rows for joint plans (issue 19; merged into tests/test_permission_matrix.py).

The plan's gemeenten page: editors see it (200; an empty POST shows the form again), readers
403, others 404. Withdrawing an invitation is a POST of the lead's editors (302). Answering an
invitation is for an ambtenaar of the invited gemeente only: the bureau's adviseur gets 403 from
the service, readers 403 from the resolver. Leaving asks first (200 on GET and on a POST
without the confirmation).

Lead, participant and outsider of a real joint plan, on every project URL, are in
tests/test_joint_matrix.py.
"""

from tests.matrix_helpers import row, tenant


def _plan(world):
    return {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}


def _withdraw(world):
    from projects.models import ProjectParticipant

    invitation, _ = ProjectParticipant.objects.get_or_create(
        project=world.project, gemeente=world.other
    )
    return _plan(world) | {"participant_uuid": invitation.uuid}


def _invitation(status):
    """The world's gemeente invited to (or in) the other gemeente's plan."""

    def build(world):
        from projects.models import ProjectParticipant

        world.other_project.joint = True
        world.other_project.save()
        invitation, _ = ProjectParticipant.objects.get_or_create(
            project=world.other_project, gemeente=world.gemeente, defaults={"status": status}
        )
        return {"gemeente_slug": world.gemeente.slug, "participant_uuid": invitation.uuid}

    return build


ambtenaar_only = tenant(403, 403) | {"ambtenaar": 302}

ROWS = {
    "projects:project_gemeenten": (_plan, row(tenant(200, 403), tenant(200, 403))),
    "projects:participant_withdraw": (_withdraw, row(tenant(405, 403), tenant(302, 403))),
    "projects:invitation_accept": (
        _invitation("uitgenodigd"),
        row(tenant(405, 403), ambtenaar_only),
    ),
    "projects:invitation_decline": (
        _invitation("uitgenodigd"),
        row(tenant(405, 403), ambtenaar_only),
    ),
    "projects:participation_leave": (
        _invitation("deelnemer"),
        row(tenant(200, 403), tenant(200, 403)),
    ),
}


def _joint_plan(world):
    """The world's project as a joint plan that Diemen joined."""
    from projects.models import ProjectParticipant
    from tests.factories import gemeente

    world.project.joint = True
    world.project.save()
    ProjectParticipant.objects.get_or_create(
        project=world.project, gemeente=gemeente("GM0384"), defaults={"status": "deelnemer"}
    )
    return _plan(world)


# The plan area (only a joint plan has one): editors see it, an empty POST shows the form
# again; readers 403.
ROWS["analysis:plan_area"] = (_joint_plan, row(tenant(200, 403), tenant(200, 403)))
