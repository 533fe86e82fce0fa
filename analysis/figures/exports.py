"""Tables to CSV and XLSX, safe to open in a spreadsheet.

A text cell starting with =, +, -, @, tab or carriage return would be read as a formula by
Excel or LibreOffice (CSV/formula injection): such text gets a leading apostrophe. Numbers stay
numbers.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from numbers import Number

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Number):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(
    header: Sequence[str], rows: Iterable[Sequence], *, full_precision: bool = False
) -> bytes:
    """UTF-8 with BOM and ';' with decimal point: Excel-NL opens it without a wizard.

    Floats get 6 significant digits, or with `full_precision` every digit needed to read
    back the very same float (for analysts who recompute from the export)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([_csv_value(safe_cell(value), full_precision) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value, full_precision: bool = False):
    if isinstance(value, float) and full_precision:
        return repr(value)
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) >= 1e-4 or value == 0 else f"{value:.3e}"
    return value


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31] or "Tabel"
    sheet.append([safe_cell(name) for name in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
