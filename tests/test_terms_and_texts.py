"""Terms and texts (issue 12, build item 5): the light route as the project's own choice, the
standaardindeling's name, the series break a draft names, no placeholder codes, and people
shown by name with audit details in words."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kernbeleid import workflow
from kernbeleid.workflow import selectors, services
from kernbeleid.workflow.models import Traject
from projects.models import AuditEntry
from tests.factories import fulfil_step


def _timeline_url(world):
    return reverse(
        "kernbeleid:timeline",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


def _light_route_url(world):
    return reverse(
        "kernbeleid:light_route",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


# --- 1. the light route --------------------------------------------------------------------


def test_a_new_traject_suggests_skipping_3_6_and_8_but_skips_nothing_on_the_full_route(world):
    traject = services.traject_ensure(project=world.project)
    assert traject.skipped_steps == [3, 6, 8]
    assert traject.skipped == frozenset()  # the full route is the default


def test_the_light_route_skips_only_the_steps_the_project_chose(world):
    project, actor = world.project, world.users["ambtenaar"]
    project.current_step = 2
    project.save()
    services.light_route_set(actor=actor, project=project, light_route=True, skipped_steps=[6])
    traject = Traject.objects.get(project=project)
    assert traject.skipped == {6}

    fulfil_step(project, 2)
    # Step 3 is not skipped by this project, so 2 is followed by 3 (the suggestion would give 4).
    assert services.project_advance(actor=actor, project=project, expected_step=2) == 3
    assert workflow.steps_for(scope="kernbeleid", light_route=True, skips=traject.skipped) == [
        1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12,
    ]  # fmt: skip
    states = {step.number: step.state for step in selectors.timeline(project, traject)}
    assert [n for n, state in states.items() if state == "skipped"] == [6]
    entry = AuditEntry.objects.get(project=project, action="lichte route aan")
    assert entry.detail == {"overgeslagen stappen": [6]}


@pytest.mark.parametrize("step", [1, 2, 4, 5, 7, 9, 10, 11, 12])
def test_raad_product_and_execution_steps_cannot_be_skipped(world, step):
    project = world.project
    with pytest.raises(ValidationError, match="alleen stap 3, 6 en 8"):
        services.light_route_set(
            actor=world.users["ambtenaar"],
            project=project,
            light_route=True,
            skipped_steps=[3, step],
        )
    traject = Traject.objects.get(project=project)
    assert not traject.light_route and traject.skipped_steps == [3, 6, 8]


def test_a_light_route_without_skipped_steps_or_over_the_current_step_is_refused(world):
    actor, project = world.users["ambtenaar"], world.project  # project stands on step 3
    with pytest.raises(ValidationError, match="Kies welke stappen"):
        services.light_route_set(actor=actor, project=project, light_route=True, skipped_steps=[])
    with pytest.raises(ValidationError, match="staat op stap 3"):
        services.light_route_set(actor=actor, project=project, light_route=True, skipped_steps=[3])
    assert not Traject.objects.get(project=project).light_route


def test_the_full_route_keeps_the_earlier_choice(world):
    actor, project = world.users["ambtenaar"], world.project
    services.light_route_set(actor=actor, project=project, light_route=True, skipped_steps=[8])
    services.light_route_set(actor=actor, project=project, light_route=False, skipped_steps=[])
    traject = Traject.objects.get(project=project)
    assert traject.skipped == frozenset() and traject.skipped_steps == [8]


def test_timeline_shows_the_choice_and_says_what_the_handreiking_says(world):
    client = world.client("ambtenaar")
    response = client.post(
        _light_route_url(world), {"light_route": "on", "skipped_steps": ["6", "8"]}
    )
    assert response.status_code == 302
    page = client.get(_timeline_url(world)).content.decode()
    assert page.count("– overgeslagen (keuze van het project)") == 2  # steps 6 and 8
    assert "lichte route: stap 6, 8 overgeslagen (keuze van het project)" in page
    assert "(nog) niet doorlopen" in page
    assert "kleinere gemeenten" not in page
    # The form says why only 3, 6 and 8 can go.
    assert "Alleen stap 3, 6 en 8 kunnen vervallen" in page


def test_the_form_refuses_a_raad_step_with_a_message(world):
    client = world.client("ambtenaar")
    response = client.post(
        _light_route_url(world), {"light_route": "on", "skipped_steps": ["5"]}, follow=True
    )
    assert "Alleen stap 3, 6 en 8 kunnen worden overgeslagen." in response.content.decode()
    assert not Traject.objects.get(project=world.project).light_route


# --- 2. the standaardindeling --------------------------------------------------------------

STANDARD_ANALYSE = "Standaardindeling veiligheidsanalyse (naar de VNG/CCV-handreiking)"
STANDARD_KADERNOTA = (
    "Standaardindeling kadernota integrale veiligheid (naar de VNG/CCV-handreiking)"
)


def test_the_structure_page_names_the_standaardindeling_not_a_vng_standard(world):
    url = reverse(
        "reports:structure",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "document": "analyse",
        },
    )
    page = world.client("ambtenaar").get(url).content.decode()
    assert STANDARD_ANALYSE in page
    assert "De standaardindeling (naar de VNG/CCV-handreiking) is niet te wijzigen." in page
    assert "VNG-standaard" not in page


def test_editing_the_standaardindeling_is_refused_in_the_new_words(world):
    from reports import selectors as report_selectors
    from reports import services as report_services

    standard = report_selectors.structure_for(world.project, "kadernota")
    assert standard.name == STANDARD_KADERNOTA
    with pytest.raises(ValidationError) as refused:
        report_services.section_add(
            actor=world.users["ambtenaar"],
            project=world.project,
            structure=standard,
            title="Extra",
            source="fixed",
        )
    assert "De standaardindeling (naar de VNG/CCV-handreiking) wijzigt u niet" in str(refused.value)


@pytest.mark.django_db(transaction=True)
def test_the_migration_renames_the_stored_standard_structures():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("reports", "0007_existing_publications_and_finals")]
    after = [("reports", "0008_standaardindeling_names")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    Structure = executor.loader.project_state(before).apps.get_model("reports", "ReportStructure")
    Structure.objects.filter(document="analyse", is_standard=True).update(
        name="VNG-standaard veiligheidsanalyse"
    )
    Structure.objects.filter(document="kadernota", is_standard=True).update(
        name="VNG-standaard kadernota integrale veiligheid"
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # every app: later ones depend on it

    from reports.models import ReportStructure

    names = dict(ReportStructure.objects.filter(is_standard=True).values_list("document", "name"))
    # The renamed two; the documents of the cycle (issue 16) came later with their own names.
    assert names["analyse"] == STANDARD_ANALYSE
    assert names["kadernota"] == STANDARD_KADERNOTA


# --- 3. the series break a draft names -----------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "labels"),
    [
        (2011, 2013, ["IVM→VM (2012)"]),
        (2019, 2021, ["vernieuwde VM (2021)"]),
        (2009, 2023, ["IVM→VM (2012)", "vernieuwde VM (2021)"]),
        (2023, 2009, ["IVM→VM (2012)", "vernieuwde VM (2021)"]),  # either order
        (2013, 2019, []),
        (2011, 2012, ["IVM→VM (2012)"]),  # 2012 is the first VM edition
        (2021, 2023, []),
    ],
)
def test_the_breaks_between_two_editions(a, b, labels):
    from analysis.figures.series_breaks import breaks_between

    assert [brk.label for brk in breaks_between(a, b)] == labels


def _draft(*figures) -> str:
    from analysis.narrative.drafting import IndicatorFacts, theme_draft

    facts = IndicatorFacts(
        code="onveilig_in_buurt_weleens",
        name="Voelt zich weleens onveilig in de buurt",
        unit="percent",
        direction="higher_is_worse",
        trend=list(figures),
    )
    return " ".join(theme_draft([facts], area_name="Almere"))


def test_a_draft_comparing_2011_and_2013_names_the_ivm_to_vm_break_not_2021():
    from analysis.narrative.drafting import Figure

    result = _draft(Figure(2011, "ivm", 40.0, se=1.0, n=900), Figure(2013, "vm2012", 30.0, n=900))
    assert (
        "Met 2011 is niet vergeleken: de Integrale Veiligheidsmonitor is in 2012 opgevolgd door "
        "de Veiligheidsmonitor, waardoor de cijfers niet vergelijkbaar zijn (trendbreuk)."
    ) in result
    assert "2021" not in result


def test_a_draft_comparing_2019_and_2021_names_the_redesign_only():
    from analysis.narrative.drafting import Figure

    result = _draft(Figure(2019, "vm2012", 40.0, n=900), Figure(2021, "vm2021", 30.0, n=900))
    assert "Met 2019 is niet vergeleken: de Veiligheidsmonitor is in 2021 vernieuwd," in result
    assert "2012" not in result and "Integrale" not in result


def test_a_draft_comparing_2009_and_2023_names_both_breaks():
    from analysis.narrative.drafting import Figure

    result = _draft(Figure(2009, "ivm", 40.0, n=900), Figure(2023, "vm2021", 30.0, n=900))
    assert (
        "Met 2009 is niet vergeleken: de Integrale Veiligheidsmonitor is in 2012 opgevolgd door "
        "de Veiligheidsmonitor en de Veiligheidsmonitor is in 2021 vernieuwd, waardoor"
    ) in result


def test_a_draft_comparing_2013_and_2019_names_no_break():
    from analysis.narrative.drafting import Figure

    result = _draft(
        Figure(2013, "vm2012", 40.0, se=1.0, n=900),
        Figure(2019, "vm2012", 40.5, se=1.0, n=900, change_significant=False, previous_year=2013),
    )
    assert "Ten opzichte van 2013 is er geen significante verandering." in result
    assert "trendbreuk" not in result and "vernieuwd" not in result


def _results(*pairs):
    from types import SimpleNamespace

    return [SimpleNamespace(edition=SimpleNamespace(year=y, series=s)) for y, s in pairs]


def test_the_figure_note_names_the_breaks_within_the_editions_shown():
    from analysis.figures.presenters import series_note

    assert series_note(_results((2009, "ivm"), (2011, "ivm"), (2013, "vm2012"))) == (
        "De Integrale Veiligheidsmonitor is in 2012 opgevolgd door de Veiligheidsmonitor; cijfers "
        "van voor en na 2012 zijn niet rechtstreeks vergelijkbaar (trendbreuk)."
    )
    assert series_note(_results((2019, "vm2012"), (2021, "vm2021"))) == (
        "De Veiligheidsmonitor is in 2021 vernieuwd; cijfers van voor en na 2021 zijn niet "
        "rechtstreeks vergelijkbaar (trendbreuk)."
    )
    assert "voor en na 2012 en 2021" in series_note(_results((2009, "ivm"), (2023, "vm2021")))
    assert series_note(_results((2013, "vm2012"), (2019, "vm2012"))) == ""


# --- 4. no placeholder codes ---------------------------------------------------------------

# A code users must not see: a catalogue placeholder ("1.x"), the cross-cutting field's "X"
# ("X.", "X.1") or a project's own theme ("1.e1").
PLACEHOLDER = re.compile(r"(?<![\w.])(\d+\.x|X\.\d*|\d+\.e\d+)(?![\w])")


class _Text(HTMLParser):
    """The text a reader sees: no tags, attributes, scripts or styles."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style") and self._hidden > 0

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def test_the_placeholder_pattern_finds_what_it_must():
    assert PLACEHOLDER.search("Thema 1.x Huiselijk geweld")
    assert PLACEHOLDER.search("X. Domeinoverstijgende thema's")
    assert PLACEHOLDER.search("1.e1 Eigen thema")
    assert not PLACEHOLDER.search("1.4 Subjectieve veiligheid, 12.3% in 2023, Bijlage X")


def test_shown_code_keeps_numbered_codes_only():
    from analysis.catalogue import shown_code, with_code

    assert [shown_code(c) for c in ("1", "1.4", "1.x", "X", "X.2", "1.e1")] == [
        "1", "1.4", "", "", "", "",
    ]  # fmt: skip
    assert with_code("1.x", "Huiselijk geweld") == "Huiselijk geweld"
    assert with_code("1.4", "Subjectieve veiligheid") == "1.4 Subjectieve veiligheid"
    assert with_code("X", "Domeinoverstijgende thema's", ". ") == "Domeinoverstijgende thema's"


@pytest.fixture
def placeholder_theme(content, world):
    """The catalogue's "1.x" theme (huiselijk geweld), written in and proposed as a priority,
    and an own theme; the audit log records both."""
    from analysis.models import AnalysisField, AnalysisTheme
    from analysis.narrative.services import priorities_save, theme_add, theme_save

    actor = world.users["ambtenaar"]
    theme = AnalysisTheme.objects.get(field__project=content, code="1.x")
    theme_save(
        actor=actor,
        theme=theme,
        base_version=theme.version,
        texts={"knelpunten": "<p>Meer meldingen bij Veilig Thuis</p>"},
    )
    theme.refresh_from_db()
    scores = {"omvang": 4, "ernst": 5, "trend": 3, "beleving": 2, "beinvloedbaarheid": 3}
    priorities_save(actor=actor, project=content, scores={theme: scores})
    AnalysisTheme.objects.filter(pk=theme.pk).update(
        proposed_priority=True, priority_reasoning="Veel meldingen"
    )
    own = theme_add(
        actor=actor, field=AnalysisField.objects.get(project=content, code="1"), name="Buurtruzies"
    )
    assert own.code.startswith("1.e")  # an internal code, as the test means it
    return theme


def _pages(world, project, theme):
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
    return [
        reverse("analysis:va_overview", kwargs=base),
        reverse("analysis:va_structure", kwargs=base),
        reverse("analysis:va_priorities", kwargs=base),
        reverse("analysis:va_theme", kwargs=base | {"theme_uuid": theme.uuid}),
        reverse("analysis:va_history", kwargs=base | {"theme_uuid": theme.uuid}),
        reverse("analysis:overview", kwargs=base),
        reverse("analysis:theme", kwargs=base | {"theme_code": "1.x"}),
        reverse("projects:project_audit", kwargs=base),
        reverse("projects:project_home", kwargs=base),
    ]


def test_no_page_shows_a_placeholder_code(world, placeholder_theme):
    client = world.client("ambtenaar")
    pages = _pages(world, placeholder_theme.field.project, placeholder_theme)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        assert not PLACEHOLDER.search(text), (url, PLACEHOLDER.search(text).group(0))
    theme_page = visible_text(client.get(pages[3]).content.decode())
    assert "Huiselijk geweld" in theme_page and "Meer meldingen bij Veilig Thuis" in theme_page


def test_no_document_shows_a_placeholder_code(world, placeholder_theme):
    import docx

    from reports import selectors as report_selectors
    from reports.docx import render_docx
    from reports.pdf import build_html
    from reports.snapshot import document_snapshot

    project = placeholder_theme.field.project
    snapshot = document_snapshot(
        project, "analyse", report_selectors.structure_for(project, "analyse")
    )
    html_text = visible_text(build_html(snapshot))
    assert "Huiselijk geweld" in html_text and "Meer meldingen bij Veilig Thuis" in html_text
    assert not PLACEHOLDER.search(html_text), PLACEHOLDER.search(html_text).group(0)

    document = docx.Document(io.BytesIO(render_docx(snapshot)))
    words = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]
    docx_text = "\n".join(words)
    assert "Huiselijk geweld" in docx_text
    assert not PLACEHOLDER.search(docx_text), PLACEHOLDER.search(docx_text).group(0)


# --- 5. people by name, audit details in words ---------------------------------------------


def _named(world, **names):
    for persona, name in names.items():
        user = world.users[persona]
        user.full_name = name
        user.save(update_fields=["full_name"])
    return world


def test_a_person_is_named_with_role_and_organisation_never_by_address(world):
    from projects.people import person_label

    _named(world, ambtenaar="Anna Jansen", partner="Piet Agent", adviseur="Ada Visser")
    world.users["raadslid"].full_name = ""
    labels = {
        persona: person_label(world.users[persona], gemeente=world.gemeente)
        for persona in ("ambtenaar", "partner", "adviseur", "raadslid")
    }
    assert labels == {
        "ambtenaar": "Anna Jansen (ambtenaar)",
        "partner": "Piet Agent (partner, Politie)",
        "adviseur": "Ada Visser (adviseur, Veilig Advies)",  # through the bureau
        "raadslid": "Gebruiker zonder naam (raadslid)",
    }
    assert person_label(world.users["ambtenaar"]) == "Anna Jansen"  # outside a gemeente
    assert world.users["ambtenaar"].display_name(world.gemeente) == "Anna Jansen (ambtenaar)"


def _version(project):
    from reports.models import ReportVersion
    from tests.reports.snapshots import section, snapshot

    return ReportVersion.objects.create(
        project=project,
        document="analyse",
        content_hash="x",
        snapshot=snapshot(section("s1", "Samenvatting", [])).to_json(),
        structure_name="Standaardindeling",
    )


def test_a_comment_is_signed_with_the_name_and_shown_by_name(world):
    from reports.services import comment_add

    _named(world, ambtenaar="Anna Jansen", adviseur="Ada Visser")
    version = _version(world.project)
    question = comment_add(
        actor=world.users["ambtenaar"], version=version, section_key="s1", body="Klopt dit?"
    )
    answer = comment_add(
        actor=world.users["adviseur"],
        version=version,
        section_key="s1",
        body="Ja.",
        parent=question,
    )
    assert question.author_label == "Anna Jansen (ambtenaar)"
    assert answer.author_label == "Ada Visser (adviseur, Veilig Advies)"

    # The page shows the current name: a renamed user appears under the new name.
    _named(world, ambtenaar="Anna de Boer")
    url = reverse(
        "reports:version",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "version_uuid": version.uuid,
        },
    )
    page = world.client("adviseur").get(url).content.decode()
    assert "Anna de Boer (ambtenaar)" in page
    assert "Antwoord van Ada Visser (adviseur, Veilig Advies)" in page
    assert "ambtenaar@example.nl" not in page and "adviseur@example.nl" not in page


def test_a_theme_revision_is_signed_with_the_name(content, world):
    from analysis.models import AnalysisTheme
    from analysis.narrative.services import theme_save

    theme = AnalysisTheme.objects.get(field__project=content, code="1.4")
    revision = theme.revisions.order_by("-version").first()
    assert revision.author_label == world.users["ambtenaar"].display_name(world.gemeente)
    assert "@" not in revision.author_label
    theme_save(actor=None, theme=theme, base_version=theme.version, texts={"bronnen": "<p>x</p>"})
    assert theme.revisions.order_by("-version").first().author_label == "systeem"


def _audit_url(world):
    return reverse(
        "projects:project_audit",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


def _audit_rows(html: str) -> list[list[str]]:
    """The audit table as cells of visible text."""
    body = html.split('<tbody id="audit-rows">', 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in body.split("<tr")[1:]:
        cells = row.split("<td")[1:]
        rows.append([" ".join(visible_text("<td" + cell).split()) for cell in cells])
    return rows


def test_the_audit_log_names_people_and_says_the_details_in_words(world):
    from datetime import date

    from projects.services import audit_record, project_update

    _named(world, ambtenaar="Anna Jansen")
    actor, project = world.users["ambtenaar"], world.project  # project on step 3
    services.project_send_back(
        actor=actor, project=project, expected_step=3, to_step=2, reason="Werkgroep onvolledig"
    )
    services.planning_save(actor=actor, project=project, planned={4: date(2027, 3, 1)})
    project_update(actor=actor, project=project, period_end=2031)
    audit_record(
        actor=actor,
        action="BBV-cijfers ingelezen (waarstaatjegemeente.nl)",
        project=project,
        detail={"cijfers": 12, "jaren": [2021, 2023], "nieuw account": False, "datum": None},
    )
    # Rows from before: one whose actor still exists (labelled with the address then), one
    # whose actor is gone (its stored label stays).
    AuditEntry.objects.create(
        actor=actor, actor_label="ambtenaar@example.nl", project=project, action="oud"
    )
    AuditEntry.objects.create(actor=None, actor_label="vertrokken@example.nl", project=project,
                              action="ouder", gemeente=world.gemeente)  # fmt: skip
    AuditEntry.objects.filter(action="oud").update(gemeente=world.gemeente)

    page = world.client("adviseur").get(_audit_url(world)).content.decode()
    rows = {row[2]: row for row in _audit_rows(page)}
    assert rows["stap teruggezet"][1] == "Anna Jansen (ambtenaar)"
    assert rows["stap teruggezet"][4] == "van stap 3 naar stap 2 reden: Werkgroep onvolledig"
    assert rows["planning gewijzigd"][4] == "stap 4: van leeg naar 1 maart 2027"
    assert rows["project gewijzigd"][4] == "laatste beleidsjaar: van 2030 naar 2031"
    assert rows["BBV-cijfers ingelezen (waarstaatjegemeente.nl)"][4] == (
        "datum: leeg cijfers: 12 jaren: 2021, 2023 nieuw account: nee"
    )
    assert rows["oud"][1] == "Anna Jansen (ambtenaar)"  # the current name, not the old label
    assert rows["ouder"][1] == "vertrokken@example.nl"  # the actor is gone: the stored label
    assert "{&#x27;van&#x27;" not in page and "{'van'" not in page
    # New rows store the name, not the address.
    assert AuditEntry.objects.get(action="stap teruggezet").actor_label == "Anna Jansen (ambtenaar)"


def test_audit_details_in_words_for_decisions_choices_and_dates():
    from projects.audit_text import detail_lines

    assert detail_lines(
        {"stap": 5, "uitkomst": "geamendeerd", "besluitnummer": "RB-5", "datum": "2026-11-05"},
        action="raadsbesluit vastgelegd",
        object_type="raadsbesluit",
    ) == ["stap 5", "uitkomst: aangenomen met amendementen", "besluitnummer: RB-5",
          "datum: 5 november 2026"]  # fmt: skip
    assert (
        detail_lines(
            {"jaar": 2027, "status": {"van": "gepland", "naar": "vertraagd"}},
            action="voortgang gerapporteerd",
            object_type="actie",
        )[0]
        == "jaar 2027"
    )
    assert detail_lines(
        {"1.x Huiselijk geweld": {"van": {"omvang": None}, "naar": {"omvang": 4}}},
        action="prioriteiten gescoord",
        object_type="project",
    ) == ["Huiselijk geweld: omvang van leeg naar 4"]
    assert detail_lines({"van": "concept 0.3", "naar": "1.0"}, action="opgeleverd") == [
        "van concept 0.3 naar 1.0"
    ]
