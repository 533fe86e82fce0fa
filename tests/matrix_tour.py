"""Permission-matrix rows for the help pages and the first-run tour (issue 17): every
logged-in user reads the help and closes or reopens their own panel; anonymous users are
sent to the login."""

from tests.matrix_helpers import logged_in, row

ROWS = {
    "help:index": (lambda w: {}, row(logged_in(200), logged_in(405))),
    "help:method": (lambda w: {}, row(logged_in(200), logged_in(405))),
    # POST: closed or reopened, back to the page it came from.
    "help:tour_close": (lambda w: {}, row(logged_in(405), logged_in(302))),
    "help:tour_reopen": (lambda w: {}, row(logged_in(405), logged_in(302))),
}
