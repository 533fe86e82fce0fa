"""Issue 12 in the browser: the ambtenaar puts the veiligheidsanalyse before the werkgroep ter
consultatie at step 3 and before the raad ter besluitvorming at step 5; the partner and the
raadslid each read only what was sent to them, and the step 5 raadsbesluit names the version
it decided on. Every page each of them sees is checked with axe."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from kernbeleid.constants import Outcome
from kernbeleid.models import RaadDecision
from kernbeleid.workflow.services import traject_ensure
from projects.demo import demo_load
from projects.models import Project
from reports.constants import Audience, PublicationPurpose
from reports.models import Publication, ReportVersion, ReviewComment
from tests.factories import fulfil_step, gemeente

from .test_personas import assert_accessible
from .test_traject import login_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The analysis text the werkgroep reads ter consultatie (concept 0.1), the reworked text the
# raad decides on (concept 0.2), and a later live draft that nobody was sent.
CONSULTED_TEXT = "Woninginbraken in Almere Haven nemen toe."
DECIDED_TEXT = "Woninginbraken in Almere Haven en Almere Poort nemen toe."
DRAFT_MARKER = "Ongedeeld concept: cameratoezicht Stadhuisplein."


def _knelpunten(project, text: str) -> None:
    AnalysisTheme.objects.filter(field__project=project, code="1.3").update(
        knelpunten=f"<p>{text}</p>"
    )


def _move_on(project, *, done: range, step: int) -> None:
    """The work of the steps `done` in the data (with the step 1 raadsbesluit adopted), the
    steps before `step` completed, and `step` started three days ago, so that a decision
    dated today is allowed."""
    traject_ensure(project=project)
    for number in done:
        fulfil_step(project, number)
    if not RaadDecision.objects.filter(project=project, step=1).exists():
        RaadDecision.objects.create(
            project=project,
            step=1,
            date=timezone.localdate() - timedelta(days=30),
            number="2026-RB-014",
            outcome=Outcome.AANGENOMEN,
        )
    now = timezone.now()
    project.step_records.filter(step__lt=step).update(
        completed_at=now - timedelta(days=4), started_at=now - timedelta(days=40)
    )
    project.step_records.filter(step=step).update(
        started_at=now - timedelta(days=3), completed_at=None
    )
    project.current_step = step
    project.save()


def _make_analysis_version(page, live_server, base) -> ReportVersion:
    page.goto(live_server.url + reverse("reports:overview", kwargs=base))
    page.locator("#id_document").select_option("analyse")
    page.locator("#id_format").select_option("pdf")
    page.get_by_role("button", name="Maken").click()
    page.get_by_text("Het document is klaar").wait_for()
    return ReportVersion.objects.filter(document="analyse").latest("created_at")


def _publish(page, live_server, base, version, *, audience: str, purpose: str, closes_on=None):
    page.goto(live_server.url + reverse("reports:overview", kwargs=base))
    page.get_by_role("link", name=f"Publiceren Veiligheidsanalyse {version.label}").click()
    page.get_by_label(audience, exact=True).check()
    page.get_by_label(purpose, exact=True).check()
    if closes_on is not None:
        page.get_by_label("Vragen mogelijk tot en met").fill(closes_on.isoformat())


def test_consultation_at_step_3_and_the_raad_decides_at_step_5(
    live_server, page, browser, screenshot_dir, mailoutbox
):
    gemeente("GM0034")
    demo_load()
    project = Project.objects.get(name="Integraal Veiligheidsplan 2027-2030 Almere")
    va_services.analysis_ensure(project=project)
    _knelpunten(project, CONSULTED_TEXT)
    _move_on(project, done=range(1, 3), step=3)
    base = {"gemeente_slug": "almere", "project_uuid": project.uuid}
    url = lambda name, **kw: live_server.url + reverse(name, kwargs=base | kw)  # noqa: E731
    today = timezone.localdate()
    closes_on = today + timedelta(days=14)

    # 1. The ambtenaar makes concept 0.1 and puts it before the werkgroep ter consultatie.
    login_demo(page, live_server, "ambtenaar@almere.demo.nl")
    consulted = _make_analysis_version(page, live_server, base)
    assert consulted.label == "concept 0.1"
    page.goto(url("reports:overview"))
    assert_accessible(page, "walk-ambtenaar-rapporten", screenshot_dir)
    _publish(
        page,
        live_server,
        base,
        consulted,
        audience="de werkgroep",
        purpose="ter consultatie",
        closes_on=closes_on,
    )
    assert_accessible(page, "walk-ambtenaar-publiceren", screenshot_dir)
    page.get_by_role("button", name="Publiceren").click()
    page.get_by_text("concept 0.1 is gepubliceerd ter consultatie voor de werkgroep").wait_for()
    consultation = Publication.objects.get(version=consulted)
    assert (consultation.audience, consultation.purpose) == (
        Audience.WERKGROEP,
        PublicationPurpose.CONSULTATIE,
    )
    assert (consultation.closes_on, consultation.step, consultation.decision_step) == (
        closes_on,
        3,
        None,
    )
    # The werkgroep (the demo's one partner) is told, with the closing date.
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (
            ["partner@almere.demo.nl"],
            "Veiligheidsanalyse concept 0.1 ter consultatie – gemeente Almere",
        )
    ]
    assert f"tot en met {WEEKDAYS[closes_on.weekday()]} {_long(closes_on)}" in mailoutbox[0].body
    # The live analysis moves on after the version was sent: nobody was sent this draft.
    _knelpunten(project, DRAFT_MARKER)

    # 2. The partner reads concept 0.1 and asks about a section; the live draft is not theirs.
    partner_context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    partner = partner_context.new_page()
    login_demo(partner, live_server, "partner@almere.demo.nl")
    partner.goto(live_server.url + project.get_absolute_url())
    row = partner.get_by_role("row", name="Veiligheidsanalyse concept 0.1")
    assert row.get_by_role("cell").all_inner_texts() == [
        "ter consultatie",
        _long(today),
        _long(closes_on),
    ]
    assert DRAFT_MARKER not in partner.content()
    assert_accessible(partner, "walk-partner-project", screenshot_dir)
    row.get_by_role("link", name="Veiligheidsanalyse concept 0.1").click()
    partner.get_by_text(CONSULTED_TEXT).wait_for()
    assert partner.get_by_text("Ter consultatie", exact=True).count() == 1
    section = partner.locator("section#thema-1\\.3")
    section.get_by_text("Vraag stellen of opmerking maken").click()
    section.get_by_role("textbox").fill("Geldt dit ook voor de bedrijventerreinen?")
    section.get_by_role("button", name="Plaatsen").click()
    partner.get_by_text("Uw bericht is geplaatst").wait_for()
    assert (
        partner.locator("section#thema-1\\.3")
        .get_by_text("Geldt dit ook voor de bedrijventerreinen?")
        .is_visible()
    )
    assert DRAFT_MARKER not in partner.content()
    assert_accessible(partner, "walk-partner-versie", screenshot_dir)
    question = ReviewComment.objects.get()
    assert (question.version, question.section_key, question.author.email) == (
        consulted,
        "thema-1.3",
        "partner@almere.demo.nl",
    )
    refused = partner.goto(url("analysis:va_overview"))
    assert refused.status == 403
    assert partner.get_by_role("heading", name="Dit mag u niet doen").is_visible()
    assert DRAFT_MARKER not in partner.content() and CONSULTED_TEXT not in partner.content()
    partner_context.close()

    # 3. After steps 3 and 4 the reworked analysis goes to the raad ter besluitvorming, and the
    # ambtenaar records the step 5 raadsbesluit on the traject page.
    _move_on(project, done=range(3, 5), step=5)
    _knelpunten(project, DECIDED_TEXT)
    decided = _make_analysis_version(page, live_server, base)
    assert decided.label == "concept 0.2"
    _publish(
        page,
        live_server,
        base,
        decided,
        audience="de raad",
        purpose="ter besluitvorming",
    )
    page.get_by_role("button", name="Publiceren").click()
    page.get_by_text("concept 0.2 is gepubliceerd ter besluitvorming voor de raad").wait_for()
    put_to_raad = Publication.objects.get(version=decided)
    assert (put_to_raad.audience, put_to_raad.purpose, put_to_raad.decision_step) == (
        Audience.RAAD,
        PublicationPurpose.BESLUITVORMING,
        5,
    )
    assert put_to_raad.decision is None
    assert [(m.to, m.subject) for m in mailoutbox[1:]] == [
        (
            ["raadslid@almere.demo.nl"],
            "Veiligheidsanalyse concept 0.2 ter besluitvorming – gemeente Almere",
        )
    ]
    page.goto(url("kernbeleid:timeline"))
    page.get_by_text("Ter besluitvorming aan de raad voorgelegd: Veiligheidsanalyse").wait_for()
    page.get_by_label("Datum van de raadsvergadering").fill(today.isoformat())
    page.get_by_label("Besluitnummer of kenmerk").fill("2027-RB-003")
    page.get_by_label("aangenomen", exact=True).check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Raadsbesluit 2027-RB-003 is vastgelegd (aangenomen).").wait_for()
    decision = RaadDecision.objects.get(project=project, step=5)
    assert (decision.number, decision.outcome, decision.date) == (
        "2027-RB-003",
        Outcome.AANGENOMEN,
        today,
    )
    put_to_raad.refresh_from_db()
    consultation.refresh_from_db()
    assert put_to_raad.decision == decision and consultation.decision is None
    project.refresh_from_db()
    assert project.current_step == 6
    decisions = page.locator("section", has=page.locator("#kop-besluiten"))
    decided_item = decisions.locator("li", has_text="2027-RB-003")
    assert "Raadsbesluit 2027-RB-003 van" in decided_item.inner_text()
    decided_item.get_by_text(f"Besloten over: {decided}").wait_for()
    assert_accessible(page, "walk-ambtenaar-traject", screenshot_dir)

    # 4. The raadslid sees the raad's publication and decision, not the werkgroep's
    # consultation and not the live pages.
    raad_context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    raadslid = raad_context.new_page()
    login_demo(raadslid, live_server, "raadslid@almere.demo.nl")
    raadslid.goto(live_server.url + project.get_absolute_url())
    published = raadslid.locator("section", has=raadslid.locator("#kop-gepubliceerd"))
    assert published.get_by_role("row").all_inner_texts()[1:] == [
        f"Veiligheidsanalyse concept 0.2\tter besluitvorming\t{_long(today)}\t–"
    ]
    assert "concept 0.1" not in raadslid.content()
    assert "ter consultatie" not in raadslid.content()
    besluit = raadslid.locator("li", has_text="Raadsbesluit 2027-RB-003")
    assert "aangenomen" in besluit.inner_text()
    assert_accessible(raadslid, "walk-raadslid-project", screenshot_dir)
    besluit.get_by_role("link", name=str(decided)).click()
    raadslid.get_by_text(DECIDED_TEXT).wait_for()
    assert raadslid.get_by_text("Ter besluitvorming", exact=True).count() == 1
    assert "ter consultatie" not in raadslid.content().lower()
    assert DRAFT_MARKER not in raadslid.content()
    assert_accessible(raadslid, "walk-raadslid-versie", screenshot_dir)
    assert raadslid.goto(url("reports:version", version_uuid=consulted.uuid)).status == 404
    assert CONSULTED_TEXT not in raadslid.content()
    assert_accessible(raadslid, "walk-raadslid-geen-consultatie", screenshot_dir)
    for name in ("kernbeleid:timeline", "analysis:va_overview"):
        assert raadslid.goto(url(name)).status == 403, name
        assert raadslid.get_by_role("heading", name="Dit mag u niet doen").is_visible()
        assert DRAFT_MARKER not in raadslid.content()
        assert_accessible(raadslid, f"walk-raadslid-geweigerd-{name.split(':')[1]}", screenshot_dir)
    raad_context.close()

    # The partner still reads concept 0.1 only: what went to the raad was not sent to them.
    partner_context = browser.new_context(locale="nl-NL")
    partner = partner_context.new_page()
    login_demo(partner, live_server, "partner@almere.demo.nl")
    partner.goto(live_server.url + project.get_absolute_url())
    published = partner.locator("section", has=partner.locator("#kop-gepubliceerd"))
    assert published.get_by_role("row").all_inner_texts()[1:] == [
        f"Veiligheidsanalyse concept 0.1\tter consultatie\t{_long(today)}\t{_long(closes_on)}"
    ]
    assert partner.goto(url("reports:version", version_uuid=decided.uuid)).status == 404
    assert DECIDED_TEXT not in partner.content()
    partner_context.close()


WEEKDAYS = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"


def _month(day) -> str:
    return MONTHS.split()[day.month - 1]


def _long(day) -> str:
    return f"{day.day} {_month(day)} {day.year}"
