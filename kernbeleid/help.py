"""The help texts on the method Kernbeleid Veiligheid: what each of the 12 steps asks, who
acts, and what the raad does when; and what each veiligheidsveld covers.

The one place these texts live: the help page "De methode Kernbeleid Veiligheid" renders them,
and the timeline and the veiligheidsanalyse link to a step's anchor through
`step_help_url`, so page and links cannot drift apart. Step names come from
projects.constants.KERNBELEID_STEPS and the actors from the workflow's transition table.
The raad decides at steps 1, 5 and 9 and controls at 11 and 12 (shared/domain §2.1).
"""

from dataclasses import dataclass

from django.urls import reverse

from projects.constants import KERNBELEID_STEPS, ProjectScope

from .workflow.transitions import ACTOR, raad_steps_for


@dataclass(frozen=True)
class StepHelp:
    number: int
    name: str
    asks: str  # what the step asks of the gemeente and the werkgroep
    produces: str  # what the step delivers in Integraal
    raad: str  # what the raad does in this step; empty when it does nothing
    who: str

    @property
    def anchor(self) -> str:
        return step_anchor(self.number)

    @property
    def raad_decides(self) -> bool:
        # The method page describes the full route; an analysis-only commission has no raad.
        return self.number in raad_steps_for(ProjectScope.KERNBELEID)


_STEP_TEXTS: dict[int, tuple[str, str, str]] = {
    # step: (asks, produces, raad)
    1: (
        "Leg vast waarom de gemeente een nieuw veiligheidsbeleid maakt, wat het moet omvatten, "
        "wie meedoen, hoe het proces loopt en wat het mag kosten.",
        "De startnotitie, en het besluit van de raad om te beginnen.",
        "De raad besluit over de start: met een raadsbesluit, of na een "
        "raadsinformatiebrief, consultatie of bijeenkomst.",
    ),
    2: (
        "Stel de werkgroep samen: collega's van de gemeente en partners zoals politie, OM, "
        "brandweer, woningcorporaties, jongerenwerk en ondernemers.",
        "De werkgroep, met per lid de organisatie.",
        "",
    ),
    3: (
        "Breng de werkgroep bij elkaar: leg de methode, de planning en ieders rol uit.",
        "Het verslag van de startbijeenkomst.",
        "",
    ),
    4: (
        "Beantwoord de beleidsvragen over visie, veiligheidsanalyse en prioriteiten. Lees de "
        "Veiligheidsmonitor in, schrijf per veiligheidsveld en thema de knelpunten, de huidige "
        "aanpak en wat beter kan, en stel prioriteiten voor.",
        "De veiligheidsanalyse en een voorstel voor de prioriteiten.",
        "De raad stelt de veiligheidsanalyse niet vast: die gaat ter informatie mee met het "
        "voorstel over de prioriteiten.",
    ),
    5: (
        "Leg de voorgestelde prioriteiten aan de raad voor, liefst na een bijeenkomst met raad, "
        "inwoners en partners.",
        "Het besluit of de uitspraak van de raad over de prioriteiten.",
        "De raad kiest de prioriteiten. Verwerpt de raad het voorstel, dan gaat het traject "
        "terug naar stap 4.",
    ),
    6: (
        "Beantwoord de beleidsvragen over de aanpak (doelen, maatregelen en partners per "
        "prioriteit) en over de borging (regie, monitoring, communicatie en geld).",
        "De antwoorden op de beleidsvragen over aanpak en borging.",
        "",
    ),
    7: (
        "Schrijf de kadernota: van de evaluatie van het vorige beleid, via de analyse en de "
        "prioriteiten, naar doelen, aanpak op hoofdlijnen en budget.",
        "De concept-kadernota (het integraal veiligheidsplan), met meetbare doelen.",
        "",
    ),
    8: (
        "Leg de concept-kadernota voor aan de partners in de werkgroep: kan hun organisatie "
        "zich erin vinden?",
        "Het oordeel van elke partner, en een bijgewerkt concept.",
        "",
    ),
    9: (
        "Het college stelt de raad voor de kadernota vast te stellen, voor vier jaar.",
        "Het raadsbesluit dat de kadernota vaststelt, met eventuele amendementen en moties.",
        "De raad stelt de kadernota vast (artikel 38b Politiewet 2012). Dat kan alleen met een "
        "raadsbesluit. Verwerpt de raad het voorstel, dan gaat het traject terug naar stap 7.",
    ),
    10: (
        "Het college werkt de kadernota uit in een uitvoeringsprogramma: acties, trekkers, "
        "termijnen en budget, meestal per jaar.",
        "Het uitvoeringsprogramma en het collegebesluit.",
        "",
    ),
    11: (
        "Stuur het uitvoeringsprogramma naar de raad en beantwoord de vragen.",
        "De kennisname door de raad, vragen en eventuele moties.",
        "De raad controleert: neemt kennis van het programma, stelt vragen en kan een motie "
        "aannemen. De raad kan het programma niet afwijzen.",
    ),
    12: (
        "Voer het programma uit, meet de doelen en rapporteer elk jaar over de voortgang. Na "
        "twee jaar volgt een actualisatie, na vier jaar een nieuwe analyse en kadernota.",
        "Per jaar een uitvoeringsprogramma en een voortgangsrapportage; de evaluatie aan het eind.",
        "De raad volgt de voortgang en controleert het college, onder meer via de "
        "voortgangsrapportage en de begroting.",
    ),
}

STEP_HELP: dict[int, StepHelp] = {
    number: StepHelp(number, name, *_STEP_TEXTS[number], who=ACTOR[number])
    for number, name in KERNBELEID_STEPS
}


@dataclass(frozen=True)
class FieldHelp:
    code: str
    text: str

    @property
    def anchor(self) -> str:
        return field_anchor(self.code)


# What each of the five veiligheidsvelden of KBV covers (shared/domain §1.2). The themes come
# from the catalogue (analysis/catalogue.py); a gemeente may rename, add or hide them.
FIELD_HELP: dict[str, FieldHelp] = {
    code: FieldHelp(code, text)
    for code, text in (
        (
            "1",
            "De sociale veiligheid in buurten: overlast, veelvoorkomende criminaliteit zoals "
            "inbraak en diefstal, verloedering en het veiligheidsgevoel.",
        ),
        (
            "2",
            "Veilig ondernemen, veilige winkelgebieden en bedrijventerreinen, veilig uitgaan, "
            "evenementen en toerisme.",
        ),
        (
            "3",
            "Jongeren: overlast van jeugdgroepen, jeugdcriminaliteit, alcohol en drugs, en "
            "veiligheid in en om de school.",
        ),
        (
            "4",
            "Verkeersveiligheid, brandveiligheid, gevaarlijke stoffen (externe veiligheid) en "
            "rampenbestrijding en crisisbeheersing.",
        ),
        (
            "5",
            "Georganiseerde criminaliteit en ondermijning, polarisatie en radicalisering, "
            "integriteit van het bestuur, de veilige publieke taak en informatieveiligheid.",
        ),
    )
}


def step_anchor(step: int) -> str:
    return f"stap-{step}"


def field_anchor(code: str) -> str:
    return f"veld-{code}"


def step_help_url(step: int) -> str:
    """The help page, at the part about `step`."""
    if step not in STEP_HELP:
        raise ValueError(f"Kernbeleid Veiligheid has no step {step}.")
    return f"{reverse('help:method')}#{step_anchor(step)}"


def field_help_url(code: str) -> str:
    return f"{reverse('help:method')}#{field_anchor(code)}"
