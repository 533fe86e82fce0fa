"""Two helpers for services that change fields of a model instance: what changes, in the shape
the audit log records it, and the update itself (after the HackSoft styleguide's
``model_update``).

    changes = audit_changes(project, values)
    project, updated = model_update(instance=project, data=values)
    if updated:
        audit_record(actor=actor, action="project gewijzigd", obj=project, detail=changes)
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)


def audit_value(value: Any) -> Any:
    """A field value as the audit detail (JSON) stores it."""
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Model):
        return str(value)
    return value


def audit_changes(instance: Model, values: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose value differs from the instance's, each as ``{"van": before, "naar":
    after}``: the "from → to" detail of an audit entry. Call it before changing anything."""
    changes = {}
    for name, value in values.items():
        before = getattr(instance, name)
        if before != value:
            changes[name] = {"van": audit_value(before), "naar": audit_value(value)}
    return changes


def model_update(*, instance: M, data: Mapping[str, Any]) -> tuple[M, bool]:
    """Set the fields in ``data`` whose value differs; if any did, validate the instance
    (``full_clean``) and save just those fields (and any ``auto_now`` field). Returns the
    instance and whether it was updated."""
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    if not changed:
        return instance, False
    for name in changed:
        setattr(instance, name, data[name])
    instance.full_clean()
    auto_now = [
        field.name for field in instance._meta.concrete_fields if getattr(field, "auto_now", False)
    ]
    instance.save(update_fields=sorted(set(changed) | set(auto_now)))
    return instance, True
