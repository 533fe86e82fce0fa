from django.apps import AppConfig


class KernbeleidConfig(AppConfig):
    """The 12-step Kernbeleid Veiligheid workflow, its step products and the yearly cycle."""

    name = "kernbeleid"
    verbose_name = "Kernbeleid Veiligheid"
