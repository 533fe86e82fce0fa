"""Old import path of analysis.narrative.selectors, kept only for reports/snapshot.py (owned
elsewhere) until it imports from there. Delete it then."""

from .narrative.selectors import ranking

__all__ = ["ranking"]
