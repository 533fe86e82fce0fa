"""The page "Vertrouwelijke onderdelen" as an editor uses it: every markable part listed,
marking and unmarking, refused input shown again with what was typed, the badges on the
theme and kadernota pages, and readers who can change nothing."""

import pytest
from django.urls import reverse

from analysis.models import AnalysisTheme
from projects.confidentiality import kadernota_key, theme_key, theme_text_key
from projects.models import ConfidentialMark
from reports import selectors
from tests.factories import ProjectFactory


def _url(project, name, **kwargs):
    return reverse(
        name,
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid, **kwargs},
    )


@pytest.fixture
def theme(content):
    return AnalysisTheme.objects.get(field__project=content, code="1.4")


def test_the_page_lists_every_kind_of_part(content, world, theme):
    page = world.client("ambtenaar").get(_url(content, "reports:confidential"))
    html = page.content.decode()
    assert page.status_code == 200
    for text in (
        "Thema&#x27;s van de veiligheidsanalyse",
        f"{theme.name}: Belangrijkste knelpunten",  # written in the fixture
        "Teksten van de kadernota",
        "Visie",
        "Indeling van de veiligheidsanalyse",
        "Indeling van de kadernota integrale veiligheid",
        selectors.structure_for(content, "kadernota").sections.first().title,
        "Cijfers (grafieken en tabellen van een indicator)",
        "Voelt zich weleens onveilig (algemeen)",
        "Nog geen onderdelen gemarkeerd.",
    ):
        assert text in html, text
    assert f"{theme.name}: Huidige aanpak" not in html  # nobody wrote it: nothing to hide yet


def test_an_editor_marks_and_unmarks_and_sees_the_badges(content, world, theme):
    client = world.client("ambtenaar")
    response = client.post(
        _url(content, "reports:confidential_mark"),
        {"key": theme_key(theme), "reason": "ondermijning", "note": "RIEC-beeld 2026"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#deel-thema-{theme.uuid}")
    mark = ConfidentialMark.objects.get(project=content)
    assert (mark.key, mark.reason, mark.note) == (
        theme_key(theme),
        "ondermijning",
        "RIEC-beeld 2026",
    )
    badge = "Vertrouwelijk: ondermijningsbeeld (RIEC)"
    page = client.get(_url(content, "reports:confidential")).content.decode()
    assert badge in page and "RIEC-beeld 2026" in page and "1 onderdeel gemarkeerd:" in page
    overview = client.get(_url(content, "analysis:va_overview")).content.decode()
    assert badge in overview
    theme_page = client.get(_url(content, "analysis:va_theme", theme_uuid=theme.uuid))
    assert badge in theme_page.content.decode()
    client.post(
        _url(content, "reports:confidential_mark"),
        {"key": kadernota_key("visie"), "reason": "geheimhouding", "note": ""},
    )
    kadernota = client.get(_url(content, "kernbeleid:kadernota")).content.decode()
    assert "Vertrouwelijk: geheimhouding (art. 25 Gemeentewet)" in kadernota
    response = client.post(_url(content, "reports:confidential_clear"), {"key": theme_key(theme)})
    assert response.status_code == 302
    assert list(ConfidentialMark.objects.values_list("key", flat=True)) == ["kadernota:visie"]
    assert badge not in client.get(_url(content, "analysis:va_overview")).content.decode()


def test_a_refused_mark_shows_the_page_again_with_what_was_typed(content, world, theme):
    client = world.client("adviseur")
    key = theme_text_key(theme, "knelpunten")
    response = client.post(
        _url(content, "reports:confidential_mark"),
        {"key": key, "reason": "overig", "note": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Licht toe waarom dit onderdeel vertrouwelijk is." in html
    assert "Niet gemarkeerd: zie de melding bij" in html
    assert '<option value="overig" selected>' in html
    assert '<details class="mt-1" open>' in html
    response = client.post(
        _url(content, "reports:confidential_mark"),
        {"key": key, "reason": "", "note": "Mijn toelichting"},
    )
    assert response.status_code == 400
    assert 'value="Mijn toelichting"' in response.content.decode()
    assert not ConfidentialMark.objects.exists()


def test_a_part_of_another_project_cannot_be_marked_through_this_one(content, world, theme):
    other = ProjectFactory(gemeente=world.gemeente)
    response = world.client("ambtenaar").post(
        _url(other, "reports:confidential_mark"),
        {"key": theme_key(theme), "reason": "politie", "note": ""},
    )
    assert response.status_code == 400
    assert "Dit onderdeel bestaat niet in dit project." in response.content.decode()
    assert not ConfidentialMark.objects.exists()


@pytest.mark.parametrize("persona", ["raadslid", "partner"])
def test_readers_neither_see_nor_change_the_marks(content, world, theme, persona):
    ConfidentialMark.objects.create(project=content, key=theme_key(theme), reason="politie")
    client = world.client(persona)
    assert client.get(_url(content, "reports:confidential")).status_code == 403
    data = {"key": theme_key(theme), "reason": "overig", "note": "weg"}
    assert client.post(_url(content, "reports:confidential_mark"), data).status_code == 403
    assert client.post(_url(content, "reports:confidential_clear"), data).status_code == 403
    assert ConfidentialMark.objects.get().reason == "politie"


def test_another_gemeente_gets_404(content, world, theme):
    client = world.client("outsider")
    assert client.get(_url(content, "reports:confidential")).status_code == 404


def test_a_reader_cannot_ask_about_a_section_left_out_for_them(world):
    from django.core.exceptions import ValidationError

    from reports import services
    from reports.blocks import ParagraphsBlock, Section
    from reports.constants import Audience
    from reports.models import ReportVersion
    from tests.reports.snapshots import snapshot

    project = world.project
    version = ReportVersion.objects.create(
        project=project,
        document="analyse",
        major=0,
        minor=1,
        content_hash="vertrouwelijk-0.1",
        snapshot=snapshot(
            Section("s1", "Veiligheidsvelden", 1, True, [], confidential="politie-informatie"),
            Section("thema-5.2", "Ondermijning", 2, True, [ParagraphsBlock(["Geheim"])]),
        ).to_json(),
        structure_name="standaardindeling",
    )
    services.publish(actor=world.users["ambtenaar"], version=version, audience=Audience.RAAD)
    raadslid = world.users["raadslid"]
    with pytest.raises(ValidationError, match="staat niet in deze versie"):
        services.comment_add(actor=raadslid, version=version, section_key="thema-5.2", body="?")
    services.comment_add(actor=raadslid, version=version, section_key="s1", body="Waarom?")
    # The editor answers about every section, the confidential one included.
    services.comment_add(
        actor=world.users["ambtenaar"], version=version, section_key="thema-5.2", body="Notitie"
    )


def test_the_page_names_published_versions_made_before_a_mark(world):
    from datetime import timedelta

    from django.utils import timezone

    from reports.constants import Audience
    from reports.models import Publication, ReportVersion
    from tests.reports.publication_helpers import stored_version

    project = world.project
    old = stored_version(project, document="analyse", minor=1)
    Publication.objects.create(version=old, audience=Audience.RAAD, step=4)
    unpublished = stored_version(project, document="analyse", minor=2)
    ConfidentialMark.objects.create(project=project, key="kadernota:visie", reason="politie")
    later = stored_version(project, document="analyse", minor=3)
    Publication.objects.create(version=later, audience=Audience.RAAD, step=4)
    ReportVersion.objects.filter(pk=later.pk).update(
        created_at=timezone.now() + timedelta(minutes=1)
    )
    html = world.client("ambtenaar").get(_url(project, "reports:confidential")).content.decode()
    assert "gemaakt vóór de laatste markering" in html
    assert str(old.uuid) in html
    assert str(unpublished.uuid) not in html and str(later.uuid) not in html


def test_the_publish_page_says_how_many_parts_readers_will_not_see(world):
    from reports.blocks import ConfidentialBlock, ParagraphsBlock, Section
    from reports.models import ReportVersion
    from tests.reports.snapshots import snapshot

    project = world.project
    version = ReportVersion.objects.create(
        project=project,
        document="analyse",
        major=0,
        minor=1,
        content_hash="vertrouwelijk-0.1",
        snapshot=snapshot(
            Section("s1", "Velden", 1, True, [], confidential="politie-informatie"),
            Section(
                "s2",
                "Wijken",
                1,
                True,
                [ConfidentialBlock("politie-informatie", [ParagraphsBlock(["Geheim"])])],
            ),
        ).to_json(),
        structure_name="standaardindeling",
    )
    page = world.client("ambtenaar").get(
        _url(project, "reports:publish", version_uuid=version.uuid)
    )
    assert "Deze versie heeft 2 vertrouwelijke onderdelen." in page.content.decode()
