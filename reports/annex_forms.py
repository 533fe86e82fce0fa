"""The form of the besloten bijlage: who may read it, and a note."""

from django import forms

from .besloten_bijlage import NOTE_MAX, bijlage_of, reader_candidates


class ReaderChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name(self.gemeente)


class BeslotenBijlageForm(forms.Form):
    """The people offered are those who may be named (``reader_candidates``); the service
    checks them again and says in Dutch who cannot read the version."""

    readers = ReaderChoiceField(
        label="Lezers van de besloten bijlage",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies lezers uit de lijst."},
    )
    note = forms.CharField(
        label="Toelichting (optioneel, staat in de bijlage)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Houd de toelichting korter dan 2.000 tekens."},
    )

    def __init__(self, *args, candidates: list, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import User

        field = self.fields["readers"]
        field.queryset = User.objects.filter(pk__in=[user.pk for user in candidates]).order_by(
            "full_name", "email"
        )
        field.gemeente = gemeente


def annex_form(report, gemeente, data=None) -> BeslotenBijlageForm:
    """The form for `report`, filled with its bijlage's readers and note if it has one."""
    bijlage = bijlage_of(report)
    initial = {}
    if bijlage is not None:
        initial = {"readers": list(bijlage.readers.all()), "note": bijlage.note}
    return BeslotenBijlageForm(
        data, candidates=reader_candidates(report), gemeente=gemeente, initial=initial
    )
