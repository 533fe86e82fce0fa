"""The kadernota a raad reads: its chapters after the standaardindeling, the goals and their
budgets per priority, the bovenlokale kaders by level, the themes at basisniveau, only the
afkortingen it uses, the colofon with the raadsbesluit; empty chapters say what belongs there
and block the vaststelling."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from analysis.models import AnalysisTheme, Indicator
from kernbeleid.models import (
    Amendment,
    BovenlokalePrioriteit,
    Goal,
    Kadernota,
    Motie,
    RaadDecision,
    StepRecord,
)
from reports import services, vaststelling
from reports.blocks import GlossaryBlock, HeadingBlock, HtmlBlock, NoteBlock, TableBlock
from reports.constants import STANDARD_STRUCTURES, DocumentKind
from reports.kadernota_check import MISSING_PREFIX, missing_chapters
from reports.kadernota_common import long_date
from reports.models import Publication, ReportVersion
from reports.selectors import structure_for
from reports.snapshot import document_snapshot
from tests.factories import ProjectFactory

from .kadernota_fill import TEXTS, fill_kadernota


@pytest.fixture
def project(world):
    return ProjectFactory(gemeente=world.gemeente, step=9)


@pytest.fixture
def actor(world):
    return world.users["adviseur"]


def _snapshot(project):
    structure = structure_for(project, DocumentKind.KADERNOTA)
    return document_snapshot(project, DocumentKind.KADERNOTA, structure)


def _chapter(snapshot, title):
    return next(s for s in snapshot.sections if s.title == title)


def _text(section) -> str:
    parts = []
    for block in section.blocks:
        parts += [getattr(block, name, "") for name in ("text", "html")]
        parts += list(getattr(block, "items", []) if not isinstance(block, GlossaryBlock) else [])
    return " ".join(str(part) for part in parts)


def _notes(section) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, NoteBlock)]


def _second_priority(project) -> AnalysisTheme:
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    theme.proposed_priority = True
    theme.priority_reasoning = "Veel inwoners voelen zich onveilig."
    theme.save()
    return theme


# --------------------------------------------------------------------------- a filled one


def test_a_filled_kadernota_has_the_chapters_of_the_standaardindeling_and_nothing_empty(project):
    fill_kadernota(project)
    snapshot = _snapshot(project)
    chapters = [s.title for s in snapshot.sections if s.level == 1]
    assert chapters == [title for title, _source, _level in STANDARD_STRUCTURES["kadernota"]]
    assert missing_chapters(snapshot) == []
    visie = _chapter(snapshot, "Visie en uitgangspunten")
    assert visie.blocks[0].items == [
        "Iedereen voelt zich veilig in elke wijk.",
        "De gemeente voert de regie.",
    ]
    inleiding = _text(_chapter(snapshot, "Inleiding"))
    assert "De raad vroeg om een nieuw kader." in inleiding
    assert "artikel 38b van de Politiewet 2012" in inleiding


def test_the_samenvatting_names_visie_priorities_with_their_goal_budget_and_the_raad(project):
    fill_kadernota(project)
    summary = _text(_chapter(_snapshot(project), "Samenvatting"))
    assert "Iedereen voelt zich veilig in elke wijk." in summary
    assert "Minder inbraken" in summary
    assert "van 3,0% in 2023 naar 2,5% in 2029" in summary
    assert (
        "Daarnaast werkt de gemeente mee aan een bovenlokale prioriteit van het RIEC "
        "(hoofdstuk Bovenlokale kaders)." in summary
    )
    assert "€ 10.000 per jaar" in summary
    assert "Dit is een concept. De gemeenteraad besluit" in summary


def test_each_priority_has_its_reasoning_goal_table_aanpak_and_partners(project):
    fill_kadernota(project)
    Goal.objects.filter(project=project).update(maatregelen="Buurtpreventie", partners="Politie")
    snapshot = _snapshot(project)
    inbraak = next(s for s in snapshot.sections if s.key == "prioriteit-1.3")
    assert inbraak.level == 2
    tables = [b for b in inbraak.blocks if isinstance(b, TableBlock)]
    assert tables[0].columns == ["Doel", "Indicator", "Nulmeting", "Streefwaarde"]
    assert tables[0].rows[0][0] == "Minder inbraken"
    assert tables[0].rows[0][2:] == ["3,0% (2023)", "2,5% (2029)"]
    assert tables[1].rows == [["Minder inbraken", "Politie", "€ 10.000", "begroting OOV"]]
    assert "Veel inbraken" in _text(inbraak)
    assert "Buurtpreventie" in _text(inbraak)


def test_financien_adds_up_the_goals_budgets_per_priority(project):
    fill_kadernota(project)
    second = _second_priority(project)
    inbraak = Goal.objects.get(project=project)
    inbraak.budget = Decimal(40000)
    inbraak.save()
    indicator = Indicator.objects.get(code="slachtoffer_woninginbraak", gemeente=None)
    for description, amount in (("Meer buurtpreventie", 25000), ("Betere verlichting", 12500)):
        Goal.objects.create(
            project=project,
            theme=second,
            description=description,
            indicator=indicator,
            budget=Decimal(amount),
        )
    Goal.objects.create(project=project, theme=second, description="Zonder budget")
    financien = _chapter(_snapshot(project), "Financiën")
    table = next(b for b in financien.blocks if isinstance(b, TableBlock))
    assert table.rows[0][:3] == [inbraak.theme.name, "Minder inbraken", "€ 40.000"]
    assert table.rows[-1] == ["Totaal", "", "€ 77.500", ""]  # 40.000 + 25.000 + 12.500
    assert len(table.rows) == 4  # three goals with a budget and the total
    assert _notes(financien) == ["Voor 1 doel is nog geen budget genoemd; het totaal is zonder."]


def test_bovenlokale_prioriteiten_are_grouped_by_level_with_their_source(project):
    fill_kadernota(project)
    for niveau, title, source in (
        ("basisteam", "Jeugdoverlast", "Jaarplan basisteam 2027"),
        ("regionaal", "Zorg en veiligheid", "Regionaal beleidsplan 2023-2026"),
        ("regionaal", "Cybercrime", "Regionaal beleidsplan 2023-2026"),
    ):
        BovenlokalePrioriteit.objects.create(
            project=project, niveau=niveau, title=title, source=source
        )
    chapter = _chapter(_snapshot(project), "Bovenlokale kaders")
    headings = [b.text for b in chapter.blocks if isinstance(b, HeadingBlock)]
    assert headings == ["Regionaal beleidsplan (eenheid)", "Basisteam politie", "RIEC"]
    lists = [b.html for b in chapter.blocks if isinstance(b, HtmlBlock)]
    assert "Zorg en veiligheid" in lists[0] and "Cybercrime" in lists[0]
    assert "Regionaal beleidsplan 2023-2026" in lists[0]
    assert "Jeugdoverlast" in lists[1] and "Jaarplan basisteam 2027" in lists[1]
    assert "Ondermijning" in lists[2] and "Jeugdoverlast" not in lists[2]


def test_overige_themas_lists_basisniveau_and_nvt_with_their_reasoning(project):
    fill_kadernota(project)
    themes = AnalysisTheme.objects.filter(field__project=project)
    themes.filter(code="2.1").update(coverage="basisniveau", coverage_reasoning="Loopt goed.")
    themes.filter(code="5.1").update(coverage="nvt", coverage_reasoning="Geen haven.")
    chapter = _chapter(_snapshot(project), "Overige thema's (basisniveau)")
    headings = [b.text for b in chapter.blocks if isinstance(b, HeadingBlock)]
    assert headings == ["Basisniveau", "Niet van toepassing"]
    lists = [b.html for b in chapter.blocks if isinstance(b, HtmlBlock)]
    assert "Loopt goed." in lists[0] and "Geen haven." in lists[1]
    assert missing_chapters(_snapshot(project)) == []
    themes.filter(code="5.1").update(coverage_reasoning="")
    assert missing_chapters(_snapshot(project)) == ["Overige thema's (basisniveau)"]


def test_afkortingen_lists_only_the_abbreviations_the_document_uses(project):
    fill_kadernota(project)
    glossary = _chapter(_snapshot(project), "Bijlage 3. Afkortingen").blocks[0]
    terms = {item.term: item.definition for item in glossary.items}
    assert terms["APV"] == "Algemene Plaatselijke Verordening"  # in the communicatie text
    assert terms["OOV"] == "openbare orde en veiligheid"  # in the borging text
    assert "RIEC" in terms  # the bovenlokale prioriteit's level
    assert "ZSM" not in terms and "Wvggz" not in terms and "BOA" not in terms
    Kadernota.objects.filter(project=project).update(communicatie="Een nieuwsbrief.")
    glossary = _chapter(_snapshot(project), "Bijlage 3. Afkortingen").blocks[0]
    assert "APV" not in {item.term for item in glossary.items}


# --------------------------------------------------------------------------- colofon, bijlage 2


def test_the_colofon_says_concept_until_the_raad_adopts_it_then_names_the_besluit(project):
    fill_kadernota(project)
    colofon = _chapter(_snapshot(project), "Colofon").blocks[0]
    items = {item.term: item.definition for item in colofon.items}
    assert items["Uitgave"] == f"Gemeente {project.gemeente.name}"
    assert items["Periode"] == "2027 tot en met 2030"
    assert items["Status"].startswith("Concept")
    RaadDecision.objects.create(
        project=project, step=9, date=date(2027, 3, 12), number="RB 2027-057", outcome="geamendeerd"
    )
    colofon = _chapter(_snapshot(project), "Colofon").blocks[0]
    items = {item.term: item.definition for item in colofon.items}
    assert items["Status"] == (
        "De gemeenteraad heeft deze kadernota op 12 maart 2027 vastgesteld bij raadsbesluit "
        "RB 2027-057 (aangenomen met amendementen)."
    )


def test_a_concept_version_carries_its_label_and_date_in_the_colofon(project, actor):
    fill_kadernota(project)
    version = services.version_for(actor=actor, project=project, document="kadernota")
    colofon = next(s for s in version.snapshot["sections"] if s["title"] == "Colofon")
    items = {i["term"]: i["definition"] for i in colofon["blocks"][0]["items"]}
    assert items["Versie"] == version.label == "concept 0.1"
    assert items["Datum"]
    # The stamp is no content: the same content again is the same version.
    assert services.version_for(actor=actor, project=project, document="kadernota") == version


def test_vaststelling_puts_the_besluit_in_the_colofon_and_its_amendments_in_bijlage_2(
    project, actor
):
    fill_kadernota(project)
    concept = services.version_for(actor=actor, project=project, document="kadernota")
    services.publish(
        actor=actor, version=concept, audience="raad", purpose="besluitvorming", decision_step=9
    )
    decision = RaadDecision.objects.create(
        project=project, step=9, date=date(2027, 3, 12), number="RB 2027-057", outcome="geamendeerd"
    )
    Amendment.objects.create(
        decision=decision, number="A1", part="de visie", text="Voeg jongeren toe."
    )
    Motie.objects.create(
        project=project,
        step=9,
        decision=decision,
        number="M21",
        title="Verlichting",
        text="Onderzoek betere verlichting.",
        outcome="verworpen",
    )
    final = vaststelling.decision_apply(actor=actor, decision=decision)
    assert final.final and final.label == "vastgesteld 1.0"
    titles = [s["title"] for s in final.snapshot["sections"]]
    assert "Bijlage: amendementen" not in titles  # they stand in Bijlage 2
    bijlage = next(s for s in final.snapshot["sections"] if s["title"].startswith("Bijlage 2"))
    text = str(bijlage["blocks"])
    assert "Amendement A1 (aangenomen), over de visie:" in text
    assert "Voeg jongeren toe." in text
    assert "Onderzoek betere verlichting." in text and "verworpen" in text
    colofon = next(s for s in final.snapshot["sections"] if s["title"] == "Colofon")
    items = {i["term"]: i["definition"] for i in colofon["blocks"][0]["items"]}
    assert "raadsbesluit RB 2027-057 (aangenomen met amendementen)" in items["Status"]
    assert items["Versie"] == "vastgesteld 1.0"
    assert missing_chapters(final.snapshot) == []
    # What the concept said about the raad's decision to come, it now says as done.
    summary = next(s for s in final.snapshot["sections"] if s["title"] == "Samenvatting")
    assert "Dit is een concept" not in str(summary)
    assert "vastgesteld bij raadsbesluit RB 2027-057" in str(summary)
    inleiding = next(s for s in final.snapshot["sections"] if s["title"] == "Inleiding")
    procedure = next(b for b in inleiding["blocks"] if b["type"] == "table")
    assert procedure["rows"][-1] == [
        "9",
        "Vaststelling kadernota door de raad",
        "raadsbesluit RB 2027-057, aangenomen met amendementen",
        "12 maart 2027",
    ]


def test_the_inleiding_shows_the_procedure_with_its_dates(project):
    fill_kadernota(project)
    StepRecord.objects.filter(project=project, step=9).update(planned_end=date(2027, 4, 1))
    inleiding = _chapter(_snapshot(project), "Inleiding")
    table = next(b for b in inleiding.blocks if isinstance(b, TableBlock))
    assert [row[0] for row in table.rows] == [str(step) for step in range(1, 10)]
    first = RaadDecision.objects.get(project=project, step=1)
    assert table.rows[0][2] == "raadsbesluit RB-1, aangenomen"
    assert table.rows[0][3] == long_date(first.date)
    assert table.rows[1][2] == "afgerond"
    assert table.rows[-1][2:] == ["gepland", "1 april 2027"]


# --------------------------------------------------------------------------- empty chapters


def test_an_empty_kadernota_says_what_belongs_in_each_chapter(project):
    Kadernota.objects.filter(project=project).update(**dict.fromkeys(TEXTS, ""))
    BovenlokalePrioriteit.objects.filter(project=project).delete()
    snapshot = _snapshot(project)
    assert missing_chapters(snapshot) == [
        "Inleiding",
        "Evaluatie vorige periode",
        "Trends en ontwikkelingen",
        "Visie en uitgangspunten",
        "Bovenlokale kaders",
        "Organisatie, regie en samenwerking",
        "Communicatie",
        "Financiën",
        "Monitoring en verantwoording",
    ]
    notes = _notes(_chapter(snapshot, "Communicatie"))
    assert notes == [
        MISSING_PREFIX + "hoe de gemeente inwoners, ondernemers en partners over het beleid en "
        "de resultaten informeert en betrekt."
    ]
    assert "RIEC" in _notes(_chapter(snapshot, "Bovenlokale kaders"))[0]


def test_a_priority_without_goals_is_an_empty_paragraph(project):
    fill_kadernota(project)
    theme = _second_priority(project)
    assert missing_chapters(_snapshot(project)) == [f"Prioriteiten en doelen: {theme.name}"]


def test_ter_besluitvorming_is_refused_naming_the_empty_chapters(project, actor):
    fill_kadernota(project)
    Kadernota.objects.filter(project=project).update(communicatie="", monitoring="")
    concept = services.version_for(actor=actor, project=project, document="kadernota")
    with pytest.raises(ValidationError) as refused:
        services.publish(actor=actor, version=concept, audience="raad", purpose="besluitvorming")
    assert refused.value.message_dict["purpose"] == [
        "De kadernota kan nog niet ter besluitvorming naar de raad: deze hoofdstukken zijn nog "
        "leeg: ‘Communicatie’ en ‘Monitoring en verantwoording’. Vul ze in en maak een nieuwe "
        "versie."
    ]
    assert not Publication.objects.filter(version=concept).exists()
    # Ter informatie it may go: the raad can read a concept.
    services.publish(actor=actor, version=concept, audience="raad", purpose="informatie")


def test_vaststelling_is_refused_and_changes_nothing(project, actor):
    Kadernota.objects.filter(project=project).update(visie="")
    concept = services.version_for(actor=actor, project=project, document="kadernota")
    decision = RaadDecision.objects.create(
        project=project, step=9, date=date(2027, 3, 12), number="RB-9", outcome="aangenomen"
    )
    with pytest.raises(ValidationError) as refused:
        services.version_finalize(
            actor=actor, version=concept, finalized_as="raad", decision=decision
        )
    assert "kan nog niet worden vastgesteld" in refused.value.messages[0]
    assert "‘Visie en uitgangspunten’" in refused.value.messages[0]
    assert not ReportVersion.objects.filter(project=project, major__gte=1).exists()


def test_the_analysis_is_not_held_up_by_an_empty_kadernota(project, actor):
    analysis = services.version_for(actor=actor, project=project, document="analyse")
    assert missing_chapters(analysis.snapshot) == []
    publication = services.publish(
        actor=actor, version=analysis, audience="raad", purpose="besluitvorming", decision_step=5
    )
    assert publication.decision_step == 5


def test_a_renamed_and_reordered_structure_keeps_working(project, actor):
    standard = structure_for(project, DocumentKind.KADERNOTA)
    own = services.structure_copy(
        actor=actor, project=project, document="kadernota", source=standard, name="Eigen"
    )
    visie = own.sections.get(source="visie")
    visie.title = "Onze visie"
    visie.save()
    services.section_move(actor=actor, project=project, section=visie, offset=-5)
    Kadernota.objects.filter(project=project).update(visie="")
    snapshot = _snapshot(project)
    chapters = [s.title for s in snapshot.sections if s.level == 1]
    assert chapters.index("Onze visie") < chapters.index("Inleiding")
    assert "Onze visie" in missing_chapters(snapshot)
