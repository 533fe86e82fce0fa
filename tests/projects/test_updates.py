"""model_update and audit_changes: the helpers services use to change fields and audit it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project
from projects.updates import audit_changes, model_update


def test_nothing_changed_is_not_saved(world):
    project = world.project
    with CaptureQueriesContext(connection) as queries:
        same, updated = model_update(instance=project, data={"name": project.name})
    assert same is project and updated is False
    assert len(queries) == 0


def test_changed_fields_are_validated_and_saved_alone(world):
    project = world.project
    before = project.updated_at
    Project.objects.filter(pk=project.pk).update(period_end=2031)  # someone else's change
    project, updated = model_update(
        instance=project, data={"name": "Nieuw plan", "next_deadline": date(2027, 5, 1)}
    )
    assert updated is True
    stored = Project.objects.get(pk=project.pk)
    assert (stored.name, stored.next_deadline) == ("Nieuw plan", date(2027, 5, 1))
    assert stored.period_end == 2031  # untouched: only the changed fields are written
    assert stored.updated_at > before  # auto_now fields go along


def test_an_invalid_value_raises_before_anything_is_saved(world):
    name = world.project.name
    with pytest.raises(ValidationError):
        model_update(instance=world.project, data={"name": "x" * 201})
    assert Project.objects.get(pk=world.project.pk).name == name


def test_audit_changes_lists_only_what_differs_in_json_form(world):
    project = world.project
    project.next_deadline = date(2027, 1, 1)
    changes = audit_changes(
        project,
        {
            "name": project.name,
            "next_deadline": date(2027, 2, 1),
            "gemeente": world.other,
            "min_n": Decimal("60"),
        },
    )
    assert changes == {
        "next_deadline": {"van": "2027-01-01", "naar": "2027-02-01"},
        "gemeente": {"van": str(world.gemeente), "naar": str(world.other)},
        "min_n": {"van": 50, "naar": "60"},
    }
