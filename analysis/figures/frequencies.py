"""What the mapping page shows of each variable, computed once when the file is read.

`describe_variables` lists every column with its label, its answers and their counts, and for
numbers the minimum, maximum, mean and missing count. `add_weighted_shares` then adds each
answer's weighted share with the weight the proposal chose (the proposal is made from the
description, so the weight is known only after it). Both run in the reading task and are kept
on ImportRun.variables: the page never opens the file, however often it is viewed.

One variable, as stored (JSON):

    name, label, numeric
    value_labels {code: label}, minimum, maximum, distinct   the proposal reads these
    given            respondents with an answer (a code declared missing is an answer here)
    answers          [{code, label, n, missing, share}]; `missing` is "declared" (the file's
                     own user-missing), "label" (the label or text reads "weet niet" and the
                     like) or ""; `share` (after add_weighted_shares) is the weighted fraction
                     of `given`
    other_values     distinct values not listed (beyond LISTED_VALUES, or every value of a
                     numeric column with more distinct values than that)
    numbers          {minimum, maximum, mean, missing[, weighted_mean]} over the answers that
                     are not missing; `missing` counts empty cells and missing codes
    weighted_by      the weight column the shares and the weighted mean used
"""

import re

import numpy as np
import pandas as pd

from .readers import SurveyFile

# Unlabelled values listed per variable; the rest is counted as "en N andere waarden".
LISTED_VALUES = 20
# A text longer than this is an open answer, not a code anyone ticks.
LONGEST_LISTED_TEXT = 200
MISSING_LABEL = re.compile(
    r"weet niet|geen antwoord|wil niet|n\.?v\.?t|niet van toepassing|onbekend|missing", re.I
)


def json_code(value):
    """A code as JSON keeps it: 1.0 -> 1, numpy scalars -> Python."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def describe_variables(survey: SurveyFile) -> list[dict]:
    """Every column of the file, as the mapping page and the proposal need it."""
    return [_describe(survey, name) for name in survey.data.columns]


def _describe(survey: SurveyFile, name: str) -> dict:
    column = survey.data[name]
    numeric = column.dtype.kind in "fiu"
    labels = {
        json_code(code): str(label) for code, label in survey.value_labels.get(name, {}).items()
    }
    counts = _value_counts(column, numeric)
    entry = {
        "name": name,
        "label": survey.variable_labels.get(name, ""),
        "numeric": numeric,
        "value_labels": labels,
        "minimum": float(min(counts)) if numeric and counts else None,
        "maximum": float(max(counts)) if numeric and counts else None,
        "distinct": len(counts),
        "given": int(sum(counts.values())),
    }
    declared = survey.user_missing.get(name, set())
    entry["answers"], entry["other_values"] = _answers(counts, labels, declared, numeric)
    if numeric:
        entry["numbers"] = _numbers(column, entry["answers"], declared)
    return entry


def _value_counts(column: pd.Series, numeric: bool) -> dict:
    """{value: respondents}; numpy for numbers, as a file may have thousands of columns."""
    if numeric:
        values = column.to_numpy(dtype=float)
        values = values[~np.isnan(values)]
        codes, counts = np.unique(values, return_counts=True)
        return {json_code(code): int(count) for code, count in zip(codes, counts, strict=True)}
    counted = _texts(column).value_counts(sort=False)
    return {str(value): int(count) for value, count in counted.items()}


def _texts(column: pd.Series) -> pd.Series:
    """The given answers of a text column; an empty text is no answer (SPSS stores it so)."""
    texts = column.dropna().astype(str).str.strip()
    return texts[texts != ""]


def _missing_kind(code, label: str, declared: set) -> str:
    if _declared_missing(code, declared):
        return "declared"
    if MISSING_LABEL.search(label) or (isinstance(code, str) and MISSING_LABEL.search(code)):
        return "label"
    return ""


def _declared_missing(code, declared: set) -> bool:
    for missing in declared:
        if isinstance(missing, tuple):
            if isinstance(code, int | float) and missing[0] <= code <= missing[1]:
                return True
        elif code == missing:
            return True
    return False


def _answers(counts: dict, labels: dict, declared: set, numeric: bool) -> tuple[list[dict], int]:
    """Every labelled code and the most frequent unlabelled values (up to LISTED_VALUES), in
    code order; and how many distinct values that leaves out."""
    unlabelled = {
        code: n
        for code, n in counts.items()
        if code not in labels and len(str(code)) <= LONGEST_LISTED_TEXT
    }
    left_out = len(counts) - len(labels.keys() & counts.keys()) - len(unlabelled)
    if numeric and len(unlabelled) > LISTED_VALUES:
        shown = []  # a measurement (age, a weight): its numbers say more than its values
    else:
        shown = sorted(unlabelled, key=lambda code: -unlabelled[code])[:LISTED_VALUES]
    left_out += len(unlabelled) - len(shown)
    listed = [(code, label) for code, label in labels.items()] + [(code, "") for code in shown]
    answers = [
        {
            "code": code,
            "label": label,
            "n": counts.get(code, 0),
            "missing": _missing_kind(code, label, declared),
        }
        for code, label in sorted(listed, key=lambda item: _order(item[0]))
    ]
    return answers, left_out


def _order(code) -> tuple:
    """Numbers in numeric order before texts in alphabetical order."""
    return (0, code, "") if isinstance(code, int | float) else (1, 0, str(code))


def _valid_numbers(column: pd.Series, answers: list[dict], declared: set) -> np.ndarray:
    """Per respondent: has a number that is not a missing code."""
    values = column.to_numpy(dtype=float)
    valid = ~np.isnan(values)
    missing_codes = [answer["code"] for answer in answers if answer["missing"]]
    valid &= ~np.isin(values, missing_codes)
    for low, high in (code for code in declared if isinstance(code, tuple)):
        valid &= ~((values >= low) & (values <= high))
    return valid


def _numbers(column: pd.Series, answers: list[dict], declared: set) -> dict | None:
    values = column.to_numpy(dtype=float)
    valid = _valid_numbers(column, answers, declared)
    if not valid.any():
        return {"minimum": None, "maximum": None, "mean": None, "missing": len(values)}
    kept = values[valid]
    return {
        "minimum": json_code(float(kept.min())),
        "maximum": json_code(float(kept.max())),
        "mean": float(kept.mean()),
        "missing": int(len(values) - valid.sum()),
    }


def usable_weights(survey: SurveyFile, weight: str) -> np.ndarray | None:
    """The weight column as numbers, or None when it cannot weigh (not a number, empty,
    zero or negative somewhere): the import itself refuses such a weight with a message."""
    if not weight or weight not in survey.data.columns:
        return None
    column = survey.data[weight]
    if column.dtype.kind not in "fiu":
        return None
    values = column.to_numpy(dtype=float)
    if not (np.isfinite(values).all() and (values > 0).all()):
        return None
    return values


def add_weighted_shares(variables: list[dict], survey: SurveyFile, *, weight: str) -> None:
    """Add each listed answer's weighted share of the variable's answers, and the weighted
    mean of numbers, weighted with `weight`; nothing when that column cannot weigh."""
    weights = usable_weights(survey, weight)
    if weights is None:
        return
    for variable in variables:
        if not variable.get("given"):
            continue
        column = survey.data[variable["name"]]
        sums, total = _weighted_sums(column, weights, variable["numeric"])
        for answer in variable["answers"]:
            answer["share"] = round(sums.get(answer["code"], 0.0) / total, 6)
        numbers = variable.get("numbers")
        if numbers and numbers["mean"] is not None:
            declared = survey.user_missing.get(variable["name"], set())
            valid = _valid_numbers(column, variable["answers"], declared)
            values = column.to_numpy(dtype=float)
            numbers["weighted_mean"] = float(np.average(values[valid], weights=weights[valid]))
        variable["weighted_by"] = weight


def _weighted_sums(column: pd.Series, weights: np.ndarray, numeric: bool) -> tuple[dict, float]:
    """{value: sum of the weights of who gave it}, and the weights of all who answered."""
    if numeric:
        values = column.to_numpy(dtype=float)
        given = ~np.isnan(values)
        codes, inverse = np.unique(values[given], return_inverse=True)
        sums = np.bincount(inverse, weights=weights[given], minlength=len(codes))
        return (
            {json_code(code): float(total) for code, total in zip(codes, sums, strict=True)},
            float(weights[given].sum()),
        )
    texts = _texts(column)
    given = weights[column.index.get_indexer(texts.index)]
    sums = pd.Series(given, index=texts.index).groupby(texts.to_numpy()).sum()
    return {str(value): float(total) for value, total in sums.items()}, float(given.sum())
