"""Demo content for the yearly documents of the Almere traject (issue 16, part 2): taakveld
and begrotingsprogramma on the goals and actions, the texts of the programme year, the
uitvoeringsprogramma adopted by the college on the collegebesluit the traject already holds,
and a voortgangsrapportage concept; both put before the raad ter informatie.

Call after projects.demo_traject has built the programme (steps 10-12):
``demo_jaardocumenten_load(project, actor)``. Safe to call again: versions, the vaststelling
and publications are found rather than made twice."""

from kernbeleid.constants import Taakveld
from kernbeleid.cycle.year_texts import year_texts_save
from kernbeleid.models import Action, CollegeBesluit, Goal
from projects.models import Project
from reports import selectors, services
from reports.constants import Audience, DocumentKind, PublicationPurpose

PROGRAMMA = "Programma 1 Veiligheid"
# Actions about crises, fire or events are budgeted on 1.1; the rest on 1.2.
CRISIS_WORDS = ("crisis", "brand", "evenement", "oefening", "rampen")

UP_INLEIDING = (
    "In {year} zet Almere de eerste stappen uit de kadernota integrale veiligheid. Het "
    "college kiest voor een programma dat klein begint en in de wijken zichtbaar is: minder "
    "woninginbraken, een veilig centrum in de avond en een stevige aanpak van ondermijning.\n"
    "Elke actie heeft een trekker bij de gemeente of een partner, een planning en een budget. "
    "Waar een actie een doel van de kadernota dient, staat dat erbij; zo kan de raad zien "
    "welke inzet bij welk doel hoort."
)
VG_INLEIDING = (
    "Deze voortgangsrapportage laat zien hoe het uitvoeringsprogramma {year} is verlopen en "
    "hoe de doelen van de kadernota ervoor staan. Zij is de paragraaf veiligheid bij het "
    "jaarverslag en gaat ter informatie naar de raad."
)
VG_VERANDERD = (
    "Het aantal woninginbraken daalde verder, vooral in Almere Haven en Almere Buiten, waar "
    "buurtpreventieteams actief zijn. De overlast in het Stadshart bleef op het niveau van "
    "vorig jaar.\n"
    "Het basisteam kreeg er twee wijkagenten bij; de samenwerking met het RIEC over "
    "ondermijning in bedrijventerreinen is vastgelegd in een convenant."
)
VG_VOORUITBLIK = (
    "Volgend jaar breiden we buurtpreventie uit naar Almere Poort en evalueren we het "
    "cameratoezicht in het Stadshart. De aanpak van ondermijning krijgt een vervolg met "
    "integrale controles op bedrijventerreinen.\n"
    "Na twee jaar volgt de actualisatie van de kadernota; de cijfers van de nieuwe "
    "Veiligheidsmonitor nemen we daarin mee."
)


def _taakveld_of(title: str) -> str:
    lowered = title.lower()
    if any(word in lowered for word in CRISIS_WORDS):
        return Taakveld.CRISISBEHEERSING
    return Taakveld.OPENBARE_ORDE


def _begroting_fill(project: Project, year: int) -> int:
    """Taakveld and programme on every goal and on the year's actions; rows, as the demo
    builds the rest of the programme."""
    filled = Goal.objects.filter(project=project).update(
        taakveld=Taakveld.OPENBARE_ORDE, begroting_programma=PROGRAMMA
    )
    for action in Action.objects.filter(project=project, year=year):
        action.taakveld = _taakveld_of(action.title)
        action.begroting_programma = PROGRAMMA
        action.save(update_fields=["taakveld", "begroting_programma"])
        filled += 1
    return filled


def demo_jaardocumenten_load(project: Project, actor) -> list[str]:
    """Fill the yearly documents of the demo traject's programme year; returns what it did,
    one line each, for the load command's output."""
    besluit = CollegeBesluit.objects.filter(project=project).order_by("year").first()
    if besluit is None:
        return ["Geen collegebesluit in het traject: de jaardocumenten zijn overgeslagen."]
    year = besluit.year
    done = [f"{_begroting_fill(project, year)} doelen en acties kregen taakveld en programma."]
    year_texts_save(
        actor=actor,
        project=project,
        year=year,
        texts={
            "uitvoeringsprogramma__inleiding": UP_INLEIDING.format(year=year),
            "voortgang__inleiding": VG_INLEIDING.format(year=year),
            "voortgang__veranderd": VG_VERANDERD,
            "voortgang__vooruitblik": VG_VOORUITBLIK,
        },
    )
    done.append(f"Teksten van de jaardocumenten {year} geschreven.")

    concept = services.version_for(
        actor=actor, project=project, document=DocumentKind.UITVOERINGSPROGRAMMA, part=str(year)
    )
    final = concept if concept.final else selectors.final_of(concept)
    if final is None:
        final = services.version_finalize_by_college(
            actor=actor,
            version=concept,
            decided_on=besluit.date,
            number=besluit.number,
            confirmed=True,
        )
    services.publish(
        actor=actor, version=final, audience=Audience.RAAD, purpose=PublicationPurpose.INFORMATIE
    )
    done.append(
        f"Uitvoeringsprogramma {year} {final.label} op collegebesluit {besluit.number}, "
        "ter informatie naar de raad."
    )

    voortgang = services.version_for(
        actor=actor, project=project, document=DocumentKind.VOORTGANG, part=str(year)
    )
    services.publish(
        actor=actor,
        version=voortgang,
        audience=Audience.RAAD,
        purpose=PublicationPurpose.INFORMATIE,
    )
    done.append(f"Voortgangsrapportage {year} {voortgang.label}, ter informatie naar de raad.")
    return done
