from django.db import models


class DocumentKind(models.TextChoices):
    ANALYSE = "analyse", "Veiligheidsanalyse"
    KADERNOTA = "kadernota", "Kadernota integrale veiligheid"


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

# The raad step whose decision a version ter besluitvorming is put to: the analysis to the
# priorities (step 5), the kadernota to its vaststelling (step 9). The raad never vaststelt
# the analysis (shared/domain §2.1), so it never goes to step 9.
DECISION_STEP = {DocumentKind.ANALYSE: 5, DocumentKind.KADERNOTA: 9}

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
