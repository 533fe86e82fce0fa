"""Which of the gemeente's own areas (kernen, wijkgroepen, buurtgroepen) each respondent is in.

A respondent's keys are its wijk code (from the wijk column) and the value of the area column,
as written and as its value label; a buurt code BUggggwwbb also gives the wijk WKggggww it lies
in. An own area holds a respondent when one of its members is one of those keys, so one
respondent can be in its wijk, a wijkgroep and a kern at once.

Respondents with the same wijk and area value form one group. The sums per own area are then
one bincount over the groups and one product with the small groups × areas membership matrix,
however many own areas there are and however they overlap. Pure: no Django.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

WIJK_CODE = re.compile(r"^WK\d{6}$")
BUURT_CODE = re.compile(r"^BU\d{8}$")
_LISTED = 10  # values named in a note or an error; the rest are counted


def member_key(value) -> str:
    """How members and file values are compared: without case or extra spaces; a number
    read as 1.0 is '1'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()).casefold()


@dataclass(frozen=True)
class OwnArea:
    code: str
    label: str  # "wijkgroep Noord", for the notes
    members: tuple[str, ...]


@dataclass
class AreaSets:
    """The own areas that have respondents in a file, and who is in which."""

    codes: list[str]
    group_of: np.ndarray  # per respondent: its group (same wijk and area value)
    membership: np.ndarray  # groups × codes: 1.0 where the group's respondents are in the area

    def sums(self, values: np.ndarray) -> np.ndarray:
        """Per own area, the sum of `values` over its respondents."""
        per_group = np.bincount(self.group_of, weights=values, minlength=len(self.membership))
        return per_group @ self.membership


class ForeignCodes(ValueError):
    """The area column holds wijk or buurt codes of another gemeente (message in Dutch)."""


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _value_keys(raw, labels: dict) -> tuple[frozenset[str], list[str]]:
    """The keys of one area value, and the codes in it (to check they are the gemeente's)."""
    texts = [_text(raw)]
    label = labels.get(raw)
    if label is not None:
        texts.append(_text(label))
    keys, codes = set(), []
    for text in texts:
        if not text:
            continue
        keys.add(member_key(text))
        code = text.upper()
        if BUURT_CODE.match(code):
            codes.append(code)
            keys.add(member_key("WK" + code[2:8]))
        elif WIJK_CODE.match(code):
            codes.append(code)
    return frozenset(keys), codes


def _check_codes(codes_per_value: list[list[str]], column: str, gemeente_code: str) -> None:
    digits = gemeente_code[2:]
    foreign = sorted({code for codes in codes_per_value for code in codes if code[2:6] != digits})
    if foreign:
        shown = ", ".join(foreign[:_LISTED])
        more = f" en {len(foreign) - _LISTED} andere" if len(foreign) > _LISTED else ""
        raise ForeignCodes(
            f"In kolom '{column}' staan codes van een andere gemeente: {shown}{more}. Gebruik "
            f"wijkcodes (WK{digits}xx) en buurtcodes (BU{digits}xxxx) van deze gemeente."
        )


def own_area_sets(
    *,
    own_areas: Sequence[OwnArea],
    wijk_codes: Sequence[str],
    wijk_index: np.ndarray,
    area_column: pd.Series | None,
    column_name: str = "",
    labels: dict | None = None,
    gemeente_code: str,
) -> tuple[AreaSets, list[str]]:
    """Who is in which own area, and notes for the import summary (in Dutch).

    `wijk_codes[wijk_index[i]]` is respondent i's wijk (-1: none); `area_column` holds buurt
    codes, wijk codes or kern names (None when the mapping has no area column). Own areas
    without respondents are left out, with a note.
    """
    count = len(wijk_index)
    if area_column is None:
        value_index, uniques = np.full(count, -1, dtype=np.int64), []
    else:
        value_index, uniques = pd.factorize(area_column, use_na_sentinel=True)
    described = [_value_keys(raw, labels or {}) for raw in uniques]
    _check_codes([codes for _keys, codes in described], column_name, gemeente_code)
    stride = len(wijk_codes) + 1
    combined = (np.asarray(value_index, dtype=np.int64) + 1) * stride + (wijk_index + 1)
    groups, group_of = np.unique(combined, return_inverse=True)
    members = [frozenset(member_key(member) for member in area.members) for area in own_areas]
    membership = np.zeros((len(groups), len(own_areas)))
    for row, group in enumerate(groups.tolist()):
        value, wijk = divmod(group, stride)
        keys = set(described[value - 1][0]) if value else set()
        if wijk:
            keys.add(member_key(wijk_codes[wijk - 1]))
        for column, area_members in enumerate(members):
            membership[row, column] = float(not keys.isdisjoint(area_members))
    respondents = np.bincount(group_of, minlength=len(groups)) @ membership
    notes = _notes(own_areas, respondents, uniques, described, members, value_index, column_name)
    keep = respondents > 0
    sets = AreaSets(
        codes=[area.code for area, kept in zip(own_areas, keep, strict=True) if kept],
        group_of=group_of,
        membership=membership[:, keep],
    )
    return sets, notes


def _notes(own_areas, respondents, uniques, described, members, value_index, column) -> list[str]:
    notes = [
        f"Geen respondenten in dit bestand voor {area.label}; daarvoor is niets berekend."
        for area, found in zip(own_areas, respondents, strict=True)
        if not found
    ]
    if column and not own_areas:
        notes.append(
            f"Kolom '{column}' is als gebied gekoppeld, maar de gemeente heeft nog geen eigen "
            "gebieden vastgelegd."
        )
        return notes
    every_member = frozenset().union(*members) if members else frozenset()
    loose = [
        position
        for position, (keys, _codes) in enumerate(described)
        if _text(uniques[position]) and keys.isdisjoint(every_member)
    ]
    if loose:
        per_value = np.bincount(value_index[value_index >= 0], minlength=len(uniques))
        shown = ", ".join(
            f"'{_text(uniques[position])}' ({per_value[position]})" for position in loose[:_LISTED]
        )
        more = f" en {len(loose) - _LISTED} andere" if len(loose) > _LISTED else ""
        notes.append(
            f"Waarden in kolom '{column}' die bij geen eigen gebied horen (respondenten): "
            f"{shown}{more}. Zij tellen mee voor hun wijk en de hele gemeente."
        )
    return notes
