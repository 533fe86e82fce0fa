"""Forms of the analysis-only commission: the opdracht, the delivery (with its confirmation)
and ending the aftercare."""

from django import forms
from django.utils.formats import date_format
from django_scopes.forms import SafeModelChoiceField

from reports.models import ReportVersion

from .opdracht import MAX_AFTERCARE_MONTHS, deliverable_versions

DATE = {"type": "date"}


class OpdrachtForm(forms.Form):
    opdrachtgever = forms.CharField(
        label="Opdrachtgever",
        max_length=200,
        help_text="Wie gaf de opdracht namens de gemeente (naam en functie of afdeling).",
    )
    commissioned_on = forms.DateField(
        label="Opdracht gegeven op", widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    deliverables = forms.CharField(
        label="Wat wordt opgeleverd",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bijvoorbeeld: de veiligheidsanalyse als digitaal rapport (PDF en Word), "
        "met de cijfers per wijk.",
    )
    aftercare_months = forms.IntegerField(
        label="Nazorg (maanden)",
        min_value=0,
        max_value=MAX_AFTERCARE_MONTHS,
        initial=3,
        help_text="Zo lang na de oplevering beantwoordt de adviseur vragen over de analyse.",
    )


class DeliveryForm(forms.Form):
    """Step one names the version, the date and the recipient; a page then asks to confirm
    with a checkbox that names the version (DeliveryConfirmForm, posted with the same
    fields)."""

    version = SafeModelChoiceField(
        label="Versie",
        queryset=ReportVersion.objects,
        to_field_name="uuid",
        empty_label=None,
        error_messages={
            "required": "Kies de versie die u oplevert.",
            "invalid_choice": "Kies een conceptversie van de analyse uit de lijst.",
        },
    )
    delivered_on = forms.DateField(
        label="Opgeleverd op", widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    delivered_to = forms.CharField(
        label="Opgeleverd aan", max_length=200, help_text="Naam en functie van de ontvanger."
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = deliverable_versions(project)
        self.fields["version"].label_from_instance = lambda version: (
            f"{version.label} ({date_format(version.created_at, 'j F Y')})"
        )


class DeliveryConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": "Bevestig de oplevering met het vinkje."},
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = (
            f"Ja, lever {version.label} op. Zij wordt definitief als ‘opgeleverd’ met een PDF "
            "en een Word-bestand, en wijzigt daarna niet meer."
        )
