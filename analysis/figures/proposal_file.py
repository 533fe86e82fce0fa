"""A mapping proposal written as a mapping file (the format of `mapping.py`), for an adviseur
to review in an editor: each certainty and reason is a comment, and so is every catalogue
indicator the proposal left unmapped. Loaded back, the comments vanish and the file is an
ordinary mapping."""

import yaml

from ..catalogue import catalogue_indicators

_COLUMNS = ("weight", "wijk", "respondent_id")


def proposal_as_yaml(suggestion: dict, *, variables: list[dict] = (), source: str = "") -> str:
    """suggestion: what `suggest_mapping` returns; variables (optional) adds each mapped
    variable's label to its comment; source names the file in the heading."""
    proposal = suggestion.get("proposal") or {}
    labels = {variable["name"]: variable.get("label") or "" for variable in variables}
    lines = _heading(source)
    if suggestion.get("name"):
        lines.append(f"name: {_flow(suggestion['name'])}")
    for role in _COLUMNS:
        value = suggestion.get(role) or ""
        lines.append(f"{role}: {_flow(value)}  # {_column_note(value, proposal.get(role))}")
        if role == "wijk" and suggestion.get("wijk_labels"):
            lines.append(f"wijk_labels: {_flow(suggestion['wijk_labels'])}")
    codes = list(suggestion.get("missing_codes") or [])
    note = "uit het koppelsjabloon" if codes else "geen voor het hele bestand"
    lines.append(f"missing_codes: {_flow(codes)}  # {note}; per indicator: missing_codes")
    indicators = suggestion.get("indicators") or {}
    lines.append("indicators:" if indicators else "indicators: {}  # niets gevonden")
    notes = proposal.get("indicators") or {}
    for code, spec in indicators.items():
        lines.append(f"  # {_indicator_note(notes.get(code), labels.get(spec.get('variable')))}")
        lines.append(f"  {_flow(code)}: {_flow(spec)}")
    lines += _unmapped(proposal.get("unmapped") or {})
    return "\n".join(lines) + "\n"


def proposal_summary(suggestion: dict) -> list[str]:
    """A few Dutch lines on what the proposal found, for the command line."""
    proposal = suggestion.get("proposal") or {}
    chosen = len(suggestion.get("indicators") or {})
    total = chosen + len(proposal.get("unmapped") or {})
    columns = []
    for role, word in (
        ("weight", "weegfactor"),
        ("wijk", "wijk"),
        ("respondent_id", "respondentnummer"),
    ):
        value = suggestion.get(role)
        columns.append(f"{word} '{value}'" if value else f"{word} niet gevonden")
    lines = [f"{chosen} van {total} indicatoren voorgesteld; {', '.join(columns)}."]
    if not suggestion.get("weight"):
        lines.append("Vul de kolom met de weegfactor in: zonder weging wordt niets berekend.")
    if total > chosen:
        lines.append(
            f"{total - chosen} indicatoren niet gekoppeld: zie de opmerkingen onderaan het bestand."
        )
    return lines


def _heading(source: str) -> list[str]:
    about = f" voor {_one_line(source)}" if source else ""
    return [
        f"# Koppelvoorstel{about}, gemaakt door Integraal uit de variabelelabels, de",
        "# waardelabels en de catalogus. Controleer het voor u het gebruikt met",
        "# `import_survey ... --mapping DIT_BESTAND`. Bij elk voorstel staan de zekerheid (0-1)",
        "# en de reden. Voorstellen met een zekerheid onder 0,7 zijn niet ingevuld; ze staan",
        "# onderaan, met de beste kandidaat.",
    ]


def _column_note(value: str, note: dict | None) -> str:
    if not note:
        return "opgegeven" if value else "niet gevonden: vul de kolom in"
    text = f"zekerheid {_certainty(note)}: {_one_line(note.get('reason', ''))}"
    return text if value else f"niet ingevuld, {text}"


def _indicator_note(note: dict | None, label: str | None) -> str:
    text = f"zekerheid {_certainty(note)}: {_one_line(note.get('reason', ''))}" if note else ""
    text = text or "opgegeven"
    return f"{text} (label: “{_one_line(label)}”)" if label else text


def _unmapped(unmapped: dict) -> list[str]:
    if not unmapped:
        return []
    names = {indicator.code: indicator.name for indicator in catalogue_indicators()}
    lines = ["", "# Niet gekoppeld (zekerheid onder 0,7, of geen passende variabele):"]
    for code, note in unmapped.items():
        found = (
            f"kandidaat {note['variable']}, zekerheid {_certainty(note)}: "
            if note.get("variable")
            else ""
        )
        lines.append(
            f"#   {code} ({_one_line(names.get(code, code))}): "
            f"{found}{_one_line(note.get('reason', ''))}"
        )
    return lines


def _certainty(note: dict) -> str:
    return f"{float(note.get('certainty', 0)):.2f}".replace(".", ",")


def _one_line(text) -> str:
    return " ".join(str(text or "").split())


def _flow(value) -> str:
    """One YAML value on one line, quoted where YAML needs it."""
    text = yaml.safe_dump(
        value, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10**9
    )
    return text.removesuffix("\n").removesuffix("\n...").strip()
