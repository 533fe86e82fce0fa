"""Forms of the partner pages (Mijn inbreng) and of the editors' partner tools."""

from django import forms
from django_scopes.forms import SafeModelChoiceField

from analysis.narrative.constants import PartnerInputField

from ..constants import Verdict
from .services import ANSWER_MAX, INPUT_MAX, REACTION_MAX


def _text(label: str, rows: int, limit: int, help_text: str = "", required=False):
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": f"Houd dit op hooguit {limit} tekens."},
    )


class PartnerInputForm(forms.Form):
    signals = _text(
        PartnerInputField.SIGNALS.label.capitalize(),
        5,
        INPUT_MAX,
        "Wat uw organisatie ziet en hoort over dit thema, ook wat niet in de cijfers staat.",
    )
    figures = _text(
        PartnerInputField.FIGURES.label.capitalize(),
        4,
        INPUT_MAX,
        "Cijfers uit uw eigen registratie, met de periode en de bron.",
    )
    approach = _text(
        PartnerInputField.APPROACH.label.capitalize(),
        4,
        INPUT_MAX,
        "Wat uw organisatie nu al doet, met wie, en wat beter kan.",
    )


class PartnerAnswerForm(forms.Form):
    answer = _text("Uw antwoord", 6, ANSWER_MAX, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].error_messages["required"] = "Schrijf uw antwoord."


class ReactionForm(forms.Form):
    verdict = forms.ChoiceField(
        label="Uw oordeel",
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies akkoord, akkoord met opmerkingen of niet akkoord.",
            "invalid_choice": "Kies akkoord, akkoord met opmerkingen of niet akkoord.",
        },
    )
    text = _text(
        "Toelichting",
        6,
        REACTION_MAX,
        "Nodig bij ‘akkoord met opmerkingen’ en ‘niet akkoord’: wat moet anders, en waarom?",
    )


def _partner_choice(label: str, partners, *, required: bool, empty: str):
    field = SafeModelChoiceField(
        label=label,
        queryset=partners,
        required=required,
        empty_label=empty,
        error_messages={
            "required": "Kies een partneraccount.",
            "invalid_choice": "Kies een partneraccount uit de lijst.",
        },
    )
    field.queryset = partners  # SafeModelChoiceField starts empty, outside any scope
    field.widget.attrs["class"] = "form-select form-select-sm"
    field.label_from_instance = lambda user: f"{user.full_name or user.email} ({user.email})"
    return field


class MemberLinkForm(forms.Form):
    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, prefix="koppel", **kwargs)
        self.fields["user"] = _partner_choice(
            "Bestaand partneraccount", partners, required=True, empty="– kies –"
        )


class MemberInviteForm(forms.Form):
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        error_messages={
            "required": "Geef het e-mailadres waar de uitnodiging heen gaat.",
            "invalid": "Geef een geldig e-mailadres, bijvoorbeeld naam@politie.nl.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="uitnodig", **kwargs)


class AssignForm(forms.Form):
    def __init__(self, *args, partners, question, **kwargs):
        super().__init__(*args, prefix=f"vraag-{question.uuid}", **kwargs)
        self.question = question
        self.fields["user"] = _partner_choice(
            "Voorleggen aan", partners, required=False, empty="– niemand (de werkgroep) –"
        )
