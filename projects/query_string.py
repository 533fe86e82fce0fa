"""Ids read from the query string.

A malformed value handed to ``.filter(uuid=...)`` raises ``ValidationError``, which no view
catches: an error page (500) instead of "not found". Parse first; a malformed id is no id.
"""

import uuid

from django.http import HttpRequest


def uuid_from_query_string(request: HttpRequest, name: str) -> uuid.UUID | None:
    """The UUID in ``?<name>=``, or None when it is missing or is not a UUID.

    The caller turns None into its 404 or its Dutch form message.
    """
    try:
        return uuid.UUID(request.GET.get(name, ""))
    except ValueError:
        return None
