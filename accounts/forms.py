from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm


class LowercaseUsernameMixin:
    """Addresses are stored in lower case. Passing the lower-case form on to authenticate()
    lets the lockout (django-axes) count every spelling of one address together, so
    changing the case does not buy more attempts."""

    def clean_username(self) -> str:
        return self.cleaned_data["username"].lower()


class EmailAuthenticationForm(LowercaseUsernameMixin, AuthenticationForm):
    username = forms.EmailField(
        label="E-mailadres",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": "Dit e-mailadres en wachtwoord horen niet bij elkaar. "
        "Let op: het wachtwoord is hoofdlettergevoelig.",
        "inactive": "Dit account is niet actief.",
    }


class AdminEmailAuthenticationForm(LowercaseUsernameMixin, AdminAuthenticationForm):
    pass


class TokenForm(forms.Form):
    token = forms.RegexField(
        label="Code uit uw authenticator-app",
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": "Vul de zes cijfers uit uw authenticator-app in."},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label="Uw wachtwoord",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Dit wachtwoord klopt niet.")
        return password


class AccountPasswordResetForm(PasswordResetForm):
    """Also reaches accounts that never had a password: invited or provisioned users
    choose their first password through the same link."""

    def get_users(self, email):
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)


class PublicationMailsForm(forms.Form):
    publication_mails = forms.BooleanField(
        label="Stuur mij een e-mail als er iets voor mij gepubliceerd is, en een herinnering "
        "twee dagen voordat een consultatie sluit",
        required=False,
    )
