"""Permission matrix rows for publication, the college's vaststelling and the files of a
final version, and the reader's choice of publication mails."""

from tests.matrix_helpers import logged_in, row, tenant
from tests.matrix_reports import _reports

ROWS = {
    # A page with the form; an empty POST shows it again with the messages (200).
    "reports:publish": (_reports(version_uuid=1), row(tenant(200, 403), tenant(200, 403))),
    # The matrix version is a concept of the analysis: the college's form is offered.
    "reports:finalize": (_reports(version_uuid=1), row(tenant(200, 403), tenant(200, 403))),
    # Only a POST; on a concept it says so and goes back to the version (302).
    "reports:final_files": (_reports(version_uuid=1), row(tenant(405, 403), tenant(302, 403))),
    # Everyone logged in sets their own choice; a GET is not offered.
    "accounts:publication_mails": (lambda w: {}, row(logged_in(405), logged_in(302))),
}
