"""Old import path of analysis.figures.services, kept only for tests/kernbeleid (owned
elsewhere) until they import from there. Delete it then."""

from .figures.services import survey_import_now

__all__ = ["survey_import_now"]
