from django.db import models


class DocumentKind(models.TextChoices):
    ANALYSE = "analyse", "Veiligheidsanalyse"
    KADERNOTA = "kadernota", "Kadernota integrale veiligheid"
    UITVOERINGSPROGRAMMA = "uitvoeringsprogramma", "Uitvoeringsprogramma integrale veiligheid"
    VOORTGANG = "voortgang", "Voortgangsrapportage integrale veiligheid"
    RAADSVOORSTEL = "raadsvoorstel", "Raadsvoorstel"


# Documents made once per programme year: a version names its year in `ReportVersion.part`.
YEARLY_DOCUMENTS = frozenset({DocumentKind.UITVOERINGSPROGRAMMA, DocumentKind.VOORTGANG})
# A joint plan's documents that come in an edition per gemeente (reports/editions.py).
EDITION_DOCUMENTS = frozenset({DocumentKind.ANALYSE, DocumentKind.KADERNOTA, *YEARLY_DOCUMENTS})


class RaadsvoorstelOccasion(models.TextChoices):
    """The decisions a raadsvoorstel is drafted for; a raadsvoorstel version names its
    occasion in `ReportVersion.part`."""

    STAP_1 = "1", "startnotitie (stap 1)"
    STAP_5 = "5", "prioriteiten (stap 5)"
    STAP_9 = "9", "vaststelling kadernota (stap 9)"
    ACTUALISATIE = "actualisatie", "actualisatie na twee jaar"


class SectionSource(models.TextChoices):
    """Where a section's content comes from; nothing is typed twice."""

    FIXED = "fixed", "vaste tekst (zoals voorwoord of leeswijzer)"
    SAMENVATTING = "samenvatting", "samenvatting"
    INLEIDING = "inleiding", "inleiding (gemeente, periode, proces)"
    METHODE = "methode", "bronnen en methode"
    VELDEN = "velden", "veiligheidsvelden en thema's (teksten en cijfers)"
    PRIORITEITEN = "prioriteiten", "prioriteiten"
    WIJKEN = "wijken", "tabellen per wijk"
    VISIE = "visie", "visie (kadernota)"
    DOELEN = "doelen", "prioriteiten met doelen (kadernota)"
    AANPAK = "aanpak", "aanpak op hoofdlijnen (kadernota)"
    BORGING = "borging", "organisatie en borging (kadernota)"
    BUDGET = "budget", "financiën (kadernota)"
    UITVOERING = "uitvoering", "uitvoeringsprogramma"
    BEGRIPPEN = "begrippen", "begrippenlijst"
    EVALUATIE = "evaluatie", "evaluatie vorige periode (kadernota)"
    TRENDS = "trends", "trends en ontwikkelingen (kadernota)"
    KERNCIJFERS = "kerncijfers", "veiligheidsbeeld in het kort: kerncijfers (kadernota)"
    BOVENLOKAAL = "bovenlokaal", "bovenlokale kaders (kadernota)"
    OVERIGE_THEMAS = "overige_themas", "overige thema's: basisniveau (kadernota)"
    COMMUNICATIE = "communicatie", "communicatie (kadernota)"
    MONITORING = "monitoring", "monitoring en verantwoording (kadernota)"
    BIJLAGE_ANALYSE = "bijlage_analyse", "bijlage: de veiligheidsanalyse"
    BESLUITEN = "besluiten", "bijlage: amendementen en moties"
    AFKORTINGEN = "afkortingen", "afkortingen"
    COLOFON = "colofon", "colofon met het raadsbesluit"
    # The yearly uitvoeringsprogramma (per programme year).
    UP_INLEIDING = "up_inleiding", "inleiding en collegebesluit (uitvoeringsprogramma)"
    UP_ACTIES = "up_acties", "acties per prioriteit (uitvoeringsprogramma)"
    UP_FINANCIEN = "up_financien", "financiën per taakveld (uitvoeringsprogramma)"
    # The yearly voortgangsrapportage (jaarverslag veiligheid).
    VG_INLEIDING = "vg_inleiding", "inleiding (voortgangsrapportage)"
    VG_DOELEN = "vg_doelen", "doelen met de laatste cijfers (voortgangsrapportage)"
    VG_ACTIES = "vg_acties", "acties met hun voortgang (voortgangsrapportage)"
    VG_VERANDERD = "vg_veranderd", "wat veranderde (voortgangsrapportage)"
    VG_VOORUIT = "vg_vooruit", "wat komt (voortgangsrapportage)"
    # The raadsvoorstel and its ontwerpbesluit (per occasion).
    RV_ONDERWERP = "rv_onderwerp", "onderwerp (raadsvoorstel)"
    RV_VOORGESTELD = "rv_voorgesteld", "voorgesteld besluit (raadsvoorstel)"
    RV_INLEIDING = "rv_inleiding", "inleiding (raadsvoorstel)"
    RV_EFFECT = "rv_effect", "beoogd effect (raadsvoorstel)"
    RV_ARGUMENTEN = "rv_argumenten", "argumenten (raadsvoorstel)"
    RV_KANTTEKENINGEN = "rv_kanttekeningen", "kanttekeningen (raadsvoorstel)"
    RV_FINANCIEN = "rv_financien", "financiën (raadsvoorstel)"
    RV_COMMUNICATIE = "rv_communicatie", "communicatie (raadsvoorstel)"
    RV_UITVOERING = "rv_uitvoering", "uitvoering (raadsvoorstel)"
    RV_BIJLAGEN = "rv_bijlagen", "bijlagen (raadsvoorstel)"
    RV_ONTWERPBESLUIT = "rv_ontwerpbesluit", "ontwerpbesluit (raadsvoorstel)"


class RenderFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    FIGURES = "figures", "figuren en tabellen (ZIP)"


class PdfVariant(models.TextChoices):
    UA = "pdf/ua-1", "toegankelijk (PDF/UA)"
    ARCHIVE = "pdf/a-2b", "archief (PDF/A-2)"


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "in de wachtrij"
    RUNNING = "running", "wordt gemaakt"
    DONE = "done", "klaar"
    FAILED = "failed", "mislukt"
    # A concept's file made before the gemeente changed its Word template or house style;
    # still served, but the next request makes a new one. Final versions never get it.
    OUTDATED = "outdated", "verouderde opmaak"


class Audience(models.TextChoices):
    RAAD = "raad", "de raad"
    WERKGROEP = "werkgroep", "de werkgroep"
    PARTNERS = "partners", "genoemde partners"


class PublicationPurpose(models.TextChoices):
    """Why a version is put before its readers; publication does not follow the step."""

    INFORMATIE = "informatie", "ter informatie"
    CONSULTATIE = "consultatie", "ter consultatie"
    BESLUITVORMING = "besluitvorming", "ter besluitvorming"


class FinalKind(models.TextChoices):
    """Who made a version final. Only the kadernota is vastgesteld by the raad (step 9); the
    veiligheidsanalyse is vastgesteld by the college or opgeleverd (shared/domain §2.1)."""

    RAAD = "raad", "vastgesteld door de raad"
    COLLEGE = "college", "vastgesteld door het college"
    OPGELEVERD = "opgeleverd", "opgeleverd"


class AgreementStatus(models.TextChoices):
    PROPOSED = "proposed", "voorgesteld"
    AGREED = "agreed", "afgesproken"


# The standard structures (standaardindeling): our synthesis of the VNG/CCV handreiking and the
# CCV checklists (shared/domain §5), not a standard the VNG publishes, hence the name.
STANDARD_STRUCTURES = {
    DocumentKind.ANALYSE: [
        ("Samenvatting", SectionSource.SAMENVATTING, 1),
        ("Inleiding en leeswijzer", SectionSource.INLEIDING, 1),
        ("Bronnen en methode", SectionSource.METHODE, 1),
        ("Veiligheidsbeeld per veiligheidsveld", SectionSource.VELDEN, 1),
        ("Conclusies en kandidaat-prioriteiten", SectionSource.PRIORITEITEN, 1),
        ("Bijlage: cijfers per wijk", SectionSource.WIJKEN, 1),
        ("Begrippenlijst", SectionSource.BEGRIPPEN, 1),
    ],
    # After Valkenswaard 2019-2022, Heuvelland 2020-2023, Land van Cuijk 2023-2026 and the CCV
    # checklist: the figures in brief, the full analysis as a bijlage.
    DocumentKind.KADERNOTA: [
        ("Samenvatting", SectionSource.SAMENVATTING, 1),
        ("Inleiding", SectionSource.INLEIDING, 1),
        ("Evaluatie vorige periode", SectionSource.EVALUATIE, 1),
        ("Trends en ontwikkelingen", SectionSource.TRENDS, 1),
        ("Veiligheidsbeeld in het kort", SectionSource.KERNCIJFERS, 1),
        ("Visie en uitgangspunten", SectionSource.VISIE, 1),
        ("Bovenlokale kaders", SectionSource.BOVENLOKAAL, 1),
        ("Prioriteiten en doelen", SectionSource.DOELEN, 1),
        ("Overige thema's (basisniveau)", SectionSource.OVERIGE_THEMAS, 1),
        ("Organisatie, regie en samenwerking", SectionSource.BORGING, 1),
        ("Communicatie", SectionSource.COMMUNICATIE, 1),
        ("Financiën", SectionSource.BUDGET, 1),
        ("Monitoring en verantwoording", SectionSource.MONITORING, 1),
        ("Bijlage 1. Veiligheidsanalyse", SectionSource.BIJLAGE_ANALYSE, 1),
        ("Bijlage 2. Amendementen en moties", SectionSource.BESLUITEN, 1),
        ("Bijlage 3. Afkortingen", SectionSource.AFKORTINGEN, 1),
        ("Begrippenlijst", SectionSource.BEGRIPPEN, 1),
        ("Colofon", SectionSource.COLOFON, 1),
    ],
}

STANDARD_STRUCTURES.update(
    {
        DocumentKind.UITVOERINGSPROGRAMMA: [
            ("Inleiding", SectionSource.UP_INLEIDING, 1),
            ("Acties per prioriteit", SectionSource.UP_ACTIES, 1),
            ("Financiën", SectionSource.UP_FINANCIEN, 1),
            ("Afkortingen", SectionSource.AFKORTINGEN, 1),
        ],
        DocumentKind.VOORTGANG: [
            ("Inleiding", SectionSource.VG_INLEIDING, 1),
            ("Doelen en de laatste cijfers", SectionSource.VG_DOELEN, 1),
            ("Acties en hun voortgang", SectionSource.VG_ACTIES, 1),
            ("Wat veranderde", SectionSource.VG_VERANDERD, 1),
            ("Wat komt", SectionSource.VG_VOORUIT, 1),
            ("Afkortingen", SectionSource.AFKORTINGEN, 1),
        ],
        # After the common raadsvoorstel model of Dutch gemeenten (onderwerp to bijlagen),
        # with the ontwerpbesluit as its last part.
        DocumentKind.RAADSVOORSTEL: [
            ("Onderwerp", SectionSource.RV_ONDERWERP, 1),
            ("Voorgesteld besluit", SectionSource.RV_VOORGESTELD, 1),
            ("Inleiding", SectionSource.RV_INLEIDING, 1),
            ("Beoogd effect", SectionSource.RV_EFFECT, 1),
            ("Argumenten", SectionSource.RV_ARGUMENTEN, 1),
            ("Kanttekeningen", SectionSource.RV_KANTTEKENINGEN, 1),
            ("Financiën", SectionSource.RV_FINANCIEN, 1),
            ("Communicatie", SectionSource.RV_COMMUNICATIE, 1),
            ("Uitvoering", SectionSource.RV_UITVOERING, 1),
            ("Bijlagen", SectionSource.RV_BIJLAGEN, 1),
            ("Ontwerpbesluit", SectionSource.RV_ONTWERPBESLUIT, 1),
        ],
    }
)

# The raad step whose decision a version ter besluitvorming is put to: the analysis to the
# priorities (step 5), the kadernota to its vaststelling (step 9). The raad never vaststelt
# the analysis (shared/domain §2.1), so it never goes to step 9.
DECISION_STEP = {DocumentKind.ANALYSE: 5, DocumentKind.KADERNOTA: 9}
# A raadsvoorstel goes ter besluitvorming for its own occasion's step. The actualisatie changes
# the kadernota the raad adopted in step 9, so its voorstel is decided as step 9 again.
RAADSVOORSTEL_DECISION_STEP = {
    RaadsvoorstelOccasion.STAP_1: 1,
    RaadsvoorstelOccasion.STAP_5: 5,
    RaadsvoorstelOccasion.STAP_9: 9,
    RaadsvoorstelOccasion.ACTUALISATIE: 9,
}

# Back matter: bijlagen carry their own "Bijlage N." in the title; lists and the colofon none.
UNNUMBERED_SOURCES = frozenset(
    {
        SectionSource.BEGRIPPEN,
        SectionSource.BIJLAGE_ANALYSE,
        SectionSource.BESLUITEN,
        SectionSource.AFKORTINGEN,
        SectionSource.COLOFON,
    }
)

STANDARD_NAMES = {
    DocumentKind.ANALYSE: "Standaardindeling veiligheidsanalyse (naar de VNG/CCV-handreiking)",
    DocumentKind.KADERNOTA: (
        "Standaardindeling kadernota integrale veiligheid (naar de VNG/CCV-handreiking)"
    ),
    DocumentKind.UITVOERINGSPROGRAMMA: "Standaardindeling uitvoeringsprogramma",
    DocumentKind.VOORTGANG: "Standaardindeling voortgangsrapportage",
    DocumentKind.RAADSVOORSTEL: "Standaardindeling raadsvoorstel met ontwerpbesluit",
}


def load_standard_structures(structure_model, section_model, using: str = "default") -> None:
    """Create the standard structures (standaardindeling) that are missing; takes the models
    so migrations and the post_migrate handler (reports.apps) can pass their historical ones."""
    for document, sections in STANDARD_STRUCTURES.items():
        structure, created = structure_model.objects.using(using).get_or_create(
            document=document,
            is_standard=True,
            defaults={"name": STANDARD_NAMES[document]},
        )
        if not created:
            continue
        section_model.objects.using(using).bulk_create(
            section_model(
                structure=structure,
                position=position,
                title=title,
                source=source,
                numbered=source not in UNNUMBERED_SOURCES,
            )
            for position, (title, source, _level) in enumerate(sections, start=1)
        )
