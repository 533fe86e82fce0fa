"""The form to adopt a part of a partner's input into a theme text."""

from django import forms

from .constants import THEME_TEXTS, PartnerInputField
from .partner_input import ADOPT_MAX


class AdoptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    input_field = forms.ChoiceField(
        label="Uit de inbreng",
        choices=PartnerInputField.choices,
        error_messages={"required": "Kies welk deel van de inbreng u overneemt."},
    )
    theme_field = forms.ChoiceField(
        label="Naar de tekst",
        choices=THEME_TEXTS,
        error_messages={"required": "Kies de tekst van het thema waar het in komt."},
    )
    text = forms.CharField(
        label="Over te nemen tekst (leeg: het hele deel)",
        required=False,
        max_length=ADOPT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Plak of typ het deel dat u overneemt; de bronregel komt er vanzelf onder.",
    )

    def __init__(self, *args, partner_input=None, **kwargs):
        prefix = f"inbreng-{partner_input.uuid}" if partner_input else None
        super().__init__(*args, prefix=prefix, **kwargs)
