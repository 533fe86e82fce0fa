"""Permission matrix rows for the reports pages."""

from tests.matrix_helpers import ANON_LOGIN, row, tenant


def _reports(**extra):
    def build(world):
        from reports.constants import RenderStatus
        from reports.models import RenderRun, ReportVersion
        from tests.reports.snapshots import section, snapshot

        kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
        version = ReportVersion.objects.filter(project=world.project).first()
        if version is None:
            version = ReportVersion.objects.create(
                project=world.project,
                document="analyse",
                content_hash="x",
                snapshot=snapshot(section("s1", "Samenvatting", [])).to_json(),
                structure_name="VNG-standaard",
            )
            RenderRun.objects.create(
                version=version, format="pdf", variant="pdf/ua-1", status=RenderStatus.FAILED
            )
        values = {
            "version_uuid": version.uuid,
            "run_uuid": version.renders.first().uuid,
            "document": "analyse",
        }
        return kwargs | {key: values[key] for key in extra}

    return build


ROWS = {
    "reports:overview": (_reports(), row(tenant(200, 200), tenant(405, 403))),
    "reports:render": (_reports(), row(tenant(405, 403), tenant(302, 403))),
    "reports:run": (_reports(run_uuid=1), row(tenant(200, 403), tenant(405, 403))),
    # The run failed, so there is no file: 404 for editors too; readers: not published.
    "reports:download": (_reports(run_uuid=1), row(tenant(404, 404), tenant(405, 403))),
    "reports:version": (_reports(version_uuid=1), row(tenant(200, 404), tenant(405, 403))),
    # Everyone who may see the version may comment; readers do not see this one (404).
    "reports:comment": (
        _reports(version_uuid=1),
        row(tenant(405, 405), {**tenant(302, 404), "anonymous": ANON_LOGIN}),
    ),
    # reports:publish and reports:finalize: tests/matrix_publication.py
    "reports:diff": (_reports(), row(tenant(404, 403), tenant(405, 403))),
    # The structure page only reads; each change posts to its own URL.
    "reports:structure": (_reports(document=1), row(tenant(200, 403), tenant(405, 403))),
    **{
        f"reports:{name}": (_reports(document=1), row(tenant(405, 403), tenant(302, 403)))
        for name in (
            "structure_choose",
            "structure_copy",
            "section_add",
            "section_update",
            "section_move",
            "section_remove",  # an empty POST names no section: back with a message
        )
    },
    # GET asks about the section in ?section=; without one there is nothing to ask (404).
    "reports:section_remove": (_reports(document=1), row(tenant(404, 403), tenant(302, 403))),
    "reports:template": (_reports(), row(tenant(405, 403), tenant(302, 403))),
}
