"""Old import path of analysis.figures.constants and analysis.narrative.constants, kept only
for reports/snapshot.py (owned elsewhere) until it imports from there. Delete it then."""

from .figures.constants import AreaKind
from .narrative.constants import THEME_TEXTS

__all__ = ["AreaKind", "THEME_TEXTS"]
