"""Helpers to write rows of the permission matrix (tests/test_permission_matrix.py).

A module `tests/matrix_<name>.py` that defines `ROWS = {url name: (kwargs builder, statuses)}`
is merged into the matrix, so an app's URLs can be listed beside its tests.
"""

from .conftest import PERSONAS

ANON_LOGIN = 302


def row(get: dict | int, post: dict | int) -> dict:
    def expand(spec):
        return dict.fromkeys(PERSONAS, spec) if isinstance(spec, int) else spec

    return {"GET": expand(get), "POST": expand(post)}


def tenant(editors: int, readers: int, *, outsider: int = 404) -> dict:
    """Statuses for a view under /g/<gemeente>/."""
    return {
        "adviseur": editors,
        "ambtenaar": editors,
        "raadslid": readers,
        "partner": readers,
        "outsider": outsider,
        "anonymous": ANON_LOGIN,
    }


def logged_in(status: int, anonymous: int = ANON_LOGIN, **overrides: int) -> dict:
    row = dict.fromkeys(PERSONAS, status) | {"anonymous": anonymous}
    return row | overrides
