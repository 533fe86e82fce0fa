"""Old import path of analysis.narrative.services, kept only for reports/snapshot.py,
tests/factories.py and tests/kernbeleid (owned elsewhere) until they import from there.
Delete it then."""

from .narrative.services import analysis_ensure

__all__ = ["analysis_ensure"]
