"""The answers of a variable as the mapping page shows them, from what the reading task
stored (see `frequencies`): a one-line summary per variable, and per indicator the answers to
tick. Plain functions over the stored JSON; nothing here opens the file.
"""

import math
from dataclasses import dataclass, field

from .charts.formatting import format_number

SEPARATOR = " · "
# The start of the labels of typed codes; the page shows it, the whole label names the input.
COUNTED_LABEL = "Antwoordcodes die meetellen"
MISSING_LABEL = "Ontbrekende antwoorden (weet niet, geen antwoord)"


def code_text(value) -> str:
    """A code as the form posts it and the mapping parser reads it: 1, 1.0 and "1" are "1"."""
    if isinstance(value, bool):
        return str(value)
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return str(value).strip()
    if not math.isfinite(number):
        return str(value).strip()
    return str(int(number)) if number.is_integer() else repr(number)


def stored_answers(variable: dict | None) -> list[dict]:
    """The answers the reading task listed. A run read before answers were counted has only
    its value labels: those, without counts, so they can still be ticked."""
    if not variable:
        return []
    if "answers" in variable:
        return variable["answers"] or []
    return [
        {"code": code, "label": str(label), "n": None, "missing": ""}
        for code, label in (variable.get("value_labels") or {}).items()
    ]


def _number(value) -> str:
    return format_number(value, 0 if float(value).is_integer() else 2)


def percent(fraction: float) -> str:
    """12 %, or one decimal under 1 % so a rare answer does not read as none."""
    value = fraction * 100
    if 0 < value < 0.05:
        return "< 0,1 %"
    return f"{format_number(value, 1 if 0 < value < 1 else 0)} %"


def answer_share(variable: dict, answer: dict) -> str:
    """The weighted share when the reading task had a weight, else the unweighted one."""
    if "share" in answer:
        return percent(answer["share"])
    given = variable.get("given") or 0
    return percent(answer["n"] / given) if given and answer["n"] is not None else "–"


def answer_name(answer: dict) -> str:
    code = code_text(answer["code"])
    return f"{code} {answer['label']}" if answer["label"] else code


def missing_note(answer: dict) -> str:
    return " (ontbrekend)" if answer.get("missing") else ""


def shows_numbers(variable: dict) -> bool:
    """Numbers say something of a measurement, not of a question whose every answer has a
    label (the mean of 'vaak, soms, nooit' codes is no figure)."""
    numbers = variable.get("numbers")
    if not numbers or numbers.get("mean") is None:
        return False
    answers = stored_answers(variable)
    return bool(variable.get("other_values")) or any(not a["label"] for a in answers)


def numbers_line(variable: dict) -> str:
    numbers = variable["numbers"]
    mean = f"gemiddelde {format_number(numbers['mean'], 2)}"
    if "weighted_mean" in numbers:
        mean += f" (gewogen {format_number(numbers['weighted_mean'], 2)})"
    return SEPARATOR.join(
        [
            f"minimum {_number(numbers['minimum'])}",
            f"maximum {_number(numbers['maximum'])}",
            mean,
            f"ontbrekend {numbers['missing']}",
        ]
    )


def other_values_note(variable: dict) -> str:
    other = variable.get("other_values") or 0
    if not other:
        return ""
    if not stored_answers(variable):
        return f"{other} verschillende waarden"
    return "en 1 andere waarde" if other == 1 else f"en {other} andere waarden"


def answers_line(variable: dict) -> str:
    """'1 vaak 12 % · 2 soms 28 % · 9 weet niet 3 % (ontbrekend)', the numbers of a
    measurement, and how many values are not listed. Plain text: the template escapes it."""
    parts = [
        f"{answer_name(answer)} {answer_share(variable, answer)}{missing_note(answer)}"
        for answer in stored_answers(variable)
    ]
    if note := other_values_note(variable):
        parts.append(note)
    if shows_numbers(variable):
        parts.append(numbers_line(variable))
    if not variable.get("given") and "given" in variable:
        parts.append("geen antwoorden")
    return SEPARATOR.join(parts)


def weighting_note(variable: dict) -> str:
    if variable.get("weighted_by"):
        return f"gewogen met {variable['weighted_by']}"
    return "ongewogen" if variable.get("given") else ""


def file_weighting_note(variables) -> str:
    """How the shares of a file's variables were weighed: the reading task weighs them all
    with the one weight column of the proposal, or none."""
    for variable in variables:
        if variable.get("weighted_by"):
            return f"percentages gewogen met {variable['weighted_by']}"
    return "percentages ongewogen: er was nog geen bruikbare weegfactor"


def default_missing(variable: dict | None) -> list[str]:
    """The codes the file declares missing or whose label reads 'weet niet' and the like."""
    if not variable:
        return []
    return [code_text(a["code"]) for a in stored_answers(variable) if a.get("missing")]


def declared_missing(variable: dict | None) -> set[str]:
    """The file's own user-missing codes: missing whatever the mapping says."""
    if not variable:
        return set()
    return {
        code_text(a["code"]) for a in stored_answers(variable) if a.get("missing") == "declared"
    }


@dataclass
class AnswerRow:
    code: str
    name: str
    n: int | None  # None: read before answers were counted
    share: str
    missing_note: str
    counted: bool
    missing: bool
    declared: bool  # the file says it is missing: no tick changes that


@dataclass
class AnswerBlock:
    """One indicator's answers to tick: which count (for a percentage) and which are missing."""

    prefix: str
    variable: dict | None
    ask_counted: bool
    rows: list[AnswerRow] = field(default_factory=list)
    other_counted: str = ""  # typed codes that are not among the listed answers
    other_missing: str = ""
    errors: list[str] = field(default_factory=list)
    counted_label: str = COUNTED_LABEL
    missing_label: str = MISSING_LABEL
    counted_start = COUNTED_LABEL  # what the page shows of the labels
    missing_start = MISSING_LABEL

    @property
    def variable_name(self) -> str:
        return self.variable["name"] if self.variable else ""

    @property
    def typed(self) -> bool:
        """Codes are typed where the answers are not all listed (too many values), or where
        the mapping holds codes the file does not list, so they are not lost unseen."""
        if self.other_counted or self.other_missing:
            return True
        if not self.variable:
            return False  # nothing to type yet: choosing a variable shows its answers
        return not self.rows or bool(self.variable.get("other_values"))

    @property
    def weighting(self) -> str:
        return weighting_note(self.variable) if self.variable else ""

    @property
    def numbers(self) -> str:
        return numbers_line(self.variable) if self.variable and shows_numbers(self.variable) else ""

    @property
    def other_values(self) -> str:
        return other_values_note(self.variable) if self.variable else ""


def answer_block(
    prefix: str,
    variable: dict | None,
    *,
    ask_counted: bool,
    counted: list[str],
    missing: list[str],
) -> AnswerBlock:
    """The answers of `variable` with `counted` and `missing` (code texts) ticked; codes that
    are not listed stay typed."""
    counted = [code_text(code) for code in counted]
    missing = [code_text(code) for code in missing]
    declared = declared_missing(variable)
    rows = []
    for answer in stored_answers(variable):
        code = code_text(answer["code"])
        rows.append(
            AnswerRow(
                code=code,
                name=answer_name(answer),
                n=answer["n"],
                share=answer_share(variable, answer),
                missing_note=missing_note(answer),
                counted=code in counted and code not in declared,
                missing=code in missing or code in declared,
                declared=code in declared,
            )
        )
    listed = {row.code for row in rows}
    return AnswerBlock(
        prefix=prefix,
        variable=variable,
        ask_counted=ask_counted,
        rows=rows,
        other_counted=", ".join(code for code in counted if code not in listed),
        other_missing=", ".join(code for code in missing if code not in listed),
    )


def proposal_note(entry, *, proposed: bool) -> str:
    """'voorstel (zekerheid 0,85): label bevat …' from the proposal's certainty and reason;
    nothing when the proposal gives none. An indicator the proposal left open says why."""
    if not isinstance(entry, dict):
        return ""
    try:
        value = float(entry.get("certainty"))
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(value):
        return ""
    certainty = format_number(value, 2)
    reason = str(entry.get("reason") or "").strip()
    start = "voorstel" if proposed else "niet gekoppeld"
    return f"{start} (zekerheid {certainty}){': ' + reason if reason else ''}"
