"""Permission-matrix rows for the besloten bijlage (issue 14). The matrix version is a concept
published to nobody, without confidential parts: editors see the page that says so (and an
empty POST is refused on it, 200); raadsleden and partners get 403 for the editors' page and
404 for the download (the version is not theirs); there is no bijlage to download, so
editors get 404 too. Another gemeente's members get 404."""

from tests.matrix_helpers import row, tenant
from tests.matrix_reports import _reports

ROWS = {
    "reports:annex": (_reports(version_uuid=1), row(tenant(200, 403), tenant(200, 403))),
    "reports:annex_download": (
        _reports(version_uuid=1),
        row(tenant(404, 404), tenant(405, 403)),
    ),
}
