from django import forms
from django.core.exceptions import ValidationError

from projects.joint import plan_gemeenten

from .constants import (
    Audience,
    DocumentKind,
    PdfVariant,
    PublicationPurpose,
    RenderFormat,
    SectionSource,
)
from .models import ReportStructure, StructureSection
from .parts import part_choices


class ByUuidField(forms.ModelChoiceField):
    """A choice from the queryset by its uuid; a malformed uuid is an invalid choice too (the
    model field would answer with its own message)."""

    def __init__(self, queryset, *, message: str, **kwargs):
        super().__init__(
            queryset,
            to_field_name="uuid",
            error_messages={"required": message, "invalid_choice": message},
            **kwargs,
        )

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from error


class RenderForm(forms.Form):
    """Which document to make, in which format. The yearly documents and the raadsvoorstel
    come in parts (a programme year, a decision): one select with a group per kind; the
    service checks that the part fits the document (part_check) and says so in Dutch."""

    document = forms.ChoiceField(label="Document", choices=DocumentKind.choices)
    part = forms.ChoiceField(
        label="Jaar of besluit",
        required=False,
        help_text="Alleen voor het uitvoeringsprogramma en de voortgangsrapportage (het jaar) "
        "en het raadsvoorstel (het besluit).",
        error_messages={"invalid_choice": "Kies een jaar of besluit uit de lijst."},
    )
    format = forms.ChoiceField(label="Formaat", choices=RenderFormat.choices)
    variant = forms.ChoiceField(
        label="PDF-soort", choices=PdfVariant.choices, required=False, initial=PdfVariant.UA
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = {}
        if project.joint:
            # A joint plan's documents also come as one gemeente's edition: the shared
            # chapters with only its own local chapter, goals and actions, in its house style.
            self.fields["edition"] = forms.ChoiceField(
                label="Editie",
                required=False,
                choices=[("", "het hele plan (alle gemeenten)")]
                + [(g.cbs_code, f"editie {g.name}") for g in plan_gemeenten(project)],
                help_text="Niet voor het raadsvoorstel. De gedeelde hoofdstukken met alleen het "
                "lokale hoofdstuk, de doelen en de acties van die gemeente, met haar naam, logo "
                "en huiskleur op het omslag.",
                error_messages={"invalid_choice": "Kies een gemeente van het plan."},
            )
            self.plan = {g.cbs_code: g for g in plan_gemeenten(project)}
            self.order_fields(["document", "edition", "part", "format", "variant"])
        years = part_choices(project, DocumentKind.UITVOERINGSPROGRAMMA)
        occasions = part_choices(project, DocumentKind.RAADSVOORSTEL)
        self.fields["part"].choices = [
            ("", "geen (veiligheidsanalyse of kadernota)"),
            ("Programmajaar (uitvoeringsprogramma, voortgangsrapportage)", years),
            ("Besluit (raadsvoorstel)", occasions),
        ]

    def edition_gemeente(self):
        """The chosen edition's gemeente, or None for the whole plan."""
        code = self.cleaned_data.get("edition")
        return self.plan.get(code) if code else None


class PartnerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name or obj.email


class PublishForm(forms.Form):
    """Who reads the version and why. The service checks the combinations (a closing date
    for a consultation, the raad for a decision) and says what is wrong in Dutch."""

    audience = forms.ChoiceField(
        label="Voor wie",
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies voor wie de versie is."},
    )
    recipients = PartnerChoiceField(
        label="Welke partners (bij ‘genoemde partners’)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies partners uit de lijst."},
    )
    purpose = forms.ChoiceField(
        label="Met welk doel",
        choices=PublicationPurpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies het doel van de publicatie."},
    )
    closes_on = forms.DateField(
        label="Vragen mogelijk tot en met (bij ter consultatie)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label="Begeleidende tekst (optioneel)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, partners, project, version, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = partners
        self.plan = {}
        if project.joint:
            # Each raad of a joint plan gets its own publication. By default the raad of the
            # gemeente whose URL this is; for an edition its own gemeente's raad, the only
            # one it may go to (the service checks that).
            self.plan = {g.cbs_code: g for g in plan_gemeenten(project)}
            self.fields["raad"] = forms.ChoiceField(
                label="Raad van (bij ‘de raad’)",
                required=False,  # not asked for the werkgroep or partners
                choices=[(code, g.name) for code, g in self.plan.items()],
                initial=version.edition or gemeente.cbs_code,
                error_messages={"invalid_choice": "Kies de raad van een gemeente van het plan."},
            )
            self.order_fields(["audience", "raad"])
        if not partners.exists():
            self.fields[
                "recipients"
            ].help_text = (
                "De gemeente heeft nog geen partners in Integraal; nodig ze uit bij de leden."
            )

    def raad_gemeente(self, default):
        """Whose raad the version goes to (when it goes to the raad): the chosen one on a
        joint plan, `default` (the URL's gemeente) otherwise."""
        return self.plan.get(self.cleaned_data.get("raad"), default)


class CollegeFinalizeForm(forms.Form):
    """The collegebesluit on the veiligheidsanalyse; the service requires each field."""

    decided_on = forms.DateField(
        label="Datum collegebesluit",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    number = forms.CharField(
        label="Nummer of kenmerk collegebesluit", max_length=80, required=False
    )
    confirmed = forms.BooleanField(required=False)

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "confirmed"
        ].label = f"Ik bevestig dat {version.label} is vastgesteld door het college"


class CommentForm(forms.Form):
    section_key = forms.CharField(widget=forms.HiddenInput, max_length=80)
    parent = forms.UUIDField(widget=forms.HiddenInput, required=False)
    body = forms.CharField(
        label="Uw vraag of opmerking", max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SectionAddForm(forms.Form):
    title = forms.CharField(label="Titel", max_length=200)
    source = forms.ChoiceField(label="Inhoud", choices=SectionSource.choices)
    fixed_text = forms.CharField(
        label="Vaste tekst (bij een voorwoord of leeswijzer)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20_000,
    )


class StructureChooseForm(forms.Form):
    """One of the structures this project may use, by uuid."""

    structure = ByUuidField(
        queryset=ReportStructure.objects.none(), message="Kies een structuur uit de lijst."
    )

    def __init__(self, *args, available, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = available


class SectionForm(forms.Form):
    """A section of the structure in use, by uuid."""

    section = ByUuidField(
        queryset=StructureSection.objects.none(),
        message="Kies een hoofdstuk uit de lijst.",
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, structure: ReportStructure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = structure.sections.all()


class SectionUpdateForm(SectionForm):
    """The service says what a title needs; an empty one gets its message."""

    title = forms.CharField(
        required=False,
        max_length=200,
        strip=False,
        error_messages={"max_length": "Een titel is hooguit 200 tekens lang."},
    )
    fixed_text = forms.CharField(
        required=False,
        max_length=20_000,
        strip=False,
        error_messages={"max_length": "Een vaste tekst is hooguit 20.000 tekens lang."},
    )


class SectionMoveForm(SectionForm):
    direction = forms.ChoiceField(
        choices=[("up", "omhoog"), ("down", "omlaag")],
        error_messages={
            "required": "Kies omhoog of omlaag.",
            "invalid_choice": "Kies omhoog of omlaag.",
        },
    )

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1


class StructureCopyForm(forms.Form):
    name = forms.CharField(label="Naam van de nieuwe structuur", max_length=150)
    for_bureau = forms.BooleanField(
        label="Delen met alle gemeenten van mijn bureau", required=False
    )


class TemplateForm(forms.Form):
    file = forms.FileField(
        label="Word-sjabloon (.docx)",
        help_text="Stijlen, kop- en voettekst en logo van de gemeente.",
    )
