"""Ids read from the query string (and free-text path segments) of the analysis pages.

A malformed id is a 404 with the Dutch "niet gevonden" page, never an error page. The checks
are strict on purpose and run before any query: int() accepts '²', Arabic-Indic digits, '2_023'
and spaces; PostgreSQL refuses a NUL byte in a string; a number past 64 bits overflows the
database driver. Only what our own links and forms produce passes.
"""

import re

from django.http import Http404

YEAR = re.compile(r"[0-9]{4}")
VERSION = re.compile(r"[0-9]{1,6}")
AREA_CODE = re.compile(r"(GM|WK|BU|EG)[0-9]{4,8}")
WIJK_CODE = re.compile(r"WK[0-9]{6}")
OWN_AREA_CODE = re.compile(r"EG[0-9]{6,8}")  # a kern, wijkgroep or buurtgroep of the gemeente
PROFILE_AREA_CODE = re.compile(r"WK[0-9]{6}|EG[0-9]{6,8}")  # a wijk or an own area
INDICATOR_CODE = re.compile(r"[A-Za-z0-9_-]{1,80}")
THEME_CODE = re.compile(r"[A-Za-z0-9.]{1,10}")


def well_formed(value: str, pattern: re.Pattern, message: str) -> str:
    """The value itself, or a 404 when it does not match the pattern as a whole."""
    if not pattern.fullmatch(value):
        raise Http404(message)
    return value


def query_id(request, name: str, pattern: re.Pattern, message: str) -> str | None:
    """A query-string id: None when absent or empty, else the well-formed value (or 404)."""
    value = request.GET.get(name, "")
    if value == "":
        return None
    return well_formed(value, pattern, message)


def query_number(request, name: str, pattern: re.Pattern, message: str) -> int | None:
    value = query_id(request, name, pattern, message)
    return None if value is None else int(value)
