"""The Dutch texts of the demo traject (projects/demo_traject.py): what a werkgroep, a griffie
and a college would write. Invented but plausible. The texts both demo gemeenten share have
placeholders (`{gemeente}`, and `{centrum}`, `{haven}`, `{buitengebied}` for the wijken of the
synthetic survey, analysis/figures/demo_survey.py: Centrum and Haven in Amsterdam, Almere
Centrum and Almere Haven in Almere); `wijk_words` fills them. Texts of Almere's traject alone
name Almere's stadsdelen directly."""

from analysis.figures.demo_survey import demo_wijk_roles


def wijk_words(gemeente) -> dict[str, str]:
    """The placeholders of the shared texts for one gemeente."""
    roles = demo_wijk_roles(gemeente.cbs_code)
    return {"gemeente": gemeente.name} | {role: name for role, (_code, name) in roles.items()}


# --- step 1: startnotitie -------------------------------------------------------------------

STARTNOTITIE = {
    "scope": (
        "Het college wil met de raad een nieuw integraal veiligheidsplan (kadernota integrale "
        "veiligheid) voor 2027-2030 opstellen volgens de methode Kernbeleid Veiligheid van de "
        "VNG. Het plan beslaat de vijf veiligheidsvelden en kiest op basis van een "
        "veiligheidsanalyse drie tot vier prioriteiten, met meetbare doelen.\n"
        "Doel: een plan dat de raad vaststelt (art. 38b Politiewet 2012), dat de partners "
        "dragen en dat het college elk jaar uitwerkt in een uitvoeringsprogramma."
    ),
    "planning": (
        "Kwartaal 1: werkgroep samenstellen en startbijeenkomst.\n"
        "Kwartaal 2: veiligheidsanalyse (Veiligheidsmonitor 2019-2023, politiecijfers, "
        "kennis van de partners) en prioriteitenvoorstel aan de raad.\n"
        "Kwartaal 3 en 4: aanpak en borging, concept-kadernota, draagvlak bij de partners, "
        "vaststelling door de raad.\n"
        "Daarna: uitvoeringsprogramma per jaar door het college."
    ),
    "budget": (
        "Voor het opstellen: € 45.000 (externe ondersteuning bij analyse en procesbegeleiding), "
        "gedekt uit het budget openbare orde en veiligheid. De uitvoering wordt "
        "begroot in de jaarlijkse uitvoeringsprogramma's."
    ),
    "proposed_werkgroep": (
        "Gemeente (OOV, jeugd, wijkmanagement), politie basisteam, Veiligheidsregio "
        "Flevoland, Openbaar Ministerie, woningcorporatie en jongerenwerk. Voorzitter: de "
        "ambtelijk coördinator OOV."
    ),
}

RIB_NOTES = (
    "Het college informeert de raad over de start van het nieuwe integraal veiligheidsplan "
    "2027-2030, de werkwijze volgens Kernbeleid Veiligheid en de momenten waarop de raad "
    "wordt betrokken: het prioriteitenvoorstel en de vaststelling van de kadernota."
)

# --- step 2 and 3: werkgroep and startbijeenkomst ----------------------------------------------

# (name, organisation, organisation_name, role)
WERKGROEP = (
    ("Marieke de Vries", "gemeente", "", "ambtelijk coördinator OOV, voorzitter"),
    ("Jeroen Bakker", "gemeente", "", "beleidsadviseur jeugd en veiligheid"),
    ("Erik Jansen", "politie", "", "teamchef basisteam"),
    ("Sandra Visser", "brandweer", "", "adviseur risicobeheersing Veiligheidsregio Flevoland"),
    ("mr. Hanneke Smit", "om", "", "officier van justitie, parket Midden-Nederland"),
    ("Peter Mulder", "woningcorporatie", "", "manager wijkbeheer"),
    (
        "Samir El Idrissi",
        "jongerenwerk",
        "",
        "coördinator jongerenwerk Almere Centrum en Almere Haven",
    ),
)

STARTBIJEENKOMST = {
    "title": "Startbijeenkomst werkgroep integrale veiligheid",
    "agenda": (
        "1. Opening en kennismaking\n"
        "2. Kernbeleid Veiligheid: de twaalf stappen en de rol van de werkgroep\n"
        "3. Planning en momenten met de raad\n"
        "4. Welke informatie brengt elke partner in?\n"
        "5. Afspraken en rondvraag"
    ),
    "minutes": (
        "Alle zeven leden aanwezig. De voorzitter licht de werkwijze toe. De politie ziet de "
        "laatste jaren meer meldingen over drugshandel rond het centrum van Almere Haven; het "
        "jongerenwerk herkent dat jongeren daarbij als loopjongen worden ingezet. De "
        "woningcorporatie meldt meer woonoverlast in Almere Haven en Almere Centrum.\n"
        "De werkgroep spreekt af de Veiligheidsmonitor 2019-2023 per wijk te laten analyseren "
        "en de eigen registraties van de partners aan te leveren."
    ),
    "decisions": (
        "Politie levert het wijkbeeld en de cijfers high impact crimes aan.\n"
        "Veiligheidsregio levert het regionaal risicoprofiel aan.\n"
        "Werksessie prioriteiten over zes weken."
    ),
}

WERKSESSIE = {
    "title": "Werksessie prioriteiten",
    "agenda": (
        "1. Uitkomsten veiligheidsanalyse\n2. Scoren van de thema's\n3. Voorstel prioriteiten"
    ),
    "minutes": (
        "De werkgroep scoort de thema's op omvang, ernst, trend, beleving en beïnvloedbaarheid. "
        "Veiligheidsgevoel, jeugdoverlast en ondermijning komen als hoogste uit de matrix; "
        "verkeersveiligheid scoort hoog op beleving maar blijft bij het verkeersplan."
    ),
    "decisions": "Drie prioriteiten gaan als voorstel naar de raad.",
}

# --- step 4: veiligheidsanalyse --------------------------------------------------------------

# The werkgroep's reading of each theme ("knelpunten"); every visible theme needs one before
# its field can be made definitief.
KNELPUNTEN = {
    "1.1": "Woonoverlast en burenruzies concentreren zich in de hoogbouw van {haven} en {centrum}; "
    "de sociale cohesie is daar lager dan in de rest van {gemeente}.",
    "1.2": "Rommel op straat en hondenpoep zijn de meest genoemde vormen van verloedering, vooral "
    "in {centrum}. Vernielingen aan speelplekken nemen toe.",
    "1.3": "Woninginbraak is gedaald en stabiel laag. Online oplichting en fraude stijgt "
    "significant en raakt steeds meer inwoners.",
    "1.4": "Het veiligheidsgevoel in {haven} is sinds 2021 duidelijk verslechterd: bijna vier op "
    "de tien inwoners voelen zich daar weleens onveilig in de buurt, tegen ruim een op de vijf "
    "in heel {gemeente}.",
    "1.x": "Het aantal meldingen bij Veilig Thuis is stabiel; de samenwerking tussen zorg en "
    "veiligheid loopt via het Zorg- en Veiligheidshuis.",
    "2.1": "Winkeldiefstal in het stadshart ligt rond het landelijk niveau. Het Keurmerk Veilig "
    "Ondernemen loopt in twee winkelcentra.",
    "2.2": "Op de bedrijventerreinen zijn weinig incidenten; wel signalen van leegstaande panden "
    "die voor criminele activiteiten worden gebruikt.",
    "2.3": "Overlast van horeca is beperkt en geconcentreerd rond het uitgaansgebied in {centrum}.",
    "2.4": "Grote evenementen verlopen zonder ernstige incidenten; de vergunningverlening volgt "
    "het regionale evenementenbeleid.",
    "2.5": "Drukte in de zomer rond het water en het centrum vraagt afstemming van het toezicht; "
    "de overlast blijft beperkt tot enkele plekken.",
    "3.1": "Rondhangende jongeren zorgen voor overlast in {centrum} en rond het winkelgebied van "
    "{haven}. De politie kent twee hinderlijke jeugdgroepen.",
    "3.2": "Het aantal Halt-verwijzingen is stabiel. Partners zien jongere verdachten bij "
    "drugshandel en wapenbezit.",
    "3.3": "Overlast door drugshandel is in {haven} ruim twee keer zo hoog als in de rest van "
    "{gemeente}. Alcoholgebruik onder jongeren ligt rond het regionale gemiddelde.",
    "3.4": "Scholen melden weinig incidenten; het schoolveiligheidsconvenant wordt dit jaar "
    "vernieuwd.",
    "4.1": "Te hard rijden is de meest genoemde vorm van overlast, vooral in {buitengebied} en "
    "{haven}.",
    "4.2": "Het aantal woningbranden is laag. Aandacht voor brandveiligheid in de hoogbouw en "
    "bij kamerverhuur.",
    "4.3": "Het transport van gevaarlijke stoffen over weg, water en spoor is in het regionaal "
    "risicoprofiel in beeld.",
    "4.4": "De crisisorganisatie is op orde; de oefencyclus volgt het regionaal crisisplan.",
    "5.1": "Er zijn enkele signalen van polarisatie rond maatschappelijke onrust; het "
    "netwerk radicalisering werkt met de partners samen.",
    "5.2": "Drugshandel, witwassen via vastgoed en misbruik van bedrijfspanden zijn de "
    "belangrijkste vormen van ondermijning. Het ondermijningsbeeld van het RIEC is "
    "vertrouwelijk en alleen de hoofdlijn staat hier.",
    "5.3": "Het dreigingsniveau volgt het landelijke beeld van de NCTV; er zijn geen lokale "
    "aanwijzingen voor een verhoogde dreiging.",
    "5.4": "Medewerkers met publiekscontact melden vaker agressie; de Veilige Publieke Taak "
    "vraagt aandacht.",
    "5.5": "Slachtofferschap van online oplichting en fraude stijgt significant, vooral onder "
    "ouderen.",
    "X.1": "Gedigitaliseerde criminaliteit loopt door alle velden heen; de gemeente heeft er nog "
    "weinig zicht op.",
    "X.2": "Personen met verward gedrag vragen om een gezamenlijke aanpak van zorg en "
    "veiligheid; de meldingen nemen toe.",
    "X.3": "De informatiedeling tussen gemeente, politie en zorgpartners verloopt per casus en "
    "kan structureler.",
}

# Where Almere's reading differs from the shared one: its own stadsdelen and figures (less
# horeca overlast, more speeding, hardly any tourism).
KNELPUNTEN_ALMERE = {
    "1.1": "Woonoverlast en burenruzies spelen vooral in de gestapelde bouw van Almere Centrum en "
    "in de oudere flats rond het centrum van Almere Haven; de sociale cohesie is daar lager dan "
    "in de rest van {gemeente}.",
    "1.4": "Het veiligheidsgevoel in Almere Haven is sinds 2021 duidelijk verslechterd: een op de "
    "drie inwoners voelt zich daar weleens onveilig in de buurt, tegen een op de vijf in heel "
    "{gemeente}.",
    "2.3": "Het uitgaansgebied rond de Grote Markt in Almere Centrum geeft weinig overlast; die "
    "blijft beperkt tot enkele weekendnachten.",
    "2.5": "{gemeente} trekt vooral dagjesmensen naar het Weerwater, de stranden en de bossen; "
    "verblijfstoerisme is er nauwelijks.",
    "4.1": "Te hard rijden is in {gemeente} de meest genoemde vorm van overlast, het vaakst in "
    "Almere Hout en Almere Poort, waar brede wegen door de woonwijken lopen.",
}


def knelpunt(code: str, gemeente) -> str:
    """The werkgroep's reading of a theme in this gemeente, its wijken filled in."""
    own = KNELPUNTEN_ALMERE if gemeente.cbs_code == "GM0034" else {}
    return own.get(code, KNELPUNTEN.get(code, "")).format(**wijk_words(gemeente))


# The themes proposed as priorities: the fuller texts and the werkgroep's scores.
PRIORITY_THEMES = {
    "1.4": {
        "reasoning": "Het veiligheidsgevoel in {haven} is in twee jaar significant verslechterd: "
        "er voelen zich veel meer inwoners onveilig dan gemiddeld. Inwoners noemen drugshandel en "
        "slecht verlichte looproutes.",
        "huidige_aanpak": "Wijkteam {haven}, buurtpreventie op twee plekken, cameratoezicht bij "
        "het winkelcentrum.",
        "partners": "Politie, woningcorporatie, wijkteam, bewonersorganisaties.",
        "verbeterpunten": "Een wijkaanpak {haven} met één regisseur; inwoners betrekken bij de "
        "keuze van maatregelen.",
        "bronnen": "Veiligheidsmonitor 2019, 2021 en 2023; wijkbeeld politie.",
        "scores": (4, 4, 5, 5, 4),
    },
    "3.1": {
        "reasoning": "Rondhangende jongeren veroorzaken structureel overlast in {centrum} en "
        "{haven}, en het jongerenwerk ziet jongeren afglijden naar criminaliteit.",
        "huidige_aanpak": "Groepsaanpak volgens de shortlist van de politie, ambulant "
        "jongerenwerk.",
        "partners": "Politie, jongerenwerk, Halt, scholen, wijkteams.",
        "verbeterpunten": "Vroeger ingrijpen bij jongeren die worden geronseld; meer aanbod in de "
        "avonduren.",
        "bronnen": "Veiligheidsmonitor; shortlist jeugdgroepen politie; jongerenwerk.",
        "scores": (3, 4, 3, 4, 5),
    },
    "5.2": {
        "reasoning": "Overlast door drugshandel in {haven} is ruim twee keer zo hoog als "
        "gemiddeld; de partners zien verwevenheid met vastgoed en jongeren als loopjongen.",
        "huidige_aanpak": "Bibob-toets bij horeca en vastgoed, sluitingen op grond van artikel "
        "13b Opiumwet, deelname aan het RIEC.",
        "partners": "Politie, OM, RIEC, Belastingdienst, woningcorporatie.",
        "verbeterpunten": "Een vast ondermijningsoverleg; meldpunt voor ondernemers; "
        "bewustwording bij medewerkers.",
        "bronnen": "Veiligheidsmonitor; ondermijningsbeeld RIEC (vertrouwelijk, alleen hoofdlijn).",
        "scores": (4, 5, 3, 3, 4),
    },
}

# Themes scored but not proposed: (omvang, ernst, trend, beleving, beinvloedbaarheid).
OTHER_SCORES = {
    "1.1": (3, 3, 3, 3, 3),
    "1.2": (3, 2, 3, 3, 4),
    "1.3": (3, 3, 2, 3, 3),
    "3.3": (3, 4, 3, 3, 3),
    "4.1": (4, 3, 3, 4, 2),
    "5.5": (3, 3, 4, 2, 2),
}

# The partner's questions in the consultation of the analysis, and the answer.
ANALYSIS_COMMENTS = (
    (
        "thema-3.3",
        "Wij zien in Almere Haven niet alleen overlast van drugshandel, maar ook dat steeds "
        "jongere kinderen als loopjongen worden ingezet. Kan dat bij dit thema worden benoemd?",
    ),
    (
        "thema-5.2",
        "Het ondermijningsbeeld van het RIEC is vertrouwelijk. Graag alleen naar de hoofdlijn "
        "verwijzen en geen aantallen opnemen.",
    ),
)
ANALYSIS_ANSWER = (
    "Dank u wel, dat nemen we over: bij Alcohol en drugs staat nu dat jongeren als loopjongen "
    "worden ingezet. Het ondermijningsbeeld noemen we alleen op hoofdlijn."
)
KNELPUNTEN_33_AFTER_CONSULTATION = (
    KNELPUNTEN["3.3"] + " Politie en jongerenwerk zien dat steeds jongere kinderen als "
    "loopjongen in de drugshandel worden ingezet."
)

# --- beleidsvragen (steps 4 and 6), keyed by the default question -----------------------------

BELEIDSVRAAG_ANSWERS = {
    "Wat wil de gemeente met het veiligheidsbeleid bereiken en waarom?": (
        "Dat inwoners zich in elke wijk veilig voelen en dat criminaliteit geen kans krijgt "
        "zich te nestelen. Het veiligheidsgevoel in Almere Haven vraagt daarbij extra aandacht."
    ),
    "Welke rol neemt de gemeente en welke rol vraagt zij van partners en inwoners?": (
        "De gemeente voert de regie en verbindt zorg en veiligheid; partners brengen hun "
        "informatie en capaciteit in; inwoners denken mee in de wijkaanpak."
    ),
    "Wat laten de cijfers zien over de veiligheid en de veiligheidsbeleving in de gemeente "
    "en haar wijken?": (
        "De gemeente als geheel is stabiel. Almere Haven wijkt af: meer overlast van drugshandel "
        "en een significant slechter veiligheidsgevoel. Online fraude stijgt overal."
    ),
    "Wat weten de partners uit hun eigen praktijk dat niet in de cijfers staat?": (
        "Politie en jongerenwerk zien jongeren als loopjongen in de drugshandel; de "
        "woningcorporatie ziet meer woonoverlast in de flats van Almere Haven en Almere Centrum."
    ),
    "Wat heeft het vorige veiligheidsbeleid opgeleverd?": (
        "Woninginbraak is sterk gedaald door de inbraakaanpak; de aanpak van jeugdoverlast "
        "werkte in Almere Centrum, maar verplaatste de groep deels naar Almere Haven."
    ),
    "Welke thema's moeten de komende vier jaar voorrang krijgen, en waarom?": (
        "Veiligheidsgevoel (met Almere Haven als focuswijk), jeugdoverlast en ondermijning: daar "
        "is het probleem het grootst en kunnen gemeente en partners het meeste verschil maken."
    ),
    "Waar kan de gemeente met haar partners het meeste verschil maken?": (
        "In de wijkaanpak Almere Haven en bij jongeren die dreigen af te glijden; daar liggen de "
        "instrumenten van gemeente, jongerenwerk en politie dicht bij elkaar."
    ),
    "Welke doelen en maatregelen horen bij elke prioriteit, en welke partners zijn nodig?": (
        "Per prioriteit één of twee doelen met een indicator uit de Veiligheidsmonitor; de "
        "maatregelen en partners staan in de kadernota en het uitvoeringsprogramma."
    ),
    "Hoe meten we of de doelen worden gehaald (indicator, nulmeting en streefwaarde)?": (
        "Met de Veiligheidsmonitor 2023 als nulmeting en de edities 2025, 2027 en 2029 als "
        "meting; aangevuld met politiecijfers per wijk."
    ),
    "Hoe zijn regie, coördinatie, monitoring, communicatie en financiën geregeld?": (
        "Regie bij het team OOV; de werkgroep blijft als stuurgroep bestaan en komt elk "
        "kwartaal bijeen. Financiën via het jaarlijkse uitvoeringsprogramma."
    ),
    "Hoe en wanneer worden de raad en de partners over de voortgang geïnformeerd?": (
        "Elk jaar een voortgangsrapportage bij het nieuwe uitvoeringsprogramma; tussentijds "
        "een raadsinformatiebrief bij grote veranderingen."
    ),
}

# --- steps 5 to 9: raad, kadernota, goals, draagvlak --------------------------------------------

MOTIE_5 = {
    "title": "Bewoners van Almere Haven aan tafel",
    "text": "Verzoekt het college de bewoners van Almere Haven actief te betrekken bij de "
    "uitwerking van de prioriteit veiligheidsgevoel, en de raad daarover te informeren bij de "
    "eerste voortgangsrapportage.",
    "owner": "Team OOV (wijkregisseur Almere Haven)",
}

# (organisation, section, verdict, response)
DRAAGVLAK = (
    ("politie", "visie", "akkoord", ""),
    ("brandweer", "visie", "akkoord", ""),
    (
        "brandweer",
        "aanpak",
        "opmerkingen",
        "Graag brandveiligheid van de flats meenemen in de wijkaanpak Almere Haven.",
    ),
    ("om", "aanpak", "akkoord", "Het ondermijningsoverleg sluit aan op het RIEC-casusoverleg."),
    ("woningcorporatie", "visie", "akkoord", ""),
    ("woningcorporatie", "budget", "akkoord", "Wij dragen bij met inzet van onze wijkbeheerders."),
    ("politie", "prioriteiten", "akkoord", "Sluit aan bij de prioriteiten van het basisteam."),
    (
        "politie",
        "aanpak",
        "opmerkingen",
        "Graag per maatregel noemen wie trekt; onze capaciteit volgt het regionaal beleidsplan.",
    ),
    ("brandweer", "borging", "akkoord", "Wij nemen deel aan de stuurgroep."),
    ("om", "prioriteiten", "akkoord", "Ondermijning als prioriteit steunen wij."),
    (
        "woningcorporatie",
        "aanpak",
        "opmerkingen",
        "Woonoverlast in de flats van Almere Haven verdient een plek in de wijkaanpak.",
    ),
    (
        "jongerenwerk",
        "prioriteiten",
        "akkoord",
        "Fijn dat jeugd een prioriteit is; wij willen graag meedenken over het avondaanbod.",
    ),
)

AMENDMENT = {
    "number": "A1",
    "part": "Prioriteiten en doelen",
    "text": (
        "In het hoofdstuk Prioriteiten en doelen wordt bij de prioriteit Jeugdoverlast "
        "toegevoegd: ‘De aanpak richt zich nadrukkelijk ook op jongeren die door criminele "
        "netwerken worden geronseld als loopjongen of drugsrunner. Jeugdoverlast en ondermijning "
        "worden daarom in samenhang aangepakt, met een gezamenlijk overleg van jongerenwerk, "
        "politie en het team ondermijning.’"
    ),
    "toelichting": "Ingediend door de fracties van de coalitie en aangenomen met 31 tegen 8 "
    "stemmen.",
}

MOTIE_9 = {
    "title": "Meldpunt ondermijning voor ondernemers",
    "text": "Verzoekt het college binnen zes maanden een laagdrempelig meldpunt in te richten "
    "waar ondernemers signalen van ondermijning kunnen melden.",
    "owner": "Team ondermijning",
    "done_note": "Meldpunt geopend via de ondernemerspagina en de bedrijfscontactfunctionaris; "
    "de raad is met een raadsinformatiebrief geïnformeerd.",
}

# --- steps 10 to 12: uitvoeringsprogramma and controle ------------------------------------------

# (title, owner, partners, budget, goal index or None, starts early, status, progress text)
ACTIONS = (
    (
        "Wijkaanpak Almere Haven: wijkregisseur aangesteld en wijkveiligheidsplan met bewoners",
        "Team OOV",
        "Politie, woningcorporatie, bewonersorganisaties",
        150000,
        0,
        True,
        "lopend",
        "Wijkregisseur is begonnen; drie bewonersavonden gehouden, het wijkveiligheidsplan is "
        "in concept klaar.",
    ),
    (
        "Verlichting en zichtlijnen op vijf looproutes in Almere Haven",
        "Openbare ruimte",
        "Bewoners, politie",
        80000,
        0,
        True,
        "lopend",
        "Schouw met bewoners gedaan; de eerste twee routes zijn aanbesteed.",
    ),
    (
        "Groepsaanpak jeugd Almere Centrum en Almere Haven",
        "Team jeugd en veiligheid",
        "Politie, jongerenwerk, Halt",
        60000,
        2,
        True,
        "lopend",
        "Beide groepen in beeld met een persoonsgerichte aanpak voor zes jongeren.",
    ),
    (
        "Avondaanbod jongerenwerk in Almere Haven (vrijdag en zaterdag)",
        "Jongerenwerk",
        "Team jeugd en veiligheid",
        40000,
        2,
        False,
        "gepland",
        "",
    ),
    (
        "Ondermijningsoverleg en bestuurlijke interventies",
        "Team ondermijning",
        "Politie, OM, RIEC",
        50000,
        4,
        True,
        "lopend",
        "Overleg komt maandelijks bijeen; vier Bibob-toetsen en één sluiting op grond van 13b.",
    ),
    (
        "Bewustwording ondermijning bij medewerkers en ondernemers",
        "Team ondermijning",
        "Ondernemersvereniging, RIEC",
        15000,
        3,
        False,
        "gepland",
        "",
    ),
    (
        "Voorlichting online oplichting voor ouderen",
        "Team OOV",
        "Politie, seniorenorganisaties, bibliotheek",
        10000,
        None,
        False,
        "gepland",
        "",
    ),
)

COLLEGE_NOTES = (
    "Het college stelt het uitvoeringsprogramma {year} vast: zeven acties voor de drie "
    "prioriteiten en online oplichting, met een totaal budget van € 405.000."
)

KENNISNAME_NOTES = (
    "De commissie Bestuur en Middelen bespreekt het uitvoeringsprogramma. De fracties steunen "
    "de wijkaanpak Almere Haven; er zijn vragen over de capaciteit van de politie en over het "
    "bereik van het avondaanbod."
)

# (asked_by, question, answer or "")
CONTROLE_VRAGEN = (
    (
        "raadslid S. Meijer",
        "Hoeveel extra inzet van de politie is er in Almere Haven, en hoe wordt die zichtbaar?",
        "Het basisteam zet twee wijkagenten vast in Almere Haven in en houdt elke week een "
        "avondsurveillance rond het winkelcentrum; de wijkregisseur rapporteert elk kwartaal.",
    ),
    (
        "raadslid K. Bos",
        "Hoe bereikt het avondaanbod de jongeren die nu op straat rondhangen?",
        "",
    ),
)

MOTIE_11 = {
    "title": "Voortgang wijkaanpak Almere Haven per halfjaar",
    "text": "Verzoekt het college de raad elk halfjaar te informeren over de voortgang van de "
    "wijkaanpak Almere Haven, met de ontwikkeling van het veiligheidsgevoel en de meldingen.",
    "owner": "Team OOV",
}

# --- the analysis-only commission ----------------------------------------------------------------

OPDRACHTGEVER = "Directie Openbare Orde en Veiligheid, gemeente Amsterdam"
OPDRACHT_DELIVERABLES = (
    "Een veiligheidsanalyse 2027 volgens de standaardindeling naar de VNG/CCV-handreiking: "
    "veiligheidsbeeld per veiligheidsveld op basis van de Veiligheidsmonitor 2019-2023 en de "
    "politiecijfers, tabellen per wijk, en kandidaat-prioriteiten met onderbouwing.\n"
    "Oplevering digitaal als PDF en Word, zodat de directie de tekst kan hergebruiken in het "
    "eigen veiligheidsplan. Na oplevering drie maanden kosteloze nazorg."
)
OUTLINE_AGREED_BY = "Fatma Yilmaz, afdelingshoofd Veiligheid (Directie OOV)"
OUTLINE_EXTRA_SECTION = {
    "title": "Uitgelicht: wijkgroep Centrum en Haven",
    "fixed_text": (
        "<p>Op verzoek van de directie OOV een apart hoofdstuk over de wijkgroep Centrum en "
        "Haven: daar is het veiligheidsgevoel sinds 2021 significant verslechterd en is de "
        "overlast van drugshandel het hoogst van de stad.</p>"
    ),
}
OUTLINE_CHANGE_REASON = (
    "De directie OOV vraagt een apart hoofdstuk over de wijkgroep Centrum en Haven, na de "
    "conclusies, omdat het stadsdeel daar een gebiedsplan voor opstelt."
)
AFTERCARE_QUESTION = (
    "Mogen wij de figuren over het veiligheidsgevoel in Haven overnemen in het gebiedsplan, en "
    "welke bronvermelding hoort daarbij?"
)
AFTERCARE_ANSWER = (
    "Ja, dat kan. Vermeld als bron: ‘Veiligheidsmonitor 2019-2023, bewerking Veilig Advies "
    "B.V.’. De figuren staan ook los in de Word-versie, zodat u ze direct kunt gebruiken."
)
