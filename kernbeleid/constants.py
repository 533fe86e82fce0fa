from django.db import models


class Outcome(models.TextChoices):
    """The outcomes of a raadsbesluit. Amended is adopted: the proposal holds as amended."""

    AANGENOMEN = "aangenomen", "aangenomen"
    GEAMENDEERD = "geamendeerd", "aangenomen met amendementen"
    VERWORPEN = "verworpen", "verworpen"
    AANGEHOUDEN = "aangehouden", "aangehouden"


class DecisionKind(models.TextChoices):
    """How the raad spoke. Steps 1 and 5 often close on a brief, a consultation or a
    bijeenkomst instead of a numbered besluit (shared/domain §2.1); step 9 needs the besluit."""

    RAADSBESLUIT = "raadsbesluit", "raadsbesluit"
    INFORMATIEBRIEF = "raadsinformatiebrief", "raadsinformatiebrief"
    CONSULTATIE = "consultatie", "consultatie van de raad"
    BIJEENKOMST = "bijeenkomst", "raadsbijeenkomst"


class MotieOutcome(models.TextChoices):
    AANGENOMEN = "aangenomen", "aangenomen"
    VERWORPEN = "verworpen", "verworpen"
    INGETROKKEN = "ingetrokken", "ingetrokken"
    AANGEHOUDEN = "aangehouden", "aangehouden"


class KennisnameKind(models.TextChoices):
    """How the raad took note of the college's uitvoeringsprogramma (step 11, controle)."""

    INFORMATIEBRIEF = "raadsinformatiebrief", "raadsinformatiebrief"
    COMMISSIE = "commissie", "commissiebespreking"
    RAAD = "raad", "bespreking in de raad"


class Organisation(models.TextChoices):
    GEMEENTE = "gemeente", "gemeente"
    POLITIE = "politie", "politie"
    OM = "om", "Openbaar Ministerie"
    BRANDWEER = "brandweer", "brandweer / veiligheidsregio"
    WONINGCORPORATIE = "woningcorporatie", "woningcorporatie"
    JONGERENWERK = "jongerenwerk", "jongerenwerk"
    GGD = "ggd", "GGD"
    ONDERNEMERS = "ondernemers", "ondernemers"
    OVERIG = "overig", "overig"


class BeleidsvraagGroup(models.TextChoices):
    """The five groups of beleidsvragen of KBV (2nd edition headings)."""

    VISIE = "visie", "1. Visie"
    ANALYSE = "veiligheidsanalyse", "2. Veiligheidsanalyse"
    PRIORITEITEN = "prioriteiten", "3. Prioriteiten"
    AANPAK = "aanpak", "4. Uitwerking van de aanpak"
    BORGING = "borging", "5. Organisatorische borging"


class Verdict(models.TextChoices):
    AKKOORD = "akkoord", "akkoord"
    OPMERKINGEN = "opmerkingen", "akkoord met opmerkingen"
    NIET_AKKOORD = "niet_akkoord", "niet akkoord"


class KadernotaSection(models.TextChoices):
    VISIE = "visie", "Visie"
    PRIORITEITEN = "prioriteiten", "Prioriteiten en doelen"
    AANPAK = "aanpak", "Aanpak"
    BORGING = "borging", "Borging"
    BUDGET = "budget", "Budget"


class BovenlokaalNiveau(models.TextChoices):
    """Where a priority above the gemeente's own comes from (kadernota, bovenlokale kaders)."""

    REGIONAAL_BELEIDSPLAN = "regionaal", "regionaal beleidsplan (eenheid)"
    BASISTEAM = "basisteam", "basisteam politie"
    RIEC = "riec", "RIEC"
    VEILIGHEIDSREGIO = "veiligheidsregio", "veiligheidsregio"
    ANDERS = "anders", "anders"


class ActionStatus(models.TextChoices):
    GEPLAND = "gepland", "gepland"
    LOPEND = "lopend", "loopt"
    GEREED = "gereed", "gereed"
    VERTRAAGD = "vertraagd", "vertraagd"
    VERVALLEN = "vervallen", "vervallen"


class Taakveld(models.TextChoices):
    """The BBV taakvelden of programma 1 (Veiligheid) a goal or action is budgeted on."""

    CRISISBEHEERSING = "1.1", "1.1 Crisisbeheersing en brandweer"
    OPENBARE_ORDE = "1.2", "1.2 Openbare orde en veiligheid"


class PriorityChangeKind(models.TextChoices):
    """What the actualisatie after two years does with a priority."""

    KEPT = "kept", "blijft"
    CHANGED = "changed", "gewijzigd"
    ADDED = "added", "toegevoegd"
    DROPPED = "dropped", "vervalt"


class ActualisatieMode(models.TextChoices):
    """How the raad deals with the actualisatie: the gemeente chooses."""

    BESLUIT = "besluit", "de raad besluit (raadsvoorstel)"
    KENNISNAME = "kennisname", "de raad neemt kennis (raadsinformatiebrief)"


class GoalSource(models.TextChoices):
    """What a goal is measured on (step 12)."""

    VM = "vm", "Veiligheidsmonitor"
    POLICE = "police", "politiecijfers (CBS 47018NED)"
    BBV = "bbv", "BBV-beleidsindicator"
    OWN = "own", "eigen registratie"


class GoalStatus(models.TextChoices):
    ACHIEVED = "achieved", "doel gehaald"
    ON_TRACK = "on_track", "op koers"
    BEHIND = "behind", "achter op schema"
    UNKNOWN = "unknown", "niet te beoordelen"


# A short starting list per group in the spirit of KBV (2nd edition headings); the werkgroep
# adds its own. [U] The handreiking's exact questions were not available.
DEFAULT_BELEIDSVRAGEN: dict[str, tuple[str, ...]] = {
    BeleidsvraagGroup.VISIE: (
        "Wat wil de gemeente met het veiligheidsbeleid bereiken en waarom?",
        "Welke rol neemt de gemeente en welke rol vraagt zij van partners en inwoners?",
    ),
    BeleidsvraagGroup.ANALYSE: (
        "Wat laten de cijfers zien over de veiligheid en de veiligheidsbeleving in de gemeente "
        "en haar wijken?",
        "Wat weten de partners uit hun eigen praktijk dat niet in de cijfers staat?",
        "Wat heeft het vorige veiligheidsbeleid opgeleverd?",
    ),
    BeleidsvraagGroup.PRIORITEITEN: (
        "Welke thema's moeten de komende vier jaar voorrang krijgen, en waarom?",
        "Waar kan de gemeente met haar partners het meeste verschil maken?",
    ),
    BeleidsvraagGroup.AANPAK: (
        "Welke doelen en maatregelen horen bij elke prioriteit, en welke partners zijn nodig?",
        "Hoe meten we of de doelen worden gehaald (indicator, nulmeting en streefwaarde)?",
    ),
    BeleidsvraagGroup.BORGING: (
        "Hoe zijn regie, coördinatie, monitoring, communicatie en financiën geregeld?",
        "Hoe en wanneer worden de raad en de partners over de voortgang geïnformeerd?",
    ),
}
