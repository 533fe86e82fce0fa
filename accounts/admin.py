from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models

from .forms import AdminEmailAuthenticationForm
from .models import OidcProvider, User

# The admin login counts towards the same lockout as the site's login form.
admin.site.login_form = AdminEmailAuthenticationForm


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Persoon", {"fields": ("full_name",)}),
        (
            "Rechten",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Data", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(OidcProvider)
class OidcProviderAdmin(admin.ModelAdmin):
    """Platform staff set up a gemeente's single sign-on here (accounts/oidc.py). The
    provider registers our callback: <site>/account/sso/terug/."""

    list_display = ["gemeente", "label", "email_domains", "enabled", "updated_at"]
    # The secret stays in the form (saving keeps it) but is not shown on screen.

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "client_secret":
            kwargs["widget"] = forms.PasswordInput(render_value=True)
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"  # an address typed without scheme
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    list_filter = ["enabled"]
    search_fields = ["gemeente__name", "label", "email_domains", "issuer"]
    fieldsets = (
        (None, {"fields": ("gemeente", "enabled", "label", "email_domains")}),
        (
            "Provider",
            {
                "fields": (
                    "issuer",
                    "authorization_endpoint",
                    "token_endpoint",
                    "userinfo_endpoint",
                    "jwks_uri",
                    "sign_algorithm",
                    "scopes",
                )
            },
        ),
        ("Client", {"fields": ("client_id", "client_secret")}),
    )
