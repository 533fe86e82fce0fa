"""The form of a participation (participatie): vorm, date, reach, main points, themes, wijken.
The rules (no future date, this project's themes only) are the service's; the form only
reads what a request carries."""

from django import forms

from .constants import ParticipationMethod


class _ThemeChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class _AreaChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class ParticipationForm(forms.Form):
    method = forms.ChoiceField(
        label="Vorm",
        choices=[("", "Kies de vorm")] + list(ParticipationMethod.choices),
        error_messages={
            "required": "Kies de vorm.",
            "invalid_choice": "Kies de vorm: bewonersbijeenkomst, inwonerspanel, wijkschouw, "
            "enquête of anders.",
        },
    )
    title = forms.CharField(
        label="Titel",
        max_length=200,
        help_text="Bijvoorbeeld ‘Wijkschouw Haven’ of ‘Inwonerspanel over overlast’.",
        error_messages={"required": "Geef de participatie een titel."},
    )
    held_on = forms.DateField(
        label="Datum",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Geef de datum waarop de participatie plaatsvond.",
            "invalid": "Geef een geldige datum, zoals 12-03-2025.",
        },
    )
    reach = forms.IntegerField(
        label="Bereik (aantal deelnemers)",
        required=False,
        min_value=0,
        max_value=10_000_000,
        help_text="Leeg laten als het aantal niet bekend is.",
        error_messages={
            "invalid": "Geef het aantal deelnemers als een heel getal.",
            "min_value": "Het bereik is een aantal deelnemers: 0 of meer.",
            "max_value": "Dat aantal deelnemers is te groot.",
        },
    )
    reach_note = forms.CharField(
        label="Toelichting op het bereik",
        required=False,
        max_length=300,
        help_text="Bijvoorbeeld ‘vooral ouderen’ of ‘respons 31%’.",
    )
    main_points = forms.CharField(
        label="Belangrijkste punten",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Eén punt per regel. Deze punten komen in de analyse en het rapport.",
        error_messages={"required": "Schrijf de belangrijkste punten op die inwoners noemden."},
    )
    themes = _ThemeChoice(
        label="Thema's",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies alleen thema's van deze veiligheidsanalyse."},
    )
    areas = _AreaChoice(
        label="Wijken en gebieden",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies alleen wijken of gebieden van deze gemeente."},
    )

    def __init__(self, *args, themes, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes
        self.fields["areas"].queryset = areas
        if not areas.exists():
            del self.fields["areas"]

    @classmethod
    def initial_of(cls, participation) -> dict:
        return {
            "method": participation.method,
            "title": participation.title,
            "held_on": participation.held_on,
            "reach": participation.reach,
            "reach_note": participation.reach_note,
            "main_points": participation.main_points,
            "themes": list(participation.themes.all()),
            "areas": list(participation.areas.all()),
        }

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "method": data["method"],
            "title": data["title"],
            "held_on": data["held_on"],
            "reach": data.get("reach"),
            "reach_note": data.get("reach_note", ""),
            "main_points": data["main_points"],
            "themes": list(data.get("themes") or []),
            "areas": list(data.get("areas") or []),
        }
