"""Old import path of analysis.figures.selectors, kept only for reports/snapshot.py (owned
elsewhere) until it imports from there. Delete it then."""

from .figures.selectors import (
    benchmark_series,
    indicator_views,
    project_years,
    results_for_project,
)

__all__ = ["benchmark_series", "indicator_views", "project_years", "results_for_project"]
