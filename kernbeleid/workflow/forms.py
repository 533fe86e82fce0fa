from django import forms
from django.utils import timezone

from projects.constants import KERNBELEID_STEPS

from ..constants import Outcome
from .transitions import SKIPPABLE, STEP_NAMES


class AdvanceForm(forms.Form):
    expected_step = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=12)


class DecisionForm(forms.Form):
    expected_step = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=12)
    decision_date = forms.DateField(
        label="Datum van de raadsvergadering", widget=forms.DateInput(attrs={"type": "date"})
    )
    number = forms.CharField(label="Besluitnummer", max_length=80)
    outcome = forms.ChoiceField(label="Uitkomst", choices=Outcome.choices, widget=forms.RadioSelect)
    notes = forms.CharField(
        label="Toelichting",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij verworpen of geamendeerd: wat moet er anders?",
    )
    document = forms.FileField(label="Besluitdocument (PDF, DOCX of ODT)", required=False)

    def clean_decision_date(self):
        value = self.cleaned_data["decision_date"]
        if value > timezone.localdate():
            raise forms.ValidationError("Een raadsbesluit ligt niet in de toekomst.")
        return value


class SendBackForm(forms.Form):
    expected_step = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=12)
    to_step = forms.TypedChoiceField(
        label="Terug naar stap",
        coerce=int,
        choices=[(n, f"{n}. {name}") for n, name in KERNBELEID_STEPS],
    )
    reason = forms.CharField(
        label="Reden", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class PlanningForm(forms.Form):
    def __init__(self, *args, records, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(KERNBELEID_STEPS)
        for record in records:
            self.fields[f"step_{record.step}"] = forms.DateField(
                label=f"Stap {record.step}: {names[record.step]}",
                required=False,
                initial=record.planned_end,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def planned(self) -> dict:
        return {int(name.split("_")[1]): value for name, value in self.cleaned_data.items()}


SKIP_WHY = (
    "Welke stappen de lichte route van de handreiking weglaat, is niet bekend; het project "
    "kiest zelf. Alleen stap 3, 6 en 8 kunnen vervallen: in stap 1, 5 en 9 spreekt de raad "
    "zich uit, stap 2, 4 en 7 leveren de werkgroep, de veiligheidsanalyse en de kadernota "
    "waarop die besluiten rusten, en stap 10 tot en met 12 zijn de uitvoering en de controle "
    "door de raad."
)


class LightRouteForm(forms.Form):
    light_route = forms.BooleanField(
        label="Lichte route",
        required=False,
        help_text="Een kortere route voor gemeenten die het volledige traject (nog) niet "
        "doorlopen.",
    )
    skipped_steps = forms.MultipleChoiceField(
        label="Stappen die de lichte route overslaat (keuze van het project)",
        required=False,
        choices=[(str(step), f"Stap {step}: {STEP_NAMES[step]}") for step in sorted(SKIPPABLE)],
        widget=forms.CheckboxSelectMultiple,
        help_text=SKIP_WHY,
        error_messages={"invalid_choice": "Alleen stap 3, 6 en 8 kunnen worden overgeslagen."},
    )
