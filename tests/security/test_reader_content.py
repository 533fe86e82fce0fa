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

from tests.test_permission_matrix import MATRIX

from .reader_world import (
    MARKER,
    body_of,
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
