from django import forms

from . import joint
from .models import Gemeente


class InviteForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label="Gemeente uitnodigen",
        queryset=Gemeente.objects.none(),
        empty_label="Kies een gemeente",
        error_messages={
            "required": "Kies de gemeente die u wilt uitnodigen.",
            "invalid_choice": "Deze gemeente kunt u niet uitnodigen.",
        },
    )

    def __init__(self, *args, user, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = joint.invite_candidates(user=user, project=project)
