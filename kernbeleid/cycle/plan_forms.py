"""Forms of the evaluation of the previous plan and the actualisatie after two years."""

from django import forms

from ..constants import ActualisatieMode, Outcome, PriorityChangeKind


class ActualisatieRaadForm(forms.Form):
    raad_date = forms.DateField(
        label="Datum behandeling in de raad",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    raad_reference = forms.CharField(
        label="Besluitnummer of kenmerk raadsinformatiebrief", max_length=80, required=False
    )
    raad_outcome = forms.ChoiceField(
        label="Uitkomst (alleen bij een raadsbesluit)",
        choices=[("", "—")] + list(Outcome.choices),
        required=False,
    )


def priority_changes_from(data, priorities, others) -> list[tuple]:
    """(theme, change, reason) per priority (its choice, "kept" when none is posted) and per
    other theme ticked to be added; field names carry the theme's uuid."""
    changes = []
    for theme in priorities:
        change = data.get(f"change_{theme.uuid}") or PriorityChangeKind.KEPT
        changes.append((theme, change, data.get(f"reason_{theme.uuid}", "")))
    for theme in others:
        if data.get(f"add_{theme.uuid}"):
            changes.append((theme, PriorityChangeKind.ADDED, data.get(f"reason_{theme.uuid}", "")))
    return changes


PRIORITY_CHOICES = [
    (kind, label) for kind, label in PriorityChangeKind.choices if kind != PriorityChangeKind.ADDED
]
MODE_CHOICES = ActualisatieMode.choices
