"""Opening a page never writes: every URL of the permission matrix, as every persona, by GET,
leaves the row count of every table as it was.

Rows a page needs are made when their parent is made (a project gets its traject, analysis
structure, beleidsvragen and report structures when it is created); a GET that creates them
anyway surprises everyone and races with itself.
"""

from django.db import connection
from django.urls import reverse

from .conftest import PERSONAS
from .factories import ProjectFactory
from .test_permission_matrix import MATRIX

# The session table changes on any request that touches the session (last activity, messages):
# that is the framework keeping the login alive, not a page creating content.
NOT_CONTENT = {"django_session"}


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            if table in NOT_CONTENT:
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # names from the database itself
            counts[table] = cursor.fetchone()[0]
    return counts


def test_no_get_request_creates_or_deletes_rows(world):
    # Build every URL first: the builders set up data (an import, a report version).
    urls = {
        name: reverse(name, kwargs=kwargs_for(world)) for name, (kwargs_for, _) in MATRIX.items()
    }
    # The builders above open the world's project on the way; a project nobody opened yet
    # shows whether its pages would create what it lacks.
    fresh = ProjectFactory(gemeente=world.gemeente, current_step=5)
    for name, (kwargs_for, _) in MATRIX.items():
        kwargs = kwargs_for(world)
        if (
            set(kwargs) <= {"gemeente_slug", "project_uuid", "document"}
            and "project_uuid" in kwargs
        ):
            urls[f"{name} (nieuw project)"] = reverse(
                name, kwargs=kwargs | {"project_uuid": fresh.uuid}
            )
    clients = {persona: world.client(persona) for persona in PERSONAS}
    before = _row_counts()
    changed = {}
    for name, url in sorted(urls.items()):
        if name.startswith("accounts:logout"):
            continue  # logging out ends the session by design
        for persona, client in clients.items():
            client.get(url)
            after = _row_counts()
            if after != before:
                changed[f"GET {url} as {persona}"] = {
                    table: (before[table], after.get(table))
                    for table in before
                    if before[table] != after.get(table)
                }
                before = after
    assert changed == {}
