from django import forms
from django.utils import timezone

from .models import Population15Plus


class PopulationForm(forms.Form):
    """A gemeente's inhabitants aged 15 and over (the weight of its part of a joint plan's
    figures); the service checks that the number can be right."""

    year = forms.IntegerField(
        label="Peildatum: 1 januari van",
        min_value=1990,
        error_messages={"required": "Vul het jaar van de peildatum in."},
    )
    count = forms.IntegerField(
        label="Inwoners van 15 jaar en ouder",
        min_value=1,
        error_messages={
            "required": "Vul het aantal inwoners van 15 jaar en ouder in.",
            "min_value": "Het aantal moet groter zijn dan nul.",
        },
    )
    source = forms.CharField(
        label="Bron",
        max_length=200,
        initial=Population15Plus._meta.get_field("source").default,
        help_text="Bijvoorbeeld CBS StatLine 03759ned (bevolking op 1 januari; leeftijd).",
        error_messages={"required": "Zeg waar het aantal vandaan komt."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].max_value = this_year
        self.fields["year"].widget.attrs.update(min=1990, max=this_year)
        self.fields["year"].initial = self.initial.get("year") or this_year
