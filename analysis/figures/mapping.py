"""A mapping says how a respondent file's variables become indicators.

The same structure is stored on an ImportRun, saved as a template per bureau or gemeente, and
read from a YAML or JSON file by `manage.py import_survey --mapping FILE`:

    name: Veiligheidsmonitor 2023          # optional
    weight: weegfactor                     # the weight column (required)
    wijk: wijk                             # optional: wijk codes (WKxxxxyy) or labels
    wijk_labels: {Centrum: WK036300}       # optional: label -> code, when the column holds names
    area: gebied                           # optional: for the gemeente's own areas (kernen,
                                           # wijk- and buurtgroepen): buurt codes (BUxxxxxxxx),
                                           # wijk codes or kern names. A respondent counts in
                                           # its wijk and in every own area whose members hold
                                           # its wijk, its buurt or this value
    respondent_id: respnr                  # optional: checked for duplicates
    missing_codes: [99]                    # 'no answer' for every variable, except where the
                                           # code is a valid answer there (inside its valid_range
                                           # or one of its codes) and not labelled as missing
    missing_texts: [weet niet, n.v.t.]     # optional: text answers that are missing in every
                                           # variable (a CSV/XLSX column of numbers that also
                                           # holds "weet niet"); matched ignoring case and spaces,
                                           # never where the text is one of the variable's codes
    indicators:
      voelt_zich_weleens_onveilig:         # a catalogue code ...
        variable: onv_alg
        kind: proportion                   # weighted % of valid answers that are in `codes`
        codes: [1, 2]
      rapportcijfer_veiligheid_buurt:
        variable: cijf_veil
        kind: mean                         # weighted mean of answers within valid_range
        valid_range: [1, 10]
        missing_codes: [99]                # optional: this variable's own 'no answer' codes
        missing_texts: [weet niet]         # optional: this variable's own 'no answer' texts
      eigen_cameratoezicht:                # ... or a gemeente's own question:
        variable: eigen_cam                #   give it a name, unit and direction
        kind: proportion
        codes: [1]
        name: Voorstander van meer cameratoezicht
        unit: percent
        direction: neutral
"""

import json
import re
from dataclasses import asdict, dataclass, field

import yaml

from .constants import Direction, Unit
from .stats import Kind

_CODE = re.compile(r"^[a-z0-9][a-z0-9_]{1,79}$")
_WIJK = re.compile(r"^WK\d{6}$")


class MappingError(ValueError):
    """A mapping that cannot be used; the message is Dutch."""


@dataclass(frozen=True)
class IndicatorMapping:
    variable: str
    kind: str
    codes: tuple = ()
    valid_range: tuple[float, float] | None = None
    missing_codes: tuple = ()  # this variable's own 'no answer' codes
    missing_texts: tuple[str, ...] = ()  # this variable's own 'no answer' texts
    name: str = ""  # only for a gemeente's own indicators
    unit: str = ""
    direction: str = ""


@dataclass(frozen=True)
class Mapping:
    weight: str
    indicators: dict[str, IndicatorMapping]
    wijk: str = ""
    area: str = ""  # the column for the gemeente's own areas
    wijk_labels: dict[str, str] = field(default_factory=dict)
    respondent_id: str = ""
    missing_codes: tuple = ()
    missing_texts: tuple[str, ...] = ()
    name: str = ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["missing_codes"] = list(self.missing_codes)
        data["missing_texts"] = list(self.missing_texts)
        for spec in data["indicators"].values():
            spec["codes"] = list(spec["codes"])
            spec["missing_codes"] = list(spec["missing_codes"])
            spec["missing_texts"] = list(spec["missing_texts"])
            if spec["valid_range"] is not None:
                spec["valid_range"] = list(spec["valid_range"])
        return data


def load_mapping_text(text: str, *, name: str) -> dict:
    """Parse the text of a mapping file (.yaml, .yml or .json)."""
    try:
        data = json.loads(text) if name.lower().endswith(".json") else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise MappingError(
            f"Het koppelbestand '{name}' is geen geldige YAML of JSON: {exc}"
        ) from exc
    if not isinstance(data, dict):
        raise MappingError(f"Het koppelbestand '{name}' bevat geen koppeling.")
    return data


def parse_mapping(raw: dict, *, catalogue_codes: set[str]) -> Mapping:
    """Check a mapping's structure; file columns are checked later, against the file."""
    if not isinstance(raw, dict):
        raise MappingError("De koppeling is leeg.")
    weight = str(raw.get("weight") or "").strip()
    if not weight:
        raise MappingError(
            "Kies de kolom met de weegfactor. Zonder weging zijn de cijfers niet representatief."
        )
    indicators_raw = raw.get("indicators") or {}
    if not isinstance(indicators_raw, dict) or not indicators_raw:
        raise MappingError("Koppel ten minste één variabele aan een indicator.")
    indicators = {
        str(code): _parse_indicator(str(code), spec, catalogue_codes)
        for code, spec in indicators_raw.items()
    }
    wijk_labels = raw.get("wijk_labels") or {}
    if not isinstance(wijk_labels, dict):
        raise MappingError("wijk_labels moet per wijknaam een wijkcode geven.")
    for label, code in wijk_labels.items():
        if not _WIJK.match(str(code)):
            raise MappingError(f"'{code}' bij wijk '{label}' is geen wijkcode als WK036300.")
    return Mapping(
        name=str(raw.get("name") or ""),
        weight=weight,
        wijk=str(raw.get("wijk") or "").strip(),
        area=str(raw.get("area") or "").strip(),
        wijk_labels={str(k): str(v) for k, v in wijk_labels.items()},
        respondent_id=str(raw.get("respondent_id") or "").strip(),
        missing_codes=tuple(_codes(raw.get("missing_codes") or [], "missing_codes")),
        missing_texts=_texts(raw.get("missing_texts"), "missing_texts"),
        indicators=indicators,
    )


def _codes(values, where: str) -> list:
    if not isinstance(values, list | tuple):
        raise MappingError(f"{where} moet een lijst met antwoordcodes zijn, zoals [1, 2].")
    return [_number_or_text(value) for value in values]


def _texts(values, where: str) -> tuple[str, ...]:
    """Text answers that count as missing, as written (compute compares them loosely)."""
    if values is None or values == "":
        return ()
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list | tuple):
        raise MappingError(f"{where} moet een lijst met teksten zijn, zoals [weet niet, n.v.t.].")
    texts = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, str):
            raise MappingError(
                f"{where}: '{value}' is geen tekst. Zet antwoordcodes als 99 in missing_codes."
            )
        text = " ".join(value.split())
        if not text:
            raise MappingError(f"{where} bevat een lege tekst.")
        if text not in texts:
            texts.append(text)
    return tuple(texts)


def _number_or_text(value):
    if isinstance(value, bool):
        raise MappingError(f"'{value}' is geen antwoordcode.")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text


def _parse_indicator(code: str, spec, catalogue_codes: set[str]) -> IndicatorMapping:
    # An own question is named by the name the gemeente gave it, once it has one.
    named = str(spec.get("name") or "").strip() if isinstance(spec, dict) else ""
    where = f"Indicator '{named if named and code not in catalogue_codes else code}'"
    if not isinstance(spec, dict):
        raise MappingError(f"{where}: geef variable en kind op.")
    variable = str(spec.get("variable") or "").strip()
    if not variable:
        raise MappingError(f"{where}: welke variabele uit het bestand hoort erbij?")
    kind = spec.get("kind")
    if kind not in (Kind.PROPORTION, Kind.MEAN):
        raise MappingError(
            f"{where}: kind moet 'proportion' (percentage) of 'mean' (gemiddelde) zijn."
        )
    codes: tuple = ()
    valid_range = None
    missing = tuple(_codes(spec.get("missing_codes") or [], f"{where}: missing_codes"))
    missing_texts = _texts(spec.get("missing_texts"), f"{where}: missing_texts")
    if kind == Kind.PROPORTION:
        codes = tuple(_codes(spec.get("codes") or [], f"{where}: codes"))
        if not codes:
            raise MappingError(f"{where}: welke antwoordcodes tellen mee voor het percentage?")
    else:
        bounds = spec.get("valid_range")
        if bounds is not None:
            if not (isinstance(bounds, list | tuple) and len(bounds) == 2):
                raise MappingError(f"{where}: valid_range is een paar als [1, 10].")
            low, high = (float(bound) for bound in bounds)
            if low >= high:
                raise MappingError(
                    f"{where}: de ondergrens van valid_range ligt niet onder de bovengrens."
                )
            valid_range = (low, high)
    if code in catalogue_codes:
        return IndicatorMapping(
            variable=variable,
            kind=kind,
            codes=codes,
            valid_range=valid_range,
            missing_codes=missing,
            missing_texts=missing_texts,
        )
    if not _CODE.match(code):
        raise MappingError(
            f"Indicator '{code}': een eigen indicator heeft een code van kleine letters, "
            "cijfers en _."
        )
    name = str(spec.get("name") or "").strip()
    unit = spec.get("unit") or (Unit.PERCENT if kind == Kind.PROPORTION else "")
    direction = spec.get("direction") or Direction.NEUTRAL
    if not name:
        raise MappingError(
            f"{where} staat niet in de catalogus. Geef deze eigen vraag een naam (name)."
        )
    if unit not in Unit.values:
        raise MappingError(
            f"{where}: onbekende eenheid '{unit}'. Kies uit {', '.join(Unit.values)}."
        )
    if direction not in Direction.values:
        raise MappingError(
            f"{where}: onbekende richting '{direction}'. Kies uit {', '.join(Direction.values)}."
        )
    if kind == Kind.PROPORTION and unit != Unit.PERCENT:
        raise MappingError(f"{where}: een percentage heeft eenheid 'percent'.")
    return IndicatorMapping(
        variable=variable,
        kind=kind,
        codes=codes,
        valid_range=valid_range,
        missing_codes=missing,
        missing_texts=missing_texts,
        name=name,
        unit=unit,
        direction=direction,
    )
