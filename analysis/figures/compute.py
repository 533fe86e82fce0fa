"""From a respondent file and a mapping to estimates per indicator × area.

`prepare` checks the file against the mapping (weights, wijk codes, respondent ids, the
variables) and refuses with a Dutch message that names the column and rows. `compute` then
works per indicator on sufficient statistics grouped by area with numpy, so a file of tens of
thousands of respondents and hundreds of variables stays fast.
"""

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import stats
from .area_sets import AreaSets, ForeignCodes, OwnArea, own_area_sets
from .constants import PERCENT_SCALE
from .mapping import IndicatorMapping, Mapping
from .readers import SurveyFile, SurveyFileError

_WIJK_CODE = re.compile(r"^WK\d{6}$")


@dataclass
class Prepared:
    """A checked file: weights, the area of each respondent, and notes for the summary."""

    survey: SurveyFile
    weights: np.ndarray
    area_codes: list[str]  # index 0 is the gemeente; wijken follow
    area_index: np.ndarray  # per respondent: index into area_codes of their wijk, or -1
    wijk_names: dict[str, str]
    notes: list[str] = field(default_factory=list)
    own_areas: AreaSets | None = None  # the gemeente's own areas with respondents, if any

    @property
    def weight_total(self) -> float:
        """The sum of every respondent's weight (SurveyEdition.weight_total)."""
        return float(np.sum(self.weights))


@dataclass(frozen=True)
class Cell:
    indicator_code: str
    area_code: str
    estimate: stats.Estimate
    scale: float  # 100 for proportions shown as percentages
    sum_w: float = 0.0  # the weight of the respondents who answered (IndicatorResult.sum_w)


@dataclass(frozen=True)
class KnownWijken:
    """The gemeente's wijken as the app knows them (its areas, its wijk map), for the hint
    when a file names a wijk that is not one of them. The service looks them up."""

    gemeente_name: str
    wijken: dict[str, str]  # code -> name


def _rows(survey: SurveyFile, mask: np.ndarray, limit: int = 3) -> str:
    positions = np.flatnonzero(mask)
    shown = ", ".join(survey.row_label(int(position)) for position in positions[:limit])
    more = len(positions) - limit
    return shown + (f" en {more} andere" if more > 0 else "")


def _column(survey: SurveyFile, name: str, role: str) -> pd.Series:
    if name not in survey.data.columns:
        available = ", ".join(list(survey.data.columns)[:12])
        raise SurveyFileError(
            f"De kolom '{name}' ({role}) staat niet in het bestand. Kolommen zijn onder meer: "
            f"{available}."
        )
    return survey.data[name]


def prepare(
    survey: SurveyFile,
    mapping: Mapping,
    *,
    gemeente_code: str,
    known_wijken: KnownWijken | None = None,
    own_areas: Sequence[OwnArea] = (),
) -> Prepared:
    weights = _weights(survey, mapping.weight)
    if mapping.respondent_id:
        _check_unique_ids(survey, mapping.respondent_id)
    area_codes = [gemeente_code]
    area_index = np.full(len(survey.data), -1, dtype=np.int64)
    wijk_names: dict[str, str] = {}
    notes: list[str] = []
    if mapping.wijk:
        codes, wijk_names, missing = _wijk_codes(survey, mapping, gemeente_code, known_wijken)
        unique = sorted(set(code for code in codes if code))
        area_codes += unique
        lookup = {code: position for position, code in enumerate(area_codes)}
        area_index = np.array([lookup.get(code, -1) for code in codes], dtype=np.int64)
        if missing:
            notes.append(
                f"{missing} respondenten zonder wijk tellen alleen mee voor de hele gemeente."
            )
    for code, spec in mapping.indicators.items():
        _column(survey, spec.variable, f"indicator {spec.name or code}")  # own: by name
    own = _own_areas(survey, mapping, gemeente_code, own_areas, area_codes, area_index, notes)
    return Prepared(
        survey=survey,
        weights=weights,
        area_codes=area_codes,
        area_index=area_index,
        wijk_names=wijk_names,
        notes=notes,
        own_areas=own,
    )


def _own_areas(
    survey: SurveyFile,
    mapping: Mapping,
    gemeente_code: str,
    own_areas: Sequence[OwnArea],
    area_codes: list[str],
    area_index: np.ndarray,
    notes: list[str],
) -> AreaSets | None:
    """Who is in which own area (area_sets), from the wijk and the mapping's area column."""
    if not own_areas and not mapping.area:
        return None
    column = _column(survey, mapping.area, "gebied") if mapping.area else None
    try:
        sets, own_notes = own_area_sets(
            own_areas=own_areas,
            wijk_codes=area_codes[1:],
            wijk_index=np.where(area_index > 0, area_index - 1, -1),
            area_column=column,
            column_name=mapping.area,
            labels=survey.value_labels.get(mapping.area, {}) if mapping.area else {},
            gemeente_code=gemeente_code,
        )
    except ForeignCodes as error:
        raise SurveyFileError(str(error)) from error
    notes.extend(own_notes)
    return sets if sets.codes else None


def _to_numbers(column: pd.Series) -> pd.Series:
    """Numbers from a column, reading decimal commas in text ('1,5') as well."""
    if column.dtype.kind in "fiu":
        return column.astype(float)
    text = column.astype("string").str.strip().str.replace(",", ".", regex=False)
    return pd.to_numeric(text, errors="coerce").astype(float)


def _weights(survey: SurveyFile, name: str) -> np.ndarray:
    column = _column(survey, name, "weegfactor")
    numeric = _to_numbers(column)
    not_a_number = numeric.isna() & column.notna()
    if not_a_number.any():
        raise SurveyFileError(
            f"De weegfactor in kolom '{name}' is geen getal bij {_rows(survey, not_a_number)}."
        )
    if numeric.isna().any():
        raise SurveyFileError(
            f"De weegfactor in kolom '{name}' ontbreekt bij {_rows(survey, numeric.isna())}."
        )
    values = numeric.to_numpy(dtype=float)
    for code in survey.user_missing.get(name, ()):
        if not isinstance(code, tuple) and (values == code).any():
            raise SurveyFileError(
                f"De weegfactor in kolom '{name}' heeft de ontbrekend-code {code:g} bij "
                f"{_rows(survey, values == code)}."
            )
    not_positive = values <= 0
    if not_positive.any():
        raise SurveyFileError(
            f"De weegfactor in kolom '{name}' is nul of negatief bij "
            f"{_rows(survey, not_positive)}. Elke respondent heeft een positieve weegfactor."
        )
    if not np.isfinite(values).all():
        raise SurveyFileError(f"De weegfactor in kolom '{name}' bevat een oneindige waarde.")
    return values


def _check_unique_ids(survey: SurveyFile, name: str) -> None:
    column = _column(survey, name, "respondentnummer")
    if column.isna().any():
        raise SurveyFileError(
            f"Het respondentnummer in kolom '{name}' ontbreekt bij "
            f"{_rows(survey, column.isna().to_numpy())}."
        )
    duplicated = column.duplicated(keep=False).to_numpy()
    if duplicated.any():
        first = column[duplicated].iloc[0]
        same = (column == first).to_numpy()
        shown = first if not isinstance(first, float) else f"{first:g}"
        raise SurveyFileError(
            f"Respondentnummer {shown} in kolom '{name}' komt meer dan eens voor "
            f"({_rows(survey, same)}). Elk respondentnummer hoort één keer voor te komen."
        )


def _wijk_codes(
    survey: SurveyFile,
    mapping: Mapping,
    gemeente_code: str,
    known_wijken: KnownWijken | None = None,
) -> tuple[list[str], dict[str, str], int]:
    """Each respondent's wijk code: from a code, a value label or the mapping's label table.

    Every unknown value is named in one message, so the user fixes the file or the label
    table once instead of once per attempt.
    """
    column = _column(survey, mapping.wijk, "wijk")
    labels = survey.value_labels.get(mapping.wijk, {})
    own_prefix = "WK" + gemeente_code[2:]
    codes: list[str] = []
    names: dict[str, str] = {}
    unknown: dict[str, list[int]] = {}  # shown value -> positions, in order of appearance
    missing = 0
    for position, raw in enumerate(column.tolist()):
        if raw is None or (isinstance(raw, float) and np.isnan(raw)) or str(raw).strip() == "":
            codes.append("")
            missing += 1
            continue
        label = labels.get(raw)
        text = str(raw).strip()
        candidates = [text, str(label).strip() if label is not None else ""]
        code = next((c.upper() for c in candidates if _WIJK_CODE.match(c.upper())), "")
        if not code:
            for candidate in candidates:
                if candidate in mapping.wijk_labels:
                    code = mapping.wijk_labels[candidate]
                    names.setdefault(code, candidate)
                    break
        elif label is not None and not _WIJK_CODE.match(str(label)):
            names.setdefault(code, str(label))
        if not code or not code.startswith(own_prefix):
            shown = str(label).strip() if label is not None else _code_text(raw).strip()
            unknown.setdefault(shown, []).append(position)
        codes.append(code)
    if unknown:
        raise SurveyFileError(
            _unknown_wijken_message(survey, mapping.wijk, unknown, own_prefix, known_wijken)
        )
    return codes, names, missing


_UNKNOWN_SHOWN = 40
_KNOWN_SHOWN = 30


def _unknown_wijken_message(
    survey: SurveyFile,
    column: str,
    unknown: dict[str, list[int]],
    own_prefix: str,
    known: KnownWijken | None,
) -> str:
    def where(positions: list[int]) -> str:
        rows = ", ".join(survey.row_label(position) for position in positions[:2])
        more = f" en {len(positions) - 2} andere" if len(positions) > 2 else ""
        return f"{len(positions)}×, {rows}{more}"

    listed = [
        f"'{value}' ({where(positions)})"
        for value, positions in list(unknown.items())[:_UNKNOWN_SHOWN]
    ]
    more = len(unknown) - _UNKNOWN_SHOWN
    shown = ", ".join(listed) + (f" en {more} andere" if more > 0 else "")
    noun = "Onbekende wijk" if len(unknown) == 1 else f"{len(unknown)} onbekende wijken"
    message = (
        f"{noun} in kolom '{column}': {shown}. Gebruik wijkcodes van deze gemeente "
        f"({own_prefix}xx) of koppel elke wijknaam aan een wijkcode."
    )
    if known is None:
        return message
    if not known.wijken:
        return message + (
            f" Van {known.gemeente_name} zijn nog geen wijken bekend; met een wijkkaart "
            "ziet u hier de wijkcodes."
        )
    by_name = {_loose(name): code for code, name in known.wijken.items()}
    matches = [
        f"'{value}' aan {by_name[_loose(value)]}" for value in unknown if _loose(value) in by_name
    ]
    if matches:
        message += " Koppel bijvoorbeeld " + ", ".join(matches[:_UNKNOWN_SHOWN]) + "."
    wijken = sorted(known.wijken.items())
    listed_known = ", ".join(
        f"{code} {name}" if name and name != code else code for code, name in wijken[:_KNOWN_SHOWN]
    )
    more_known = len(wijken) - _KNOWN_SHOWN
    tail = f" en {more_known} andere" if more_known > 0 else ""
    return message + f" Bekende wijken van {known.gemeente_name}: {listed_known}{tail}."


_MISSING_LABEL = re.compile(r"weet niet|geen antwoord|wil niet|n\.?v\.?t|onbekend", re.I)


def file_wide_missing(survey: SurveyFile, spec: IndicatorMapping, codes: tuple) -> set:
    """The mapping's file-wide 'no answer' codes that hold for this variable.

    A file-wide code is not missing where it is a valid answer of the variable: inside its
    valid_range (a rapportcijfer of 9 when another question's 9 is "weet niet") or one of the
    answers a percentage counts; unless the variable's own value labels call it missing.
    """
    labels = {
        _code_text(code): str(label)
        for code, label in survey.value_labels.get(spec.variable, {}).items()
    }
    kept = set()
    for code in codes:
        if _MISSING_LABEL.search(labels.get(_code_text(code), "")):
            kept.add(code)
        elif code in spec.codes:
            continue
        elif spec.valid_range is not None and isinstance(code, float | int):
            low, high = spec.valid_range
            if not low <= code <= high:
                kept.add(code)
        else:
            kept.add(code)
    return kept


def _valid_values(
    survey: SurveyFile, spec: IndicatorMapping, missing_codes: tuple, missing_texts: tuple = ()
) -> tuple[np.ndarray, np.ndarray]:
    """The indicator's y per respondent, and which answers count (given and not missing).

    `missing_codes` and `missing_texts` are the mapping's file-wide lists; the indicator's own
    lists are on `spec`. A text answer said to be missing ("weet niet" in a column of numbers)
    drops out like a missing code, so the rest of the column counts as numbers.
    """
    column = survey.data[spec.variable]
    numbers = _to_numbers(column).to_numpy(dtype=float, copy=True)
    declared = survey.user_missing.get(spec.variable, set())
    missing = {code for code in declared if not isinstance(code, tuple)}
    missing |= set(spec.missing_codes) | file_wide_missing(survey, spec, missing_codes)
    said_missing = _matches_loosely(column, _missing_texts(spec, missing, missing_texts))
    valid = column.notna().to_numpy(copy=True) & ~said_missing
    text = valid & np.isnan(numbers)  # answers that are neither a number nor said missing
    numeric_missing = [code for code in missing if isinstance(code, float | int)]
    valid &= ~np.isin(numbers, numeric_missing)
    for low, high in (code for code in declared if isinstance(code, tuple)):
        if isinstance(low, float | int) and isinstance(high, float | int):
            valid &= ~((numbers >= low) & (numbers <= high))
    numeric_codes = all(isinstance(code, float | int) for code in spec.codes)
    if spec.kind == stats.Kind.MEAN:
        if text.any():
            raise SurveyFileError(
                f"Variabele '{spec.variable}' moet getallen bevatten voor een gemiddelde, maar "
                f"heeft tekst: {_text_answers(survey, column, text)}. Geef aan welke teksten "
                "als ontbrekend tellen."
            )
        if spec.valid_range is not None:
            low, high = spec.valid_range
            valid &= (numbers >= low) & (numbers <= high)
        return np.where(valid, numbers, 0.0), valid
    if not text.any():
        hits = np.isin(numbers, [code for code in spec.codes if isinstance(code, float | int)])
    elif numeric_codes:
        # These answers can never be one of the codes, yet would count in the denominator.
        raise SurveyFileError(
            f"Variabele '{spec.variable}' heeft antwoordcodes als getal, maar ook tekst: "
            f"{_text_answers(survey, column, text)}. Geef aan welke teksten als ontbrekend "
            "tellen, of welke antwoorden meetellen."
        )
    else:
        hits = column.astype(str).isin({_code_text(code) for code in spec.codes}).to_numpy()
    return hits.astype(float), valid


def _loose(text) -> str:
    """'Weet  niet ' and 'weet niet' are the same answer."""
    return " ".join(str(text).split()).casefold()


def _missing_texts(spec: IndicatorMapping, missing: set, file_wide: tuple) -> set[str]:
    """The texts that are missing for this variable: its own, the file-wide ones unless one
    is an answer the indicator counts, and text codes among its missing codes."""
    counted = {_loose(_code_text(code)) for code in spec.codes}
    texts = {_loose(text) for text in spec.missing_texts}
    texts |= {_loose(text) for text in file_wide} - counted
    texts |= {_loose(code) for code in missing if isinstance(code, str)}
    return texts


def _matches_loosely(column: pd.Series, texts: set[str]) -> np.ndarray:
    if not texts or column.dtype.kind in "fiub":
        return np.zeros(len(column), dtype=bool)
    loose = column.astype("string").str.strip().str.replace(r"\s+", " ", regex=True).str.casefold()
    return loose.isin(texts).to_numpy(dtype=bool, na_value=False)


def _text_answers(survey: SurveyFile, column: pd.Series, mask: np.ndarray, limit: int = 6) -> str:
    """Which texts and where, as "'weet niet' (12×), 'n.v.t.' (3×) bij rij 4, rij 9 ..."."""
    counts = column[mask].astype(str).str.strip().value_counts()
    shown = ", ".join(f"'{value}' ({count}×)" for value, count in counts.iloc[:limit].items())
    if len(counts) > limit:
        shown += f" en {len(counts) - limit} andere teksten"
    return f"{shown} bij {_rows(survey, mask)}"


def _code_text(code) -> str:
    """1.0 in a mapping matches '1' in a text column."""
    return f"{code:g}" if isinstance(code, float) else str(code)


def compute(
    prepared: Prepared,
    mapping: Mapping,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Cell]:
    """Yield one Cell per indicator × area (the gemeente first, then each wijk, then each own
    area with respondents)."""
    survey = prepared.survey
    areas = len(prepared.area_codes)
    own = prepared.own_areas
    codes = prepared.area_codes + (own.codes if own else [])
    in_wijk = prepared.area_index >= 0
    total = len(mapping.indicators)
    for done, (code, spec) in enumerate(mapping.indicators.items(), start=1):
        y, valid = _valid_values(survey, spec, mapping.missing_codes, mapping.missing_texts)
        w = np.where(valid, prepared.weights, 0.0)
        columns = {
            "n": valid.astype(float),
            "sum_w": w,
            "sum_w2": w * w,
            "sum_wy": w * y,
            "sum_wy2": w * y * y,
        }
        # Row 0: the whole gemeente; rows 1..: each wijk (np.bincount per area index).
        sums = {}
        for name, values in columns.items():
            per_area = np.zeros(areas)
            per_area[0] = values.sum()
            if areas > 1:
                per_area[1:] = np.bincount(
                    prepared.area_index[in_wijk], weights=values[in_wijk], minlength=areas
                )[1:]
            sums[name] = per_area if own is None else np.concatenate([per_area, own.sums(values)])
        scale = PERCENT_SCALE if spec.kind == stats.Kind.PROPORTION else 1.0
        for position, area_code in enumerate(codes):
            n = int(round(sums["n"][position]))
            if spec.kind == stats.Kind.PROPORTION:
                estimate = stats.proportion_from_sums(
                    n=n,
                    sum_w=sums["sum_w"][position],
                    sum_w2=sums["sum_w2"][position],
                    sum_wy=sums["sum_wy"][position],
                )
            else:
                estimate = stats.mean_from_sums(
                    n=n,
                    sum_w=sums["sum_w"][position],
                    sum_w2=sums["sum_w2"][position],
                    sum_wy=sums["sum_wy"][position],
                    sum_wy2=sums["sum_wy2"][position],
                )
            yield Cell(
                indicator_code=code,
                area_code=area_code,
                estimate=estimate,
                scale=scale,
                sum_w=float(sums["sum_w"][position]),
            )
        if progress:
            progress(done, total)
