"""A user logs in with an email address; there is no separate user name."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra) -> "User":
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> "User":
        # Email addresses are stored in lower case, so logging in ignores case.
        return self.get(**{self.model.USERNAME_FIELD: (username or "").lower()})


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("e-mailadres", unique=True)
    full_name = models.CharField("naam", max_length=150, blank=True)
    is_active = models.BooleanField("actief", default=True)
    is_staff = models.BooleanField(
        "platformbeheerder", default=False, help_text="Mag inloggen in de beheeromgeving."
    )
    date_joined = models.DateTimeField("aangemaakt op", default=timezone.now)
    publication_mails = models.BooleanField(
        "e-mail bij publicaties",
        default=True,
        help_text="Een e-mail als er iets voor u gepubliceerd is, en een herinnering voordat "
        "een consultatie sluit.",
    )
    # Empty until the user closes the "Zo werkt Integraal" panel (accounts/tour.py); reopening
    # it from the help menu empties it again. Only an explicit POST changes it.
    tour_seen_at = models.DateTimeField("rondleiding gesloten op", null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def display_name(self, gemeente=None) -> str:
        """How pages name this user: "Naam (rol, organisatie)", never the e-mail address."""
        from projects.people import person_label  # projects builds on accounts

        return person_label(self, gemeente=gemeente)

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class OidcProvider(models.Model):
    """A gemeente's own identity provider for single sign-on over OpenID Connect, set up by
    platform staff in the admin. Its people log in with their organisation's account; the
    password login stays for everyone else (accounts/oidc.py)."""

    class SignAlgorithm(models.TextChoices):
        RS256 = "RS256", "RS256 (sleutels van de provider, JWKS)"
        HS256 = "HS256", "HS256 (gedeeld geheim)"

    gemeente = models.OneToOneField(
        "projects.Gemeente", on_delete=models.CASCADE, related_name="oidc_provider"
    )
    enabled = models.BooleanField("actief", default=True)
    label = models.CharField(
        "knoptekst", max_length=100, help_text="Bijvoorbeeld: Inloggen met uw Almere-account"
    )
    email_domains = models.CharField(
        "e-maildomeinen",
        max_length=300,
        help_text="Gescheiden door komma's, bijvoorbeeld almere.nl. Wie zo'n adres invult, "
        "logt in via deze provider.",
    )
    issuer = models.URLField("issuer", max_length=300)
    authorization_endpoint = models.URLField("authorization endpoint", max_length=300)
    token_endpoint = models.URLField("token endpoint", max_length=300)
    userinfo_endpoint = models.URLField("userinfo endpoint", max_length=300)
    jwks_uri = models.URLField("JWKS-adres", max_length=300, blank=True)
    client_id = models.CharField("client id", max_length=200)
    client_secret = models.CharField("client secret", max_length=300)
    sign_algorithm = models.CharField(
        "ondertekening", max_length=8, choices=SignAlgorithm.choices, default=SignAlgorithm.RS256
    )
    scopes = models.CharField("scopes", max_length=200, default="openid email profile")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "identiteitsprovider (OpenID Connect)"
        verbose_name_plural = "identiteitsproviders (OpenID Connect)"

    def __str__(self) -> str:
        return f"{self.label} ({self.gemeente})"

    @property
    def domains(self) -> list[str]:
        return [d.strip().lower() for d in self.email_domains.split(",") if d.strip()]
