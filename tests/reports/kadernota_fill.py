"""A kadernota with every chapter written, for tests that need one a raad could adopt."""

from decimal import Decimal

from kernbeleid.models import BovenlokalePrioriteit, Goal, Kadernota

TEXTS = {
    "aanleiding": "Het vorige plan loopt af. De raad vroeg om een nieuw kader.",
    "evaluatie": "Vier van de zes doelen zijn gehaald.\nDe woninginbraken daalden.",
    "trends": "Ondermijning neemt toe in de regio.",
    "visie": "Iedereen voelt zich veilig in elke wijk.\nDe gemeente voert de regie.",
    "aanpak": "Samen met partners, gericht op de wijken.",
    "borging": "De burgemeester is portefeuillehouder; de regisseur OOV coördineert.",
    "communicatie": "Twee keer per jaar een nieuwsbrief; handhaving volgens de APV.",
    "budget": "Het budget komt uit de begroting OOV.",
    "monitoring": "Elk jaar een voortgangsrapportage aan de raad.",
}


def fill_kadernota(project) -> None:
    """Every hand-written chapter, a bovenlokale prioriteit and a budget per goal."""
    Kadernota.objects.update_or_create(project=project, defaults=TEXTS)
    BovenlokalePrioriteit.objects.get_or_create(
        project=project,
        niveau="riec",
        title="Ondermijning",
        defaults={"source": "RIEC-jaarplan 2027"},
    )
    Goal.objects.filter(project=project, budget__isnull=True).update(
        budget=Decimal(10000), funding="begroting OOV"
    )
