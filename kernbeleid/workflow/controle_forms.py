"""Forms of the raad's controle: they only shape the input; the rules live in
controle_services (a future date, one besluit per year, a kennisname after the besluit)."""

from django import forms

from ..constants import KennisnameKind, MotieOutcome
from .controle_services import DOCUMENT_MAX_BYTES
from .models import ControleVraag

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _document_field(label: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text="PDF, DOCX of ODT, hooguit 20 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
    )


class CollegeBesluitForm(forms.Form):
    year = forms.IntegerField(
        label="Programmajaar", help_text="Het jaar waarvoor het uitvoeringsprogramma geldt."
    )
    besluit_date = forms.DateField(label="Datum van het collegebesluit", widget=DATE)
    number = forms.CharField(label="Besluitnummer", max_length=80)
    document = _document_field("Besluitdocument")
    notes = forms.CharField(
        label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].min_value = project.period_start
        self.fields["year"].max_value = project.period_end
        self.fields["year"].widget.attrs.update(min=project.period_start, max=project.period_end)

    def clean_document(self):
        return _size_checked(self.cleaned_data.get("document"))


class CollegeBesluitEditForm(forms.Form):
    besluit_date = forms.DateField(label="Datum van het collegebesluit", widget=DATE)
    number = forms.CharField(label="Besluitnummer", max_length=80)
    document = _document_field("Nieuw besluitdocument (laat leeg om het huidige te houden)")
    notes = forms.CharField(
        label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_document(self):
        return _size_checked(self.cleaned_data.get("document"))


def _size_checked(upload):
    """The size first, before anything opens the file (the service checks its content)."""
    if upload and upload.size > DOCUMENT_MAX_BYTES:
        raise forms.ValidationError("Het besluitdocument is groter dan 20 MB.")
    return upload or None


class KennisnameForm(forms.Form):
    kind = forms.ChoiceField(
        label="Hoe nam de raad kennis?", choices=KennisnameKind.choices, widget=forms.RadioSelect
    )
    kennisname_date = forms.DateField(label="Datum", widget=DATE)
    reference = forms.CharField(
        label="Kenmerk",
        max_length=80,
        required=False,
        help_text="Bijvoorbeeld het nummer van de raadsinformatiebrief of de agenda.",
    )
    notes = forms.CharField(
        label="Wat de raad zei", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class VraagForm(forms.Form):
    asked_by = forms.CharField(
        label="Gesteld door", max_length=150, help_text="Fractie of naam van het raadslid."
    )
    question = forms.CharField(label="Vraag", widget=forms.Textarea(attrs={"rows": 2}))


class AntwoordForm(forms.Form):
    vraag = forms.ModelChoiceField(queryset=ControleVraag.objects.none(), widget=forms.HiddenInput)
    answer = forms.CharField(
        label="Antwoord van het college", widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kennisname, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this year's questions: a posted id from elsewhere is simply not a choice.
        self.fields["vraag"].queryset = ControleVraag.objects.filter(kennisname=kennisname)


class MotieForm(forms.Form):
    number = forms.CharField(label="Nummer", max_length=40)
    title = forms.CharField(label="Titel", max_length=200)
    text = forms.CharField(
        label="Dictum (wat de raad vraagt)", widget=forms.Textarea(attrs={"rows": 3})
    )
    outcome = forms.ChoiceField(
        label="Uitkomst", choices=MotieOutcome.choices, widget=forms.RadioSelect
    )
    asks_action = forms.BooleanField(
        label="De motie vraagt het college iets te doen", required=False
    )
    task_deadline = forms.DateField(
        label="Uiterlijk klaar",
        required=False,
        widget=DATE,
        help_text="Verplicht als een aangenomen motie iets vraagt.",
    )
    task_owner = forms.CharField(
        label="Wie pakt het op", max_length=150, required=False, help_text="Afdeling of persoon."
    )
