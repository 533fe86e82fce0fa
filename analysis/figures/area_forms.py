"""The form for a gemeente's own survey area. The checks that need the gemeente (codes of this
gemeente, unique names, no empty groups) are the service's (services.own_areas)."""

from django import forms

from .constants import OWN_AREA_KINDS
from .services.own_areas import MAX_NAME_LENGTH

MEMBERS_MAX_LENGTH = 60_000  # 500 members of up to 100 characters, with separators


class OwnAreaForm(forms.Form):
    name = forms.CharField(
        label="Naam", max_length=MAX_NAME_LENGTH, required=False, help_text="Bijvoorbeeld: Noord."
    )
    kind = forms.ChoiceField(
        label="Soort",
        choices=[(kind.value, kind.label) for kind in OWN_AREA_KINDS],
        widget=forms.RadioSelect,
        initial=OWN_AREA_KINDS[1].value,
    )
    members = forms.CharField(
        label="Onderdelen",
        required=False,
        max_length=MEMBERS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Een wijkgroep: wijkcodes (WK…). Een buurtgroep: buurtcodes (BU…). Een kern: de "
            "waarden in de gebiedskolom van het bestand die bij de kern horen (zoals de naam "
            "van de kern), of wijk- en buurtcodes. Eén per regel, of gescheiden door komma's."
        ),
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "kind": data["kind"], "members_text": data["members"]}
