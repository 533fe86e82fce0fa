"""The choice of the gemeente's survey editions a project bases its analysis on."""

from django import forms

from projects.nl_format import format_date, format_integer

from .models import SurveyEdition


class EditionLabelField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, edition: SurveyEdition) -> str:
        # Two editions of one year exist only from before editions were the gemeente's:
        # the import date and file tell them apart.
        return (
            f"Veiligheidsmonitor {edition.year} – {format_integer(edition.respondents)} "
            f"respondenten, ingelezen op {format_date(edition.imported_at)} uit "
            f"{edition.import_run.original_name}"
        )


class EditionsChoiceForm(forms.Form):
    editions = EditionLabelField(
        label="Edities voor deze analyse",
        queryset=SurveyEdition.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies edities uit de lijst."},
        help_text="De cijfers zelf veranderen niet. Doelen houden hun nulmeting; ze worden "
        "gemeten op de edities die u kiest.",
    )

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["editions"].queryset = SurveyEdition.objects.filter(
            gemeente=gemeente
        ).select_related("import_run")
