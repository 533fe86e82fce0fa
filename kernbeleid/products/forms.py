"""Forms of the pages for what each Kernbeleid step produces."""

from django import forms
from django_scopes.forms import SafeModelChoiceField

from ..constants import ActionStatus, BeleidsvraagGroup, KadernotaSection, Organisation, Verdict
from .models import Action, Meeting

DATE = {"type": "date"}


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _year_field(label: str, project, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=project.period_start,
        max_value=project.period_end,
        help_text=f"Binnen de beleidsperiode {project.period_start}-{project.period_end}.",
        error_messages={
            "min_value": f"Kies een jaar van {project.period_start} tot en met "
            f"{project.period_end}.",
            "max_value": f"Kies een jaar van {project.period_start} tot en met "
            f"{project.period_end}.",
            "invalid": "Geef een jaartal, bijvoorbeeld 2027.",
        },
    )


class StartnotitieForm(forms.Form):
    scope = forms.CharField(
        label="Reikwijdte en doel", required=False, max_length=20_000, widget=_textarea(5)
    )
    planning = forms.CharField(
        label="Planning", required=False, max_length=20_000, widget=_textarea()
    )
    budget = forms.CharField(label="Budget", required=False, max_length=20_000, widget=_textarea(3))
    proposed_werkgroep = forms.CharField(
        label="Voorgestelde werkgroep",
        required=False,
        max_length=20_000,
        widget=_textarea(3),
        help_text="Welke organisaties en functies zitten in de werkgroep?",
    )


class WerkgroepMemberForm(forms.Form):
    name = forms.CharField(label="Naam", max_length=150)
    organisation = forms.ChoiceField(
        label="Organisatie", choices=[("", "– kies –"), *Organisation.choices]
    )
    organisation_name = forms.CharField(
        label="Naam organisatie",
        max_length=150,
        required=False,
        help_text="Verplicht bij ‘overig’; anders bijvoorbeeld het basisteam of de corporatie.",
    )
    role = forms.CharField(label="Rol in de werkgroep", max_length=150, required=False)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("organisation") == Organisation.OVERIG
            and not (cleaned.get("organisation_name") or "").strip()
        ):
            self.add_error("organisation_name", "Geef de naam van de organisatie bij ‘overig’.")
        return cleaned


class _InputOnlyModelForm(forms.ModelForm):
    """Checks the input against the model's fields but leaves the instance alone: the
    service validates and saves, so a refused change never half-changes an object."""

    def _post_clean(self):
        pass


class MeetingForm(_InputOnlyModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "title", "is_startbijeenkomst", "agenda", "minutes", "decisions"]
        widgets = {
            "date": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "agenda": _textarea(3),
            "minutes": _textarea(5),
            "decisions": _textarea(3),
        }
        help_texts = {
            "is_startbijeenkomst": "De aftrap van de werkgroep (stap 3); één per traject.",
        }
        error_messages = {
            "date": {"invalid": "Geef een geldige datum, bijvoorbeeld 2027-03-14."},
        }


class QuestionAddForm(forms.Form):
    group = forms.ChoiceField(label="Groep", choices=[("", "– kies –"), *BeleidsvraagGroup.choices])
    question = forms.CharField(label="Nieuwe beleidsvraag", max_length=300)


class AnswersForm(forms.Form):
    """One answer field per question; only the answers that were sent are saved."""

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups
        for group in groups:
            for question in group.questions:
                self.fields[f"answer_{question.uuid}"] = forms.CharField(
                    label=question.question,
                    required=False,
                    max_length=20_000,
                    initial=question.answer,
                    widget=_textarea(3),
                )

    def rows(self):
        return [
            (group, [(question, self[f"answer_{question.uuid}"]) for question in group.questions])
            for group in self.groups
        ]

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix("answer_"): value
            for name, value in self.cleaned_data.items()
            if self.add_prefix(name) in self.data
        }


class KadernotaForm(forms.Form):
    visie = forms.CharField(label="Visie", required=False, max_length=50_000, widget=_textarea(6))
    aanpak = forms.CharField(
        label="Aanpak op hoofdlijnen", required=False, max_length=50_000, widget=_textarea(6)
    )
    borging = forms.CharField(
        label="Borging", required=False, max_length=50_000, widget=_textarea(4)
    )
    budget = forms.CharField(label="Budget", required=False, max_length=50_000, widget=_textarea(3))


class GoalForm(forms.Form):
    theme = forms.ModelChoiceField(
        label="Prioriteit",
        queryset=None,
        empty_label="– kies –",
        error_messages={"invalid_choice": "Kies een van de prioriteiten van dit project."},
    )
    description = forms.CharField(label="Doel", max_length=300)
    indicator = forms.ModelChoiceField(
        label="Indicator",
        queryset=None,
        required=False,
        empty_label="– geen –",
        help_text="Een indicator uit de Veiligheidsmonitor maakt het doel meetbaar.",
        error_messages={"invalid_choice": "Kies een indicator waarvan dit project cijfers heeft."},
    )
    baseline_value = forms.FloatField(
        label="Nulmeting",
        required=False,
        help_text="Leeg laten: de laatste uitkomst voor de gemeente als geheel wordt ingevuld.",
        error_messages={"invalid": "Geef de nulmeting als getal."},
    )
    baseline_year = forms.IntegerField(
        label="Nulmeting (jaar)",
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": "Geef een jaartal.", "min_value": "Geef een jaartal."},
    )
    target_value = forms.FloatField(
        label="Streefwaarde",
        required=False,
        error_messages={"invalid": "Geef de streefwaarde als getal."},
    )
    maatregelen = forms.CharField(
        label="Maatregelen", required=False, max_length=20_000, widget=_textarea(3)
    )
    partners = forms.CharField(label="Partners", required=False, max_length=300)

    def __init__(self, *args, project, priorities, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = priorities
        self.fields["theme"].label_from_instance = lambda theme: theme.name
        self.fields["indicator"].queryset = indicators
        self.fields["target_year"] = _year_field("Streefjaar", project, required=False)
        self.order_fields(
            [
                "theme",
                "description",
                "indicator",
                "baseline_value",
                "baseline_year",
                "target_value",
                "target_year",
            ]
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("indicator") is not None:
            if cleaned.get("target_value") is None and "target_value" not in self.errors:
                self.add_error("target_value", "Geef de streefwaarde bij deze indicator.")
            if cleaned.get("target_year") is None and "target_year" not in self.errors:
                self.add_error(
                    "target_year", "Geef het jaar waarin de streefwaarde gehaald moet zijn."
                )
        return cleaned


class DraagvlakForm(forms.Form):
    """A verdict and a response per partner organisation and kadernota section."""

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = table
        for row in table:
            for section, section_label, response in row.cells:
                where = f"{row.label}, {section_label}"
                self.fields[f"{row.organisation}__{section}__verdict"] = forms.ChoiceField(
                    label=f"Oordeel {where}",
                    choices=[("", "–"), *Verdict.choices],
                    required=False,
                    initial=response.verdict if response else "",
                )
                self.fields[f"{row.organisation}__{section}__response"] = forms.CharField(
                    label=f"Reactie {where}",
                    required=False,
                    max_length=20_000,
                    initial=response.response if response else "",
                    widget=_textarea(2),
                )

    def clean(self):
        cleaned = super().clean()
        for row in self.table:
            for section, section_label, _response in row.cells:
                key = f"{row.organisation}__{section}"
                if (cleaned.get(f"{key}__response") or "").strip() and not cleaned.get(
                    f"{key}__verdict"
                ):
                    self.add_error(
                        f"{key}__verdict",
                        f"Kies een oordeel bij de reactie van {row.label} over {section_label}.",
                    )
        return cleaned

    def rows(self):
        return [
            (
                row,
                [
                    (
                        section_label,
                        self[f"{row.organisation}__{section}__verdict"],
                        self[f"{row.organisation}__{section}__response"],
                    )
                    for section, section_label, _response in row.cells
                ],
            )
            for row in self.table
        ]

    def entries(self) -> list[tuple[str, str, str, str]]:
        """(organisation, section, verdict, response) for the cells that were sent."""
        found = []
        for row in self.table:
            for section in KadernotaSection.values:
                key = f"{row.organisation}__{section}"
                if self.add_prefix(f"{key}__verdict") not in self.data:
                    continue
                found.append(
                    (
                        row.organisation,
                        section,
                        self.cleaned_data.get(f"{key}__verdict", ""),
                        self.cleaned_data.get(f"{key}__response", ""),
                    )
                )
        return found


class ActionForm(_InputOnlyModelForm):
    class Meta:
        model = Action
        fields = ["year", "title", "owner", "partners", "budget", "start", "end", "goal", "status"]
        # Goals are tenant rows: no query at import; __init__ gives the project's goals.
        field_classes = {"goal": SafeModelChoiceField}
        widgets = {
            "start": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        }
        error_messages = {
            "start": {"invalid": "Geef een geldige datum."},
            "end": {"invalid": "Geef een geldige datum."},
            "budget": {
                "invalid": "Geef het budget als bedrag in euro, bijvoorbeeld 12500.",
                "max_digits": "Dit bedrag is te groot.",
                "max_decimal_places": "Geef het budget in hele centen (twee decimalen).",
                "max_whole_digits": "Dit bedrag is te groot.",
            },
        }

    def __init__(self, *args, project, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year_field("Jaar", project)
        self.fields["budget"].validators.append(_not_negative)
        self.fields["budget"].widget.attrs.update(min="0", step="0.01")
        self.fields["goal"].queryset = goals
        self.fields["goal"].empty_label = "– geen –"
        self.fields["goal"].error_messages["invalid_choice"] = "Kies een doel van dit project."
        self.fields["status"].error_messages["invalid_choice"] = "Kies een status uit de lijst."
        if not self.instance.pk:
            self.initial.setdefault("year", project.period_start)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "De actie is gereed op of na de startdatum.")
        return cleaned


def _not_negative(value) -> None:
    if value is not None and value < 0:
        raise forms.ValidationError("Het budget is 0 of meer.")


class ProgressForm(forms.Form):
    year = forms.IntegerField(label="Jaar")
    text = forms.CharField(label="Voortgang", max_length=20_000, widget=_textarea(3))
    status = forms.ChoiceField(
        label="Status van de actie",
        choices=ActionStatus.choices,
        error_messages={"invalid_choice": "Kies een status uit de lijst."},
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year_field("Jaar", project)
        self.order_fields(["year", "text", "status"])
