from django import forms
from django.conf import settings
from django.contrib import messages
from django.utils import timezone

from .constants import ProjectScope, Role
from .models import Project, colour_validator
from .predecessor import predecessor_check, predecessor_choices


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "name",
            "scope",
            "period_start",
            "period_end",
            "next_deadline",
            "next_deadline_label",
            "werkgroep_ends_on",
            "new_nota_lead_days",
        ]
        widgets = {
            "next_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "werkgroep_ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    # Not a model field: the view names it through predecessor.project_predecessor_set,
    # which checks it and drafts the evaluation.
    predecessor = forms.ChoiceField(
        label="Vorig veiligheidsplan",
        required=False,
        help_text="Het plan dat dit project opvolgt: de kadernota evalueert de doelen en "
        "acties ervan in het hoofdstuk Evaluatie vorige periode.",
    )

    def __init__(self, *args, gemeente=None, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.gemeente = gemeente or (self.instance.gemeente if self.instance.pk else None)
        self._candidates = {
            str(project.uuid): project
            for project in (
                predecessor_choices(self.gemeente, self.instance) if self.gemeente else []
            )
        }
        self.fields["predecessor"].choices = [("", "geen (eerste plan)")] + [
            (key, f"{project.name} ({project.period_start}–{project.period_end})")
            for key, project in self._candidates.items()
        ]
        if self.instance.pk and self.instance.predecessor_id:
            self.initial.setdefault("predecessor", str(self.instance.predecessor.uuid))
        for name in ("period_start", "period_end"):
            self.fields[name].min_value = 2000
            self.fields[name].max_value = this_year + 10
            self.fields[name].widget.attrs.update(min=2000, max=this_year + 10)
            self.fields[name].validators.append(_year_range_validator(this_year + 10))
        # Left empty: the default, a year (a form posted without the field changes nothing).
        self.fields["new_nota_lead_days"].required = False
        if not self.instance.pk:
            # A new project has no werkgroep yet: its closing date is set when editing.
            del self.fields["werkgroep_ends_on"]
            self.initial.setdefault("period_start", this_year + 1)
            self.initial.setdefault("period_end", this_year + 4)
            self.initial.setdefault("scope", ProjectScope.KERNBELEID)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Het laatste beleidsjaar ligt vóór het eerste.")
        if cleaned.get("new_nota_lead_days") is None and "new_nota_lead_days" not in self.errors:
            cleaned["new_nota_lead_days"] = (
                self.instance.new_nota_lead_days
                if "new_nota_lead_days" not in self.data
                else Project._meta.get_field("new_nota_lead_days").default
            )
        if cleaned.get("next_deadline_label") and not cleaned.get("next_deadline"):
            self.add_error("next_deadline", "Geef ook de datum van deze deadline.")
        if self.instance.pk and "predecessor" not in self.data:
            # A form posted without the field (an older page) keeps the plan named before.
            cleaned["predecessor"] = self.instance.predecessor
        else:
            cleaned["predecessor"] = self._candidates.get(cleaned.get("predecessor") or "")
        if cleaned["predecessor"] is not None and start:
            try:
                predecessor_check(
                    gemeente=self.gemeente,
                    period_start=start,
                    predecessor=cleaned["predecessor"],
                    project=self.instance if self.instance.pk else None,
                )
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned


def _year_range_validator(maximum: int):
    def validate(value: int) -> None:
        if not 2000 <= value <= maximum:
            raise forms.ValidationError(f"Kies een jaar tussen 2000 en {maximum}.")

    return validate


class GemeenteSettingsForm(forms.Form):
    inhabitants = forms.IntegerField(
        label="Aantal inwoners", required=False, min_value=1, max_value=2_000_000
    )
    house_colour = forms.CharField(
        label="Huiskleur",
        max_length=7,
        validators=[colour_validator],
        widget=forms.TextInput(attrs={"type": "color", "class": "form-control-color"}),
        help_text="Voor de omslag en koppen van rapporten.",
    )
    logo = forms.FileField(
        label="Logo (PNG of JPEG)",
        required=False,
        help_text="Hooguit 2 MB en 25 megapixel. Komt op de omslag van rapporten.",
    )
    remove_logo = forms.BooleanField(label="Huidig logo verwijderen", required=False)
    raadsperiode_ends_on = forms.DateField(
        label="Einde raadsperiode",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="De toegang van raadsleden loopt tot en met deze dag. Een andere datum die u "
        "bij een raadslid zelf instelde, blijft staan.",
    )
    raw_file_retention_days = forms.IntegerField(
        label="Bewaartermijn respondentenbestanden (dagen)",
        required=False,  # left empty: the period stays as it is
        min_value=1,
        max_value=3650,
        error_messages={
            "min_value": "Kies minstens 1 dag.",
            "max_value": "Kies hooguit 3650 dagen (tien jaar).",
            "invalid": "Vul een aantal dagen in, bijvoorbeeld 90.",
        },
        help_text="Zoveel dagen na een geslaagde import wordt het ruwe bestand van de "
        "Veiligheidsmonitor (met persoonsgegevens) automatisch verwijderd; de berekende "
        "cijfers en een controlegetal blijven. Een import die niet is afgerond gaat zoveel "
        "dagen na het uploaden. Standaard 90 dagen.",
    )

    def clean_logo(self):
        """Only the size: the service opens the image with Pillow (pixel limit, decoding) and
        stores it re-encoded as PNG, whatever its name or first bytes claim."""
        logo = self.cleaned_data.get("logo")
        if not logo:
            return None
        if logo.size > settings.LOGO_MAX_BYTES:
            raise forms.ValidationError("Het logo is groter dan 2 MB.")
        return logo


class MembershipAddForm(forms.Form):
    email = forms.EmailField(label="E-mailadres")
    full_name = forms.CharField(label="Naam", max_length=150, required=False)
    role = forms.ChoiceField(label="Rol", choices=Role.choices)
    organisation = forms.CharField(
        label="Organisatie",
        max_length=150,
        required=False,
        help_text="Voor partners: politie, brandweer, OM, woningcorporatie …",
    )

    ends_on = forms.DateField(
        label="Toegang tot en met",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Leeg: geen einddatum; een raadslid houdt dan toegang tot het einde van de "
        "raadsperiode.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.PARTNER and not cleaned.get("organisation"):
            self.add_error("organisation", "Vul de organisatie van deze partner in.")
        return cleaned


class MembershipEndForm(forms.Form):
    ends_on = forms.DateField(
        label="Toegang tot en met",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Leeg: geen einddatum.",
    )


def apply_validation_error(form: forms.Form, error) -> None:
    """Show a service's ValidationError on the form: per field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def add_validation_error_messages(request, error) -> None:
    """Show a service's ValidationError as messages on the next page, one per message: for
    views that redirect instead of showing a form again."""
    for message in error.messages:
        messages.error(request, message)
