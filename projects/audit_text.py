"""An audit entry's details in words, for the audit log page.

Services record details as a small dict (``{"van": 4, "naar": 5}``, ``{"status": {"van": ...,
"naar": ...}}``, model field names from ``updates.audit_changes``). A reader gets Dutch lines:

    {"van": 4, "naar": 5, "reden": "..."}   (stap teruggezet)  ->  ["van stap 4 naar stap 5",
                                                                     "reden: ..."]
    {"period_end": {"van": 2030, "naar": 2031}}  (project)      ->  ["laatste beleidsjaar: van
                                                                     2030 naar 2031"]
    {"datum": "2026-03-01", "jaren": [2021, 2023]}              ->  ["datum: 1-3-2026",
                                                                     "jaren: 2021, 2023"]

Keys that name a field of the entry's object (found by its verbose name) get the field's label,
and a choice its display text; dates read d-m-jjjj. Stored rows are never changed.
"""

import re
from datetime import date, datetime
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

# Actions whose top-level "van"/"naar" are step numbers.
STEP_ACTIONS = {"volgende stap", "stap teruggezet"}
# Actions whose keys are step numbers ({"4": {"van": ..., "naar": ...}}).
STEP_KEY_ACTIONS = {"planning gewijzigd"}
# Keys that read best before their value, without a colon: "editie 2023", "stap 4".
INLINE_KEYS = {"stap", "editie", "jaar", "versie"}
# Keys that are not a field of the audited object.
KEY_LABELS = {
    "e-mail": "e-mailadres",
    "voor": "voor wie",
    "min_n": "minimum aantal respondenten",
    "warn_n": "waarschuwing onder",
    "flag_change_points": "signaal bij verandering (procentpunt)",
    "flag_change_margins": "signaal bij verandering (× de marge)",
}

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# A catalogue placeholder or internal code at the start of a name (old rows): "1.x Huiselijk
# geweld", "X. Domeinoverstijgende thema's", "1.e2 Eigen thema".
PLACEHOLDER_PREFIX = re.compile(r"^(\d+\.x|X(\.\d+)?|\d+\.e\d+)\.?\s+")


def without_placeholder_code(text: str) -> str:
    return PLACEHOLDER_PREFIX.sub("", text or "")


@cache
def _model_named(verbose_name: str) -> type[models.Model] | None:
    for model in apps.get_models():
        if str(model._meta.verbose_name) == verbose_name:
            return model
    return None


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    for field in model._meta.get_fields():
        if not isinstance(field, models.Field):
            continue
        if key in (field.name, str(field.verbose_name)):
            return field
    return None


def _label(key: str, field: models.Field | None, action: str) -> str:
    if key.isdigit() and action in STEP_KEY_ACTIONS:
        return f"stap {key}"
    if key in KEY_LABELS:
        return KEY_LABELS[key]
    if field is not None:
        return str(field.verbose_name)
    return without_placeholder_code(key).replace("_", " ")


def _date_text(value: str) -> str:
    if ISO_DATE.match(value):
        day = date.fromisoformat(value)
        return date_format(day, "j F Y")
    moment = datetime.fromisoformat(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "j F Y H:i")


def value_text(value: Any, field: models.Field | None = None) -> str:
    """One value in words."""
    if value is None or value == "":
        return "leeg"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, list | tuple):
        return ", ".join(value_text(item) for item in value) or "geen"
    if isinstance(value, dict):
        return "; ".join(
            f"{without_placeholder_code(k)}: {value_text(v)}" for k, v in value.items()
        )
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and (ISO_DATE.match(value) or ISO_DATETIME.match(value)):
        try:
            return _date_text(value)
        except ValueError:
            return value
    return str(value)


def _change(before: Any, after: Any, field: models.Field | None, *, steps: bool = False) -> str:
    if isinstance(before, dict) and isinstance(after, dict):
        parts = [
            f"{key} van {value_text(before.get(key))} naar {value_text(after.get(key))}"
            for key in dict.fromkeys([*before, *after])
            if before.get(key) != after.get(key)
        ]
        return ", ".join(parts) or "niets gewijzigd"
    if steps:
        return f"van stap {before} naar stap {after}"
    return f"van {value_text(before, field)} naar {value_text(after, field)}"


def _is_change(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"van", "naar"}


# The keys that lead, in this order (where a step or version is, then what happened); the
# others follow alphabetically, steps by number.
LEADING_KEYS = ("stap", "jaar", "versie", "voor", "uitkomst", "besluitnummer", "datum")


def _key_order(key: str) -> tuple[int, bool, int, str]:
    lead = LEADING_KEYS.index(key) if key in LEADING_KEYS else len(LEADING_KEYS)
    return (lead, not key.isdigit(), int(key) if key.isdigit() else 0, key)


def detail_lines(detail: dict | None, *, action: str = "", object_type: str = "") -> list[str]:
    """The details of one audit entry as short Dutch lines."""
    if not detail:
        return []
    if not isinstance(detail, dict):
        return [value_text(detail)]
    model = _model_named(object_type) if object_type else None
    lines = []
    rest = dict(detail)
    if "van" in rest and "naar" in rest:
        before, after = rest.pop("van"), rest.pop("naar")
        lines.append(_change(before, after, None, steps=action in STEP_ACTIONS))
    # PostgreSQL's jsonb does not keep the order the keys were written in (SQLite does), so
    # the lines follow a fixed order of the keys (LEADING_KEYS, then steps, then words).
    for key, value in sorted(rest.items(), key=lambda item: _key_order(str(item[0]))):
        key = str(key)
        field = _field(model, key)
        label = _label(key, field, action)
        if _is_change(value):
            lines.append(f"{label}: {_change(value['van'], value['naar'], field)}")
        elif key in INLINE_KEYS and isinstance(value, int | str) and value != "":
            lines.append(f"{label} {value_text(value, field)}")
        else:
            lines.append(f"{label}: {value_text(value, field)}")
    return lines
