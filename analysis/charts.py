"""Old import path of analysis.figures.charts, kept only for reports/snapshot.py (owned
elsewhere) until it imports from there. Delete it then."""

from .figures.charts import MatrixPoint, format_value, priority_matrix_svg

__all__ = ["MatrixPoint", "format_value", "priority_matrix_svg"]
