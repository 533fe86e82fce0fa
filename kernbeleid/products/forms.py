"""Forms of the pages for what each Kernbeleid step produces."""

from django import forms
from django_scopes.forms import SafeModelChoiceField

from analysis.figures.statline import CRIME_LABELS
from analysis.models import Area, Indicator
from projects.joint import plan_gemeenten

from ..constants import (
    ActionStatus,
    BeleidsvraagGroup,
    BovenlokaalNiveau,
    GoalSource,
    KadernotaSection,
    Organisation,
    Taakveld,
    Verdict,
)
from ..cycle.models import OwnSeries
from . import goal_scope, goal_sources
from .models import Action, BovenlokalePrioriteit, Meeting

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

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = {}
        if project is not None and project.joint:
            # A joint plan: a member works for one gemeente, or for the whole plan (the
            # partners usually work for the whole basisteam).
            self.plan = {g.cbs_code: g for g in plan_gemeenten(project)}
            self.fields["gemeente"] = forms.ChoiceField(
                label="Voor gemeente",
                required=False,
                choices=[("", "het hele plan (alle gemeenten)")]
                + [(code, g.name) for code, g in self.plan.items()],
                error_messages={"invalid_choice": "Kies een gemeente van het plan."},
            )

    def clean_gemeente(self):
        code = self.cleaned_data.get("gemeente")
        return self.plan.get(code) if code else None

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


# The kadernota's hand-written chapters in the order of the document, each with what belongs
# there (after the kadernota's of Valkenswaard 2019-2022, Heuvelland 2020-2023, Land van Cuijk
# 2023-2026 and the CCV checklist for integraal veiligheidsbeleid).
KADERNOTA_CHAPTERS = (
    (
        "aanleiding",
        "Aanleiding",
        8,
        "Waarom deze kadernota nu: het einde van de vorige periode, de kaderstellende rol van "
        "de raad (artikel 38b Politiewet) en hoe de nota tot stand kwam (werkgroep, partners, "
        "inwoners).",
    ),
    (
        "evaluatie",
        "Evaluatie vorige periode",
        6,
        "Wat de vorige kadernota opleverde: per prioriteit wat bereikt is en wat niet, en wat "
        "u daarvan meeneemt naar deze periode.",
    ),
    (
        "trends",
        "Trends en ontwikkelingen",
        6,
        "Ontwikkelingen die de komende jaren op de veiligheid afkomen, landelijk, regionaal en "
        "lokaal: bijvoorbeeld ondermijning, online criminaliteit, personen met onbegrepen "
        "gedrag, woonoverlast.",
    ),
    (
        "visie",
        "Visie",
        6,
        "De ambitie in een paar zinnen: waar staat de gemeente aan het eind van de periode, en "
        "welke rol neemt zij zelf (regie, samenwerking, inwoners aan zet)?",
    ),
    (
        "aanpak",
        "Aanpak op hoofdlijnen",
        6,
        "Hoe de prioriteiten worden aangepakt: preventie, repressie en nazorg, en wat de "
        "gemeente zelf doet. De acties per jaar komen in het uitvoeringsprogramma.",
    ),
    (
        "borging",
        "Organisatie, regie en samenwerking",
        5,
        "Wie de regie heeft (burgemeester, portefeuillehouder, ambtelijke organisatie), met "
        "welke partners wordt samengewerkt (politie, OM, RIEC, zorg- en veiligheidshuis, "
        "corporaties) en in welk overleg (driehoek, lokaal veiligheidsoverleg).",
    ),
    (
        "communicatie",
        "Communicatie",
        4,
        "Hoe inwoners, ondernemers en partners worden geïnformeerd en betrokken: bij de "
        "vaststelling, tijdens de uitvoering en bij incidenten.",
    ),
    (
        "budget",
        "Financiën",
        4,
        "De middelen voor de uitvoering: structureel en incidenteel, uit welke "
        "begrotingsposten, en wat buiten het budget valt. Het budget per doel vult u bij de "
        "doelen in.",
    ),
    (
        "monitoring",
        "Monitoring en verantwoording",
        4,
        "Hoe de raad de voortgang volgt: het jaarlijkse uitvoeringsprogramma en de "
        "voortgangsrapportage, de Veiligheidsmonitor als meetmoment, en de koppeling met de "
        "planning- en controlcyclus (begroting, jaarrekening).",
    ),
)


class KadernotaForm(forms.Form):
    """The chapters, each with a hidden fingerprint of the text it was opened with
    (`base_<name>`), so a save does not overwrite what someone else wrote meanwhile."""

    def __init__(self, *args, digests: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        digests = digests or {}
        for name, label, rows, help_text in KADERNOTA_CHAPTERS:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=50_000,
                help_text=help_text,
                widget=_textarea(rows),
            )
            self.fields[f"base_{name}"] = forms.CharField(
                required=False, max_length=64, widget=forms.HiddenInput, initial=digests.get(name)
            )

    def chapters(self):
        return [self[name] for name, _label, _rows, _help in KADERNOTA_CHAPTERS]

    def bases(self):
        return [self[f"base_{name}"] for name, _label, _rows, _help in KADERNOTA_CHAPTERS]

    def texts(self) -> dict[str, str]:
        """The chapters that were sent: one left out of the request keeps its text."""
        return {
            name: self.cleaned_data.get(name, "")
            for name, *_rest in KADERNOTA_CHAPTERS
            if self.add_prefix(name) in self.data
        }

    def base_digests(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[f"base_{name}"]
            for name, *_rest in KADERNOTA_CHAPTERS
            if self.cleaned_data.get(f"base_{name}")
        }


GOAL_BUDGET_ERRORS = {
    "invalid": "Geef het budget als heel bedrag in euro, bijvoorbeeld 25000.",
    "min_value": "Het budget is 0 of meer.",
    "max_digits": "Dit bedrag is te groot.",
    "max_whole_digits": "Dit bedrag is te groot.",
    "max_decimal_places": "Geef het budget in hele euro's.",
}


class GoalForm(forms.Form):
    theme = forms.ModelChoiceField(
        label="Prioriteit",
        queryset=None,
        empty_label="– kies –",
        error_messages={"invalid_choice": "Kies een van de prioriteiten van dit project."},
    )
    description = forms.CharField(label="Doel", max_length=300)
    source_kind = forms.ChoiceField(
        label="Gemeten op",
        choices=GoalSource.choices,
        initial=GoalSource.VM,
        required=False,  # empty: the Veiligheidsmonitor, as before sources could be chosen
        help_text="Kies de bron en vul daaronder het veld van die bron in.",
        error_messages={"invalid_choice": "Kies waarop het doel wordt gemeten."},
    )
    indicator = forms.ModelChoiceField(
        label="Indicator (Veiligheidsmonitor)",
        queryset=None,
        required=False,
        empty_label="– geen –",
        help_text="Een indicator uit de Veiligheidsmonitor maakt het doel meetbaar.",
        error_messages={"invalid_choice": "Kies een indicator waarvan dit project cijfers heeft."},
    )
    crime_code = forms.ChoiceField(
        label="Soort misdrijf (politiecijfers)",
        required=False,
        choices=[
            ("", "– kies –"),
            *((code, f"{code} {label}") for code, label in CRIME_LABELS.items()),
        ],
        help_text="Per jaar per 1.000 inwoners van het gebied, uit CBS 47018NED.",
        error_messages={"invalid_choice": "Deze soort misdrijf kent CBS 47018NED niet."},
    )
    bbv_indicator = SafeModelChoiceField(
        label="BBV-beleidsindicator",
        queryset=Indicator.objects.none(),
        required=False,
        empty_label="– kies –",
        error_messages={"invalid_choice": "Kies een BBV-beleidsindicator."},
    )
    own_series = SafeModelChoiceField(
        label="Eigen registratie",
        queryset=OwnSeries.objects.none(),
        required=False,
        empty_label="– kies –",
        error_messages={"invalid_choice": "Kies een registratie van deze gemeente."},
    )
    area = SafeModelChoiceField(
        label="Gebied",
        queryset=Area.objects.none(),
        required=False,
        empty_label="de gemeente als geheel",
        help_text="Een doel voor een wijk of eigen gebied wordt op de cijfers van dat gebied "
        "gemeten.",
        error_messages={"invalid_choice": "Kies een wijk of eigen gebied van deze gemeente."},
    )
    baseline_value = forms.FloatField(
        label="Nulmeting",
        required=False,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text="Leeg laten: het laatste cijfer van de gekozen bron voor het gekozen gebied "
        "wordt ingevuld.",
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
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={"invalid": "Geef de streefwaarde als getal."},
    )
    maatregelen = forms.CharField(
        label="Maatregelen", required=False, max_length=20_000, widget=_textarea(3)
    )
    partners = forms.CharField(label="Partners", required=False, max_length=300)
    budget = forms.DecimalField(
        label="Budget per jaar (€)",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=0,
        help_text="Hele euro's per jaar voor de aanpak van dit doel; leeg als er geen eigen "
        "budget is.",
        error_messages=GOAL_BUDGET_ERRORS,
    )
    funding = forms.CharField(
        label="Dekking",
        required=False,
        max_length=200,
        help_text="Waar het geld vandaan komt, bijvoorbeeld ‘bestaand budget openbare orde "
        "en veiligheid’ of ‘nog te dekken’.",
        error_messages={"max_length": "Beschrijf de dekking in hooguit 200 tekens."},
    )

    def __init__(self, *args, project, priorities, indicators, access_gemeente=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project.joint and access_gemeente is not None:
            self._add_scope(project, access_gemeente)
        self.fields["theme"].queryset = priorities
        self.fields["theme"].label_from_instance = lambda theme: theme.name
        self.fields["indicator"].queryset = indicators
        self.fields["bbv_indicator"].queryset = goal_sources.bbv_indicators()
        self.fields["own_series"].queryset = goal_sources.own_series_of(project)
        self.fields["area"].queryset = goal_sources.goal_areas(project)
        self.fields["area"].label_from_instance = lambda a: f"{a.name} ({a.get_kind_display()})"
        self.fields["target_year"] = _year_field("Streefjaar", project, required=False)
        self.order_fields(
            [
                "gemeente",
                "theme",
                "description",
                "source_kind",
                "indicator",
                "crime_code",
                "bbv_indicator",
                "own_series",
                "area",
                "baseline_value",
                "baseline_year",
                "target_value",
                "target_year",
            ]
        )

    def _add_scope(self, project, access_gemeente) -> None:
        """A joint plan's goal is for the whole plan or for one gemeente (goal_scope.py);
        a participant gets only its own gemeente to choose."""
        choices = goal_scope.scope_choices(project, access_gemeente)
        self._scope_gemeenten = {g.slug: g for g in plan_gemeenten(project)}
        self.fields["gemeente"] = forms.ChoiceField(
            label="Voor wie",
            choices=choices,
            initial=choices[0][0],
            required=choices[0][0] != goal_scope.SHARED,  # "" is "Voor het hele plan"
            help_text="Een doel voor het hele plan staat in het gedeelde deel van de "
            "kadernota; een doel voor één gemeente in haar lokale hoofdstuk.",
            error_messages={
                "invalid_choice": "Kies voor wie dit doel is.",
                "required": "Kies voor wie dit doel is.",
            },
        )

    def clean_gemeente(self):
        """The chosen gemeente, or None for the whole plan."""
        return self._scope_gemeenten.get(self.cleaned_data.get("gemeente") or "")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("source_kind") and "source_kind" not in self.errors:
            cleaned["source_kind"] = GoalSource.VM
        kind = cleaned.get("source_kind")
        required = {
            GoalSource.POLICE: ("crime_code", "Kies de soort misdrijf uit de politiecijfers."),
            GoalSource.BBV: ("bbv_indicator", "Kies de BBV-beleidsindicator."),
            GoalSource.OWN: ("own_series", "Kies de eigen registratie."),
        }
        if kind in required:
            name, message = required[kind]
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        measure = {
            GoalSource.VM: cleaned.get("indicator"),
            GoalSource.POLICE: cleaned.get("crime_code"),
            GoalSource.BBV: cleaned.get("bbv_indicator"),
            GoalSource.OWN: cleaned.get("own_series"),
        }.get(kind)
        if measure:
            if cleaned.get("target_value") is None and "target_value" not in self.errors:
                self.add_error("target_value", "Geef de streefwaarde bij deze indicator.")
            if cleaned.get("target_year") is None and "target_year" not in self.errors:
                self.add_error(
                    "target_year", "Geef het jaar waarin de streefwaarde gehaald moet zijn."
                )
        return cleaned


class BovenlokaalForm(_InputOnlyModelForm):
    class Meta:
        model = BovenlokalePrioriteit
        fields = ["niveau", "title", "source", "description"]
        widgets = {"description": _textarea(3)}
        labels = {"title": "Prioriteit"}
        help_texts = {
            "title": "Zoals het bovenlokale plan haar noemt, bijvoorbeeld ‘Ondermijning’.",
            "source": "Het plan of besluit waar deze prioriteit uit komt, bijvoorbeeld "
            "‘Regionaal beleidsplan Oost-Brabant 2023-2026’ of ‘Jaarplan RIEC 2025’.",
            "description": "Wat de prioriteit voor de gemeente betekent (mag leeg).",
        }
        error_messages = {
            "niveau": {
                "required": "Kies van welk niveau deze prioriteit komt.",
                "invalid_choice": "Kies van welk niveau deze prioriteit komt.",
            },
            "title": {
                "required": "Geef de prioriteit een naam.",
                "max_length": "Houd de naam van de prioriteit onder 200 tekens.",
            },
            "source": {
                "required": "Geef de bron van deze prioriteit, bijvoorbeeld ‘Regionaal "
                "beleidsplan 2023-2026’: de raad moet kunnen nagaan waar zij vandaan komt.",
                "max_length": "Houd de bron onder 300 tekens.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["niveau"].choices = [("", "– kies –"), *BovenlokaalNiveau.choices]


class GoalBudgetForm(forms.Form):
    budget = forms.DecimalField(
        label="Budget per jaar (€)",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=0,
        error_messages=GOAL_BUDGET_ERRORS,
    )
    funding = forms.CharField(
        label="Dekking",
        required=False,
        max_length=200,
        error_messages={"max_length": "Beschrijf de dekking in hooguit 200 tekens."},
    )
    begroting_programma = forms.CharField(
        label="Begrotingsprogramma",
        required=False,
        max_length=150,
        error_messages={"max_length": "Houd de naam van het begrotingsprogramma onder 150 tekens."},
    )
    taakveld = forms.ChoiceField(
        label="Taakveld",
        required=False,
        choices=[("", "– geen –"), *Taakveld.choices],
        error_messages={"invalid_choice": "Kies taakveld 1.1 of 1.2, of laat het leeg."},
    )


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
        fields = [
            "year",
            "title",
            "owner",
            "partners",
            "budget",
            "start",
            "end",
            "goal",
            "status",
            "begroting_programma",
            "taakveld",
        ]
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
        self.fields["taakveld"].error_messages["invalid_choice"] = "Kies taakveld 1.1 of 1.2."
        self.fields[
            "taakveld"
        ].help_text = "Het taakveld van de begroting (BBV) waarop de actie staat."
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


class LocalChapterForm(forms.Form):
    """One gemeente's chapter in a joint plan's analysis or kadernota (products/local.py)."""

    priorities = forms.CharField(
        label="Lokale prioriteiten",
        required=False,
        max_length=50_000,
        widget=_textarea(6),
        help_text="De prioriteiten van deze gemeente zelf, naast de gedeelde en de "
        "bovenlokale prioriteiten.",
    )
    themes = forms.CharField(
        label="Lokale thema's",
        required=False,
        max_length=50_000,
        widget=_textarea(6),
        help_text="Thema's die alleen in deze gemeente spelen.",
    )
    kernen = forms.CharField(
        label="Kernen",
        required=False,
        max_length=50_000,
        widget=_textarea(6),
        help_text="Wat er per kern of dorp speelt.",
    )
