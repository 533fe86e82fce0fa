"""Permission-matrix rows for the undo endpoints of issue 17 (merged into
tests/test_permission_matrix.py). Only editors may undo; readers get 403, another gemeente's
members 404. The rows' removed member and section were removed by nobody in particular, so
an editor's POST is refused with a message and redirected (302); tests/kernbeleid/test_undo.py
covers the undo itself.

The confirmation pages live at the existing destructive URLs (GET, or a POST without the
confirmation, shows the question): their rows are in the matrix files of those URLs."""

from django.utils import timezone

from tests.matrix_helpers import row, tenant


def _removed_member(world):
    from kernbeleid.constants import Organisation
    from kernbeleid.models import WerkgroepMember

    member = WerkgroepMember.with_removed.create(
        project=world.project,
        name="Agent Jansen",
        organisation=Organisation.POLITIE,
        removed_at=timezone.now(),
    )
    return {
        "gemeente_slug": world.gemeente.slug,
        "project_uuid": world.project.uuid,
        "member_uuid": member.uuid,
    }


def _removed_section(world):
    from reports.constants import SectionSource
    from reports.models import ReportStructure, StructureChoice, StructureSection

    structure, _ = ReportStructure.objects.get_or_create(
        name="Eigen indeling", document="analyse", gemeente=world.gemeente
    )
    StructureChoice.objects.update_or_create(
        project=world.project, document="analyse", defaults={"structure": structure}
    )
    section = StructureSection.with_removed.create(
        structure=structure,
        position=1,
        title="Voorwoord",
        source=SectionSource.FIXED,
        removed_at=timezone.now(),
    )
    return {
        "gemeente_slug": world.gemeente.slug,
        "project_uuid": world.project.uuid,
        "document": "analyse",
        "section_uuid": section.uuid,
    }


ROWS = {
    "kernbeleid:werkgroep_undo": (_removed_member, row(tenant(405, 403), tenant(302, 403))),
    "reports:section_undo": (_removed_section, row(tenant(405, 403), tenant(302, 403))),
}
