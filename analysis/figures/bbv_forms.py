"""The form for BBV figures copied from waarstaatjegemeente.nl."""

from django import forms

from .statline import WSJG_MAX_BYTES


class BbvUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV-bestand met de BBV-cijfers van waarstaatjegemeente.nl",
        help_text=(
            "Per indicator en jaar het cijfer per 1.000 inwoners, zoals gepubliceerd. "
            "Puntkomma- of kommagescheiden; decimale komma."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refuse a big file before anything reads it.
        if upload.size > WSJG_MAX_BYTES:
            raise forms.ValidationError(
                f"Het bestand is te groot; de grens is {WSJG_MAX_BYTES // 1_000_000} MB."
            )
        return upload
