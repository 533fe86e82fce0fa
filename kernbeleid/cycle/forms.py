"""Forms of the yearly cycle: the gemeente's own registered series."""

from django import forms
from django_scopes.forms import SafeModelChoiceField

from analysis.figures.constants import Direction, Unit
from analysis.models import Area

from .own_series import MAX_UPLOAD_BYTES, YEARS, too_big_message

NUMBER = {"invalid": "Geef een getal, bijvoorbeeld 12,5."}


class OwnSeriesForm(forms.Form):
    name = forms.CharField(
        label="Naam", max_length=150, help_text="Bijvoorbeeld ‘Meldingen overlast jeugd’."
    )
    unit = forms.ChoiceField(label="Eenheid", choices=Unit.choices, initial=Unit.COUNT)
    direction = forms.ChoiceField(
        label="Richting", choices=Direction.choices, initial=Direction.HIGHER_IS_WORSE
    )
    source = forms.CharField(
        label="Bron",
        max_length=300,
        help_text="Wie registreert dit en hoe, bijvoorbeeld ‘meldingen bij de gemeente (MOR), "
        "telling team Openbare Orde’.",
        error_messages={"required": "Noem de bron: wie registreert dit en hoe?"},
    )
    area = SafeModelChoiceField(
        label="Gebied",
        queryset=Area.objects.none(),
        required=False,
        empty_label="de gemeente als geheel",
        error_messages={"invalid_choice": "Kies een wijk of eigen gebied van deze gemeente."},
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Geef de registratie een naam."
        self.fields["area"].queryset = areas
        self.fields["area"].label_from_instance = lambda a: f"{a.name} ({a.get_kind_display()})"


class OwnSeriesPointForm(forms.Form):
    year = forms.IntegerField(
        label="Jaar",
        min_value=YEARS[0],
        max_value=YEARS[1],
        error_messages={
            "required": "Geef het jaar.",
            "invalid": "Geef een jaartal, bijvoorbeeld 2024.",
            "min_value": f"Geef een jaartal vanaf {YEARS[0]}.",
            "max_value": f"Geef een jaartal tot en met {YEARS[1]}.",
        },
    )
    value = forms.FloatField(
        label="Waarde", localize=True, error_messages={**NUMBER, "required": "Geef de waarde."}
    )
    ci_low = forms.FloatField(
        label="Ondergrens 95%-interval", required=False, localize=True, error_messages=NUMBER
    )
    ci_high = forms.FloatField(
        label="Bovengrens 95%-interval",
        required=False,
        localize=True,
        error_messages=NUMBER,
        help_text="Alleen als de bron een interval geeft; anders leeg laten.",
    )
    break_before = forms.BooleanField(
        label="De telwijze is vanaf dit jaar anders (niet vergelijken met eerdere jaren)",
        required=False,
    )


class OwnSeriesUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV- of Excel-bestand (.csv, .xlsx)",
        help_text="Kolommen ‘jaar’ en ‘waarde’, en eventueel ‘ondergrens’, ‘bovengrens’ en "
        "‘telwijze gewijzigd’ (ja/nee). Decimale komma. Jaren die er al staan worden vervangen.",
        error_messages={"required": "Kies een bestand.", "empty": "Het bestand is leeg."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refuse a big file before anything reads it.
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_big_message(upload.size))
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError("Kies een CSV- of Excel-bestand (.csv of .xlsx).")
        return upload


class YearTextsForm(forms.Form):
    """The texts of one programme year's documents (see year_texts.YEAR_TEXT_FIELDS)."""

    def __init__(self, *args, **kwargs):
        from .year_texts import MAX_LENGTH, YEAR_TEXT_FIELDS

        super().__init__(*args, **kwargs)
        for document, name, label, help_text in YEAR_TEXT_FIELDS:
            self.fields[f"{document}__{name}"] = forms.CharField(
                label=label,
                help_text=help_text,
                required=False,
                max_length=MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"max_length": "Deze tekst is te lang."},
            )

    def texts(self) -> dict[str, str]:
        """The texts that were sent: one left out of the request keeps its text."""
        return {name: value for name, value in self.cleaned_data.items() if name in self.data}
