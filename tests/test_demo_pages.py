"""What the demo pages showed wrongly, pinned: a concept overtaken by a final version offers
no vaststelling any more."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from reports import services
from reports.models import ReportVersion
from tests.reports.publication_helpers import reports_url, stored_version


def test_a_concept_before_the_final_version_offers_no_vaststelling(world):
    project = world.project
    old = stored_version(project, document="analyse", minor=1)
    stored_version(project, document="analyse", major=1, minor=0, finalized_as="opgeleverd")
    newer = stored_version(project, document="analyse", major=1, minor=1)

    page = world.client("ambtenaar").get(reports_url(project, "overview")).content.decode()

    old_finalize = reports_url(project, "finalize", version_uuid=old.uuid)
    newer_finalize = reports_url(project, "finalize", version_uuid=newer.uuid)
    assert old_finalize not in page  # 0.1 came before opgeleverd 1.0
    assert newer_finalize in page  # 1.1 came after it: the college may still vaststellen it
    assert page.count("Er is al een latere eindversie") == 1


def test_the_college_cannot_vaststellen_a_concept_a_final_version_overtook(world):
    project = world.project
    old = stored_version(project, document="analyse", minor=2)
    stored_version(project, document="analyse", major=1, minor=0, finalized_as="college")

    with pytest.raises(ValidationError, match=r"latere versie gemaakt \(vastgesteld 1\.0\)"):
        services.version_finalize_by_college(
            actor=world.users["ambtenaar"],
            version=old,
            decided_on=datetime.date(2026, 1, 5),
            number="B&W 2026-001",
            confirmed=True,
        )
    assert ReportVersion.objects.filter(project=project, major=2).count() == 0


def test_a_version_the_raad_decided_on_says_so_instead_of_a_decision_to_come(world):
    from kernbeleid.workflow.models import RaadDecision
    from reports.models import Publication

    project = world.project
    concept = stored_version(project, document="kadernota", minor=2)
    pending = stored_version(project, document="kadernota", minor=3)
    decision = RaadDecision.objects.create(
        project=project,
        step=9,
        date=datetime.date(2026, 4, 9),
        number="RB 2026-057",
        outcome="geamendeerd",
    )
    for version, decided in ((concept, decision), (pending, None)):
        Publication.objects.create(
            version=version,
            audience="raad",
            purpose="besluitvorming",
            decision_step=9,
            decision=decided,
            step=9,
        )
    client = world.client("raadslid")

    page = client.get(reports_url(project, "version", version_uuid=concept.uuid)).content.decode()
    assert (
        "De raad besloot erover op 9 april 2026: raadsbesluit RB 2026-057, "
        "aangenomen met amendementen." in page
    )
    assert "De raad besluit erover in stap 9" not in page
    page = client.get(reports_url(project, "version", version_uuid=pending.uuid)).content.decode()
    assert "De raad besluit erover in stap 9." in page
    overview = client.get(reports_url(project, "overview")).content.decode()
    assert "besloten op 9 april 2026 (RB 2026-057, aangenomen met amendementen)" in overview


def test_the_timeline_writes_a_rib_without_outcome_and_step_11_as_controle(world):
    from django.urls import reverse

    from kernbeleid.workflow.models import CollegeBesluit, RaadDecision, RaadKennisname

    project = world.project
    RaadDecision.objects.create(
        project=project,
        step=1,
        kind="raadsinformatiebrief",
        date=datetime.date(2025, 7, 3),
        number="RIB 2025-041",
    )
    besluit = CollegeBesluit.objects.create(
        project=project, year=2027, date=datetime.date(2026, 6, 2), number="B&W 2026-014"
    )
    RaadKennisname.objects.create(
        project=project, college_besluit=besluit, kind="commissie", date=datetime.date(2026, 7, 2)
    )
    CollegeBesluit.objects.create(
        project=project, year=2028, date=datetime.date(2027, 6, 1), number="B&W 2027-020"
    )
    url = reverse("kernbeleid:timeline", args=[project.gemeente.slug, project.uuid])

    page = world.client("ambtenaar").get(url).content.decode()
    assert "3 juli 2025 raadsinformatiebrief RIB 2025-041</td>" in page
    assert "RIB 2025-041:" not in page
    assert (
        "2 juni 2026 collegebesluit B&amp;W 2026-014<br>2 juli 2026 kennisname door de raad<br>"
        "1 juni 2027 collegebesluit B&amp;W 2027-020<br>kennisname door de raad nog niet "
        "vastgelegd</td>" in page
    )
    # Partners have no part in the raad's controle: the timeline names no collegebesluit.
    assert "B&amp;W 2026-014" not in world.client("partner").get(url).content.decode()


def test_the_hint_for_readers_is_shown_to_readers_only(world):
    from reports.models import Publication

    project = world.project
    version = stored_version(project, document="analyse", minor=1)
    Publication.objects.create(version=version, audience="raad", purpose="informatie", step=3)
    url = reports_url(project, "version", version_uuid=version.uuid)
    hint = "Leest u mee als raadslid of partner?"

    assert hint in world.client("raadslid").get(url).content.decode()
    assert hint not in world.client("ambtenaar").get(url).content.decode()


def test_the_project_page_tells_an_editor_what_the_raad_decided_and_vastgesteld(world):
    from django.urls import reverse

    from kernbeleid.workflow.models import CollegeBesluit, RaadDecision

    project = world.project
    RaadDecision.objects.create(
        project=project,
        step=1,
        kind="raadsinformatiebrief",
        date=datetime.date(2025, 7, 3),
        number="RIB 2025-041",
    )
    old = RaadDecision.objects.create(
        project=project,
        step=9,
        date=datetime.date(2026, 3, 5),
        number="RB 2026-020",
        outcome="verworpen",
        superseded_at=datetime.datetime(2026, 3, 6, tzinfo=datetime.UTC),
    )
    decision = RaadDecision.objects.create(
        project=project,
        step=9,
        date=datetime.date(2026, 4, 9),
        number="RB 2026-057",
        outcome="geamendeerd",
    )
    final = stored_version(
        project, document="kadernota", major=1, minor=0, finalized_as="raad", decision=decision
    )
    CollegeBesluit.objects.create(
        project=project, year=2027, date=datetime.date(2026, 6, 2), number="B&W 2026-014"
    )
    url = reverse("projects:project_home", args=[project.gemeente.slug, project.uuid])

    page = world.client("ambtenaar").get(url).content.decode()

    final_url = reports_url(project, "version", version_uuid=final.uuid)
    assert (
        "<li>Stap 1 (raadsuitspraak en startnotitie): 3 juli 2025 raadsinformatiebrief "
        "RIB 2025-041.</li>" in page
    )
    assert (
        "<li>Stap 9 (vaststelling kadernota door de raad): 9 april 2026 raadsbesluit RB 2026-057, "
        f'aangenomen met amendementen; vastgesteld: <a href="{final_url}">Kadernota integrale '
        "veiligheid vastgesteld 1.0</a>.</li>" in page
    )
    assert old.number not in page  # superseded: the traject page shows it, marked so
    assert (
        "<li>Uitvoeringsprogramma 2027: collegebesluit B&amp;W 2026-014 van 2 juni 2026; "
        "de raad heeft nog geen kennis genomen.</li>" in page
    )


def test_an_analysis_only_traject_page_offers_nothing_of_the_whole_traject(world):
    from django.urls import reverse

    from tests.factories import ProjectFactory

    analysis = ProjectFactory(gemeente=world.gemeente, analyse_only=True)
    client = world.client("ambtenaar")

    def page(project):
        url = reverse("kernbeleid:timeline", args=[project.gemeente.slug, project.uuid])
        return client.get(url).content.decode()

    text = page(analysis)
    assert "Stap 1: Opdracht en afgesproken opzet\n" in text
    assert "Stap 4: Veiligheidsanalyse opstellen en opleveren\n" in text
    assert "Terug naar een eerdere stap" not in text  # step 1: nothing earlier on the route
    for absent in (
        "Stap 2: Samenstelling werkgroep",
        "Raadsuitspraak en startnotitie",
        "Kadernota en doelen (7)",
        "Besluiten van de raad en moties",
        "Route opslaan",
        "Besluiten en controle",
    ):
        assert absent not in text, absent
    whole = page(world.project)  # the whole traject keeps all of it
    assert "Kadernota en doelen (7)" in whole and "Route opslaan" in whole
    assert "Stap 2: Samenstelling werkgroep\n" in whole


def test_the_comparison_starts_from_the_newest_version_and_its_own_predecessor(world):
    project = world.project
    kadernota_1 = stored_version(project, document="kadernota", minor=1)
    analyse_2 = stored_version(project, document="analyse", minor=2)
    stored_version(project, document="kadernota", minor=3)  # listed first: -major, -minor

    page = world.client("ambtenaar").get(reports_url(project, "overview")).content.decode()

    # Kadernota 0.3 against kadernota 0.1, not against the analyse 0.2 listed second.
    assert f'<option value="{kadernota_1.uuid}" selected>' in page
    assert f'<option value="{analyse_2.uuid}" selected>' not in page


def test_the_publish_page_says_when_a_version_was_published_already(world):
    from reports.models import Publication

    project = world.project
    version = stored_version(project, document="analyse", minor=1)
    publication = Publication.objects.create(
        version=version, audience="werkgroep", purpose="informatie", step=3
    )
    Publication.objects.filter(pk=publication.pk).update(
        published_at=datetime.datetime(2026, 3, 12, 10, tzinfo=datetime.UTC)
    )
    url = reports_url(project, "publish", version_uuid=version.uuid)

    page = world.client("ambtenaar").get(url).content.decode()

    assert "<li>Ter informatie voor de werkgroep, op 12 maart 2026</li>" in page


@pytest.mark.django_db
def test_the_demo_reports_carry_no_placeholder_and_name_people_not_addresses(settings, tmp_path):
    import json
    import re

    from django.core.management import call_command

    settings.VAR_DIR = tmp_path  # the synthetic survey files
    call_command("load_demo", verbosity=0)
    call_command("load_demo_survey", verbosity=0)
    call_command("load_demo_traject", verbosity=0)

    versions = list(ReportVersion.objects.all())
    # Almere: 2 + 3 + the two-year update of the analysis with its besloten bijlage (issue
    # 14, projects/demo_confidential.py); Amsterdam's commission: 2; issue 16: Almere's
    # uitvoeringsprogramma 2027 (concept and vastgesteld), voortgangsrapportage 2027 and the
    # raadsvoorstel of step 9; issue 19: the Heuvelland joint plan's analysis for the raden.
    assert len(versions) == 13
    for version in versions:
        text = json.dumps(version.snapshot, ensure_ascii=False)
        assert not re.findall(r"\{[a-z_]+\}", text), version  # e.g. "de rest van {gemeente}"
    from reports.models import ReviewComment

    labels = set(ReviewComment.objects.values_list("author_label", flat=True))
    assert labels and not any("@" in label for label in labels), labels  # names, as comment_add
    assert "Anne Adviseur (adviseur, Veilig Advies B.V.)" in labels
    final = ReportVersion.objects.get(
        project__gemeente__slug="almere", document="kadernota", major=1
    )
    assert "in de rest van Almere." in json.dumps(final.snapshot, ensure_ascii=False)
    text = json.dumps(final.snapshot, ensure_ascii=False)
    # The kadernota says what it sets and for which years (reports.kadernota_sections).
    assert (
        "Deze kadernota legt vast welke veiligheidsdoelen Almere in de jaren 2027 tot en met "
        "2030 nastreeft, en waarom."
    ) in text
    assert "in totaal" not in text
    assert "Almere van gemeente Almere" not in text
    analysis = (
        ReportVersion.objects.filter(project__gemeente__slug="almere", document="analyse")
        .order_by("-major", "-minor")
        .first()
    )
    text = json.dumps(analysis.snapshot, ensure_ascii=False)
    # Per edition (the demo's 5.000 each), never a total that counts the gemeente three times.
    assert (
        "De analyse steunt op de Veiligheidsmonitor van 2019 (5.000 respondenten), "
        "2021 (5.000) en 2023 (5.000)."
    ) in text
    assert "in totaal" not in text
    assert "Almere van gemeente Almere" not in text


def test_the_audit_log_names_what_changed_in_dutch(world):
    from django.urls import reverse

    project = world.project
    version = stored_version(project, document="analyse", minor=1)
    services.comment_add(
        actor=world.users["ambtenaar"], version=version, section_key="samenvatting", body="Vraag"
    )
    url = reverse("projects:project_audit", args=[project.gemeente.slug, project.uuid])

    page = world.client("ambtenaar").get(url).content.decode()

    assert "<td>reactie: " in page
    assert "review comment" not in page
