"""A first mapping suggested from a file's variable names, labels and value labels.

A suggestion is a starting point the user checks; it never imports anything by itself.
"""

import re

from ..catalogue import catalogue_indicators
from .stats import Kind

_WEIGHT = re.compile(r"(weeg|weight|gewicht|wgt|wfactor)", re.I)
_WIJK = re.compile(r"(wijk|district|stadsdeel)", re.I)
_ID = re.compile(r"^(resp(nr|id|ondent)?|id|volgnr|respondentnummer)$", re.I)
_YES = re.compile(r"^(ja|vaak|(heel|zeer) (groot|vaak|tevreden)|tevreden|(helemaal )?eens)\b", re.I)
_MISSING = re.compile(r"weet niet|geen antwoord|wil niet|n\.?v\.?t", re.I)
_STOP = {
    "de",
    "het",
    "een",
    "in",
    "op",
    "van",
    "voor",
    "met",
    "door",
    "en",
    "of",
    "uw",
    "u",
    "zich",
    "weleens",
    "wel",
    "eens",
    "is",
    "er",
    "te",
    "the",
    "bij",
    "om",
}


def _words(text: str) -> set[str]:
    return {
        word
        for word in re.findall(r"[a-zà-ü]+", text.lower())
        if word not in _STOP and len(word) > 2
    }


def suggest_mapping(variables: list[dict]) -> dict:
    """variables: [{name, label, value_labels: {code: label}, numeric: bool, minimum, maximum}]"""
    names = [variable["name"] for variable in variables]
    suggestion: dict = {
        "weight": next((name for name in names if _WEIGHT.search(name)), ""),
        "wijk": next((name for name in names if _WIJK.search(name)), ""),
        "respondent_id": next((name for name in names if _ID.match(name)), ""),
        "missing_codes": [],
        "indicators": {},
    }
    taken = {suggestion["weight"], suggestion["wijk"], suggestion["respondent_id"]}
    # No file-wide missing codes: each indicator takes them from its own variable's value
    # labels (a "weet niet" of 9 elsewhere must not drop every rapportcijfer of 9).
    for indicator in catalogue_indicators():
        if indicator.source != "vm":
            continue
        wanted = _words(indicator.name)
        best, best_score = None, 0.0
        for variable in variables:
            if variable["name"] in taken:
                continue
            found = _words(f"{variable['name']} {variable.get('label', '')}")
            score = len(wanted & found) / max(1, len(wanted))
            if score > best_score:
                best, best_score = variable, score
        if best is None or best_score < 0.6:
            continue
        taken.add(best["name"])
        suggestion["indicators"][indicator.code] = _spec_for(best, indicator.unit)
    return suggestion


def _missing_codes(labels: dict) -> list:
    return [code for code, label in labels.items() if _MISSING.search(str(label))]


def _spec_for(variable: dict, unit: str) -> dict:
    labels = variable.get("value_labels") or {}
    spec = _answers_for(variable, unit, labels)
    if missing := _missing_codes(labels):
        spec["missing_codes"] = missing
    return spec


def _answers_for(variable: dict, unit: str, labels: dict) -> dict:
    if unit != "percent" and variable.get("numeric"):
        low, high = variable.get("minimum"), variable.get("maximum")
        spec = {"variable": variable["name"], "kind": Kind.MEAN}
        if unit == "rapportcijfer_1_10":
            spec["valid_range"] = [1, 10]
        elif unit == "schaalscore_0_10":
            spec["valid_range"] = [0, 10]
        elif low is not None and high is not None and low < high:
            spec["valid_range"] = [low, high]
        return spec
    codes = [
        code
        for code, label in labels.items()
        if _YES.search(str(label)) and not _MISSING.search(str(label))
    ]
    if not codes and labels:
        codes = [next(iter(labels))]
    return {"variable": variable["name"], "kind": Kind.PROPORTION, "codes": codes or [1]}
