"""The preview (figures/preview.py) as text: table cells for the page and lines for the command."""

from .charts.formatting import MISSING, format_number
from .missing_report import DECLARED, FILE_WIDE, OWN
from .plausibility import number

SOURCES = {
    DECLARED: "aangemerkt in het bestand",
    OWN: "koppeling van deze indicator",
    FILE_WIDE: "koppeling voor het hele bestand",
}


def _value(value: float | None, unit: str) -> str:
    return MISSING if value is None else number(value, unit)


def estimate_text(row: dict) -> str:
    """ "41,7% ± 4,1" (the margin is half the 95% interval)."""
    shown = _value(row["estimate"], row["unit"])
    if row["estimate"] is None or row["margin"] is None:
        return shown
    return f"{shown} ± {format_number(row['margin'], 1)}"


def reference_text(reference: dict | None, unit: str) -> str:
    if reference is None:
        return MISSING
    text = f"{reference['label']}: {number(reference['value'], unit)}"
    if reference.get("low") is not None and reference.get("high") is not None:
        text += f" ({number(reference['low'], unit)} – {number(reference['high'], unit)})"
    return text


def missing_texts(row: dict) -> list[str]:
    """Per code: "9 weet niet: 2 weggelaten (koppeling voor het hele bestand)"."""
    texts = []
    for applied in row["missing"]:
        code = f"{applied['code']} {applied['label']}".strip()
        sources = ", ".join(SOURCES.get(source, source) for source in applied["sources"])
        texts.append(f"{code}: {applied['removed']} weggelaten ({sources})")
    if row.get("out_of_range"):
        low, high = row["valid_range"]
        texts.append(
            f"buiten {format_number(low, 0)}–{format_number(high, 0)}: "
            f"{row['out_of_range']} weggelaten"
        )
    return texts


def row_cells(row: dict) -> dict:
    return {
        "estimate": estimate_text(row),
        "previous": reference_text(row["previous"], row["unit"]),
        "benchmark": reference_text(row["benchmark"], row["unit"]),
        "missing": missing_texts(row),
    }


def preview_lines(preview: dict) -> list[str]:
    """The preview for the command line: one block per indicator, flagged ones first."""
    wijken = preview["wijken"]
    lines = [
        f"{preview['respondents']} respondenten, {wijken} {'wijk' if wijken == 1 else 'wijken'}, "
        f"{len(preview['rows'])} indicatoren."
    ]
    if preview.get("replaces"):
        lines.append(f"Editie {preview['year']} bestaat al en wordt bij opslaan vervangen.")
    lines.extend(f"Let op: {note}" for note in preview.get("notes", []))
    for row in sorted(preview["rows"], key=lambda row: (not row["flags"], row["name"])):
        cells = row_cells(row)
        lines.append("")
        lines.append(f"{'!' if row['flags'] else ' '} {row['name']}")
        lines.append(
            f"    {cells['estimate']} (n = {row['n']}) · vorige editie {cells['previous']} · "
            f"landelijk {cells['benchmark']}"
        )
        for text in cells["missing"]:
            lines.append(f"    ontbrekend: {text}")
        for flag in row["flags"]:
            lines.append(f"    SIGNAAL: {flag['text']}")
    return lines


def page_rows(preview: dict) -> list[dict]:
    """The rows of the preview table: flagged indicators first, each with its shown cells and
    whether a confirmation covers its flags."""
    confirmed = preview.get("confirmed", {})
    rows = []
    for row in sorted(preview.get("rows", []), key=lambda r: (not r["flags"], r["name"].lower())):
        given = confirmed.get(row["code"])
        rules = {flag["rule"] for flag in row["flags"]}
        covered = given is not None and rules <= set(given.get("rules", []))
        rows.append(
            {
                "row": row,
                "cells": row_cells(row),
                "confirmation": given if covered else None,
                "open": bool(rules) and not covered,
            }
        )
    return rows
