"""Which 'no answer' codes were applied to an indicator's variable, and how many answers each
removed. The preview shows it, so a rapportcijfer of 9 dropped as another question's "weet
niet" is seen before it is stored.

The codes are the ones `compute` applies: the file's own declarations (SPSS user-missing),
the indicator's missing_codes and the mapping's file-wide codes that hold for the variable
(`compute.file_wide_missing`). Answers are read as `compute` reads them, so the counts add up
with the n the preview shows.
"""

from dataclasses import dataclass

import numpy as np

from . import compute
from .mapping import IndicatorMapping
from .readers import SurveyFile
from .stats import Kind

DECLARED = "bestand"  # declared missing in the file itself
OWN = "indicator"  # the indicator's own missing_codes in the mapping
FILE_WIDE = "hele bestand"  # the mapping's file-wide codes that hold for this variable


@dataclass(frozen=True)
class AppliedMissing:
    code: str  # as shown: "9", or "97–99" for a declared range
    label: str  # the variable's value label for the code, if it has one
    sources: tuple[str, ...]
    removed: int  # answers with this code, left out of the figure


@dataclass(frozen=True)
class MissingReport:
    applied: list[AppliedMissing]
    out_of_range: int  # other answers outside a mean's valid_range, also left out
    valid_range: tuple[float, float] | None


def missing_report(
    survey: SurveyFile, spec: IndicatorMapping, file_wide_codes: tuple
) -> MissingReport:
    column = survey.data[spec.variable]
    if column.dtype == np.float64:  # most columns of a .sav: read them without copies
        numbers = column.to_numpy()
        present = ~np.isnan(numbers)
        all_numeric = True
    else:  # the same reading as compute: numbers where the whole column is numeric, else text
        present = column.notna().to_numpy()
        numbers = compute._to_numbers(column).to_numpy(dtype=float)
        all_numeric = bool((~np.isnan(numbers) | ~present).all())
    texts = None if all_numeric else column.astype(str).to_numpy()
    labels = survey.value_labels.get(spec.variable, {})
    declared = survey.user_missing.get(spec.variable, set())

    sources: dict = {}
    for code in sorted((c for c in declared if not isinstance(c, tuple)), key=str):
        sources.setdefault(code, []).append(DECLARED)
    for code in spec.missing_codes:
        sources.setdefault(code, []).append(OWN)
    for code in sorted(compute.file_wide_missing(survey, spec, file_wide_codes), key=str):
        sources.setdefault(code, []).append(FILE_WIDE)

    removed = np.zeros(len(column), dtype=bool)
    applied = []
    for code, origins in sources.items():
        if not all_numeric:
            hits = present & (texts == compute._code_text(code))
        elif isinstance(code, float | int):
            hits = present & (numbers == code)
        else:  # a text code never matches in a numeric column
            hits = np.zeros_like(present)
        removed |= hits
        applied.append(
            AppliedMissing(
                code=compute._code_text(code),
                label=str(labels.get(code, "")),
                sources=tuple(dict.fromkeys(origins)),
                removed=int(hits.sum()),
            )
        )
    for low, high in sorted(c for c in declared if isinstance(c, tuple)):
        hits = present & (numbers >= low) & (numbers <= high) & all_numeric  # as compute
        removed |= hits
        applied.append(
            AppliedMissing(
                code=f"{compute._code_text(low)}–{compute._code_text(high)}",
                label="",
                sources=(DECLARED,),
                removed=int(hits.sum()),
            )
        )
    out_of_range = 0
    if spec.kind == Kind.MEAN and spec.valid_range is not None and all_numeric:
        low, high = spec.valid_range
        outside = present & ~removed & ((numbers < low) | (numbers > high))
        out_of_range = int(outside.sum())
    return MissingReport(applied=applied, out_of_range=out_of_range, valid_range=spec.valid_range)
