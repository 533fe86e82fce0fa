from django import forms

from .constants import Audience, DocumentKind, PdfVariant, RenderFormat, SectionSource


class RenderForm(forms.Form):
    document = forms.ChoiceField(label="Document", choices=DocumentKind.choices)
    format = forms.ChoiceField(label="Formaat", choices=RenderFormat.choices)
    variant = forms.ChoiceField(
        label="PDF-soort", choices=PdfVariant.choices, required=False, initial=PdfVariant.UA
    )


class PublishForm(forms.Form):
    audience = forms.ChoiceField(label="Ter inzage voor", choices=Audience.choices)


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
