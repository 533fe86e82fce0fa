"""The form linking old wijk codes to new ones. Whether the kind fits the number of wijken,
the indeling years and earlier links are the service's checks (services.area_links)."""

from django import forms

from .models import Area, AreaLink


def _choice(area: Area) -> tuple[str, str]:
    year = f"indeling {area.indeling_year}" if area.indeling_year else "indeling onbekend"
    return area.code, f"{area.code} {area.name} ({year})"


class AreaLinkForm(forms.Form):
    kind = forms.ChoiceField(
        label="Wat is er veranderd?",
        choices=AreaLink.Kind.choices,
        widget=forms.RadioSelect,
        initial=AreaLink.Kind.SAME,
        help_text=(
            "Zelfde gebied, nieuwe code: één oude en één nieuwe wijk. Gesplitst: één oude wijk "
            "en de nieuwe wijken waarin die is opgedeeld. Samengevoegd: de oude wijken en de "
            "nieuwe wijk die ze samen vormen."
        ),
    )
    old = forms.MultipleChoiceField(
        label="Oude wijk(en)", widget=forms.CheckboxSelectMultiple, required=False
    )
    new = forms.MultipleChoiceField(
        label="Nieuwe wijk(en)", widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, old: list[Area], new: list[Area], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old"].choices = [_choice(area) for area in old]
        self.fields["new"].choices = [_choice(area) for area in new]
