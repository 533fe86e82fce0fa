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
