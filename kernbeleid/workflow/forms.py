from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from projects.constants import KERNBELEID_STEPS

from ..constants import DecisionKind, MotieOutcome, Outcome
from .raden import REJECT_SHARED, REJECTION_CHOICES
from .services import AmendmentInput
from .transitions import DECISION_KINDS, SKIPPABLE, STEP_NAMES


class AdvanceForm(forms.Form):
    expected_step = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=12)


class DecisionForm(forms.Form):
    """How the raad spoke at a raad step. `kinds` are the forms allowed at the step (step 9
    only the raadsbesluit); `confirm_label` names the version an adopted besluit
    would make vastgesteld, and then the user must tick that confirmation."""

    expected_step = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=12)
    kind = forms.ChoiceField(
        label="Hoe sprak de raad zich uit?",
        choices=DecisionKind.choices,
        initial=DecisionKind.RAADSBESLUIT,
        widget=forms.RadioSelect,
    )
    decision_date = forms.DateField(
        label="Datum van de raadsvergadering", widget=forms.DateInput(attrs={"type": "date"})
    )
    number = forms.CharField(
        label="Besluitnummer of kenmerk",
        max_length=80,
        required=False,
        help_text="Verplicht bij een raadsbesluit.",
    )
    outcome = forms.ChoiceField(
        label="Uitkomst (alleen bij een raadsbesluit)",
        choices=Outcome.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label="Toelichting",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij verworpen: waarom, en wat moet er anders?",
    )
    document = forms.FileField(label="Besluitdocument (PDF, DOCX of ODT)", required=False)
    # Only in a joint plan: what a rejection by this raad sends back (workflow/raden.py).
    rejection = forms.ChoiceField(
        label="Bij verworpen: wat gaat er terug?",
        choices=REJECTION_CHOICES,
        initial=REJECT_SHARED,
        required=False,
        widget=forms.RadioSelect,
    )
    confirmed = forms.BooleanField(required=False)

    def __init__(self, *args, step: int, confirm_label: str = "", joint: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not joint:
            del self.fields["rejection"]
        kinds = DECISION_KINDS.get(step, (DecisionKind.RAADSBESLUIT,))
        self.fields["kind"].choices = [(k, DecisionKind(k).label) for k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].help_text = (
                "De raad stelt de kadernota vast met een raadsbesluit; een "
                "raadsinformatiebrief, consultatie of bijeenkomst is hier niet genoeg."
            )
        if confirm_label:
            self.fields["confirmed"].label = confirm_label
        else:
            del self.fields["confirmed"]

    def clean_decision_date(self):
        value = self.cleaned_data["decision_date"]
        if value > timezone.localdate():
            raise forms.ValidationError("Een besluit van de raad ligt niet in de toekomst.")
        return value


class AmendmentForm(forms.Form):
    """One adopted amendement; a row left empty is no amendement."""

    number = forms.CharField(label="Nummer", max_length=40, required=False)
    part = forms.CharField(label="Onderdeel dat het wijzigt", max_length=200, required=False)
    text = forms.CharField(
        label="Tekst van het amendement",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        values = [data.get(name, "").strip() for name in ("number", "part", "text")]
        if any(values) and not all(values):
            raise forms.ValidationError(
                "Vul bij dit amendement het nummer, het onderdeel en de tekst in."
            )
        return data

    def amendment(self) -> AmendmentInput | None:
        data = self.cleaned_data
        if not data.get("number", "").strip():
            return None
        return AmendmentInput(number=data["number"], part=data["part"], text=data["text"])


AmendmentFormSet = forms.formset_factory(AmendmentForm, extra=5, max_num=5, validate_max=True)


def amendments_from(formset) -> list[AmendmentInput]:
    return [a for form in formset.forms if (a := form.amendment()) is not None]


class MotieForm(forms.Form):
    """A motie the raad voted on with one of the project's decisions."""

    decision = forms.ChoiceField(label="Bij welk besluit van de raad")
    number = forms.CharField(label="Nummer van de motie", max_length=40)
    title = forms.CharField(label="Titel", max_length=200)
    text = forms.CharField(
        label="Dictum (wat de raad vraagt)", widget=forms.Textarea(attrs={"rows": 3})
    )
    outcome = forms.ChoiceField(label="Uitkomst", choices=MotieOutcome.choices)
    asks_action = forms.BooleanField(
        label="De motie vraagt het college iets te doen", required=False
    )
    task_deadline = forms.DateField(
        label="Uiterlijk klaar",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Verplicht als de motie is aangenomen en het college iets vraagt.",
    )
    task_owner = forms.CharField(label="Wie pakt het op", max_length=150, required=False)

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [
            (str(d.uuid), f"Stap {d.step}: {d} van {date_format(d.date, 'j F Y')}")
            for d in decisions
        ]


class MotieDoneForm(forms.Form):
    note = forms.CharField(label="Hoe is de motie afgehandeld?", max_length=2000)


class SendBackForm(forms.Form):
    """`steps`: the (number, name) of the project's route; it offers the earlier ones (the
    service refuses a step off the route too)."""

    expected_step = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=12)
    to_step = forms.TypedChoiceField(label="Terug naar stap", coerce=int)
    reason = forms.CharField(
        label="Reden", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, steps=tuple(KERNBELEID_STEPS), before=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_step"].choices = [
            (n, f"{n}. {name}") for n, name in steps if before is None or n < before
        ]

    @property
    def has_choices(self) -> bool:
        return bool(self.fields["to_step"].choices)


class PlanningForm(forms.Form):
    """`steps`: the (number, name) of the project's route; only those are planned."""

    def __init__(self, *args, records, steps=tuple(KERNBELEID_STEPS), **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(steps)
        for record in sorted(records, key=lambda record: record.step):
            if record.step not in names:
                continue
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
