"""A project with a full unpublished draft, two published versions, and the tools to read
every page and file a reader reaches (tests/security/test_reader_content.py).

The draft carries MARKER in every text field a user types (projects.user_text), written after
the versions were published, so any page or file that shows it shows live draft text.
"""

import io
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps

from projects.user_text import USER_TEXT_FIELDS, Shown

MARKER = "ONGEPUBLICEERD-7f3a"

# Fields readers may see today, so they keep their value: what was sent to them, who they
# are, and the raad's own record. Every other user-typed field is draft text (fails closed:
# a new field is draft until someone decides otherwise here).
READER_VISIBLE = {
    "accounts.User.email": "people are shown by name or address (members, comments)",
    "accounts.User.full_name": "people are shown by name (members, comments)",
    "projects.Bureau.name": "the bureau that serves the gemeente, on the members page",
    "projects.PoliceUnit.name": "reference data about the gemeente",
    "projects.Membership.organisation": "the members page names each member's organisation",
    "projects.Project.name": "the reader's project page and the portfolio",
    "reports.ReportVersion.structure_name": "part of the published version",
    "reports.RenderRun.message": "the state of a published version's file",
    "reports.ReviewComment.author_label": "questions and answers on a published version",
    "reports.ReviewComment.body": "questions and answers on a published version",
    "reports.Publication.note": "the covering note the readers were sent with it",
    "kernbeleid.RaadDecision.number": "the raad's own decision, on the raadsleden's page",
    "kernbeleid.RaadDecision.notes": "what the raad decided or rejected, on the raadsleden's page",
    "kernbeleid.RaadDecision.superseded_reason": "why a raad decision no longer stands",
    "kernbeleid.Amendment.number": "the raad's own amendementen, with its decision",
    "kernbeleid.Amendment.part": "the raad's own amendementen, with its decision",
    "kernbeleid.Amendment.text": "the raad's own amendementen, with its decision",
    "kernbeleid.Motie.number": "the raad's own moties and how the college follows them up",
    "kernbeleid.Motie.title": "the raad's own moties and how the college follows them up",
    "kernbeleid.Motie.text": "the raad's own moties and how the college follows them up",
    "kernbeleid.Motie.task_owner": "the raad's own moties and how the college follows them up",
    "kernbeleid.Motie.task_done_note": "the raad's own moties and how the college follows them up",
    "kernbeleid.CollegeBesluit.number": "the college's public besluit on the programme (controle)",
    "kernbeleid.RaadKennisname.reference": "the raad's own kennisname (controle)",
    "kernbeleid.RaadKennisname.notes": "the raad's own kennisname (controle)",
    "kernbeleid.ControleVraag.asked_by": "the raad's own questions and the answers (controle)",
    "kernbeleid.ControleVraag.question": "the raad's own questions and the answers (controle)",
    "kernbeleid.ControleVraag.answer": "the raad's own questions and the answers (controle)",
    # Issue 14, partners contribute: what a partner's own input pages (Mijn inbreng) show.
    "analysis.AnalysisField.name": "a partner gives input per theme, named with its field",
    "analysis.AnalysisTheme.name": "a partner gives input per theme, by name only (not marked "
    "vertrouwelijk)",
    "analysis.PartnerInput.signals": "the partner's own input, in their form",
    "analysis.PartnerInput.figures": "the partner's own input, in their form",
    "analysis.PartnerInput.approach": "the partner's own input, in their form",
    "kernbeleid.WerkgroepMember.name": "the partner's own place in the werkgroep",
    "kernbeleid.WerkgroepMember.organisation_name": "the organisation the partner speaks for",
    "kernbeleid.BeleidsvraagAnswer.question": "a beleidsvraag put to the partner",
    "kernbeleid.DraagvlakReaction.text": "the partner's own draagvlak reaction",
}


def draft_fields() -> list[str]:
    return sorted(set(USER_TEXT_FIELDS) - set(READER_VISIBLE))


def poison_drafts() -> int:
    """Write MARKER into every draft field of every row; returns how many values it wrote."""
    written = 0
    for label in draft_fields():
        app_model, name = label.rsplit(".", 1)
        model = apps.get_model(app_model)
        for pk in model.objects.values_list("pk", flat=True):
            value = f"{MARKER}-{pk}"  # unique per row, short enough for every column
            if USER_TEXT_FIELDS[label] == Shown.RICH:
                value = f"<p>{value}</p>"
            written += model.objects.filter(pk=pk).update(**{name: value})
    return written


@dataclass
class ReaderWorld:
    project: object
    for_both: object  # the analysis, published to the raad and to the werkgroep
    werkgroep_only: object  # the kadernota, ter consultatie to the werkgroep only
    files: list  # the RenderRuns of the published versions


def consultation_closes_on() -> date:
    """The werkgroep's consultation is still open: a partner may ask a question."""
    return date.today() + timedelta(days=30)


def publish(project, *, render_pdf: bool, django_capture_on_commit_callbacks, actor):
    """Two versions of the live content, published the way the publish service stores them,
    with their PDF and DOCX made in-process."""
    from reports import services
    from reports.constants import Audience, PublicationPurpose
    from reports.models import Publication

    analysis = services.version_for(actor=actor, project=project, document="analyse")
    kadernota = services.version_for(actor=actor, project=project, document="kadernota")
    for audience in (Audience.RAAD, Audience.WERKGROEP):
        Publication.objects.create(
            version=analysis,
            audience=audience,
            purpose=PublicationPurpose.INFORMATIE,
            step=project.current_step,
            published_by=actor,
        )
    Publication.objects.create(
        version=kadernota,
        audience=Audience.WERKGROEP,
        purpose=PublicationPurpose.CONSULTATIE,
        closes_on=consultation_closes_on(),
        step=project.current_step,
        note="Alleen voor de werkgroep-9c2e",
        published_by=actor,
    )
    wanted = [(analysis, "docx"), (kadernota, "docx")]
    if render_pdf:
        wanted.insert(0, (analysis, "pdf"))
    runs = []
    with django_capture_on_commit_callbacks(execute=True):
        for version, fmt in wanted:
            runs.append(services.render_request(actor=actor, version=version, fmt=fmt))
    for run in runs:
        run.refresh_from_db()
        assert run.status == "done", run.message
    return ReaderWorld(project=project, for_both=analysis, werkgroep_only=kadernota, files=runs)


def full_draft(project) -> None:
    """Rows in every draft model (those tests/security/test_user_text.py fills), the priority
    scores in progress, and an action whose deadline would name it on the deadlines page."""
    from analysis.models import AnalysisTheme
    from reports.models import WordTemplate
    from tests.security.test_user_text import _rows_for_every_model

    _rows_for_every_model(project)
    WordTemplate.objects.all().delete()  # a placeholder there, not a Word file: renders need none
    AnalysisTheme.objects.filter(field__project=project).update(
        omvang=4, ernst=5, trend=3, beleving=4, beinvloedbaarheid=2, proposed_priority=True
    )
    project.actions.update(end=date.today() + timedelta(days=30))


# --------------------------------------------------------------------------- reading


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def texts_in(data: bytes) -> list[str]:
    """What a reader could read in a response: the text of a page, of every member of a ZIP
    (DOCX, XLSX), and the extracted text of a PDF (plus its raw bytes, in case extraction
    fails on a broken file)."""
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        raw = data.decode("latin-1")
        try:
            reader = PdfReader(io.BytesIO(data))
            return [raw, *(page.extract_text() for page in reader.pages)]
        except Exception:  # a stored decision document need not be a full PDF here
            return [raw]
    return [data.decode("utf-8", "replace")]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


SKIP = ("/account/uitloggen/", "/static/", "/beheer/")


def crawl(client, start: list[str], limit: int = 150) -> dict[str, tuple[int, bytes]]:
    """GET every same-site page and file reachable by links from `start` (bounded):
    url -> (status, body). Redirects are followed as links."""
    seen: dict[str, tuple[int, bytes]] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIP):
            continue
        response = client.get(url)
        data = body_of(response)
        seen[url] = (response.status_code, data)
        links = []
        if response.status_code in (301, 302):
            links = [response["Location"]]
        elif "text/html" in response.get("Content-Type", ""):
            parser = _Links()
            parser.feed(data.decode("utf-8", "replace"))
            links = parser.links
        for href in links:
            parts = urlsplit(urljoin(url, href))
            if parts.netloc or parts.scheme or not parts.path.startswith("/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                queue.append(target)
    assert len(seen) < limit, "the crawl hit its bound: raise it or look for a link loop"
    return seen
