"""A user field must never act in another user's browser or restyle a document.

The attack that worked: a priority reasoning holding an htmx element that, once the adviseur
opened the report version, POSTed to another gemeente's member page and made the attacker
adviseur there; a <style> in the same field hid the whole PDF. Here that payload goes into
every field of the registry (`projects.user_text`), straight into the database (as stored
before any sanitiser fix), and then every page the demo people can reach, the PDF's HTML, the
PDF itself and the Word file are checked.
"""

import io
import re
import zipfile
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import models

from projects.user_text import NOT_USER_TEXT, USER_TEXT_FIELDS

OUR_APPS = ("accounts", "projects", "analysis", "kernbeleid", "reports")
# The exact payload of the report, with the victim gemeente's slug and a marker per field.
FULL_PAYLOAD = (
    '<div hx-post="/g/almere/leden/" hx-trigger="load" '
    'hx-vals=\'{{"email": "{mark}@aanvaller.nl", "role": "adviseur"}}\'>{mark}</div>'
    "<style>body *{{display:none!important}} /* {mark} */</style>"
    '<img src="x" onerror="{mark}"><script>{mark}()</script>'
)
# For short columns (PostgreSQL enforces the length): still an element that would act.
SHORT_PAYLOAD = "<i hx-get=/{mark} hx-trigger=load>{mark}</i>"
# Attributes that make an element act or restyle, and elements whose content does.
ACTIVE_ATTRIBUTE = re.compile(r"^(?:data-)?hx-|^on|^style$|^srcdoc$|^formaction$")
ACTIVE_ELEMENTS = {"style", "script", "iframe", "object", "embed", "base", "link", "meta", "form"}
RAW_TEXT_ELEMENTS = {"style", "script"}  # their text is applied or run, not shown


def _text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                if not field.choices:
                    yield f"{model._meta.label}.{field.name}", model, field


def test_every_text_field_says_whether_a_user_writes_it():
    found = {label for label, _, _ in _text_fields()}
    listed = set(USER_TEXT_FIELDS) | set(NOT_USER_TEXT)
    assert not found - listed, "Add these fields to projects/user_text.py"
    assert not listed - found, "These entries of projects/user_text.py name no field"
    assert not set(USER_TEXT_FIELDS) & set(NOT_USER_TEXT)


# --------------------------------------------------------------------------- the world


def _marks():
    return {label: f"xss{index:03d}" for index, label in enumerate(sorted(USER_TEXT_FIELDS))}


def _payload(field, mark: str) -> str:
    text = FULL_PAYLOAD.format(mark=mark)
    if field.max_length and len(text) > field.max_length - 10:  # room for a unique suffix
        text = SHORT_PAYLOAD.format(mark=mark)
    assert not field.max_length or len(text) <= field.max_length, field
    return text


def _rows_for_every_model(project):
    """One row of every model the demo leaves empty, so every field has something to show."""
    from analysis.models import MappingTemplate, ThemeRevision, WijkMap
    from kernbeleid.constants import (
        ActionStatus,
        BeleidsvraagGroup,
        KadernotaSection,
        Organisation,
        Outcome,
        Verdict,
    )
    from kernbeleid.models import (
        Action,
        ActionProgress,
        BeleidsvraagAnswer,
        DraagvlakResponse,
        Goal,
        Kadernota,
        Meeting,
        RaadDecision,
        Startnotitie,
        StepTransition,
        WerkgroepMember,
    )
    from reports.models import RenderRun, WordTemplate

    theme = project.analysis_fields.get(code="1").themes.order_by("code").first()
    theme.proposed_priority = True
    theme.save()
    StepTransition.objects.create(project=project, from_step=2, to_step=1, reason="x")
    RaadDecision.objects.create(
        project=project,
        step=1,
        date=date(2026, 1, 1),
        number="x",
        outcome=Outcome.AANGENOMEN,
        document=ContentFile(b"%PDF-1.4", name="besluit.pdf"),
    )
    Startnotitie.objects.create(project=project)
    WerkgroepMember.objects.create(project=project, name="x", organisation=Organisation.POLITIE)
    Meeting.objects.create(project=project, date=date(2026, 2, 1), title="x")
    BeleidsvraagAnswer.objects.create(
        project=project, group=BeleidsvraagGroup.ANALYSE, question="x"
    )
    Kadernota.objects.create(project=project)
    indicator = project.editions.first().results.first().indicator
    goal = Goal.objects.create(
        project=project, theme=theme, indicator=indicator, description="x", target_year=2027
    )
    DraagvlakResponse.objects.create(
        project=project,
        organisation=Organisation.POLITIE,
        section=KadernotaSection.VISIE,
        verdict=Verdict.AKKOORD,
    )
    action = Action.objects.create(
        project=project, goal=goal, year=project.period_start, title="x", owner="x"
    )
    ActionProgress.objects.create(
        action=action, year=project.period_start, text="x", status=ActionStatus.LOPEND
    )
    MappingTemplate.objects.create(name="x", mapping={}, gemeente=project.gemeente)
    WijkMap.objects.create(
        gemeente=project.gemeente,
        file=ContentFile(b'{"type": "FeatureCollection", "features": []}', name="w.geojson"),
        code_property="x",
        name_property="x",
    )
    ThemeRevision.objects.create(theme=theme, version=1, texts={}, author_label="x", note="x")
    from kernbeleid.models import OwnSeries, OwnSeriesPoint  # issue 15: own registrations

    series = OwnSeries.objects.create(gemeente=project.gemeente, name="x", source="x")
    OwnSeriesPoint.objects.create(series=series, year=2024, value=1.0)
    Goal.objects.create(
        project=project, theme=theme, description="x", source_kind="own", own_series=series
    )
    WordTemplate.objects.create(
        gemeente=project.gemeente, file=ContentFile(b"x", name="t.docx"), original_name="x"
    )
    # Issue 16: the documents of the cycle.
    from kernbeleid.models import Actualisatie, PriorityChange, Raadsvoorstel, YearTexts

    for document in ("uitvoeringsprogramma", "voortgang"):
        YearTexts.objects.create(project=project, document=document, year=project.period_start)
    Raadsvoorstel.objects.create(project=project, occasion="9")
    actualisatie = Actualisatie.objects.create(project=project)
    PriorityChange.objects.create(actualisatie=actualisatie, theme=theme, change="changed")
    return RenderRun


def _poison(project):
    """Every registered field of every row in reach gets the payload with its own marker."""
    marks = _marks()
    for label in USER_TEXT_FIELDS:
        app_model, name = label.rsplit(".", 1)
        model = apps.get_model(app_model)
        field = model._meta.get_field(name)
        for pk in model.objects.values_list("pk", flat=True):
            value = _payload(field, marks[label]) + (f"{pk}" if field.unique else "")
            model.objects.filter(pk=pk).update(**{name: value})
    return marks


@pytest.fixture
def poisoned(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)
    call_command("load_demo_survey", verbosity=0)
    from accounts.models import User
    from projects.models import Project
    from reports.constants import Audience, DocumentKind
    from reports.models import Publication, ReviewComment
    from reports.services import version_for

    project = Project.objects.get(gemeente__slug="amsterdam")
    users = {u.email: u for u in User.objects.all()}  # before their e-mail is poisoned too
    _rows_for_every_model(project)
    marks = _poison(project)
    project.refresh_from_db()
    parts = {"uitvoeringsprogramma": str(project.period_start), "raadsvoorstel": "9"}
    parts["voortgang"] = parts["uitvoeringsprogramma"]
    versions = [
        version_for(
            actor=users["ambtenaar@amsterdam.demo.nl"],
            project=project,
            document=document,
            part=parts.get(document, ""),
        )
        for document in DocumentKind.values
    ]
    for version in versions:
        Publication.objects.create(
            version=version, audience=Audience.RAAD, step=project.current_step
        )
        ReviewComment.objects.create(
            version=version,
            section_key=version.snapshot["sections"][0]["key"],
            author=users["raadslid@amsterdam.demo.nl"],
            author_label="x",
            body="x",
        )
    _poison(project)  # the comments and the version's structure name too
    return project, versions, marks, users


# --------------------------------------------------------------------------- the checks


class _ActiveMarkup(HTMLParser):
    """Collects elements and attributes that would act or restyle and carry a marker."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.open_active: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "meta" and dict(attrs).get("name") == "csrf-token":
            # Our random token, not user text; about one page in 4,000 has "xss" in it by
            # chance, which made the crawl fail now and then.
            return
        for name, value in attrs:
            if ACTIVE_ATTRIBUTE.search(name) and "xss" in (value or ""):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ACTIVE_ELEMENTS:
            if tag in RAW_TEXT_ELEMENTS:
                self.open_active.append(tag)
            if any("xss" in (value or "") for _, value in attrs):
                self.found.append(f"<{tag} {attrs}>")

    def handle_endtag(self, tag):
        if self.open_active and self.open_active[-1] == tag:
            self.open_active.pop()

    def handle_data(self, data):
        if self.open_active and "xss" in data:
            self.found.append(f"<{self.open_active[-1]}>{data[:60]}")


def active_markup(html: str) -> list[str]:
    parser = _ActiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def _which(found: list[str], marks: dict[str, str]) -> set[str]:
    by_mark = {mark: label for label, mark in marks.items()}
    return {by_mark.get(m, m) for item in found for m in re.findall(r"xss\d{3}", item)}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def _crawl(client, start: list[str], limit: int = 400) -> dict[str, str]:
    """Every HTML page reachable by links from `start` on this site (GET only)."""
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = ""
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        seen[url] = html
        parser = _Links()
        parser.feed(html)
        for href in parser.links:
            parts = urlsplit(urljoin(url, href))
            if parts.netloc or not parts.path.startswith(("/g/", "/account")):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                queue.append(target)
    return seen


@pytest.mark.parametrize("email", ["adviseur@veilig-advies.nl", "raadslid@amsterdam.demo.nl"])
def test_no_page_lets_a_user_field_act(poisoned, client, email):
    project, versions, marks, users = poisoned
    client.force_login(users[email])
    pages = _crawl(client, ["/", f"/g/{project.gemeente.slug}/"])
    version_pages = [url for url in pages if str(versions[0].uuid) in url]
    assert version_pages, "the crawl must reach the published report version"
    # Readers reach only what was published to them (tests/security/test_reader_content.py).
    assert len([html for html in pages.values() if html]) > (20 if "adviseur" in email else 5)
    offenders = {
        url: sorted(_which(found, marks))
        for url, html in pages.items()
        if html and (found := active_markup(html))
    }
    assert offenders == {}
    # The payload was shown, as text, on the version page: the crawl did see the fields.
    assert "xss" in pages[version_pages[0]]


def test_report_html_pdf_and_docx_keep_their_styles(poisoned):
    from reports import docx as report_docx
    from reports import pdf as report_pdf

    project, versions, marks, _ = poisoned
    for version in versions:
        html = report_pdf.build_html(version.snapshot)
        assert _which(active_markup(html), marks) == set()
        assert html.count("<style") == 2  # the print stylesheet and the house colours only
    analysis = versions[0]
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(report_pdf.render_pdf(analysis.snapshot)))
    text = "".join(page.extract_text() for page in reader.pages)
    # Not hidden: the headings and the user's text (as text) are in the PDF.
    assert analysis.snapshot["sections"][0]["title"] in text
    assert "Voorgestelde prioriteiten" in text
    assert re.search(r"xss\d{3}", text)

    document = report_docx.render_docx(analysis.snapshot)
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        for name in archive.namelist():
            part = archive.read(name).decode("utf-8", "replace")
            assert 'TargetMode="External"' not in part or "xss" not in part, name
            assert "<style" not in part, name  # only ever as escaped text (&lt;style)


def test_house_colour_cannot_inject_css(db):
    from reports import pdf as report_pdf
    from tests.reports.snapshots import stored_print_sample as make_snapshot

    snapshot = make_snapshot()
    snapshot["gemeente"]["house_colour"] = "#fff;}body *{display:none}"
    html = report_pdf.build_html(snapshot)
    assert "display:none}" not in html.replace(" ", "")
