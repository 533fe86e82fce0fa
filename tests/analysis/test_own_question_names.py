"""A gemeente's own question is shown by its name on every page, never by its code
(issue 11, item 5). A crawl follows the project's links and reads what a user reads: the
text, and the attributes a screen reader speaks (aria-label, title, alt)."""

import json
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

import pytest
from django.urls import reverse

from analysis.figures import compute, services
from analysis.figures.mapping import MappingError, parse_mapping
from analysis.figures.readers import SurveyFileError, read_survey_file
from analysis.models import AnalysisTheme, Indicator
from analysis.narrative import services as va_services
from kernbeleid.products.services import goal_add
from reports import selectors as report_selectors
from reports.snapshot import build_snapshot

from .conftest import MAPPING, csv_upload
from .preview_helpers import store_preview

CODE = "eigen_cam"
NAME = "Voorstander van meer cameratoezicht"
OWN_MAPPING = {
    **MAPPING,
    "indicators": {
        **MAPPING["indicators"],
        CODE: {
            "variable": "onv_alg",
            "kind": "proportion",
            "codes": [1],
            "name": NAME,
            "unit": "percent",
            "direction": "neutral",
        },
    },
}
SPOKEN = {"aria-label", "aria-description", "title", "alt", "placeholder", "aria-valuetext"}
MAX_PAGES = 150


class _Readable(HTMLParser):
    """The text of a page and its spoken attributes; not scripts, URLs, ids or values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in SPOKEN and value:
                self.parts.append(value)
            if tag == "a" and name == "href" and value:
                self.links.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def read(html: str) -> _Readable:
    parser = _Readable()
    parser.feed(html)
    return parser


@pytest.fixture
def own_question(survey_project, world, django_capture_on_commit_callbacks):
    """SMALL imported through the upload page with the own question, plus a goal on it."""
    with django_capture_on_commit_callbacks(execute=True):
        run = services.import_run_start(
            actor=world.users["ambtenaar"],
            project=survey_project,
            kind="survey",
            upload=csv_upload(),
            year=2023,
        )
    run.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_mapping_submit(actor=world.users["ambtenaar"], run=run, mapping=OWN_MAPPING)
    store_preview(world.client("ambtenaar"), world, run)
    assert run.status == "done", run.message
    indicator = Indicator.objects.get(code=CODE, gemeente=world.gemeente)
    va_services.analysis_ensure(project=survey_project)
    theme = AnalysisTheme.objects.get(field__project=survey_project, code="1.4")
    theme.proposed_priority = True
    theme.save()
    goal_add(
        actor=world.users["ambtenaar"],
        project=survey_project,
        theme=theme,
        description="Draagvlak voor camera's",
        indicator=indicator,
        target_value=50,
        target_year=survey_project.period_end,
    )
    return run


def crawl(client, start: list[str], prefix: str) -> dict[str, str]:
    """GET every page under `prefix` reachable from `start` (GET never writes)."""
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            seen[url] = ""
            continue
        html = response.content.decode()
        seen[url] = html
        for link in read(html).links:
            target = urldefrag(link).url
            parsed = urlparse(target)
            history = parsed.path.endswith("/geschiedenis/")  # old texts, no indicators
            if not parsed.netloc and parsed.path.startswith(prefix) and not history:
                queue.append(target)
    return seen


def test_the_own_question_reads_by_its_name_on_every_page(world, own_question):
    project = world.project
    prefix = reverse(
        "projects:project_home",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid},
    )
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
    start = [
        prefix,
        reverse("analysis:overview", kwargs=kwargs),
        reverse("analysis:va_overview", kwargs=kwargs),
        reverse("analysis:import_detail", kwargs={**kwargs, "run_uuid": own_question.uuid}),
        reverse("analysis:va_wijk", kwargs={**kwargs, "code": "WK036300"}),
    ]
    pages = crawl(world.client("adviseur"), start, prefix)
    html_pages = {url: html for url, html in pages.items() if html}
    assert len(html_pages) > 20  # the crawl really went round
    leaks = [
        f"{url}: {' '.join(text[max(0, text.index(CODE) - 60) : text.index(CODE) + 40].split())}"
        for url, html in html_pages.items()
        if CODE in (text := " ".join(read(html).parts))
    ]
    assert not leaks, "\n".join(leaks)
    # The pages that list the own question name it.
    naming = {url for url, html in html_pages.items() if NAME in " ".join(read(html).parts)}
    expected = [
        reverse("analysis:overview", kwargs=kwargs),
        reverse("analysis:indicator", kwargs={**kwargs, "code": CODE}),
        reverse("analysis:va_wijk", kwargs={**kwargs, "code": "WK036300"}),
    ]
    assert set(expected) <= naming, set(expected) - naming
    assert any("/doelen" in url or "goal" in url for url in naming), sorted(naming)


@pytest.mark.parametrize("document", ["analyse", "kadernota"])
def test_the_reports_name_the_own_question(world, own_question, document):
    structure = report_selectors.structure_for(world.project, document)
    text = json.dumps(build_snapshot(world.project, document, structure), ensure_ascii=False)
    assert NAME in text  # the wijk tables (analyse), the goal (kadernota)
    assert CODE not in text


def test_import_messages_name_the_own_question(tmp_path):
    mapping = {**OWN_MAPPING, "indicators": {CODE: {**OWN_MAPPING["indicators"][CODE]}}}
    mapping["indicators"][CODE]["unit"] = "stuks"
    with pytest.raises(MappingError, match=f"Indicator '{NAME}': onbekende eenheid 'stuks'"):
        parse_mapping(mapping, catalogue_codes=set())
    mapping["indicators"][CODE].update(unit="percent", variable="camera")
    path = tmp_path / "vm.csv"
    path.write_bytes(csv_upload().read())
    survey = read_survey_file(path, original_name="vm.csv", max_bytes=10**6)
    parsed = parse_mapping(mapping, catalogue_codes=set())
    with pytest.raises(SurveyFileError, match=f"De kolom 'camera' \\(indicator {NAME}\\)"):
        compute.prepare(survey, parsed, gemeente_code="GM0363")
