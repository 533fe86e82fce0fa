from django import forms

from kernbeleid.products.models import Raadsvoorstel

from .drafting import FIELDS

ROWS = {"onderwerp": 1, "voorgesteld_besluit": 5, "ontwerpbesluit": 10}


class RaadsvoorstelForm(forms.Form):
    """The user's own text per part; a part left empty shows its draft in the document."""

    college_date = forms.DateField(
        label="Datum voorstel college",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Vul een geldige datum in (dag-maand-jaar)."},
    )
    college_number = forms.CharField(
        label="Nummer voorstel college",
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"max_length": "Houd het nummer korter dan 80 tekens."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in FIELDS:
            label = Raadsvoorstel._meta.get_field(field).verbose_name
            limit = 300 if field == "onderwerp" else 50_000
            self.fields[field] = forms.CharField(
                label=str(label).capitalize(),
                required=False,
                max_length=limit,
                widget=forms.Textarea(attrs={"rows": ROWS.get(field, 4)}),
                error_messages={
                    "max_length": f"Houd dit korter dan {limit:,} tekens.".replace(",", ".")
                },
            )

    def texts(self) -> dict[str, str]:
        return {field: self.cleaned_data[field] for field in FIELDS}
