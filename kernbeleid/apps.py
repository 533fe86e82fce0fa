from django.apps import AppConfig


class KernbeleidConfig(AppConfig):
    """The 12-step Kernbeleid Veiligheid workflow (later issue)."""

    name = "kernbeleid"
    verbose_name = "Kernbeleid Veiligheid"
