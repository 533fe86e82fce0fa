"""A first mapping proposed from a file's variable labels, value labels and the catalogue.

A proposal is a starting point the user checks; it never imports anything by itself. It reads
what a variable is about from its label (its name only when it has no label) and which answers
count from its value labels, using the cue words in analysis/data/proposal_cues.yaml. Names
alone are not trusted: `onv_alg` labelled "onveilig in uw eigen buurt" is the buurt indicator.

Every proposal carries a certainty (0..1) and a Dutch reason. Below CERTAIN it is left out and
listed as unmapped, never guessed. The user's own mapping templates (bureau, gemeente) come
first wherever their variables exist in the file.

The returned dict is a mapping `mapping.parse_mapping` accepts, plus one key `proposal`:
    {"weight": {"certainty", "reason"}, "wijk": {...}, "respondent_id": {...},
     "indicators": {code: {"certainty", "reason"}},
     "unmapped": {code: {"certainty", "reason", "variable"}}}   # the best candidate, if any
"""

from dataclasses import dataclass, field

from ..catalogue import catalogue_indicators
from .cues import Cues, Matcher, Text, load_cues, most_specific
from .proposal_file import proposal_as_yaml, proposal_summary
from .stats import Kind

__all__ = ["CERTAIN", "proposal_as_yaml", "proposal_summary", "suggest_mapping"]

CERTAIN = 0.7  # below this a proposal is left unmapped

# How sure each kind of evidence makes the proposal (multiplied). The label is the file's own
# description of the question; a name is an abbreviation that files reuse for other things.
IN_LABEL = 0.95
IN_NAME_ONLY = 0.75
NO_VALUE_LABELS = 0.6  # a percentage without value labels: which codes count cannot be read
ANSWERS_DO_NOT_FIT = 0.3
NOT_A_SCALE = 0.3  # a mean over a variable whose value labels are answer categories
SCALE_UNKNOWN = 0.9  # no minimum/maximum known
ABOVE_SCALE = 0.85  # values above the scale that no label calls missing (99 in a CSV, say)
BELOW_SCALE = 0.6  # values below the scale: perhaps another scale altogether
AMBIGUOUS = 0.7  # two variables fit equally well: taking either would be a guess
COLUMN_NAME_AND_LABEL, COLUMN_LABEL, COLUMN_NAME = 0.95, 0.9, 0.8
NOT_WIJK_CODES = 0.95  # a wijk column whose values are not visibly WKxxxxxx codes

SCALES = {"rapportcijfer_1_10": (1, 10), "schaalscore_0_10": (0, 10)}
COLUMNS = ("weight", "wijk", "respondent_id")
_COLUMN_WORDS = {"weight": "weegfactor", "wijk": "wijk", "respondent_id": "respondentnummer"}


@dataclass
class Candidate:
    variable: str
    certainty: float
    reason: str
    extras: int = 0  # label words left unexplained: the tie-breaker between equal candidates
    order: int = 0  # place in the file: the last tie-breaker, for a stable outcome
    spec: dict = field(default_factory=dict)


@dataclass
class Read:
    """One variable as the proposal reads it, worked out once for all the questions asked."""

    name: str
    order: int
    numeric: bool
    minimum: float | None
    maximum: float | None
    name_text: Text
    label_text: Text | None  # None without a label
    labels: dict  # value labels, codes as numbers where they are numbers
    missing: list  # the codes whose value label says 'no answer'
    values: list  # the distinct values of a column without value labels (few of them)


def read_variable(cues: Cues, variable: dict, order: int = 0) -> Read:
    label = str(variable.get("label") or "").strip()
    labels = {_code(code): str(text) for code, text in (variable.get("value_labels") or {}).items()}
    return Read(
        name=variable["name"],
        order=order,
        numeric=bool(variable.get("numeric")),
        minimum=variable.get("minimum"),
        maximum=variable.get("maximum"),
        name_text=cues.name_text(variable["name"]),
        label_text=cues.text(label) if label else None,
        labels=labels,
        missing=[code for code, text in labels.items() if cues.is_missing(text)],
        values=list(variable.get("values") or ()),
    )


def suggest_mapping(variables: list[dict], templates: list[dict] | tuple = ()) -> dict:
    """variables: [{name, label, value_labels: {code: label}, numeric, minimum, maximum}];
    templates: mapping dicts (with their "name"), the first one holding a variable wins."""
    cues = load_cues()
    reads = [read_variable(cues, variable, order) for order, variable in enumerate(variables)]
    mapping: dict = {"weight": "", "wijk": "", "respondent_id": "", "missing_codes": []}
    mapping["indicators"] = {}
    proposal: dict = {"indicators": {}, "unmapped": {}}
    _from_templates(mapping, proposal, templates, {read.name for read in reads})
    taken = {mapping[role] for role in COLUMNS} - {""}
    for role in COLUMNS:
        if mapping[role]:
            continue
        found = [_column(cues, role, read) for read in reads if read.name not in taken]
        best = _best([candidate for candidate in found if candidate])
        if best and best.certainty >= CERTAIN:
            mapping[role] = best.variable
            taken.add(best.variable)
        proposal[role] = _note(best) if best else _nothing(role)
    candidates = _indicator_candidates(cues, [read for read in reads if read.name not in taken])
    for indicator in catalogue_indicators():
        if indicator.source != "vm" or indicator.code in mapping["indicators"]:
            continue
        best = _best(candidates.get(indicator.code, []))
        if best and best.spec and best.certainty >= CERTAIN:
            mapping["indicators"][indicator.code] = best.spec
            proposal["indicators"][indicator.code] = _note(best)
        else:
            proposal["unmapped"][indicator.code] = _unmapped(cues, indicator.code, best)
    mapping["proposal"] = proposal
    return mapping


# --- templates --------------------------------------------------------------------------


def _from_templates(mapping: dict, proposal: dict, templates, names: set) -> None:
    for template in templates or ():
        if not isinstance(template, dict):
            continue
        name = str(template.get("name") or "").strip()
        note = {
            "certainty": 1.0,
            "reason": f"uit koppelsjabloon '{name}'" if name else "uit een koppelsjabloon",
        }
        used = False
        for role in COLUMNS:
            column = str(template.get(role) or "")
            if column in names and not mapping[role]:
                mapping[role], proposal[role], used = column, dict(note), True
                if role == "wijk" and template.get("wijk_labels"):
                    mapping["wijk_labels"] = dict(template["wijk_labels"])
        for code, spec in (template.get("indicators") or {}).items():
            if code in mapping["indicators"] or not isinstance(spec, dict):
                continue
            if spec.get("variable") in names:
                mapping["indicators"][code] = dict(spec)
                proposal["indicators"][code] = dict(note)
                used = True
        if used:  # the template's file-wide codes came with it; compute keeps valid answers
            for code in template.get("missing_codes") or ():
                if code not in mapping["missing_codes"]:
                    mapping["missing_codes"].append(code)


# --- weight, wijk and respondent number -------------------------------------------------


def _column(cues: Cues, role: str, read: Read) -> Candidate | None:
    """A weight, wijk or id column, by the first part of its name or the first real word of
    its label: `tevr_wijk` or "Hoe tevreden bent u over uw wijk?" is a question, not the wijk."""
    if role == "weight" and not _could_be_weight(read):
        return None
    wanted = cues.columns[role]
    first_part = read.name_text.words[0] if read.name_text.words else ""
    by_name = first_part if any(c.in_word(first_part) for c in wanted["name"]) else ""
    label_words = read.label_text.words if read.label_text else ()
    first = next((word for word in label_words if word not in cues.filler), "")
    by_label = first if first and any(c.in_word(first) for c in wanted["label"]) else ""
    if by_name and by_label:
        certainty = COLUMN_NAME_AND_LABEL
        reason = f"naam '{read.name}' en label begint met '{by_label}'"
    elif by_label:
        certainty, reason = COLUMN_LABEL, f"label begint met '{by_label}'"
    elif by_name:
        certainty, reason = COLUMN_NAME, f"naam '{read.name}' (geen passend label)"
    else:
        return None
    if role == "wijk":
        if _has_wijk_codes(read):
            reason += "; waarden zijn wijkcodes"
        else:
            certainty *= NOT_WIJK_CODES
    words = set(read.name_text.words) | set(label_words)
    extras = len(words - cues.filler - {by_name, by_label})
    return Candidate(read.name, round(certainty, 2), reason, extras=extras, order=read.order)


def _could_be_weight(read: Read) -> bool:
    """A weight is a number, never below 0, with no answer labels."""
    answers = [code for code in read.labels if code not in read.missing]
    return read.numeric and not answers and (read.minimum is None or read.minimum >= 0)


def _has_wijk_codes(read: Read) -> bool:
    seen = list(read.labels) + read.values
    return bool(seen) and all(str(value).upper().startswith("WK") for value in seen)


# --- indicators -------------------------------------------------------------------------


def _indicator_candidates(cues: Cues, reads: list[Read]) -> dict[str, list[Candidate]]:
    matcher = Matcher(cues)
    units = {indicator.code: indicator.unit for indicator in catalogue_indicators()}
    by_indicator: dict[str, list[Candidate]] = {}
    for read in reads:
        source, text = ("label", read.label_text) if read.label_text else ("naam", read.name_text)
        for code, matched in most_specific(matcher.indicators_in(text)).items():
            if code not in units:
                continue
            candidate = _indicator_candidate(cues, read, code, units[code], matched, source)
            if candidate is None:
                continue
            candidate.extras = _extras(cues, text, matched)
            by_indicator.setdefault(code, []).append(candidate)
    return by_indicator


def _extras(cues: Cues, text: Text, matched: frozenset[str]) -> int:
    words = set(text.words) - cues.filler - {word for phrase in matched for word in phrase.split()}
    return len({word for word in words if not word.isdigit()})


def _indicator_candidate(
    cues: Cues, read: Read, code: str, unit: str, matched: frozenset[str], source: str
) -> Candidate | None:
    text = read.label_text if source == "label" else read.name_text
    in_text = [word for word in dict.fromkeys(text.words) if word in matched]
    in_text += sorted(matched - set(in_text))
    found = f"{source} bevat {_and(in_text)}" + (" (geen label)" if source == "naam" else "")
    if unit == "percent":
        family = cues.answers[cues.indicators[code].answers]
        factor, answers, spec = _proportion(cues, family, read.labels, read.missing)
    elif read.numeric:
        factor, answers, spec = _mean(read, unit)
    else:
        return None
    if spec:
        spec = {"variable": read.name, **spec}
        if read.missing:
            spec["missing_codes"] = list(read.missing)
    base = IN_LABEL if source == "label" else IN_NAME_ONLY
    certainty = round(base * factor, 2)
    return Candidate(read.name, certainty, f"{found}; {answers}", order=read.order, spec=spec)


def _proportion(cues: Cues, family, labels: dict, missing: list) -> tuple[float, str, dict]:
    if not labels:
        return NO_VALUE_LABELS, "geen waardelabels: welke codes meetellen is niet te zien", {}
    valid = {code: label for code, label in labels.items() if code not in missing}
    counted = [code for code, label in valid.items() if _counts(cues, family, label)]
    shown = "/".join(_short(label) for label in valid.values())
    answers = f"antwoorden {shown}"
    if not counted or len(counted) == len(valid):
        return ANSWERS_DO_NOT_FIT, f"{answers}: geen passend antwoord om te tellen", {}
    answers += f": telt {'/'.join(_short(valid[code]) for code in counted)}"
    if missing:
        answers += f"; ontbrekend: {'/'.join(_short(labels[code]) for code in missing)}"
    return 1.0, answers, {"kind": Kind.PROPORTION, "codes": counted}


def _counts(cues: Cues, family, label: str) -> bool:
    text = cues.text(label)
    phrase = text.joined.strip()
    return phrase in family.count or (family.yes and text.words[:1] == ("ja",))


def _mean(read: Read, unit: str) -> tuple[float, str, dict]:
    spec: dict = {"kind": Kind.MEAN}
    scale = SCALES.get(unit)
    substantive = [code for code in read.labels if code not in read.missing]
    if not _labels_a_scale(substantive, scale):
        shown = "/".join(_short(read.labels[code]) for code in substantive)
        return NOT_A_SCALE, f"waardelabels {shown}: antwoordcategorieën, geen schaal", {}
    low, high = read.minimum, read.maximum
    if scale:
        spec["valid_range"] = list(scale)
    if low is None or high is None:
        return SCALE_UNKNOWN, "laagste en hoogste waarde onbekend", spec
    values = f"waarden {_number(low)}–{_number(high)}"
    if scale is None:
        return 1.0, values, spec
    start, end = scale
    if not start <= low <= end and _code(low) not in read.missing:
        return BELOW_SCALE, f"{values}: buiten de schaal {start}–{end}", spec
    if high > end and _code(high) not in read.missing:
        return ABOVE_SCALE, f"{values}: boven {end} telt als ontbrekend", spec
    return 1.0, f"{values}, schaal {start}–{end}", spec


def _labels_a_scale(codes: list, scale: tuple | None) -> bool:
    """Labels on the two ends only, or on every point up to the top of the scale ("1 zeer
    slecht" ... "10 uitstekend"); anything else is answer categories, not a scale."""
    if len(codes) <= 2:
        return True
    if scale is None or not all(isinstance(code, int | float) for code in codes):
        return False
    start, end = scale
    return start <= min(codes) and end - 1 <= max(codes) <= end


# --- choosing and reporting -------------------------------------------------------------


def _best(candidates: list[Candidate]) -> Candidate | None:
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: (-c.certainty, c.extras, c.order))
    best = ranked[0]
    if len(ranked) > 1 and (ranked[1].certainty, ranked[1].extras) == (best.certainty, best.extras):
        best.certainty = round(best.certainty * AMBIGUOUS, 2)
        best.reason += f"; even passend: {ranked[1].variable}"
    return best


def _note(candidate: Candidate) -> dict:
    return {"certainty": candidate.certainty, "reason": candidate.reason}


def _nothing(role: str) -> dict:
    return {
        "certainty": 0.0,
        "reason": f"geen kolom met '{_COLUMN_WORDS[role]}' in naam of label",
    }


def _unmapped(cues: Cues, code: str, best: Candidate | None) -> dict:
    if best is not None:
        reason = f"te onzeker: {best.reason}"
        return {"certainty": best.certainty, "reason": reason, "variable": best.variable}
    spec = cues.indicators.get(code)
    reason = spec.skip if spec and spec.skip else "geen variabele met een passend label"
    return {"certainty": 0.0, "reason": reason, "variable": ""}


def _code(value):
    """A value label's code as a number where it is one ("1" from a JSON key becomes 1)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return value
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        return value
    return int(number) if number.is_integer() else number


def _number(value) -> str:
    return str(_code(value)).replace(".", ",")


def _short(label: str, limit: int = 40) -> str:
    text = " ".join(str(label).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _and(words: list[str]) -> str:
    quoted = [f"'{word}'" for word in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} en {quoted[-1]}"
