"""Almere's kadernota integrale veiligheid 2027-2030 in the demo (projects/demo_traject.py):
the chapters a raad reads, after the kadernota's of Valkenswaard 2019-2022, Heuvelland
2020-2023, Land van Cuijk 2023-2026 and the CCV checklist. Invented text, written for this demo.

Each line of a chapter is a paragraph. The key figures come from the demo's own results when
the kadernota is written (`{buurt}`, `{haven_2023}`, ...; see demo_traject._kadernota_figures),
so the text says what the charts and tables say."""

from analysis.narrative.constants import ThemeCoverage
from kernbeleid.constants import BovenlokaalNiveau

# The figures the chapters quote: (placeholder, indicator code, area role or None for the
# gemeente, edition year).
FIGURES = (
    ("buurt", "onveilig_in_buurt_weleens", None, 2023),
    ("haven_2021", "onveilig_in_buurt_weleens", "haven", 2021),
    ("haven_2023", "onveilig_in_buurt_weleens", "haven", 2023),
    ("hard", "te_hard_rijden", None, 2023),
    ("online_2021", "slachtoffer_online_oplichting_fraude", None, 2021),
    ("online_2023", "slachtoffer_online_oplichting_fraude", None, 2023),
)

KADERNOTA = {
    "aanleiding": (
        "Het integraal veiligheidsplan 2023-2026 loopt af. De gemeenteraad stelt op grond van "
        "artikel 38b van de Politiewet 2012 ten minste eens in de vier jaar de doelen vast voor "
        "de openbare orde en veiligheid in {gemeente}. Met deze kadernota doet het college de "
        "raad daarvoor een voorstel voor de jaren 2027 tot en met 2030.\n"
        "De kadernota is opgesteld volgens de methode Kernbeleid Veiligheid van de VNG. Een "
        "werkgroep van gemeente, politie, Openbaar Ministerie, Veiligheidsregio Flevoland, "
        "woningcorporatie en jongerenwerk maakte eerst een veiligheidsanalyse op basis van de "
        "Veiligheidsmonitor 2019, 2021 en 2023, de politiecijfers en de kennis van de partners. "
        "Op basis daarvan stelde de raad de drie prioriteiten vast. Deze kadernota werkt die "
        "prioriteiten uit in doelen, een aanpak en de middelen die daarvoor nodig zijn.\n"
        "{gemeente} is een jonge en snelgroeiende stad met ruim 226.000 inwoners. De stad "
        "groeit de komende jaren verder door, vooral in Almere Poort, Almere Hout en op termijn "
        "Almere Pampus. Die groei vraagt dat veiligheid vanaf het begin meeweegt bij de "
        "inrichting van nieuwe wijken, en dat de aanpak in de oudere stadsdelen niet "
        "achterblijft.\n"
        "De kadernota geeft de kaders op hoofdlijnen. Het college werkt ze elk jaar uit in een "
        "uitvoeringsprogramma met concrete acties, trekkers en budgetten, en legt daarover "
        "jaarlijks verantwoording af aan de raad."
    ),
    "evaluatie": (
        "Het vorige veiligheidsplan had vier prioriteiten: woninginbraak, jeugdoverlast, "
        "ondermijning en zorg en veiligheid. De evaluatie, besproken in de commissie Bestuur en "
        "Middelen, laat een gemengd beeld zien.\n"
        "Woninginbraak is de grootste winst. De gezamenlijke inbraakaanpak met buurtpreventie, "
        "het keurmerk voor nieuwbouw en de zomercampagnes hebben bijgedragen aan een blijvende "
        "daling; het slachtofferschap is laag en stabiel. Woninginbraak is "
        "daarom geen prioriteit meer; de aanpak loopt door als basisniveau binnen het thema "
        "objectieve veiligheid.\n"
        "De aanpak van jeugdoverlast werkte in Almere Centrum: de hinderlijke groep bij het "
        "station is uiteengevallen en de meldingen daar namen af. Een deel van de jongeren is "
        "echter uitgeweken naar het winkelgebied van Almere Haven. Het jongerenwerk en de "
        "politie zien bovendien dat jongeren op steeds jongere leeftijd worden benaderd door "
        "criminele netwerken. Jeugd blijft daarom een prioriteit, met meer nadruk op preventie.\n"
        "Bij ondermijning is de bestuurlijke aanpak op gang gekomen: de gemeente past de Wet "
        "Bibob consequent toe bij horeca en vastgoed en sloot in de afgelopen periode negen "
        "panden op grond van artikel 13b Opiumwet. Het zicht op ondermijning in het buitengebied "
        "en op bedrijventerreinen is nog beperkt. De informatiepositie blijft een aandachtspunt.\n"
        "Zorg en veiligheid is inmiddels goed belegd in het Zorg- en Veiligheidshuis Flevoland en "
        "het regionale netwerk voor personen met verward gedrag. Dit thema vraagt geen aparte "
        "prioriteit meer, wel blijvende aandacht binnen de reguliere samenwerking.\n"
        "Wat we leren: doelen moeten vooraf meetbaar zijn, met een nulmeting en een streefwaarde, "
        "en de raad wil tussentijds vaker horen hoe het gaat. Beide lessen zijn in deze kadernota "
        "verwerkt."
    ),
    "trends": (
        "Een aantal landelijke en regionale ontwikkelingen bepaalt mede de veiligheid in "
        "{gemeente} in de komende jaren.\n"
        "Criminaliteit verschuift naar online. Het aandeel inwoners dat slachtoffer werd van "
        "online oplichting of fraude steeg van {online_2021} in 2021 naar {online_2023} in 2023. "
        "Ouderen en jongeren zijn kwetsbaar, elk op hun eigen manier. De gemeente heeft hier "
        "weinig eigen instrumenten, maar kan wel voorlichten en inwoners wijzen op wat zij zelf "
        "kunnen doen.\n"
        "Ondermijning raakt ook een groeistad. Drugscriminaliteit gebruikt de infrastructuur van "
        "een stad met snelle verbindingen naar Amsterdam en Utrecht: bedrijfsverzamelgebouwen, "
        "opslagboxen en vakantieparken. Het RIEC Midden-Nederland ziet daarnaast dat jongeren "
        "steeds vaker worden ingezet als loopjongen of geldezel.\n"
        "De stad groeit. Nieuwe wijken in Almere Poort en Almere Hout trekken vooral jonge "
        "gezinnen. De woonwijken liggen aan brede wegen, en te hard rijden is de meest genoemde "
        "vorm van overlast: {hard} van de inwoners zegt dat het vaak voorkomt. Verkeer valt "
        "onder het gemeentelijk verkeersveiligheidsplan, maar de handhaving vraagt afstemming met "
        "de politie.\n"
        "Het veiligheidsgevoel staat onder druk in de oudere delen van de stad. In 2021 voelde "
        "{haven_2021} van de inwoners van Almere Haven zich weleens onveilig in de eigen buurt; "
        "in 2023 was dat {haven_2023}, tegen {buurt} in heel {gemeente}. Inwoners noemen "
        "drugshandel, slecht verlichte looproutes en leegstand rond het centrum van Almere Haven.\n"
        "Tot slot verandert de rol van de politie. Het basisteam heeft minder capaciteit voor "
        "taken die niet direct bij de politie horen. De gemeente zet daarom meer eigen boa's in "
        "en maakt scherpere afspraken over wie wat doet in de wijk."
    ),
    "visie": (
        "{gemeente} is een stad waarin iedereen zich veilig voelt en veilig is, in elke wijk, nu "
        "en terwijl de stad doorgroeit. Veiligheid is geen doel op zich: het is een voorwaarde "
        "om prettig te wonen, te werken en op te groeien.\n"
        "We werken vanuit drie uitgangspunten. Ten eerste: voorkomen is beter dan genezen. We "
        "investeren in preventie, vroegsignalering en een goede inrichting van de openbare "
        "ruimte, zodat problemen klein blijven. Ten tweede: we werken gebiedsgericht. Waar de "
        "cijfers en de signalen van partners en bewoners samenkomen, zoals in Almere Haven, zetten "
        "we gericht in. Ten derde: veiligheid maken we samen. De gemeente voert de regie, "
        "partners brengen hun kennis en capaciteit in, en inwoners en ondernemers denken mee en "
        "doen mee.\n"
        "We kiezen bewust voor drie prioriteiten: het veiligheidsgevoel, met Almere Haven als "
        "focuswijk; jeugdoverlast en jongeren die afglijden naar criminaliteit; en ondermijning. "
        "Op deze drie thema's is het probleem het grootst en kunnen gemeente en partners samen het "
        "meeste verschil maken. Op de andere thema's zetten we de bestaande aanpak voort op "
        "basisniveau.\n"
        "Een heldere keuze betekent ook dat we sommige dingen niet extra doen. Verkeersveiligheid "
        "scoort hoog in de beleving, maar hoort bij het verkeersveiligheidsplan; de politie en de "
        "gemeente stemmen de handhaving daar wel op af."
    ),
    "aanpak": (
        "Veiligheidsgevoel. In Almere Haven starten we een wijkaanpak met één wijkregisseur die "
        "de inzet van gemeente, politie, woningcorporatie en welzijn bundelt. Samen met bewoners "
        "stellen we een wijkveiligheidsplan op. We verbeteren de verlichting en zichtlijnen op de "
        "looproutes tussen het centrum, het station en de woonbuurten, en pakken leegstand in het "
        "centrum samen met de eigenaren aan. Boa's en wijkagenten zijn op vaste tijden zichtbaar "
        "aanwezig, en meldingen over de openbare ruimte krijgen binnen vijf werkdagen een "
        "terugkoppeling.\n"
        "Jeugdoverlast en jeugdcriminaliteit. Politie en jongerenwerk brengen de jeugdgroepen "
        "in Almere Centrum en Almere Haven in beeld en volgen ze met een groepsaanpak. Voor "
        "jongeren die dreigen af te glijden zetten we een persoonsgerichte aanpak in, samen met "
        "Halt, de scholen en de wijkteams. Het jongerenwerk breidt het aanbod in de avonduren en "
        "in het weekend uit. Met de scholen voor voortgezet onderwijs maken we afspraken over "
        "vroegsignalering van ronselen.\n"
        "Ondermijning. Een vast ondermijningsoverleg van gemeente, politie, OM en RIEC bespreekt "
        "elke maand de signalen en kiest per casus het beste instrument: strafrechtelijk, "
        "bestuursrechtelijk of fiscaal. We passen de Wet Bibob en artikel 13b Opiumwet "
        "consequent toe, controleren bedrijfsverzamelgebouwen en opslagboxen integraal, en maken "
        "medewerkers en ondernemers alert op signalen. Ondernemers kunnen signalen laagdrempelig "
        "melden."
    ),
    "borging": (
        "De burgemeester is verantwoordelijk voor de openbare orde en het lokale gezag over de "
        "politie; het college als geheel voor het integrale veiligheidsbeleid. De wethouder "
        "jeugd is medeverantwoordelijk voor de prioriteit jeugd.\n"
        "Het team Openbare Orde en Veiligheid voert de regie. Het stelt het uitvoeringsprogramma "
        "op, bewaakt de voortgang en verbindt de domeinen zorg, jeugd en veiligheid. Voor Almere "
        "Haven komt een wijkregisseur; voor ondermijning is er een vaste coördinator.\n"
        "De werkgroep die de kadernota voorbereidde, gaat door als stuurgroep integrale "
        "veiligheid. Zij komt elk kwartaal bijeen, met de burgemeester als voorzitter. In de "
        "driehoek van burgemeester, officier van justitie en teamchef van de politie worden de "
        "prioriteiten en de inzet van de politie afgestemd.\n"
        "Bovenlokaal werkt {gemeente} samen in de eenheid Midden-Nederland, het RIEC "
        "Midden-Nederland, de Veiligheidsregio Flevoland en het Zorg- en Veiligheidshuis "
        "Flevoland. De gemeente brengt haar prioriteiten in bij het regionale beleidsplan en neemt "
        "de bovenlokale afspraken over waar die de lokale aanpak versterken."
    ),
    # Added after the partners' draagvlak (step 8): what the politie asked for.
    "borging_after_draagvlak": (
        "\nOp verzoek van de partners staat in het uitvoeringsprogramma bij elke maatregel welke "
        "partner trekt. De politie zet haar capaciteit in volgens het regionaal beleidsplan van "
        "de eenheid Midden-Nederland en de prioriteiten van het basisteam."
    ),
    "communicatie": (
        "Communicatie is een onderdeel van de aanpak, geen sluitstuk. Het veiligheidsgevoel "
        "wordt voor een deel bepaald door wat mensen horen en zien. Daarom vertellen we wat we "
        "doen en wat het oplevert.\n"
        "Inwoners van Almere Haven betrekken we vanaf het begin bij de wijkaanpak, met "
        "bewonersavonden, een schouw van de looproutes en een vast aanspreekpunt bij de "
        "wijkregisseur. Zij horen na elke melding wat ermee is gedaan.\n"
        "We voeren jaarlijks campagnes over online oplichting en woninginbraak, samen met de "
        "politie, seniorenorganisaties en de bibliotheek. Ondernemers informeren we via de "
        "ondernemersverenigingen en de bedrijfscontactfunctionaris over ondermijning en het "
        "meldpunt.\n"
        "Over ondermijning communiceren we terughoudend waar onderzoeken lopen, maar we laten wel "
        "zien dat de overheid optreedt, bijvoorbeeld bij een sluiting. Partners stemmen hun "
        "berichten over gezamenlijke acties vooraf af met het team OOV.\n"
        "De raad ontvangt elk jaar de voortgangsrapportage en, bij grote veranderingen, "
        "tussentijds een raadsinformatiebrief. Op de website van de gemeente staat een "
        "leesbare samenvatting van deze kadernota."
    ),
    "budget": (
        "Voor de uitvoering van deze kadernota is structureel € 460.000 per jaar beschikbaar "
        "binnen het programma Veiligheid van de begroting. De verdeling over de prioriteiten "
        "staat per doel in het hoofdstuk Prioriteiten en doelen: € 185.000 voor het "
        "veiligheidsgevoel (waarvan € 150.000 voor de wijkaanpak Almere Haven), € 170.000 voor "
        "jeugd, € 40.000 voor woninginbraak en € 65.000 voor ondermijning.\n"
        "Daarnaast is in 2027 eenmalig € 80.000 nodig voor de verlichting en zichtlijnen op de "
        "looproutes in Almere Haven. Dit bedrag wordt gedekt uit het budget openbare ruimte en "
        "maakt deel uit van de voorjaarsnota 2027.\n"
        "De aanpak van jeugd wordt voor een deel gefinancierd uit de rijksmiddelen voor de "
        "preventieve aanpak van jeugdcriminaliteit; de bijdrage aan het RIEC loopt via de "
        "bestaande afspraken in de regio en valt buiten dit budget.\n"
        "De inzet van de partners (politie, OM, woningcorporatie, jongerenwerk) komt uit hun "
        "eigen begrotingen en is hier niet meegerekend. Het college legt de precieze verdeling "
        "per jaar vast in het uitvoeringsprogramma, binnen deze kaders."
    ),
    "monitoring": (
        "We meten of de doelen worden gehaald met de indicatoren uit deze kadernota. De "
        "Veiligheidsmonitor 2023 is de nulmeting; de edities van 2025, 2027 en 2029 laten zien "
        "hoe het veiligheidsgevoel en de overlast zich ontwikkelen, voor de hele stad en per "
        "stadsdeel. Politiecijfers, meldingen en de registraties van de partners vullen dat "
        "elk jaar aan.\n"
        "Het college stelt elk jaar een uitvoeringsprogramma vast en biedt de raad bij het "
        "nieuwe programma een voortgangsrapportage aan: per doel de laatste meting, per actie de "
        "stand van zaken. De rapportage sluit aan op de planning- en controlcyclus: de "
        "hoofdlijnen staan in de jaarrekening en de begroting bij het programma Veiligheid.\n"
        "Over de wijkaanpak Almere Haven informeert het college de raad elk halfjaar. Halverwege "
        "de looptijd, in 2028, volgt een tussenevaluatie; bij de afronding in 2030 een "
        "eindevaluatie, die de basis vormt voor het volgende veiligheidsplan.\n"
        "Als een doel duidelijk uit beeld raakt, stelt het college bij en legt het de raad een "
        "voorstel voor. De raad kan zo tussentijds sturen, zonder dat de kaders van deze "
        "kadernota opnieuw vastgesteld hoeven te worden."
    ),
}

# (niveau, title, description, source)
BOVENLOKAAL = (
    (
        BovenlokaalNiveau.REGIONAAL_BELEIDSPLAN,
        "Ondermijning en georganiseerde criminaliteit",
        "De eenheid richt zich op drugscriminaliteit, witwassen en het ronselen van jongeren, "
        "en vraagt gemeenten hun bestuurlijke instrumenten in te zetten.",
        "Regionaal beleidsplan politie-eenheid Midden-Nederland 2027-2030",
    ),
    (
        BovenlokaalNiveau.REGIONAAL_BELEIDSPLAN,
        "High impact crimes en zorg en veiligheid",
        "Woninginbraak, overvallen, straatroof en geweld blijven een gezamenlijke prioriteit, "
        "net als de aanpak van personen met verward gedrag.",
        "Regionaal beleidsplan politie-eenheid Midden-Nederland 2027-2030",
    ),
    (
        BovenlokaalNiveau.BASISTEAM,
        "Zichtbaarheid in de wijk en aanpak jeugdgroepen",
        "Wijkagenten vast in de wijken met de meeste overlast, en een groepsaanpak voor de "
        "jeugdgroepen op de shortlist.",
        "Jaarplan 2027 basisteam Almere, district Flevoland",
    ),
    (
        BovenlokaalNiveau.RIEC,
        "Drugscriminaliteit en misbruik van vastgoed",
        "Integrale controles van bedrijfsverzamelgebouwen en opslagboxen, en signalen van "
        "witwassen via vastgoed.",
        "Jaarplan 2027 RIEC Midden-Nederland",
    ),
    (
        BovenlokaalNiveau.VEILIGHEIDSREGIO,
        "Overstroming, uitval van vitale voorzieningen en brandveiligheid",
        "De risico's van een stad onder zeeniveau en de brandveiligheid van hoogbouw en "
        "nieuwe woonvormen.",
        "Regionaal risicoprofiel en beleidsplan Veiligheidsregio Flevoland 2024-2027",
    ),
)

# Themes not worked out in Almere's plan: (theme code, coverage, one sentence of reasoning).
COVERAGE = (
    (
        "2.2",
        ThemeCoverage.BASISNIVEAU,
        "Op de bedrijventerreinen zijn weinig incidenten; het Keurmerk Veilig Ondernemen en de "
        "controles van bedrijfsverzamelgebouwen lopen door.",
    ),
    (
        "2.5",
        ThemeCoverage.NVT,
        "Almere trekt vooral dagjesmensen en nauwelijks verblijfstoerisme; de drukte bij het "
        "Weerwater en de stranden valt onder de evenementen en het toezicht in de openbare ruimte.",
    ),
    (
        "4.3",
        ThemeCoverage.BASISNIVEAU,
        "Het vervoer van gevaarlijke stoffen is regionaal belegd in het risicoprofiel van de "
        "Veiligheidsregio Flevoland.",
    ),
    (
        "5.3",
        ThemeCoverage.BASISNIVEAU,
        "Het dreigingsniveau volgt het landelijke beeld van de NCTV; er zijn geen lokale "
        "aanwijzingen die een eigen aanpak vragen.",
    ),
)

# The goals under the priorities: (theme, description, indicator code or "", target change,
# maatregelen, partners, budget per year in euro, dekking). With the goals on police figures and
# the own registration (demo_goals.py) the budgets add up to the € 460.000 of the Financiën
# chapter.
GOALS = (
    (
        "1.4",
        "Minder inwoners voelen zich weleens onveilig in de eigen buurt",
        "onveilig_in_buurt_weleens",
        -2.5,
        "Wijkaanpak Almere Haven met wijkregisseur en wijkveiligheidsplan, verlichting van "
        "looproutes, buurtpreventie.",
        "Politie, woningcorporatie, bewoners",
        150_000,
        "Programma Veiligheid, budget openbare orde en veiligheid (structureel)",
    ),
    (
        "1.4",
        "Inwoners geven de veiligheid in hun buurt een hoger rapportcijfer",
        "rapportcijfer_veiligheid_buurt",
        0.2,
        "Zichtbare handhaving door boa's en wijkagenten, terugkoppeling op meldingen binnen vijf "
        "werkdagen.",
        "Politie, handhaving",
        35_000,
        "Programma Veiligheid, budget handhaving openbare ruimte",
    ),
    (
        "3.1",
        "Minder overlast van rondhangende jongeren",
        "rondhangende_jongeren",
        -1.5,
        "Groepsaanpak, persoonsgerichte aanpak, ambulant jongerenwerk en avondaanbod.",
        "Politie, jongerenwerk, Halt",
        100_000,
        "Programma Veiligheid en rijksmiddelen preventieve aanpak jeugdcriminaliteit",
    ),
    (
        "5.2",
        "Minder overlast van drugshandel",
        "drugshandel",
        -1.5,
        "Ondermijningsoverleg, 13b Opiumwet, meldpunt ondernemers, bewustwording.",
        "Politie, OM, RIEC",
        15_000,
        "Programma Veiligheid, budget ondermijning",
    ),
    (
        "5.2",
        "Elk jaar ten minste tien bestuurlijke interventies tegen ondermijning",
        "",
        0,
        "Bibob-toetsen, sluitingen, integrale controles, bestuurlijke rapportages.",
        "RIEC, politie",
        50_000,
        "Programma Veiligheid, budget ondermijning",
    ),
)
