"""Forms of the outline agreement (reports.outline)."""

from django import forms


class OutlineAgreeForm(forms.Form):
    agreed_by_name = forms.CharField(
        label="Akkoord gegeven door",
        max_length=150,
        help_text="Naam (en functie) van wie namens de gemeente akkoord gaf.",
    )
    agreed_on = forms.DateField(
        label="Akkoord op", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class OutlineProposeForm(forms.Form):
    reason = forms.CharField(
        label="Reden van de wijziging",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Na het voorstel kunt u de structuur weer wijzigen; leg daarna opnieuw het "
        "akkoord vast.",
    )
