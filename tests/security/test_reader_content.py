"""Raadsleden and partners see only what was published to them: no live draft text on any
page they reach, nor in any file they can download (issue 12, "Who sees what").

The world: a project with a full draft (veiligheidsanalyse texts, priority reasoning and
scores, startnotitie, werkgroep, meetings, beleidsvragen, kadernota, goals, draagvlak,
actions). The analysis is published to the raad and the werkgroep, the kadernota ter
consultatie to the werkgroep only, and their PDF and DOCX are made. Then MARKER goes into
every draft field (tests/security/reader_world.py). A reader crawls every link from the
portfolio and the project page, and requests every URL of the permission matrix.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.formats import date_format

from tests.test_permission_matrix import MATRIX

from .reader_world import (
    MARKER,
    body_of,
    consultation_closes_on,
    crawl,
    full_draft,
    poison_drafts,
    publish,
    texts_in,
)

READERS = ("raadslid", "partner")


def _matrix_urls(world) -> list[str]:
    """Every URL of the permission matrix, built (once) with the row's own kwargs."""
    return [
        reverse(name, kwargs=kwargs_for(world))
        for name, (kwargs_for, _) in sorted(MATRIX.items())
        if name not in ("accounts:logout",)
    ]


@pytest.fixture
def drafted(content, world, django_capture_on_commit_callbacks):
    """The full draft, two published versions with their files, the matrix URLs, then the
    marker in every draft field."""
    full_draft(content)
    published = publish(
        content,
        render_pdf=True,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        actor=world.users["ambtenaar"],
    )
    urls = _matrix_urls(world)
    assert poison_drafts() > 100
    return published, urls


def _leaks(responses: dict[str, tuple[int, bytes]], text: str) -> list[str]:
    """The names of the URLs whose page or file shows `text` (names, so a failure reads as
    a list of pages)."""
    return sorted(
        {
            resolve(urlsplit(url).path).view_name
            for url, (_, data) in responses.items()
            if any(text in part for part in texts_in(data))
        }
    )


@pytest.mark.parametrize("persona", READERS)
def test_readers_see_no_draft_text_in_pages_or_files(drafted, world, persona):
    published, matrix_urls = drafted
    project, slug = published.project, world.gemeente.slug
    client = world.client(persona)
    project_page = reverse(
        "projects:project_home", kwargs={"gemeente_slug": slug, "project_uuid": project.uuid}
    )
    pages = crawl(client, ["/", "/?overzicht=1", project_page])
    # By hand: the raadslid reaches the analysis (PDF and DOCX); the partner also the
    # kadernota (DOCX), each with its version page.
    # Counted in this project: other matrix rows may publish in a project of their own.
    reached = [
        resolve(urlsplit(url).path).view_name for url in pages if f"/p/{project.uuid}/" in url
    ]
    files, versions = {"raadslid": (2, 1), "partner": (3, 2)}[persona]
    assert reached.count("reports:download") == files
    assert reached.count("reports:version") == versions
    # No link a reader is shown leads to a page they may not open.
    refused = sorted(url for url, (status, _) in pages.items() if status in (403, 404))
    assert not refused, f"Links to refused pages shown to the {persona}: {refused}"
    for url in matrix_urls:
        if url not in pages:
            response = client.get(url)
            pages[url] = (response.status_code, body_of(response))

    leaks = _leaks(pages, MARKER)
    assert not leaks, f"Draft text shown to the {persona} on: {', '.join(leaks)}"

    shown = {url for url, (status, _) in pages.items() if status == 200}
    assert project_page in shown
    # The crawl did reach the published version and its files, and read text in them.
    version_page = reverse(
        "reports:version",
        kwargs={
            "gemeente_slug": slug,
            "project_uuid": project.uuid,
            "version_uuid": published.for_both.uuid,
        },
    )
    assert version_page in shown
    downloads = [
        reverse(
            "reports:download",
            kwargs={"gemeente_slug": slug, "project_uuid": project.uuid, "run_uuid": run.uuid},
        )
        for run in published.files
        if run.version == published.for_both
    ]
    assert set(downloads) <= shown
    pdf_text = texts_in(pages[downloads[0]][1])
    assert any(project.name in part for part in pdf_text[1:]), "the PDF's text was read"
    # The editors' pages do show the marker: the draft is really there.
    editor = world.client("ambtenaar")
    theme = project.analysis_fields.get(code="1").themes.get(code="1.4")
    theme_page = reverse(
        "analysis:va_theme",
        kwargs={"gemeente_slug": slug, "project_uuid": project.uuid, "theme_uuid": theme.uuid},
    )
    assert MARKER in editor.get(theme_page).content.decode()

    if persona == "raadslid":  # the kadernota went to the werkgroep only
        hidden = str(published.werkgroep_only.uuid)
        assert _leaks(pages, hidden) == []
        assert _leaks(pages, "Alleen voor de werkgroep-9c2e") == []
    audit = reverse(
        "projects:project_audit", kwargs={"gemeente_slug": slug, "project_uuid": project.uuid}
    )
    assert pages[audit][0] == 403


@pytest.fixture
def sent(content, world, django_capture_on_commit_callbacks):
    """The same world without the PDF (the pages below need no PDF text)."""
    full_draft(content)
    published = publish(
        content,
        render_pdf=False,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        actor=world.users["ambtenaar"],
    )
    poison_drafts()
    return published


def _url(name, world, **kwargs) -> str:
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    return reverse(name, kwargs=base | kwargs)


def test_a_partner_sees_their_own_question_on_a_werkgroep_version(sent, world):
    partner = world.client("partner")
    kadernota = sent.werkgroep_only
    page = _url("reports:version", world, version_uuid=kadernota.uuid)
    section = kadernota.snapshot["sections"][0]["key"]
    question = "Wat betekent dit voor de wijkagenten in Noord?"
    response = partner.post(
        _url("reports:comment", world, version_uuid=kadernota.uuid),
        {"section_key": section, "body": question},
    )
    assert response.status_code == 302 and response["Location"].startswith(page)
    shown = partner.get(page).content.decode()
    assert question in shown and MARKER not in shown
    # The raadslid reaches neither the version nor the question.
    raadslid = world.client("raadslid")
    assert raadslid.get(page).status_code == 404
    assert question not in raadslid.get(_url("projects:project_home", world)).content.decode()


def test_the_project_page_lists_what_was_sent_to_each_reader(sent, world):
    from kernbeleid.models import RaadDecision

    RaadDecision.objects.filter(project=world.project).update(number="RB-2026-014")
    raad = world.client("raadslid").get(_url("projects:project_home", world)).content.decode()
    werkgroep = world.client("partner").get(_url("projects:project_home", world)).content.decode()
    analysis, kadernota = str(sent.for_both.uuid), str(sent.werkgroep_only.uuid)

    # Raadsleden: the analysis ter informatie, nothing of the werkgroep's kadernota; the
    # raad's decision with its number, not its (internal) toelichting.
    assert analysis in raad and kadernota not in raad
    assert raad.count("ter informatie") == 1 and "ter consultatie" not in raad
    assert "Besluiten van de raad" in raad and "RB-2026-014" in raad
    # Partners: both, the kadernota ter consultatie with its closing date; no raad decisions.
    assert analysis in werkgroep and kadernota in werkgroep
    with translation.override("nl"):
        closes = date_format(consultation_closes_on(), "j F Y")
    assert "ter consultatie" in werkgroep and closes in werkgroep
    assert "Besluiten van de raad" not in werkgroep and "RB-2026-014" not in werkgroep
    # Where the traject stands (the world's project is at step 3), and no live pages.
    for page in (raad, werkgroep):
        assert "Stap 3 van 12: <strong>Startbijeenkomst werkgroep</strong>" in page
        assert MARKER not in page
        for live in ("analysis:overview", "analysis:va_overview", "kernbeleid:timeline"):
            assert f'href="{_url(live, world)}"' not in page
        assert f'href="{_url("projects:project_audit", world)}"' not in page


def test_readers_get_no_audit_log_nor_live_pages(world):
    for persona in ("raadslid", "partner"):
        client = world.client(persona)
        assert client.get(_url("projects:project_audit", world)).status_code == 403
        assert client.get(_url("analysis:va_overview", world)).status_code == 403
        assert client.get(_url("kernbeleid:timeline", world)).status_code == 403
        assert client.get(_url("kernbeleid:kadernota", world)).status_code == 403
    assert world.client("ambtenaar").get(_url("kernbeleid:timeline", world)).status_code == 200
