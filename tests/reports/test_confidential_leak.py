"""The leak test of issue 14: confidential text planted in a theme text, a kadernota chapter,
a structure section's fixed text and a confidential figure reaches no raadslid or partner,
through any channel: the version page, the PDF, the DOCX, the figure ZIP, the diff page,
the exports and the drafts. Each of them shows the placeholder where the content was; the
editor's own version page shows the content with its label."""

import io
import re
import zipfile

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from analysis.figures.models import Indicator
from analysis.models import AnalysisTheme
from analysis.narrative.services import theme_save
from kernbeleid.products.models import Goal, Kadernota
from projects.confidentiality import figure_key, kadernota_key, section_key, theme_text_key
from projects.confidentiality_services import confidential_mark_set
from projects.constants import CONFIDENTIAL_PLACEHOLDER
from reports import selectors, services
from reports.constants import Audience, RenderFormat, SectionSource
from reports.models import RenderRun

# Unique words: nothing else in a document contains them, and none breaks across lines.
THEME_SECRET = "Kwartelkoningaanpak"
KADERNOTA_SECRET = "Boomvalkvisie"
SECTION_SECRET = "Zwaluwstaartbijlage"
SECRETS = (THEME_SECRET, KADERNOTA_SECRET, SECTION_SECRET)
# voelt_zich_weleens_onveilig in the hand-sized survey (tests/analysis/conftest.py): weights
# 1, 2, 1, 0.5, 1.5 (the 99 is missing) and "yes" for 1, 1 and 0.5: 2.5 / 6 = 41.7%; per wijk
# 2 / 4 = 50.0% and 0.5 / 2 = 25.0%.
FIGURE = "voelt_zich_weleens_onveilig"
FIGURE_VALUES = ("41,7", "50,0%", "25,0%")
READERS = ("raadslid", "partner")


def _url(project, name, **kwargs):
    return reverse(
        name,
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid, **kwargs},
    )


@pytest.fixture
def planted(content, world):
    """The content project with a secret in each markable kind of part, all marked, and a
    priority whose goal quotes the confidential figure."""
    project, actor = content, world.users["ambtenaar"]
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    theme_save(
        actor=actor,
        theme=theme,
        base_version=theme.version,
        texts={
            "knelpunten": "<p>Onveiligheid in het centrum</p>",
            "huidige_aanpak": f"<p>De {THEME_SECRET} loopt via het RIEC.</p>",
        },
    )
    AnalysisTheme.objects.filter(pk=theme.pk).update(
        proposed_priority=True, priority_reasoning="Het veiligheidsgevoel daalt."
    )
    Goal.objects.create(
        project=project,
        theme=theme,
        description="Minder inwoners voelen zich onveilig",
        indicator=Indicator.objects.get(code=FIGURE, gemeente__isnull=True),
        baseline_value=41.7,
        baseline_year=2023,
        target_value=35.0,
        target_year=2030,
    )
    Kadernota.objects.update_or_create(
        project=project,
        defaults={
            "visie": f"Onze {KADERNOTA_SECRET} houdt de ondermijning buiten de deur.\nTweede.",
            "aanleiding": "De raad vroeg om een nieuwe kadernota.",
        },
    )
    standard = selectors.structure_for(project, "kadernota")
    own = services.structure_copy(
        actor=actor, project=project, document="kadernota", source=standard, name="Eigen"
    )
    secret_section = services.section_add(
        actor=actor,
        project=project,
        structure=own,
        title="Bijlage RIEC-beeld",
        source=SectionSource.FIXED,
        fixed_text=f"<p>Het {SECTION_SECRET} van het RIEC.</p>",
    )
    for key, reason in (
        (theme_text_key(theme, "huidige_aanpak"), "ondermijning"),
        (kadernota_key("visie"), "geheimhouding"),
        (section_key(secret_section), "ondermijning"),
        (figure_key(FIGURE), "politie"),
    ):
        confidential_mark_set(actor=actor, project=project, key=key, reason=reason, note="")
    return project


@pytest.fixture
def published(planted, world, django_capture_on_commit_callbacks):
    """Both documents as versions, published to the raad and the werkgroep."""
    actor = world.users["ambtenaar"]
    versions = {}
    with django_capture_on_commit_callbacks(execute=True):
        for document in ("analyse", "kadernota"):
            version = services.version_for(actor=actor, project=planted, document=document)
            for audience in (Audience.RAAD, Audience.WERKGROEP):
                services.publish(actor=actor, version=version, audience=audience)
            versions[document] = version
    return versions


@pytest.fixture
def rendered(published, world, django_capture_on_commit_callbacks):
    """The published versions with their PDF, DOCX and figure ZIP made."""
    with django_capture_on_commit_callbacks(execute=True):
        for version in published.values():
            for fmt in RenderFormat.values:
                services.render_request(actor=world.users["ambtenaar"], version=version, fmt=fmt)
    for run in RenderRun.objects.all():
        run.refresh_from_db()
        assert run.status == "done", run.message
    return published


def _download(client, project, run) -> bytes:
    response = client.get(_url(project, "reports:download", run_uuid=run.uuid))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    # Every XML part as well: alt texts, captions, headers, the core properties.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    return "\n".join(parts)


def _zip_text(data: bytes) -> str:
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(content)) as book:
                    parts += [book.read(n).decode("utf-8", "replace") for n in book.namelist()]
            else:
                parts.append(content.decode("utf-8", "replace"))
    return "\n".join(parts)


def _assert_clean(text: str, where: str) -> None:
    for secret in SECRETS + FIGURE_VALUES:
        assert secret not in text, f"{secret!r} in {where}"


def test_the_editor_sees_the_confidential_content_with_its_label(published, world):
    client = world.client("ambtenaar")
    for version in published.values():
        page = client.get(_url(version.project, "reports:version", version_uuid=version.uuid))
        html = page.content.decode()
        assert page.status_code == 200
        assert "Vertrouwelijk: ondermijningsbeeld (RIEC)" in html
        assert "Vertrouwelijk: politie-informatie" in html
    analyse = client.get(
        _url(world.project, "reports:version", version_uuid=published["analyse"].uuid)
    ).content.decode()
    assert THEME_SECRET in analyse and "41,7" in analyse
    kadernota = client.get(
        _url(world.project, "reports:version", version_uuid=published["kadernota"].uuid)
    ).content.decode()
    assert KADERNOTA_SECRET in kadernota and SECTION_SECRET in kadernota
    assert "Vertrouwelijk: geheimhouding (art. 25 Gemeentewet)" in kadernota


@pytest.mark.parametrize("persona", READERS)
def test_no_reader_gets_confidential_content_on_the_version_page(published, world, persona):
    client = world.client(persona)
    for version in published.values():
        page = client.get(_url(version.project, "reports:version", version_uuid=version.uuid))
        assert page.status_code == 200
        html = page.content.decode()
        _assert_clean(html, f"version page {version.document} as {persona}")
        assert CONFIDENTIAL_PLACEHOLDER in html
        assert "Vertrouwelijk:" not in html
    kadernota = client.get(
        _url(world.project, "reports:version", version_uuid=published["kadernota"].uuid)
    ).content.decode()
    # What is not confidential is still there: the title of the marked chapter, the aanleiding.
    assert "Bijlage RIEC-beeld" in kadernota
    assert "De raad vroeg om een nieuwe kadernota" in kadernota


def test_no_reader_gets_confidential_content_in_any_file(rendered, world):
    for persona in READERS:
        client = world.client(persona)
        for version in rendered.values():
            runs = {run.format: run for run in version.renders.all()}
            where = f"{version.document} as {persona}"
            pdf = _pdf_text(_download(client, world.project, runs[RenderFormat.PDF]))
            _assert_clean(pdf, f"PDF {where}")
            assert CONFIDENTIAL_PLACEHOLDER in pdf
            word = _docx_text(_download(client, world.project, runs[RenderFormat.DOCX]))
            _assert_clean(word, f"DOCX {where}")
            assert CONFIDENTIAL_PLACEHOLDER in word
            figures = _zip_text(_download(client, world.project, runs[RenderFormat.FIGURES]))
            _assert_clean(figures, f"figure ZIP {where}")
        # What is not confidential is still there: the theme's knelpunten, the other figure.
        analyse = {run.format: run for run in rendered["analyse"].renders.all()}
        pdf = _pdf_text(_download(client, world.project, analyse[RenderFormat.PDF]))
        assert "Onveiligheid in het centrum" in pdf
        assert "Rapportcijfer veiligheid in de buurt" in pdf


@pytest.mark.parametrize("persona", READERS)
def test_readers_reach_no_diff_export_draft_or_wijkprofiel(published, planted, world, persona):
    """The editors' channels that show live content or the whole snapshot refuse readers."""
    client = world.client(persona)
    theme = AnalysisTheme.objects.get(field__project=planted, code="1.4")
    old, new = published["analyse"], published["kadernota"]
    urls = [
        _url(planted, "reports:diff") + f"?van={old.uuid}&naar={new.uuid}",
        _url(planted, "analysis:export", fmt="xlsx"),
        _url(planted, "analysis:export", fmt="csv"),
        _url(planted, "analysis:va_theme", theme_uuid=theme.uuid),  # texts and the drafts
        _url(planted, "analysis:va_wijk", code="WK036300"),
        _url(planted, "analysis:theme", theme_code="1.4"),
        _url(planted, "analysis:indicator", code=FIGURE),
        _url(planted, "kernbeleid:kadernota"),
        _url(planted, "reports:confidential"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403, url
        _assert_clean(response.content.decode(), url)


def test_the_diff_as_a_reader_would_read_it_leaves_the_content_out(published, world):
    actor = world.users["ambtenaar"]
    Kadernota.objects.filter(project=world.project).update(aanleiding="Een nieuwe aanleiding.")
    newer = services.version_for(actor=actor, project=world.project, document="kadernota")
    older = published["kadernota"]
    redacted_rows = selectors.section_diff(older, newer)
    text = " ".join(line for row in redacted_rows for _, line in row["lines"])
    assert "Een nieuwe aanleiding." in text
    full = selectors.section_diff(older, newer, redact=False)
    assert any(row["state"] == "gewijzigd" for row in full)
    _assert_clean(str(redacted_rows), "redacted diff")
