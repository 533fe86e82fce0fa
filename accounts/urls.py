from django.contrib.auth import views as auth_views
from django.urls import path

from . import oidc, views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("sso/terug/", oidc.ProviderCallbackView.as_view(), name="oidc_callback"),
    path("sso/<slug:gemeente_slug>/", oidc.ProviderLoginView.as_view(), name="oidc_login"),
    path("", views.overview, name="overview"),
    path("berichten/", views.publication_mails, name="publication_mails"),
    path("wachtwoord/wijzigen/", views.PasswordChangeView.as_view(), name="password_change"),
    path("wachtwoord/vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/nieuw/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("tweestaps/instellen/", views.otp_setup, name="otp_setup"),
    path("tweestaps/controle/", views.otp_verify, name="otp_verify"),
    path("tweestaps/uitzetten/", views.otp_disable, name="otp_disable"),
]
