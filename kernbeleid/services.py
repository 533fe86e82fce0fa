"""Writes that span the app's parts."""

# The workflow's traject_ensure, where tests/factories.py imports it from.
from .workflow.services import traject_ensure

__all__ = ["traject_ensure"]
