"""The form of the preview step: the reason a user gives for a flagged indicator."""

from django import forms

from .services.previews import REASON_MAX_LENGTH, REASON_REQUIRED


class FlagConfirmForm(forms.Form):
    indicator = forms.SlugField(max_length=80)
    reason = forms.CharField(
        label="Waarom klopt dit cijfer?",
        max_length=REASON_MAX_LENGTH,
        strip=True,
        error_messages={"required": REASON_REQUIRED},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
