"""The forms of the page that marks parts vertrouwelijk."""

from django import forms

from projects.confidentiality_services import NOTE_MAX
from projects.constants import ConfidentialReason


class ConfidentialMarkForm(forms.Form):
    key = forms.CharField(max_length=120, widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label="Reden",
        choices=[("", "Kies een reden")] + list(ConfidentialReason.choices),
        error_messages={"required": "Kies een reden waarom dit onderdeel vertrouwelijk is."},
    )
    note = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=NOTE_MAX,
        error_messages={"max_length": f"Houd de toelichting korter dan {NOTE_MAX} tekens."},
    )


class ConfidentialClearForm(forms.Form):
    key = forms.CharField(max_length=120, widget=forms.HiddenInput)
