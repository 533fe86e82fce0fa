"""Forms of the veiligheidsanalyse pages."""

from django import forms

from .constants import PRIORITY_CRITERIA, THEME_TEXTS, AnalysisStatus, ThemeCoverage

SCORE_CHOICES = [("", "–")] + [(str(value), str(value)) for value in range(1, 6)]


class ThemeTextsForm(forms.Form):
    """The five texts of a theme; each is edited with Trix, which fills a hidden input."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in THEME_TEXTS:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=100_000,
                widget=forms.HiddenInput(attrs={"class": "rich-text-input"}),
            )

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name, _label in THEME_TEXTS}

    def text_fields(self):
        return [self[name] for name, _label in THEME_TEXTS]


class FieldStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=AnalysisStatus.choices)


class FieldStatusesForm(forms.Form):
    """The status of every field of the analysis, in one form (one select per field)."""

    def __init__(self, *args, fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.analysis_fields = list(fields)
        for field in self.analysis_fields:
            self.fields[self.name_for(field)] = forms.ChoiceField(
                label=f"Status van {field.name}",
                choices=AnalysisStatus.choices,
                initial=field.status,
                error_messages={
                    "required": "Kies concept, ter review of definitief.",
                    "invalid_choice": "Kies concept, ter review of definitief.",
                },
            )

    @staticmethod
    def name_for(field) -> str:
        return f"status-{field.uuid}"

    def statuses(self) -> dict:
        return {field: self.cleaned_data[self.name_for(field)] for field in self.analysis_fields}

    def field_for(self, field):
        return self[self.name_for(field)]


class ThemeCoverageForm(forms.Form):
    """How far a theme is worked out, with one sentence why when it is not. The length rule
    (300) is the service's, so its message is the one the user reads; the form only bounds
    what a request may carry."""

    coverage = forms.ChoiceField(
        label="Uitwerking",
        choices=ThemeCoverage.choices,
        error_messages={
            "required": "Kies uitgewerkt, basisniveau of niet van toepassing.",
            "invalid_choice": "Kies uitgewerkt, basisniveau of niet van toepassing.",
        },
    )
    reasoning = forms.CharField(
        label="Toelichting in één zin",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 300}),
        help_text="Verplicht bij basisniveau of niet van toepassing; hooguit 300 tekens. "
        "Deze zin komt in de kadernota onder ‘overige thema’s’.",
    )


class NameForm(forms.Form):
    name = forms.CharField(label="Naam", max_length=200)


class PrioritiesForm(forms.Form):
    """Scores 1-5 per theme and criterion, the proposal and its reasoning."""

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = list(themes)
        for theme in self.themes:
            for name, label in PRIORITY_CRITERIA:
                value = getattr(theme, name)
                self.fields[f"{theme.pk}__{name}"] = forms.TypedChoiceField(
                    label=f"{label} voor {theme.name}",
                    choices=SCORE_CHOICES,
                    required=False,
                    coerce=int,
                    empty_value=None,
                    initial="" if value is None else str(value),
                )
            self.fields[f"{theme.pk}__proposed"] = forms.BooleanField(
                label=f"Voorstellen als prioriteit: {theme.name}",
                required=False,
                initial=theme.proposed_priority,
            )
            self.fields[f"{theme.pk}__reasoning"] = forms.CharField(
                label=f"Onderbouwing voor {theme.name}",
                required=False,
                max_length=2000,
                initial=theme.priority_reasoning,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        for theme in self.themes:
            if (
                cleaned.get(f"{theme.pk}__proposed")
                and not cleaned.get(f"{theme.pk}__reasoning", "").strip()
            ):
                self.add_error(
                    f"{theme.pk}__reasoning",
                    f"Onderbouw waarom {theme.name} een prioriteit moet worden.",
                )
        return cleaned

    def rows(self):
        return [
            (
                theme,
                [self[f"{theme.pk}__{name}"] for name, _label in PRIORITY_CRITERIA],
                self[f"{theme.pk}__proposed"],
                self[f"{theme.pk}__reasoning"],
            )
            for theme in self.themes
        ]

    def scores(self) -> dict:
        return {
            theme: {
                **{
                    name: self.cleaned_data.get(f"{theme.pk}__{name}")
                    for name, _label in PRIORITY_CRITERIA
                },
                "proposed_priority": self.cleaned_data.get(f"{theme.pk}__proposed", False),
                "priority_reasoning": self.cleaned_data.get(f"{theme.pk}__reasoning", "").strip(),
            }
            for theme in self.themes
        }


WEIGHT_ERROR = "Geef de weging als getal van 0 tot en met 10, bijvoorbeeld 1 of 1,5."


class WeightsForm(forms.Form):
    """How much each criterion counts in the total score. Numbers read and are typed the
    Dutch way ("1,5"); "1.5" is accepted too."""

    def __init__(self, *args, settings_, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in PRIORITY_CRITERIA:
            self.fields[name] = forms.FloatField(
                label=label,
                min_value=0,
                max_value=10,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "number-input"}),
                initial=getattr(settings_, f"weight_{name}"),
                error_messages={
                    "required": WEIGHT_ERROR,
                    "invalid": WEIGHT_ERROR,
                    "min_value": WEIGHT_ERROR,
                    "max_value": WEIGHT_ERROR,
                },
            )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(name) for name, _ in PRIORITY_CRITERIA):
            raise forms.ValidationError("Ten minste één weging is groter dan 0.")
        return cleaned
