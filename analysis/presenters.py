"""Old import path of analysis.figures.presenters, kept only for reports/snapshot.py (owned
elsewhere) until it imports from there. Delete it then."""

from .figures.presenters import interval, shown, trend_svg

__all__ = ["interval", "shown", "trend_svg"]
